#!/usr/bin/env node
// `npm test`: type-checks, builds the web pages the browser tests need, runs every vitest project, and ends with the
// plain closing line "N passed, N failed". Under CI=true a skipped test fails the run: the database
// engines and the browser are requirements there, not options.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const ci = process.env.CI === 'true';
const extra = process.argv.slice(2);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

if (!process.env.DATABASE_URL) {
  const message = 'DATABASE_URL is not set: repository tests run on SQLite only (set it to add PostgreSQL/PostGIS).';
  if (ci) {
    console.error(`CI=true: ${message}`);
    process.exit(1);
  }
  console.warn(message);
}

if (run('npm', ['run', 'typecheck', '--silent']) !== 0) {
  console.error('Type checking failed.');
  process.exit(1);
}
if (run('npm', ['run', 'build', '--silent']) !== 0) {
  console.error('The web build failed.');
  process.exit(1);
}

const results = '.vitest-results.json';
rmSync(results, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...extra]);
if (!existsSync(results)) {
  console.error('vitest wrote no results');
  process.exit(status || 1);
}
const r = JSON.parse(readFileSync(results, 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
// A file whose setup failed has no failed test of its own (its tests count as skipped): count it as one.
const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
const failed = r.numFailedTests + brokenFiles;
console.log(`\n${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
if (ci && skipped > 0) {
  console.error(`CI=true: ${skipped} test(s) were skipped; nothing may skip in CI.`);
  process.exit(1);
}
if (r.numTotalTests === 0) {
  console.error('No test ran.');
  process.exit(1);
}
process.exit(status === 0 && failed === 0 ? 0 : 1);

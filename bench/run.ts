// Workload benchmarks, run on demand with `npm run bench [-- name …]` (never part of `npm test`). Each
// workload runs on SQLite and, when DATABASE_URL is set, on PostgreSQL/PostGIS in the same run, next to its
// anchor (a raw-engine baseline), so the figures compare on the same machine at the same moment. Copy the
// printed table into BENCHMARKS.md with the date and the machine.
import { cpus, totalmem } from 'node:os';
import { testEngines } from '../packages/server/test/engines.ts';
import type { Row, Workload } from './harness.ts';
import { registerWorkload } from './workloads/register.ts';
import { ingestWorkload } from './workloads/ingest.ts';
import { complianceWorkload } from './workloads/compliance.ts';
import { assignWorkload } from './workloads/assign.ts';
import { ledgerWorkload } from './workloads/ledger.ts';
import { dashboardWorkload } from './workloads/dashboard.ts';

const all: Workload[] = [registerWorkload, ingestWorkload, complianceWorkload, assignWorkload, ledgerWorkload, dashboardWorkload];
const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((w) => wanted.includes(w.name)) : all;
if (chosen.length === 0) {
  console.error(`unknown workload; choose from: ${all.map((w) => w.name).join(', ')}`);
  process.exit(2);
}

console.log(`Linzhang benchmarks — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const rows: Row[] = [];
for (const workload of chosen) {
  for (const engine of testEngines()) {
    await workload.run(engine, (name, result) => {
      rows.push({ engine: engine.name, workload: name, result });
      console.log(`  ${engine.name} · ${name}: ${result}`);
    });
  }
}
console.log('\n| engine | workload | result |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.engine} | ${r.workload} | ${r.result} |`);

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createSchemaIfMissing, openStore } from '../src/db/connect.ts';
import { testEngines } from './engines.ts';

// The CLI contract (foundation issue §9): every command honours --data and DATABASE_URL alike.
const bin = fileURLToPath(new URL('../bin/linzhang.mjs', import.meta.url));

interface Target {
  name: string;
  env: NodeJS.ProcessEnv;
  args: string[];
  cleanup(): Promise<void>;
}

async function targets(): Promise<Target[]> {
  const out: Target[] = [];
  for (const engine of testEngines()) {
    if (engine.name === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'linzhang-cli-'));
      const env = { ...process.env };
      delete env.DATABASE_URL;
      out.push({ name: 'sqlite', env, args: ['--data', dir], cleanup: async () => rmSync(dir, { recursive: true, force: true }) });
    } else {
      // A schema of its own, chosen through the connection string's options, as an operator could do.
      const url = process.env.DATABASE_URL!;
      const schema = `cli_${randomBytes(5).toString('hex')}`;
      await createSchemaIfMissing(url, schema);
      const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema},public`)}`;
      out.push({
        name: 'postgres',
        env: { ...process.env, DATABASE_URL: withSchema },
        args: [],
        cleanup: async () => {
          const store = openStore({ engine: 'postgres', url });
          await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
          await store.close();
        },
      });
    }
  }
  return out;
}

const run = (t: Target, args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args, ...t.args], { env: t.env, input, encoding: 'utf8', timeout: 120_000 });

const all = await targets();
afterAll(async () => {
  for (const t of all) await t.cleanup();
});

describe.each(all)('linzhang CLI on $name', (t) => {
  it('migrates, creates a user from stdin, builds the Banan demo and lists its accounts', () => {
    expect(run(t, ['migrate']).status).toBe(0);
    const demo = run(t, ['demo', '--county', '500113', '--no-activity']);
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('巴南区');
    const user = run(t, ['user', 'create', '--username', 'clerk', '--role', 'staff', '--unit', '500113', '--password-stdin'], 'a-long-password\n');
    expect(user.stdout).toContain('已创建账号');
    expect(user.status).toBe(0);
    const again = run(t, ['user', 'create', '--username', 'clerk', '--role', 'staff', '--unit', '500113', '--password-stdin'], 'a-long-password\n');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('用户名已存在');
    const list = run(t, ['demo', '--list-users']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('chief-500113000000');
    expect(list.stdout).toMatch(/ranger-500113\d{6}-4\b/);
    expect(list.stdout).toContain('clerk');
  });

  it('refuses bad arguments with exit code 2 and says why', () => {
    const bad = run(t, ['user', 'create', '--username', 'x y', '--role', 'boss', '--unit', '123', '--password-stdin'], 'pw');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--username');
    expect(bad.stderr).toContain('--role');
    expect(bad.stderr).toContain('--unit');
    expect(run(t, ['frobnicate']).status).toBe(2);
    expect(run(t, ['demo', '--county', '110101']).status).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createSchemaIfMissing, openStore } from '../src/db/connect.ts';
import { testEngines } from './engines.ts';

// The CLI contract (foundation issue §9): every command honours --data and DATABASE_URL alike.
export const bin = fileURLToPath(new URL('../bin/linzhang.mjs', import.meta.url));

export interface Target {
  name: string;
  env: NodeJS.ProcessEnv;
  args: string[];
  cleanup(): Promise<void>;
}

export async function targets(): Promise<Target[]> {
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

export const run = (t: Target, args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args, ...t.args], { env: t.env, input, encoding: 'utf8', timeout: 120_000 });


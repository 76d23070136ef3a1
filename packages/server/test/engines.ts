import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createSchemaIfMissing, openStore, type Store } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** Where a test store lives, for benchmarks that compare against the raw engine on the same data. */
export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store; dispose() removes it. */
  open(): Promise<Store & { location: StoreLocation; dispose(): Promise<void> }>;
}

/**
 * The engines every repository test runs on: SQLite always; PostgreSQL/PostGIS when DATABASE_URL is set.
 * Under CI=true a missing DATABASE_URL is an error, never a silent skip.
 */
export function testEngines(): TestEngine[] {
  const url = process.env.DATABASE_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but DATABASE_URL is not set: the PostgreSQL/PostGIS engine must be tested in CI');
  }
  const engines: TestEngine[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'linzhang-test-'));
        const store = openStore({ engine: 'sqlite', dataDir: dir });
        await migrateToLatest(store.db);
        return {
          ...store,
          location: { kind: 'sqlite', file: join(dir, 'linzhang.sqlite') },
          async dispose() {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  if (url) {
    engines.push({
      name: 'postgres',
      async open() {
        // One schema per store (PostGIS stays in public): isolated and cheap to drop.
        const schema = `t_${randomBytes(6).toString('hex')}`;
        await createSchemaIfMissing(url, schema);
        const store = openStore({ engine: 'postgres', url, schema });
        await migrateToLatest(store.db);
        return {
          ...store,
          location: { kind: 'postgres', url, schema },
          async dispose() {
            await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
            await store.close();
          },
        };
      },
    });
  }
  return engines;
}

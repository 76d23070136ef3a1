import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.ts';
import { postgresSpatial, sqliteSpatial, type SpatialEngine } from './spatial.ts';

export interface Store {
  db: Kysely<Database>;
  spatial: SpatialEngine;
  /** A human description for logs: the file or the database (never the password). */
  describe: string;
  close(): Promise<void>;
}

export type StoreOptions =
  | { engine: 'sqlite'; dataDir: string }
  | { engine: 'postgres'; url: string; schema?: string };

export function openStore(options: StoreOptions): Store {
  return options.engine === 'sqlite' ? openSqlite(options.dataDir) : openPostgres(options.url, options.schema);
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'linzhang.sqlite');
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, spatial: sqliteSpatial, describe: `SQLite ${file}`, close: () => db.destroy() };
}

// PostgreSQL returns bigint and numeric as strings by default; our counts and ids fit in doubles.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

function openPostgres(url: string, schema?: string): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const where = new URL(url);
  return {
    db,
    spatial: postgresSpatial,
    describe: `PostgreSQL ${where.host}${where.pathname}${schema ? ` (schema ${schema})` : ''}`,
    close: () => db.destroy(),
  };
}

export async function createSchemaIfMissing(url: string, schema: string): Promise<void> {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } finally {
    await db.destroy();
  }
}

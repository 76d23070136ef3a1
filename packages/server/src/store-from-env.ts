import { resolve } from 'node:path';
import { openStore, type Store } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Settings } from './config/env.ts';

/** The store every command uses: PostgreSQL when DATABASE_URL is set, else SQLite in the data directory. */
export async function openMigratedStore(settings: Settings, dataDir: string): Promise<Store> {
  const store = settings.databaseUrl
    ? openStore({ engine: 'postgres', url: settings.databaseUrl })
    : openStore({ engine: 'sqlite', dataDir: resolve(dataDir) });
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

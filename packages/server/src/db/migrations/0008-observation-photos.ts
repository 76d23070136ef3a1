import { sql, type Kysely } from 'kysely';

// Issue 3 §1: photos attached at points of the track — the ids (SHA-256) of files in the file store, as JSON.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table patrol_observations add column photos text not null default '[]'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The observation photos migration cannot be reverted');
}

import type { Kysely } from 'kysely';

// What a patroller notes at a point of the track (issue 3 §1). Client ids: a retried upload adds nothing twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patrol_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patrol_id', 'text', (c) => c.notNull().references('patrols.id').onDelete('cascade'))
    .addColumn('t', 'bigint', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrol_observations_patrol').on('patrol_observations').column('patrol_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('The patrol observations migration cannot be reverted');
}

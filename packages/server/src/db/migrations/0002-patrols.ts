import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

// Patrols (issue 3): client-generated ids make every upload idempotent; a fix is identified by its patrol
// and its time, so a retried batch inserts nothing twice.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('patrols')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('distance_m', 'double precision')
    .addColumn('duration_s', 'double precision')
    .addColumn('moving_s', 'double precision')
    .addColumn('in_area_share', 'double precision')
    .addColumn('fixes_kept', 'integer')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('valid', 'integer')
    .addColumn('invalid_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('fingerprint', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrols_unit_started').on('patrols').columns(['unit_code', 'started_at']).execute();
  await db.schema.createIndex('patrols_person_started').on('patrols').columns(['person_id', 'started_at']).execute();

  await db.schema
    .createTable('patrol_fixes')
    .addColumn('patrol_id', 'text', (c) => c.notNull().references('patrols.id').onDelete('cascade'))
    .addColumn('t', 'bigint', (c) => c.notNull()) // epoch milliseconds
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('accuracy', 'double precision')
    .addPrimaryKeyConstraint('patrol_fixes_pk', ['patrol_id', 't'])
    .execute();

  await db.schema
    .createTable('patrol_pauses')
    .addColumn('patrol_id', 'text', (c) => c.notNull().references('patrols.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addPrimaryKeyConstraint('patrol_pauses_pk', ['patrol_id', 'started_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The patrols migration cannot be reverted');
}

import type { Kysely } from 'kysely';
import { isPostgres } from '../engine-of.ts';

// Issue 4: the problem closed loop — problems, their timeline, evidence photos, 约谈 records, the in-app inbox,
// the webhook outbox, and the record of scheduled job runs that makes `jobs run` safe to repeat.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pgEngine = isPostgres(db);
  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('geom_json', 'text') // a polygon for patches and drawn areas; the point is its representative point
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('due_soon_at', 'text', (c) => c.notNull())
    .addColumn('due_soon_notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_level', 'text')
    .addColumn('supervision_due_at', 'text')
    .addColumn('interviewed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reporter_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reporter_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_phone', 'text')
    .addColumn('assignee_unit_code', 'text', (c) => c.references('units.code'))
    .addColumn('assignee_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('handled_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('handled_by_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('verified_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('needs_field_check', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('patrol_id', 'text', (c) => c.references('patrols.id'))
    .addColumn('parcel_ref', 'text')
    .addColumn('fire_ref', 'text')
    .addColumn('pest_ref', 'text')
    .addColumn('external_ref', 'text') // patch number, ledger row number
    .addColumn('import_batch', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problems_unit').on('problems').columns(['unit_code', 'reported_at']).execute();
  await db.schema.createIndex('problems_open').on('problems').columns(['status', 'deadline_at']).execute();
  await db.schema.createIndex('problems_assignee').on('problems').column('assignee_person_id').execute();
  await db.schema.createIndex('problems_external').on('problems').columns(['source', 'external_ref']).unique().execute();

  await db.schema
    .createTable('problem_events') // a serial id keeps the order of steps taken in the same millisecond
    .addColumn('id', pgEngine ? 'bigserial' : 'integer', (c) => (pgEngine ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('data_json', 'text')
    .execute();
  await db.schema.createIndex('problem_events_problem').on('problem_events').columns(['problem_id', 'at']).execute();

  await db.schema
    .createTable('problem_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('problem_events.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problem_photos_problem').on('problem_photos').column('problem_id').execute();
  await db.schema.createIndex('problem_photos_file').on('problem_photos').column('file_id').execute();

  await db.schema
    .createTable('interviews') // 约谈
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().unique().references('problems.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('problem_id', 'text', (c) => c.references('problems.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('webhook_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('webhook_outbox_due').on('webhook_outbox').columns(['delivered_at', 'next_attempt_at']).execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull()) // the scheduled time this run stands for (ISO UTC)
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('summary', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'slot'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The problems migration cannot be reverted');
}

import type { Kysely } from 'kysely';

// Issue 8 §2 (DOMAIN.md §10): each imported plan target tracked — its owners, its measure (progress reports
// entered, or an indicator the system computes), its report schedule and due date; the progress reports; the
// evidence files of its tick-off (销号); and the overdue reports already urged (督办), so that each is urged once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workplan_target_tracking')
    .addColumn('target_id', 'text', (c) => c.primaryKey().references('workplan_targets.id'))
    .addColumn('owner_unit_codes', 'text', (c) => c.notNull()) // JSON array of unit codes
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('measure', 'text', (c) => c.notNull()) // 'manual' | 'indicator'
    .addColumn('indicator_key', 'text')
    .addColumn('indicator_unit_code', 'text', (c) => c.references('units.code')) // whose value counts (default the plan's unit)
    .addColumn('report_every', 'text') // 'month' | 'quarter' | 'half' | null: no scheduled reports
    .addColumn('due_on', 'text') // YYYY-MM-DD; null: the plan year's end (or the task's written deadline)
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('close_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('workplan_target_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_id', 'text', (c) => c.notNull().references('workplan_targets.id'))
    .addColumn('period_key', 'text', (c) => c.notNull()) // 2024-Q1, 2024-05, 2024-H1, or the day for unscheduled reports
    .addColumn('value', 'double precision') // cumulative, in `unit`; null: a written report only
    .addColumn('unit', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('workplan_target_reports_period', ['target_id', 'period_key'])
    .execute();
  await db.schema
    .createTable('workplan_target_files')
    .addColumn('target_id', 'text', (c) => c.notNull().references('workplan_targets.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('report_id', 'text', (c) => c.references('workplan_target_reports.id')) // null: tick-off evidence
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workplan_target_files_target').on('workplan_target_files').columns(['target_id']).execute();
  await db.schema
    .createTable('workplan_target_urges')
    .addColumn('target_id', 'text', (c) => c.notNull().references('workplan_targets.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('urged_at', 'text', (c) => c.notNull())
    .addColumn('notified', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workplan_target_urges_pk', ['target_id', 'period_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['workplan_target_urges', 'workplan_target_files', 'workplan_target_reports', 'workplan_target_tracking']) await db.schema.dropTable(t).execute();
}

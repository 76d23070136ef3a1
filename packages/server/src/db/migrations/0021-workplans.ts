import type { Kysely } from 'kysely';

// Issue 8 §1: imported work plans (工作要点) as a person confirmed them — sections, tasks, quantitative targets
// and suggested duty rules. Importing the same plan (unit, year, title) again stores a new version; earlier
// versions stay as they were.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workplans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source_file', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workplans_version').on('workplans').columns(['unit_code', 'year', 'title', 'version']).unique().execute();
  await db.schema
    .createTable('workplan_sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('workplans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workplan_sections_plan').on('workplan_sections').columns(['plan_id', 'position']).execute();
  await db.schema
    .createTable('workplan_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('workplans.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().references('workplan_sections.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .execute();
  await db.schema.createIndex('workplan_tasks_plan').on('workplan_tasks').columns(['plan_id', 'position']).execute();
  await db.schema
    .createTable('workplan_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('workplans.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('workplan_tasks.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workplan_targets_plan').on('workplan_targets').columns(['plan_id', 'position']).execute();
  await db.schema
    .createTable('workplan_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('workplans.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('workplan_tasks.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('min_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workplan_rules_plan').on('workplan_rules').columns(['plan_id', 'position']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The work-plans migration cannot be reverted');
}

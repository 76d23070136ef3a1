import type { Kysely } from 'kysely';

// Issue 8 §3 (DOMAIN.md §1): a county's assessment scheme per year, versioned (each save is a new version; scores
// name the version they used), and the points an assessor enters for the manual items, per quarter and town.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // the unit whose next level is assessed
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('items_json', 'text', (c) => c.notNull()) // AssessmentItem[]
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_schemes_version', ['unit_code', 'year', 'version'])
    .execute();
  await db.schema
    .createTable('assessment_manual_scores')
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id'))
    .addColumn('period_key', 'text', (c) => c.notNull()) // 2024-Q1
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_manual_scores_pk', ['scheme_id', 'period_key', 'unit_code', 'item_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_manual_scores').execute();
  await db.schema.dropTable('assessment_schemes').execute();
}

import type { Kysely } from 'kysely';

// Issue 8 §3: a quarter's scores once the assessor finalises them (定稿). The scores of an ended quarter still move as
// late records come in (a problem closed late, a patrol uploaded late); finalised, they are kept as computed at that
// moment, with the time they were read as of, and every read of the quarter returns them until the finalisation is
// withdrawn.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_results')
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id'))
    .addColumn('period_key', 'text', (c) => c.notNull()) // 2026-Q3
    .addColumn('level', 'text', (c) => c.notNull()) // town | chief
    .addColumn('rows_json', 'text', (c) => c.notNull()) // ScoreRow[], ranked
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('finalized_by', 'text')
    .addColumn('finalized_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_results_pk', ['scheme_id', 'period_key', 'level'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_results').execute();
}

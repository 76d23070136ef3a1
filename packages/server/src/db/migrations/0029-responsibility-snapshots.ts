import type { Kysely } from 'kysely';

// Issue 8: management responsibility coverage (DOMAIN.md §1) of a whole county is too heavy to overlay on request
// (Youyang: 82 000 forest 小班); a daily job stores each town's figure per ledger year, and the county's indicator sums
// the towns' latest figures, saying when they were computed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('responsibility_snapshots')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull()) // ledger year
    .addColumn('forest_m2', 'double precision', (c) => c.notNull())
    .addColumn('covered_m2', 'double precision', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('responsibility_snapshots_pk', ['unit_code', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('responsibility_snapshots').execute();
}

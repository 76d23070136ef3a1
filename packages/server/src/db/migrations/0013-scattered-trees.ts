import type { Kysely } from 'kysely';

// Issue 5 §2 / DOMAIN.md §3: the crown area of 四旁树 and farmland shelterbelts (农田林网) counts towards forest
// coverage but lies outside the forest parcels; recorded per village or town and year.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scattered_trees')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('crown_area_m2', 'double precision', (c) => c.notNull())
    .addColumn('shelterbelt_m2', 'double precision', (c) => c.notNull())
    .addColumn('tree_count', 'integer')
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scattered_trees_pk', ['unit_code', 'year'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The scattered-trees migration cannot be reverted');
}

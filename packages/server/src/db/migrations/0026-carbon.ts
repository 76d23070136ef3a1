import type { Kysely } from 'kysely';

// Issue 8 §4 (DOMAIN.md §9): the figures a town enters for its carbon balance, per year, in tCO₂e — emissions of
// residents, farm machinery and transport, and the absorption of water, grass and crops; the forest sink comes
// from the ledger's volumes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('carbon_town_figures')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // the town
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('residents_t', 'double precision', (c) => c.notNull())
    .addColumn('farm_machinery_t', 'double precision', (c) => c.notNull())
    .addColumn('transport_t', 'double precision', (c) => c.notNull())
    .addColumn('water_t', 'double precision', (c) => c.notNull())
    .addColumn('grass_t', 'double precision', (c) => c.notNull())
    .addColumn('crops_t', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // where the figures come from
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('carbon_town_figures_pk', ['unit_code', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('carbon_town_figures').execute();
}

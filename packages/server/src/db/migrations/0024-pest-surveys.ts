import type { Kysely } from 'kysely';

// Issue 7 §3–§4: pine wilt survey campaigns (spring and autumn, by the ledger's pine 小班 grid), the 小班 each one has
// surveyed, and the plan's epidemic-point targets (拔除 N 个疫点, 巩固 N 个). The town-year detected / clear record is
// not stored: it is derived when asked from these tables and the dead-tree register (domain town-survey-years.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pest_survey_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // the county or town surveyed
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('season', 'text', (c) => c.notNull()) // spring | autumn
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('ledger_year', 'integer', (c) => c.notNull()) // the parcel ledger year whose pine 小班 form the grid
    .addColumn('pine_species', 'text', (c) => c.notNull()) // JSON array: the species whose stands count as 松林
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pest_survey_campaigns_unit').on('pest_survey_campaigns').columns(['unit_code', 'year', 'season']).unique().execute();
  await db.schema
    .createTable('pest_survey_parcels')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('pest_survey_campaigns.id'))
    .addColumn('parcel_id', 'text', (c) => c.notNull().references('parcels.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull()) // the parcel's village, for grouping without the join
    .addColumn('parcel_no', 'text', (c) => c.notNull())
    .addColumn('pine_area_m2', 'double precision', (c) => c.notNull())
    .addColumn('infected', 'integer', (c) => c.notNull()) // marked 疫情小班 from a lab result outside the register
    .addColumn('occurrence_m2', 'double precision') // 发生面积 when not the whole pine area
    .addColumn('surveyed_on', 'text', (c) => c.notNull())
    .addColumn('surveyed_by', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pest_survey_parcels_pk', ['campaign_id', 'parcel_id'])
    .execute();
  await db.schema.createIndex('pest_survey_parcels_unit').on('pest_survey_parcels').columns(['campaign_id', 'unit_code']).execute();
  await db.schema
    .createTable('epidemic_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // remove_points | keep_free
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('source', 'text') // e.g. the work plan item it comes from
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('epidemic_targets_unit').on('epidemic_targets').columns(['unit_code', 'year', 'kind']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('The pest survey migration cannot be reverted');
}

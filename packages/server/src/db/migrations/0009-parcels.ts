import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine-of.ts';

// Issue 5 §1: forest parcels (小班) of the resource ledger, one row per parcel and ledger year (年度更新).
export async function up(db: Kysely<unknown>): Promise<void> {
  const pgEngine = isPostgres(db);
  await db.schema
    .createTable('parcels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('parcel_no', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('land_class', 'text', (c) => c.notNull())
    .addColumn('forest_category', 'text')
    .addColumn('authority_level', 'text')
    .addColumn('origin', 'text')
    .addColumn('dominant_species', 'text')
    .addColumn('age_group', 'text')
    .addColumn('canopy_closure', 'double precision')
    .addColumn('volume_m3', 'double precision')
    .addColumn('owner_type', 'text')
    .addColumn('owner', 'text')
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('geom_json', 'text')
    .addColumn('minx', 'double precision')
    .addColumn('miny', 'double precision')
    .addColumn('maxx', 'double precision')
    .addColumn('maxy', 'double precision')
    .addColumn('import_batch', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A parcel number is unique within its village and year.
  await db.schema.createIndex('parcels_number').on('parcels').columns(['year', 'unit_code', 'parcel_no']).unique().execute();
  await db.schema.createIndex('parcels_unit').on('parcels').columns(['unit_code', 'year']).execute();
  if (pgEngine) {
    await sql`alter table parcels add column geom geometry(MultiPolygon, 4490)`.execute(db);
    await sql`create index parcels_geom on parcels using gist (geom)`.execute(db);
  } else {
    await sql`create virtual table parcels_rtree using rtree(id, minx, maxx, miny, maxy)`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The parcels migration cannot be reverted');
}

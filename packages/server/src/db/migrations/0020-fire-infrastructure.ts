import type { Kysely } from 'kysely';

// Issue 6 §7: the fire-prevention infrastructure register — works as lines or points (geometry kept as GeoJSON
// text with its bbox, like the land-use register, on both engines), the 十户联防 groups of each village, and the
// plan's targets per unit, kind and year.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fire_infrastructure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('geom_json', 'text', (c) => c.notNull())
    .addColumn('minx', 'double precision', (c) => c.notNull())
    .addColumn('miny', 'double precision', (c) => c.notNull())
    .addColumn('maxx', 'double precision', (c) => c.notNull())
    .addColumn('maxy', 'double precision', (c) => c.notNull())
    .addColumn('length_m', 'double precision') // lines only, on the ellipsoid, computed on write
    .addColumn('anchor_lon', 'double precision', (c) => c.notNull()) // the point (or a line's half-way point) the unit was found from
    .addColumn('anchor_lat', 'double precision', (c) => c.notNull())
    .addColumn('built_year', 'integer')
    .addColumn('condition', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('capacity_m3', 'double precision')
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fire_infrastructure_unit').on('fire_infrastructure').columns(['unit_code', 'kind']).execute();
  await db.schema
    .createTable('ten_household_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('head_phone', 'text', (c) => c.notNull())
    .addColumn('household_count', 'integer', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull()) // JSON array of household names (optional list, may be empty)
    .addColumn('formed_year', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ten_household_groups_unit').on('ten_household_groups').columns(['unit_code']).execute();
  await db.schema
    .createTable('fire_infrastructure_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One target per unit, kind and year.
  await db.schema.createIndex('fire_infrastructure_targets_key').on('fire_infrastructure_targets').columns(['unit_code', 'kind', 'year']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('The fire-infrastructure migration cannot be reverted');
}

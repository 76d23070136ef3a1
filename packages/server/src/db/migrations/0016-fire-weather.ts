import type { Kysely } from 'kysely';

// Issue 6 §1/§3: weather stations, their daily fire-weather observations, the FWI chain computed from them and the
// daily fire danger level of each administrative unit they serve.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('weather_stations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull()) // EPSG:4490
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('elevation_m', 'double precision')
    .addColumn('start_ffmc', 'double precision', (c) => c.notNull())
    .addColumn('start_dmc', 'double precision', (c) => c.notNull())
    .addColumn('start_dc', 'double precision', (c) => c.notNull())
    .addColumn('season_start', 'text', (c) => c.notNull()) // MM-DD: the chain starts afresh on this day each year
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The towns or villages a station's readings stand for; a unit may be served by several stations.
  await db.schema
    .createTable('weather_station_units')
    .addColumn('station_id', 'text', (c) => c.notNull().references('weather_stations.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addPrimaryKeyConstraint('weather_station_units_pk', ['station_id', 'unit_code'])
    .execute();
  await db.schema.createIndex('weather_station_units_unit').on('weather_station_units').columns(['unit_code']).execute();
  await db.schema
    .createTable('weather_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull().references('weather_stations.id'))
    .addColumn('date', 'text', (c) => c.notNull()) // Asia/Shanghai YYYY-MM-DD
    .addColumn('temp', 'double precision', (c) => c.notNull()) // noon °C
    .addColumn('rh', 'double precision', (c) => c.notNull()) // noon %
    .addColumn('ws', 'double precision', (c) => c.notNull()) // noon 10 m wind km/h
    .addColumn('prec', 'double precision', (c) => c.notNull()) // 24 h rain mm
    .addColumn('max_temp', 'double precision') // for the LY/T 1172 method
    .addColumn('rh14', 'double precision')
    .addColumn('wind_force', 'integer')
    .addColumn('forecast', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // manual | csv | pull
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('weather_observations_station_date').on('weather_observations').columns(['station_id', 'date']).unique().execute();
  await db.schema
    .createTable('fire_weather_indices')
    .addColumn('station_id', 'text', (c) => c.notNull().references('weather_stations.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('ffmc', 'double precision', (c) => c.notNull())
    .addColumn('dmc', 'double precision', (c) => c.notNull())
    .addColumn('dc', 'double precision', (c) => c.notNull())
    .addColumn('isi', 'double precision', (c) => c.notNull())
    .addColumn('bui', 'double precision', (c) => c.notNull())
    .addColumn('fwi', 'double precision', (c) => c.notNull())
    .addColumn('dsr', 'double precision', (c) => c.notNull())
    .addColumn('restarted', 'integer', (c) => c.notNull()) // 1 = yesterday's codes were the start-up values
    .addColumn('forecast', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fire_weather_indices_pk', ['station_id', 'date'])
    .execute();
  await db.schema
    .createTable('fire_danger_daily')
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull().references('weather_stations.id')) // the station whose level it is
    .addColumn('forecast', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fire_danger_daily_pk', ['unit_code', 'date'])
    .execute();
  await db.schema.createIndex('fire_danger_daily_date').on('fire_danger_daily').columns(['date']).execute();
  // Each pull from the configured weather source, for the status shown on the page.
  await db.schema
    .createTable('weather_pulls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull()) // schedule | manual
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('saved', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull()) // JSON list of row problems
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The fire-weather migration cannot be reverted');
}

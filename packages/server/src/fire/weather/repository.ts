import type { Kysely, Selectable } from 'kysely';
import type { Database, FireDangerDailyTable, FireWeatherIndexTable, WeatherObservationTable, WeatherStationTable } from '../../db/schema.ts';
import { codePrefix } from '../../db/paginate.ts';

export type StationRow = Selectable<WeatherStationTable>;
export type ObservationRow = Selectable<WeatherObservationTable>;
export type IndexRow = Selectable<FireWeatherIndexTable>;
export type DangerRow = Selectable<FireDangerDailyTable>;

/** The SQL of weather stations, their observations, indices and the daily danger levels (both engines). */
export class FireWeatherRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stations serving at least one unit under the prefix ('' = all). */
  async stationsVisible(prefix: string): Promise<StationRow[]> {
    return this.db.selectFrom('weather_stations as s').selectAll('s')
      .where((eb) => eb.exists(eb.selectFrom('weather_station_units as su').select('su.station_id').whereRef('su.station_id', '=', 's.id').where('su.unit_code', 'like', codePrefix(prefix))))
      .orderBy('s.code').execute();
  }

  async station(id: string): Promise<StationRow | undefined> {
    return this.db.selectFrom('weather_stations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async stationByCode(code: string): Promise<StationRow | undefined> {
    return this.db.selectFrom('weather_stations').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async unitsOf(stationIds: string[]): Promise<Map<string, { code: string; name: string }[]>> {
    const out = new Map<string, { code: string; name: string }[]>(stationIds.map((id) => [id, []]));
    if (!stationIds.length) return out;
    const rows = await this.db.selectFrom('weather_station_units as su').innerJoin('units as u', 'u.code', 'su.unit_code')
      .select(['su.station_id', 'u.code', 'u.short_name']).where('su.station_id', 'in', stationIds).orderBy('u.code').execute();
    for (const r of rows) out.get(r.station_id)?.push({ code: r.code, name: r.short_name });
    return out;
  }

  async setUnits(stationId: string, unitCodes: string[]): Promise<void> {
    await this.db.deleteFrom('weather_station_units').where('station_id', '=', stationId).execute();
    if (unitCodes.length) await this.db.insertInto('weather_station_units').values(unitCodes.map((unit_code) => ({ station_id: stationId, unit_code }))).execute();
  }

  /** Every station serving any of the units. */
  async stationsServing(unitCodes: string[]): Promise<{ station_id: string; unit_code: string }[]> {
    if (!unitCodes.length) return [];
    return this.db.selectFrom('weather_station_units').select(['station_id', 'unit_code']).where('unit_code', 'in', unitCodes).execute();
  }

  async observation(stationId: string, date: string): Promise<ObservationRow | undefined> {
    return this.db.selectFrom('weather_observations').selectAll().where('station_id', '=', stationId).where('date', '=', date).executeTakeFirst();
  }

  /** Inserts or overwrites the station's observation of that date (one per station and day). */
  async upsertObservation(row: ObservationRow): Promise<void> {
    const { id: _id, station_id: _s, date: _d, ...rest } = row;
    await this.db.insertInto('weather_observations').values(row)
      .onConflict((oc) => oc.columns(['station_id', 'date']).doUpdateSet(rest)).execute();
  }

  async observationsFrom(stationId: string, from: string): Promise<ObservationRow[]> {
    return this.db.selectFrom('weather_observations').selectAll().where('station_id', '=', stationId).where('date', '>=', from).orderBy('date').execute();
  }

  async observationsBetween(stationId: string, from: string, to: string): Promise<ObservationRow[]> {
    return this.db.selectFrom('weather_observations').selectAll().where('station_id', '=', stationId).where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
  }

  async countObservations(stationId: string): Promise<number> {
    const r = await this.db.selectFrom('weather_observations').select((eb) => eb.fn.countAll().as('n')).where('station_id', '=', stationId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async index(stationId: string, date: string): Promise<IndexRow | undefined> {
    return this.db.selectFrom('fire_weather_indices').selectAll().where('station_id', '=', stationId).where('date', '=', date).executeTakeFirst();
  }

  async replaceIndicesFrom(stationId: string, from: string, rows: IndexRow[]): Promise<void> {
    await this.db.deleteFrom('fire_weather_indices').where('station_id', '=', stationId).where('date', '>=', from).execute();
    for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('fire_weather_indices').values(rows.slice(i, i + 200)).execute();
  }

  async indicesFrom(stationIds: string[], from: string): Promise<IndexRow[]> {
    if (!stationIds.length) return [];
    return this.db.selectFrom('fire_weather_indices').selectAll().where('station_id', 'in', stationIds).where('date', '>=', from).orderBy('date').execute();
  }

  async indicesBetween(stationId: string, from: string, to: string): Promise<IndexRow[]> {
    return this.db.selectFrom('fire_weather_indices').selectAll().where('station_id', '=', stationId).where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
  }

  async replaceLevelsFrom(unitCodes: string[], from: string, rows: DangerRow[]): Promise<void> {
    if (!unitCodes.length) return;
    await this.db.deleteFrom('fire_danger_daily').where('unit_code', 'in', unitCodes).where('date', '>=', from).execute();
    for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('fire_danger_daily').values(rows.slice(i, i + 200)).execute();
  }

  async levelsBetween(prefix: string, from: string, to: string): Promise<DangerRow[]> {
    return this.db.selectFrom('fire_danger_daily').selectAll().where('unit_code', 'like', codePrefix(prefix)).where('date', '>=', from).where('date', '<=', to)
      .orderBy('date').orderBy('unit_code').execute();
  }

  /** The dates (with their forecast flag) that have a level for a unit under the prefix, newest first. */
  async levelDates(prefix: string, limit: number): Promise<{ date: string; forecast: boolean }[]> {
    const rows = await this.db.selectFrom('fire_danger_daily').select(['date', (eb) => eb.fn.max('forecast').as('forecast')])
      .where('unit_code', 'like', codePrefix(prefix)).groupBy('date').orderBy('date', 'desc').limit(limit).execute();
    return rows.map((r) => ({ date: r.date, forecast: Number(r.forecast) === 1 }));
  }
}

import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { checkFireWeather, defaultFwiStart, fireDangerLevel, isInScope, lytFireDangerIndex, windForceFromSpeed, type FireDangerLevel, type FireDangerLevelTable } from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { failure, forbidden, invalid, notFound, success, type FieldError, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { readTable } from '../../imports/read-table.ts';
import { addDays, runFwiChain } from './fwi-chain.ts';
import { FireWeatherRepository, type DangerRow, type IndexRow, type ObservationRow, type StationRow } from './repository.ts';
import { dateFromText, flagFromText, mapObservationHeaders, observationFieldNames, type ObservationField } from './observation-rows.ts';

/** Where the level tables in force on a date come from (the `fire_danger_levels` rule kind). */
export type DangerLevelRules = Pick<RuleSource, 'fireDangerLevelsAt'>;

export type ObservationSource = 'manual' | 'csv' | 'pull';

export interface StationInput {
  code: string;
  name: string;
  lon: number;
  lat: number;
  elevationM?: number | undefined;
  unitCodes: string[];
  startFfmc?: number | undefined;
  startDmc?: number | undefined;
  startDc?: number | undefined;
  seasonStart?: string | undefined; // MM-DD
  note?: string | undefined;
}

export interface Station {
  id: string;
  code: string;
  name: string;
  lon: number;
  lat: number;
  elevationM: number | null;
  units: { code: string; name: string }[];
  startFfmc: number;
  startDmc: number;
  startDc: number;
  seasonStart: string;
  note: string | null;
  latest: { date: string; forecast: boolean; fwi: number | null } | null;
}

export interface ObservationInput {
  temp: number;
  rh: number;
  ws: number;
  prec: number;
  maxTemp?: number | null | undefined;
  rh14?: number | null | undefined;
  windForce?: number | null | undefined;
  forecast?: boolean | undefined;
}

export interface StationDay {
  date: string;
  temp: number;
  rh: number;
  ws: number;
  prec: number;
  maxTemp: number | null;
  rh14: number | null;
  windForce: number | null;
  forecast: boolean;
  source: ObservationSource;
  enteredAt: string;
  indices: { ffmc: number; dmc: number; dc: number; isi: number; bui: number; fwi: number; dsr: number; restarted: boolean } | null;
}

export interface ImportFinding { severity: 'error' | 'warning'; field?: string; message: string }
export interface ObservationImportRow {
  row: number;
  ok: boolean;
  stationCode: string | null;
  date: string | null;
  values: ObservationInput | null;
  findings: ImportFinding[];
}
export interface ObservationImportReport {
  fileName: string;
  encoding: string | null;
  fileFindings: ImportFinding[];
  rows: ObservationImportRow[];
  accepted: number;
  rejected: number;
  committed: boolean;
  written: number;
}

export interface WeatherPull {
  id: string;
  startedAt: string;
  ok: boolean;
  trigger: 'schedule' | 'manual';
  received: number;
  saved: number;
  summary: string;
  findings: string[];
}

const canWrite = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const MAX_ROWS = 5000;
const FORECAST_DAYS = 10;
const LYT_MAX_DRY_DAYS = 10; // LY/T 1172-95 表7 scores no more from 10 dry days on // how far ahead a forecast day may be entered

interface Write { station: StationRow; date: string; input: ObservationInput }

/**
 * Weather stations and their daily fire weather (issue 6 §1/§3): stations serve towns or villages, observations are
 * entered by hand, imported from CSV/Excel or pulled from a configured JSON source; after every write the station's
 * FWI chain is recomputed from the changed day forward and then the daily danger level of every unit it serves (the
 * highest level among a unit's stations, each through the `fire_danger_levels` table in force on that date).
 */
export class FireWeatherService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: DangerLevelRules,
    private readonly weatherUrl: string | null = null,
    /** Called after every write that changes levels. */
    private readonly onChange: () => void = () => {},
  ) {}

  private today(): string {
    return shanghaiDate(this.now().getTime());
  }

  private async toStations(db: Kysely<Database>, rows: StationRow[]): Promise<Station[]> {
    const repo = new FireWeatherRepository(db);
    const units = await repo.unitsOf(rows.map((r) => r.id));
    const out: Station[] = [];
    for (const r of rows) {
      const last = await db.selectFrom('weather_observations as o').leftJoin('fire_weather_indices as i', (j) => j.onRef('i.station_id', '=', 'o.station_id').onRef('i.date', '=', 'o.date'))
        .select(['o.date', 'o.forecast', 'i.fwi']).where('o.station_id', '=', r.id).orderBy('o.date', 'desc').limit(1).executeTakeFirst();
      out.push({
        id: r.id, code: r.code, name: r.name, lon: r.lon, lat: r.lat, elevationM: r.elevation_m, units: units.get(r.id) ?? [],
        startFfmc: r.start_ffmc, startDmc: r.start_dmc, startDc: r.start_dc, seasonStart: r.season_start, note: r.note,
        latest: last ? { date: last.date, forecast: last.forecast === 1, fwi: last.fwi ?? null } : null,
      });
    }
    return out;
  }

  /** A station the viewer may see (it serves a unit in their scope), else null. */
  private async visible(viewer: Viewer, id: string, db: Kysely<Database> = this.store.db): Promise<{ row: StationRow; units: { code: string; name: string }[] } | null> {
    const repo = new FireWeatherRepository(db);
    const row = await repo.station(id);
    if (!row) return null;
    const units = (await repo.unitsOf([id])).get(id) ?? [];
    return units.some((u) => isInScope(u.code, viewer.scopeCode)) ? { row, units } : null;
  }

  async listStations(viewer: Viewer): Promise<ServiceResult<Station[]>> {
    return success(await this.toStations(this.store.db, await new FireWeatherRepository(this.store.db).stationsVisible(viewer.scopePrefix)));
  }

  async getStation(viewer: Viewer, id: string): Promise<ServiceResult<Station>> {
    const s = await this.visible(viewer, id);
    if (!s) return notFound();
    return success((await this.toStations(this.store.db, [s.row]))[0]!);
  }

  private async checkStation(viewer: Viewer, input: StationInput, id: string | null): Promise<ServiceResult<{ unitCodes: string[]; seasonStart: string }>> {
    const errors: FieldError[] = [];
    const codes = [...new Set(input.unitCodes)];
    if (!codes.length) errors.push({ field: '/body/unitCodes', message: '请选择该站服务的乡镇或村（至少一个）' });
    const units = codes.length ? await this.store.db.selectFrom('units').select(['code', 'level']).where('code', 'in', codes).execute() : [];
    codes.forEach((c, i) => {
      const u = units.find((x) => x.code === c);
      if (!u || !isInScope(c, viewer.scopeCode)) errors.push({ field: `/body/unitCodes/${i}`, message: `区划 ${c} 不存在或不在您的管辖范围内` });
      else if (u.level !== 'town' && u.level !== 'village') errors.push({ field: `/body/unitCodes/${i}`, message: '气象站服务的区划须为乡镇或村' });
    });
    const season = input.seasonStart ?? '01-01';
    const d = new Date(`2024-${season}T00:00:00Z`);
    if (!/^\d{2}-\d{2}$/.test(season) || Number.isNaN(d.getTime()) || d.toISOString().slice(5, 10) !== season) errors.push({ field: '/body/seasonStart', message: '防火季起算日应为 MM-DD，如 01-01' });
    const start = { ffmc: input.startFfmc, dmc: input.startDmc, dc: input.startDc };
    if (start.ffmc !== undefined && !(start.ffmc >= 0 && start.ffmc <= 101)) errors.push({ field: '/body/startFfmc', message: 'FFMC 起始值应在 0～101 之间' });
    if (start.dmc !== undefined && !(start.dmc >= 0)) errors.push({ field: '/body/startDmc', message: 'DMC 起始值不能为负' });
    if (start.dc !== undefined && !(start.dc >= 0)) errors.push({ field: '/body/startDc', message: 'DC 起始值不能为负' });
    const at = await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
    if (!at || !isInScope(at.code, viewer.scopeCode)) errors.push({ field: '/body/lon', message: '站点位置不在您管辖的区划范围内，请核对经纬度' });
    if (errors.length) return failure({ kind: 'invalid', errors });
    const clash = await new FireWeatherRepository(this.store.db).stationByCode(input.code.trim());
    if (clash && clash.id !== id) return failure({ kind: 'conflict', field: '/body/code', message: `已有站号为 ${input.code.trim()} 的气象站` });
    return success({ unitCodes: codes, seasonStart: season });
  }

  async createStation(viewer: Viewer, input: StationInput): Promise<ServiceResult<Station>> {
    return this.saveStation(viewer, null, input);
  }

  async updateStation(viewer: Viewer, id: string, input: StationInput): Promise<ServiceResult<Station>> {
    return this.saveStation(viewer, id, input);
  }

  private async saveStation(viewer: Viewer, id: string | null, input: StationInput): Promise<ServiceResult<Station>> {
    if (!canWrite(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以维护气象站' });
    const existing = id ? await this.visible(viewer, id) : null;
    if (id && !existing) return notFound();
    // Every unit the station serves now must be the editor's, or one bureau could move another's station.
    if (existing && existing.units.some((u) => !isInScope(u.code, viewer.scopeCode))) return failure({ kind: 'forbidden', message: '该站还服务您管辖范围以外的区划，只能由上级修改' });
    const checked = await this.checkStation(viewer, input, id);
    if (!checked.ok) return checked;
    const at = this.now().toISOString();
    const stationId = id ?? randomUUID();
    const values = {
      code: input.code.trim(), name: input.name.trim(), county_code: checked.value.unitCodes[0]!.slice(0, 6), lon: input.lon, lat: input.lat, elevation_m: input.elevationM ?? null,
      start_ffmc: input.startFfmc ?? defaultFwiStart.ffmc, start_dmc: input.startDmc ?? defaultFwiStart.dmc, start_dc: input.startDc ?? defaultFwiStart.dc,
      season_start: checked.value.seasonStart, note: input.note?.trim() || null, updated_at: at,
    };
    await this.store.db.transaction().execute(async (trx) => {
      const repo = new FireWeatherRepository(trx);
      if (existing) await trx.updateTable('weather_stations').set(values).where('id', '=', stationId).execute();
      else await trx.insertInto('weather_stations').values({ id: stationId, ...values, created_by: viewer.userId, created_at: at }).execute();
      await repo.setUnits(stationId, checked.value.unitCodes);
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'weather_station', entityId: stationId, before: existing ? { ...existing.row, units: existing.units.map((u) => u.code) } : undefined, after: { ...values, units: checked.value.unitCodes } }, at);
      if (existing) {
        // Start-up values, season start, position (latitude) or served units may have changed: recompute everything.
        const first = await trx.selectFrom('weather_observations').select((eb) => eb.fn.min('date').as('d')).where('station_id', '=', stationId).executeTakeFirst();
        if (first?.d) await this.recompute(trx, [{ stationId, from: String(first.d) }], existing.units.map((u) => u.code));
      }
    });
    if (existing) this.onChange();
    return this.getStation(viewer, stationId);
  }

  async deleteStation(viewer: Viewer, id: string): Promise<ServiceResult<{ id: string }>> {
    if (!canWrite(viewer)) return forbidden();
    const s = await this.visible(viewer, id);
    if (!s) return notFound();
    if (s.units.some((u) => !isInScope(u.code, viewer.scopeCode))) return failure({ kind: 'forbidden', message: '该站还服务您管辖范围以外的区划，只能由上级删除' });
    if (await new FireWeatherRepository(this.store.db).countObservations(id)) return failure({ kind: 'conflict', message: '该站已有观测记录，不能删除' });
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('weather_station_units').where('station_id', '=', id).execute();
      await trx.deleteFrom('weather_stations').where('id', '=', id).execute();
      await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'weather_station', entityId: id, before: { ...s.row, units: s.units.map((u) => u.code) } }, at);
    });
    return success({ id });
  }

  /** Field problems of one day's weather (field names as in the request body), empty = fine. */
  private checkObservation(date: string, input: ObservationInput): FieldError[] {
    const errors: FieldError[] = checkFireWeather({ temp: input.temp, rh: input.rh, ws: input.ws, prec: input.prec }).map((e) => ({ field: e.field, message: e.message }));
    if (input.maxTemp !== undefined && input.maxTemp !== null) {
      if (!(input.maxTemp >= -50 && input.maxTemp <= 60)) errors.push({ field: 'maxTemp', message: '最高气温应在 -50～60 ℃ 之间' });
      else if (input.maxTemp < input.temp) errors.push({ field: 'maxTemp', message: '日最高气温不应低于正午气温' });
    }
    if (input.rh14 !== undefined && input.rh14 !== null && !(input.rh14 >= 0 && input.rh14 <= 100)) errors.push({ field: 'rh14', message: '14 时相对湿度应在 0～100 % 之间' });
    if (input.windForce !== undefined && input.windForce !== null && !(Number.isInteger(input.windForce) && input.windForce >= 0 && input.windForce <= 17)) errors.push({ field: 'windForce', message: '风力应为 0～17 级的整数' });
    const today = this.today();
    if (input.forecast) {
      if (date < today) errors.push({ field: 'date', message: '预报只能填今天及以后的日期' });
      else if (date > addDays(today, FORECAST_DAYS)) errors.push({ field: 'date', message: `预报最多填到 ${FORECAST_DAYS} 天后` });
    } else if (date > today) errors.push({ field: 'date', message: '实况观测日期不能晚于今天（未来日期请标为预报）' });
    return errors;
  }

  /** Enters (or corrects) one station's weather of one day; the same station and date again overwrites it. */
  async enterObservation(viewer: Viewer, stationId: string, date: string, input: ObservationInput): Promise<ServiceResult<StationDay>> {
    if (!canWrite(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以录入气象观测' });
    const s = await this.visible(viewer, stationId);
    if (!s) return notFound();
    const errors = this.checkObservation(date, input);
    if (errors.length) return failure({ kind: 'invalid', errors: errors.map((e) => ({ field: e.field === 'date' ? '/params/date' : `/body/${e.field}`, message: e.message })) });
    await this.write(viewer.userId, 'manual', [{ station: s.row, date, input }], { entity: 'weather_observation', entityId: `${s.row.code}/${date}` });
    const day = (await this.daysOf(s.row.id, date, date))[0]!;
    return success(day);
  }

  /**
   * Writes observations and recomputes, in one transaction with one audit entry listing what was overwritten. A
   * pulled value never replaces an observation a person entered or imported (only pulled or forecast ones).
   */
  private async write(userId: string | null, source: ObservationSource, writes: Write[], audit: { entity: string; entityId: string; extra?: Record<string, unknown> }): Promise<{ written: number; kept: number }> {
    const at = this.now().toISOString();
    let written = 0, kept = 0;
    await this.store.db.transaction().execute(async (trx) => {
      const repo = new FireWeatherRepository(trx);
      const from = new Map<string, string>();
      const overwritten: ObservationRow[] = [];
      for (const w of writes) {
        const before = await repo.observation(w.station.id, w.date);
        if (source === 'pull' && before && before.source !== 'pull' && before.forecast === 0) { kept++; continue; }
        if (before) overwritten.push(before);
        await repo.upsertObservation({
          id: before?.id ?? randomUUID(), station_id: w.station.id, date: w.date, temp: w.input.temp, rh: w.input.rh, ws: w.input.ws, prec: w.input.prec,
          max_temp: w.input.maxTemp ?? null, rh14: w.input.rh14 ?? null, wind_force: w.input.windForce ?? null, forecast: w.input.forecast ? 1 : 0,
          source, entered_by: userId, entered_at: at,
        });
        written++;
        const f = from.get(w.station.id);
        if (!f || w.date < f) from.set(w.station.id, w.date);
      }
      if (written) {
        await this.recompute(trx, [...from].map(([stationId, d]) => ({ stationId, from: d })), []);
        await recordAudit(trx, {
          userId, action: overwritten.length ? 'update' : 'create', entity: audit.entity, entityId: audit.entityId,
          before: overwritten.length ? overwritten : undefined, after: { source, written, ...(writes.length === 1 ? { date: writes[0]!.date, ...writes[0]!.input } : {}), ...audit.extra },
        }, at);
      }
    });
    if (written) this.onChange();
    return { written, kept };
  }

  /**
   * Recomputes each station's FWI chain from its date forward, then the levels of every unit those stations serve
   * (plus `alsoUnits`, e.g. units a station no longer serves) from the earliest such date.
   */
  private async recompute(trx: Kysely<Database>, changes: { stationId: string; from: string }[], alsoUnits: string[]): Promise<void> {
    const repo = new FireWeatherRepository(trx);
    const units = new Set(alsoUnits);
    let earliest: string | null = null;
    for (const c of changes) {
      const station = (await repo.station(c.stationId))!;
      const prior = c.from.slice(5) === station.season_start ? undefined : await repo.index(station.id, addDays(c.from, -1));
      const obs = await repo.observationsFrom(station.id, c.from);
      const chain = runFwiChain(
        { start: { ffmc: station.start_ffmc, dmc: station.start_dmc, dc: station.start_dc }, seasonStart: station.season_start, latitude: station.lat },
        prior ? { date: prior.date, codes: { ffmc: prior.ffmc, dmc: prior.dmc, dc: prior.dc } } : null,
        obs.map((o) => ({ date: o.date, weather: { temp: o.temp, rh: o.rh, ws: o.ws, prec: o.prec } })),
      );
      const forecast = new Map(obs.map((o) => [o.date, o.forecast]));
      await repo.replaceIndicesFrom(station.id, c.from, chain.map((d): IndexRow => ({
        station_id: station.id, date: d.date, ffmc: d.ffmc, dmc: d.dmc, dc: d.dc, isi: d.isi, bui: d.bui, fwi: d.fwi, dsr: d.dsr, restarted: d.restarted ? 1 : 0, forecast: forecast.get(d.date) ?? 0,
      })));
      for (const u of (await repo.unitsOf([station.id])).get(station.id) ?? []) units.add(u.code);
      if (!earliest || c.from < earliest) earliest = c.from;
    }
    if (earliest) await this.recomputeLevels(trx, [...units], earliest);
  }

  /**
   * Rates again every served unit from `date` on with the level tables in force (a new `fire_danger_levels` version
   * can only start today or later, so re-rating from today after a rule change brings every stored level up to date).
   */
  async rerateFrom(date: string): Promise<{ units: number }> {
    return this.store.db.transaction().execute(async (trx) => {
      const units = (await trx.selectFrom('weather_station_units').select('unit_code').distinct().execute()).map((u) => u.unit_code);
      await this.recomputeLevels(trx, units, date);
      return { units: units.length };
    });
  }

  /** A unit's level on a day is the highest among the stations serving it (ties: the station with the lower code). */
  private async recomputeLevels(trx: Kysely<Database>, unitCodes: string[], from: string): Promise<void> {
    const repo = new FireWeatherRepository(trx);
    const links = await repo.stationsServing(unitCodes);
    const stationIds = [...new Set(links.map((l) => l.station_id))];
    const codes = new Map((stationIds.length ? await trx.selectFrom('weather_stations').select(['id', 'code']).where('id', 'in', stationIds).execute() : []).map((s) => [s.id, s.code]));
    const byStation = new Map<string, IndexRow[]>();
    for (const i of await repo.indicesFrom(stationIds, from)) byStation.set(i.station_id, [...(byStation.get(i.station_id) ?? []), i]);
    const tables = new Map<string, FireDangerLevelTable>();
    const tableAt = async (date: string) => {
      if (!tables.has(date)) tables.set(date, await this.rules.fireDangerLevelsAt(date, trx));
      return tables.get(date)!;
    };
    // Each station-day's level once, then the highest per unit and day.
    const stationLevels = new Map<string, { stationId: string; date: string; level: FireDangerLevel; method: string; value: number; explanation: string; forecast: number }>();
    for (const [stationId, rows] of byStation) {
      const obs = new Map((await repo.observationsFrom(stationId, addDays(from, -(LYT_MAX_DRY_DAYS + 1)))).map((o) => [o.date, o]));
      for (const r of rows) {
        const table = await tableAt(r.date);
        const l = fireDangerLevel({ fwi: r.fwi, lytIndex: FireWeatherService.lytIndex(obs, r.date, table) }, table);
        if (l) stationLevels.set(`${stationId}|${r.date}`, { stationId, date: r.date, level: l.level, method: l.method, value: l.value, explanation: l.explanation, forecast: r.forecast });
      }
    }
    const out: DangerRow[] = [];
    for (const unit of unitCodes) {
      const mine = links.filter((l) => l.unit_code === unit).map((l) => l.station_id).sort((a, b) => (codes.get(a) ?? '').localeCompare(codes.get(b) ?? ''));
      const best = new Map<string, DangerRow>();
      for (const stationId of mine) {
        for (const r of byStation.get(stationId) ?? []) {
          const l = stationLevels.get(`${stationId}|${r.date}`);
          if (!l) continue;
          const had = best.get(r.date);
          if (!had || l.level > had.level) best.set(r.date, { unit_code: unit, date: r.date, level: l.level, method: l.method, value: l.value, explanation: l.explanation, station_id: stationId, forecast: l.forecast });
        }
      }
      out.push(...best.values());
    }
    await repo.replaceLevelsFrom(unitCodes, from, out);
  }

  /**
   * The LY/T 1172-95 index of a station-day, when the day has the method's inputs (maximum temperature and 14:00
   * humidity; the wind force falls back to the noon speed's Beaufort force). Days without rain are counted back over
   * consecutive observed days; a day without an observation ends the count.
   */
  private static lytIndex(obs: Map<string, ObservationRow>, date: string, table: FireDangerLevelTable): number | null {
    const o = obs.get(date);
    if (!o || o.max_temp === null || o.rh14 === null) return null;
    let dry = 1;
    for (let d = addDays(date, -1); dry < LYT_MAX_DRY_DAYS; d = addDays(d, -1)) {
      const p = obs.get(d);
      if (!p || p.prec > table.lyt.rainDayAboveMm) break;
      dry++;
    }
    const windForce = o.wind_force ?? windForceFromSpeed(o.ws / 3.6);
    return lytFireDangerIndex({ maxTemp: o.max_temp, rh14: o.rh14, noRainDays: dry, windForce, rainMm: o.prec }, Number(date.slice(5, 7)), table.lyt).index;
  }

  private async daysOf(stationId: string, from: string, to: string): Promise<StationDay[]> {
    const repo = new FireWeatherRepository(this.store.db);
    const [obs, idx] = await Promise.all([repo.observationsBetween(stationId, from, to), repo.indicesBetween(stationId, from, to)]);
    const byDate = new Map(idx.map((i) => [i.date, i]));
    return obs.map((o) => {
      const i = byDate.get(o.date);
      return {
        date: o.date, temp: o.temp, rh: o.rh, ws: o.ws, prec: o.prec, maxTemp: o.max_temp, rh14: o.rh14, windForce: o.wind_force, forecast: o.forecast === 1,
        source: o.source as ObservationSource, enteredAt: o.entered_at,
        indices: i ? { ffmc: i.ffmc, dmc: i.dmc, dc: i.dc, isi: i.isi, bui: i.bui, fwi: i.fwi, dsr: i.dsr, restarted: i.restarted === 1 } : null,
      };
    });
  }

  private range(input: { from?: string | undefined; to?: string | undefined }): ServiceResult<{ from: string; to: string }> {
    const to = input.to ?? addDays(this.today(), FORECAST_DAYS);
    const from = input.from ?? addDays(this.today(), -60);
    if (from > to) return invalid('/querystring/from', '开始日期不能晚于结束日期');
    if (Date.parse(to) - Date.parse(from) > 400 * 86_400_000) return invalid('/querystring/from', '一次最多查询 400 天');
    return success({ from, to });
  }

  /** A station's observations with their indices, dates inclusive (default: the last 60 days and the forecast). */
  async stationData(viewer: Viewer, id: string, input: { from?: string | undefined; to?: string | undefined }): Promise<ServiceResult<StationDay[]>> {
    const s = await this.visible(viewer, id);
    if (!s) return notFound();
    const r = this.range(input);
    if (!r.ok) return r;
    return success(await this.daysOf(id, r.value.from, r.value.to));
  }

  async stationWorkbook(viewer: Viewer, id: string, input: { from?: string | undefined; to?: string | undefined }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const s = await this.visible(viewer, id);
    if (!s) return notFound();
    const days = await this.stationData(viewer, id, input);
    if (!days.ok) return days;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('气象与火险指数');
    sheet.addRow(['站号', '站名', '日期', '预报', '正午气温(℃)', '相对湿度(%)', '风速(km/h)', '24小时降水(mm)', '最高气温(℃)', '14时湿度(%)', '风力(级)', 'FFMC', 'DMC', 'DC', 'ISI', 'BUI', 'FWI', 'DSR', '从起始值起算', '来源']).font = { bold: true };
    const r1 = (x: number | undefined) => (x === undefined ? '' : Math.round(x * 10) / 10);
    for (const d of days.value) {
      const i = d.indices;
      sheet.addRow([s.row.code, s.row.name, d.date, d.forecast ? '是' : '', d.temp, d.rh, d.ws, d.prec, d.maxTemp ?? '', d.rh14 ?? '', d.windForce ?? '',
        r1(i?.ffmc), r1(i?.dmc), r1(i?.dc), r1(i?.isi), r1(i?.bui), r1(i?.fwi), r1(i?.dsr), i?.restarted ? '是' : '', { manual: '人工录入', csv: '文件导入', pull: '自动拉取' }[d.source]]);
    }
    sheet.columns.forEach((c, i) => { c.width = i < 3 ? 12 : 10; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: `${s.row.name}气象与火险指数.xlsx` });
  }

  /** Reads one row's values (text) into an observation; findings name the column. */
  private readRow(values: Partial<Record<ObservationField, string>>): { stationCode: string | null; date: string | null; input: ObservationInput | null; findings: ImportFinding[] } {
    const findings: ImportFinding[] = [];
    const stationCode = values.station?.trim() || null;
    if (!stationCode) findings.push({ severity: 'error', field: observationFieldNames.station, message: '缺少站号' });
    const date = values.date ? dateFromText(values.date) : null;
    if (!date) findings.push({ severity: 'error', field: observationFieldNames.date, message: values.date ? `日期无效（“${values.date}”）` : '缺少日期' });
    const num = (f: ObservationField, required: boolean): number | null => {
      const t = values[f]?.trim() ?? '';
      if (t === '') {
        if (required) findings.push({ severity: 'error', field: observationFieldNames[f], message: `缺少${observationFieldNames[f]}` });
        return null;
      }
      const n = Number(t);
      if (!Number.isFinite(n)) { findings.push({ severity: 'error', field: observationFieldNames[f], message: `${observationFieldNames[f]}不是数字（“${t}”）` }); return null; }
      return n;
    };
    const temp = num('temp', true), rh = num('rh', true), ws = num('ws', true), prec = num('prec', true);
    const maxTemp = num('maxTemp', false), rh14 = num('rh14', false), windForce = num('windForce', false);
    const forecast = flagFromText(values.forecast ?? '');
    if (forecast === null) findings.push({ severity: 'error', field: observationFieldNames.forecast, message: `预报一栏应为 是/否（实为“${values.forecast}”）` });
    if (temp === null || rh === null || ws === null || prec === null || !date) return { stationCode, date, input: null, findings };
    const input: ObservationInput = { temp, rh, ws, prec, maxTemp, rh14, windForce, forecast: forecast ?? false };
    for (const e of this.checkObservation(date, input)) findings.push({ severity: 'error', field: observationFieldNames[e.field as ObservationField] ?? e.field, message: e.message });
    return { stationCode, date, input, findings };
  }

  /** Checks which stations rows name (visible to the viewer) and repeated station-days; returns the writes. */
  private async resolveRows(viewer: Viewer | null, rows: ObservationImportRow[]): Promise<Write[]> {
    const stations = new Map<string, StationRow | null>();
    const seen = new Map<string, number>();
    const writes: Write[] = [];
    const repo = new FireWeatherRepository(this.store.db);
    for (const r of rows) {
      if (r.stationCode && !stations.has(r.stationCode)) {
        const s = await repo.stationByCode(r.stationCode);
        stations.set(r.stationCode, s && (!viewer || (await this.visible(viewer, s.id))) ? s : null);
      }
      const station = r.stationCode ? stations.get(r.stationCode) : null;
      if (r.stationCode && !station) r.findings.push({ severity: 'error', field: observationFieldNames.station, message: `站号 ${r.stationCode} 不存在或不在您的管辖范围内` });
      if (station && r.date) {
        const key = `${station.id}|${r.date}`;
        const first = seen.get(key);
        if (first !== undefined) r.findings.push({ severity: 'error', field: observationFieldNames.date, message: `与第 ${first} 行为同一站同一天` });
        else {
          seen.set(key, r.row);
          if (await repo.observation(station.id, r.date)) r.findings.push({ severity: 'warning', field: observationFieldNames.date, message: '该站该日已有记录，导入后将覆盖（留有审计记录）' });
        }
      }
      r.ok = !r.findings.some((f) => f.severity === 'error') && !!station && !!r.values;
      if (r.ok) writes.push({ station: station!, date: r.date!, input: r.values! });
    }
    return writes;
  }

  /** CSV/Excel import: every row checked and reported; nothing is written unless `commit`, then all accepted rows at once. */
  async importFile(viewer: Viewer, input: { fileName: string; content: Uint8Array; commit: boolean }): Promise<ServiceResult<ObservationImportReport>> {
    if (!canWrite(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以导入气象观测' });
    const table = await readTable(input.content, input.fileName, (hs) => { const m = mapObservationHeaders(hs); return m.station !== undefined && m.date !== undefined; }, MAX_ROWS, '未找到表头：前 10 行中须有一行含“站号”和“日期”列');
    if (!table.ok) return invalid(table.code === 'table.format' ? '/body/fileName' : '/body/contentBase64', table.code === 'table.format' ? '气象观测须为 CSV (.csv) 或 Excel (.xlsx) 文件' : table.message);
    const columns = mapObservationHeaders(table.value.headers);
    const fileFindings: ImportFinding[] = [];
    for (const f of ['temp', 'rh', 'ws', 'prec'] as const) if (columns[f] === undefined) fileFindings.push({ severity: 'error', field: observationFieldNames[f], message: `缺少“${observationFieldNames[f]}”列` });
    const rows: ObservationImportRow[] = table.value.rows.map((r) => {
      const values: Partial<Record<ObservationField, string>> = {};
      for (const [f, h] of Object.entries(columns) as [ObservationField, string][]) values[f] = r.values[h] ?? '';
      const read = this.readRow(values);
      return { row: r.row, ok: false, stationCode: read.stationCode, date: read.date, values: read.input, findings: read.findings };
    });
    const writes = await this.resolveRows(viewer, rows);
    const report: ObservationImportReport = {
      fileName: input.fileName, encoding: table.value.encoding, fileFindings, rows, accepted: writes.length, rejected: rows.length - writes.length, committed: false, written: 0,
    };
    if (!input.commit || fileFindings.some((f) => f.severity === 'error') || !writes.length) return success(report);
    const w = await this.write(viewer.userId, 'csv', writes, { entity: 'weather_import', entityId: randomUUID(), extra: { fileName: input.fileName } });
    return success({ ...report, committed: true, written: w.written });
  }

  /**
   * Fetches the configured JSON source (shape in docs/api.md) and writes what it holds for known stations (for a
   * viewer: only their stations). Every pull is recorded with what it received, saved and refused.
   */
  async pull(viewer: Viewer | null, trigger: 'schedule' | 'manual'): Promise<ServiceResult<WeatherPull>> {
    if (viewer && !canWrite(viewer)) return forbidden();
    if (!this.weatherUrl) return failure({ kind: 'conflict', message: '未配置气象数据源（LINZHANG_WEATHER_URL），无法拉取' });
    const startedAt = this.now().toISOString();
    let received = 0, saved = 0, ok = true, summary: string;
    const findings: string[] = [];
    try {
      const response = await fetch(this.weatherUrl, { signal: AbortSignal.timeout(20_000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`数据源返回 HTTP ${response.status}`);
      const body = (await response.json()) as unknown;
      const list = (body as { observations?: unknown }).observations;
      if (!Array.isArray(list)) throw new Error('数据源返回的 JSON 缺少 observations 数组');
      received = list.length;
      const rows: ObservationImportRow[] = list.map((item, i) => {
        const o = (item ?? {}) as Record<string, unknown>;
        const text = (k: string) => (o[k] === undefined || o[k] === null ? '' : String(o[k]));
        const read = this.readRow({
          station: text('station'), date: text('date'), temp: text('temp'), rh: text('rh'), ws: text('ws'), prec: text('prec'),
          maxTemp: text('maxTemp'), rh14: text('rh14'), windForce: text('windForce'), forecast: o.forecast === true ? 'true' : o.forecast === false || o.forecast === undefined ? '' : text('forecast'),
        });
        return { row: i + 1, ok: false, stationCode: read.stationCode, date: read.date, values: read.input, findings: read.findings };
      });
      const writes = await this.resolveRows(viewer, rows);
      for (const r of rows) for (const f of r.findings) if (f.severity === 'error') findings.push(`第 ${r.row} 条${r.stationCode ? `（${r.stationCode} ${r.date ?? ''}）` : ''}：${f.message}`);
      const w = writes.length ? await this.write(viewer?.userId ?? null, 'pull', writes, { entity: 'weather_pull', entityId: startedAt, extra: { trigger } }) : { written: 0, kept: 0 };
      saved = w.written;
      summary = `收到 ${received} 条，写入 ${saved} 条${w.kept ? `，${w.kept} 条已有人工记录未覆盖` : ''}${findings.length ? `，${findings.length} 条有误未写入` : ''}`;
    } catch (error) {
      ok = false;
      summary = `拉取失败：${error instanceof Error ? (error.name === 'TimeoutError' ? '数据源超时' : error.message) : String(error)}`;
    }
    const pull: WeatherPull = { id: randomUUID(), startedAt, ok, trigger, received, saved, summary, findings: findings.slice(0, 200) };
    await this.store.db.insertInto('weather_pulls').values({ id: pull.id, started_at: startedAt, ok: ok ? 1 : 0, trigger, received, saved, summary, findings: JSON.stringify(pull.findings) }).execute();
    return success(pull);
  }

  async pullStatus(): Promise<ServiceResult<{ configured: boolean; recent: WeatherPull[] }>> {
    const rows = await this.store.db.selectFrom('weather_pulls').selectAll().orderBy('started_at', 'desc').limit(10).execute();
    return success({
      configured: !!this.weatherUrl,
      recent: rows.map((r) => ({ id: r.id, startedAt: r.started_at, ok: r.ok === 1, trigger: r.trigger as 'schedule' | 'manual', received: r.received, saved: r.saved, summary: r.summary, findings: JSON.parse(r.findings) as string[] })),
    });
  }
}

import { fireDangerLevelInfo, isInScope, scopePrefix, type FireDangerLevel } from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { shanghaiDate } from '../../rules/service.ts';
import { FireWeatherRepository } from './repository.ts';

/** Contract B: one unit's fire danger level on one day. */
export interface DailyDangerLevel {
  unitCode: string;
  date: string; // YYYY-MM-DD Asia/Shanghai
  level: FireDangerLevel;
  forecast: boolean;
  method: string; // 'fwi' | 'lyt1172'
}

export interface UnitDanger extends DailyDangerLevel {
  unitName: string;
  unitLevel: string; // town | village
  levelName: string;
  colour: string;
  warning: boolean;
  value: number;
  explanation: string;
  stationId: string;
  stationCode: string;
  stationName: string;
}

/** The daily fire danger levels of administrative units, as computed by FireWeatherService from the stations. */
export class FireDangerService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** One row per unit and day that has a level (observed or forecast), units under the scope prefix, dates inclusive. */
  async dailyLevels(prefix: string, from: string, to: string): Promise<DailyDangerLevel[]> {
    const rows = await new FireWeatherRepository(this.store.db).levelsBetween(prefix, from, to);
    return rows.map((r) => ({ unitCode: r.unit_code, date: r.date, level: r.level as FireDangerLevel, forecast: r.forecast === 1, method: r.method }));
  }

  /** The levels of the viewer's units on a date (default today), with the dates that have levels to choose from. */
  async onDate(viewer: Viewer, input: { date?: string | undefined; unit?: string | undefined }): Promise<ServiceResult<{ date: string; today: string; dates: { date: string; forecast: boolean }[]; units: UnitDanger[] }>> {
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    const prefix = scopePrefix(unit);
    const today = shanghaiDate(this.now().getTime());
    const date = input.date ?? today;
    const repo = new FireWeatherRepository(this.store.db);
    const rows = await this.store.db.selectFrom('fire_danger_daily as d').innerJoin('units as u', 'u.code', 'd.unit_code').innerJoin('weather_stations as s', 's.id', 'd.station_id')
      .select(['d.unit_code', 'd.date', 'd.level', 'd.method', 'd.value', 'd.explanation', 'd.forecast', 'd.station_id', 'u.short_name', 'u.level as unit_level', 's.code as station_code', 's.name as station_name'])
      .where('d.unit_code', 'like', `${prefix}%`).where('d.date', '=', date).orderBy('d.unit_code').execute();
    const units = rows.map((r): UnitDanger => {
      const level = r.level as FireDangerLevel;
      const info = fireDangerLevelInfo[level];
      return {
        unitCode: r.unit_code, date: r.date, level, forecast: r.forecast === 1, method: r.method, unitName: r.short_name, unitLevel: r.unit_level,
        levelName: info.name, colour: info.colour, warning: info.warning, value: r.value, explanation: r.explanation, stationId: r.station_id, stationCode: r.station_code, stationName: r.station_name,
      };
    });
    return success({ date, today, dates: await repo.levelDates(prefix, 120), units });
  }
}

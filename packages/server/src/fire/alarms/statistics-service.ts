import {
  fireKpis, fireSizeClass, fireSizeClasses, isInScope, scopePrefix, unitLevelOf, type FireKpis, type FireSizeClass, type FireStatus, type UnitLevel,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { ancestorAt } from '../../problems/notify.ts';
import type { LedgerService } from '../../ledger/statistics-service.ts';
import { FireRepository, type FireRow } from './repository.ts';

const childLevel: Record<UnitLevel, UnitLevel> = { province: 'county', county: 'town', town: 'village', village: 'village' };
type ClassCounts = Record<FireSizeClass | 'unknown', number>;

export interface FireStatisticsRow {
  unitCode: string;
  unitName: string;
  fires: number;
  falseAlarms: number; // false alarms and dismissed
  byClass: ClassCounts;
  burnedHa: number;
  forestBurnedHa: number;
  deaths: number;
  injuries: number;
  economicLossYuan: number;
  shareOutWithin24h: number | null;
}

export interface FireStatistics {
  year: number;
  unitCode: string;
  unitName: string;
  asOf: string;
  total: FireStatisticsRow;
  children: FireStatisticsRow[];
  kpis: FireKpis;
  forestAreaSource: string | null; // where the forest area of the damage rate came from
}

/**
 * Fires per unit and year by size class (DOMAIN.md §5 classes) and the two Chongqing KPIs: the share of ordinary fires
 * out within 24 h and the damage rate, whose forest area comes from the ledger (林草湿一本账: 乔木林地 with canopy
 * ≥ 0.2, 竹林地, 特灌林 of the latest year up to the one asked) unless the caller passes it.
 */
export class FireStatisticsService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly ledger: LedgerService,
  ) {}

  async statistics(viewer: Viewer, input: { year: number; unit?: string | undefined; forestAreaHa?: number | undefined; withoutDamageRate?: boolean; range?: { from: string; to: string } | undefined }): Promise<ServiceResult<FireStatistics>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    // The year, or (indicators over a quarter) the dates given, both inclusive, Asia/Shanghai.
    const from = new Date(Date.parse(`${input.range?.from ?? `${input.year}-01-01`}T00:00:00+08:00`)).toISOString();
    const to = input.range
      ? new Date(Date.parse(`${input.range.to}T00:00:00+08:00`) + 86_400_000).toISOString()
      : new Date(Date.parse(`${input.year + 1}-01-01T00:00:00+08:00`)).toISOString();
    const rows = await new FireRepository(this.store.db).all({ scopePrefix: scopePrefix(unitCode), from, to }, 100_000);
    const level = childLevel[unitLevelOf(unitCode)];
    const childCodes = [...new Set(rows.map((r) => ancestorAt(r.unit_code, level)))].sort();
    const units = await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', [unitCode, ...childCodes]).execute();
    const name = new Map(units.map((u) => [u.code, u.short_name]));
    const asOf = this.now().toISOString();
    let forestAreaHa: number | null = input.forestAreaHa ?? null;
    let forestAreaSource: string | null = forestAreaHa !== null ? '调用时给定' : null;
    // The damage rate's forest area comes from the whole ledger (a second or more for a county): skipped when only counts are wanted.
    if (forestAreaHa === null && !input.withoutDamageRate) {
      const years = await this.ledger.years(viewer);
      const year = years.ok ? years.value.years.filter((y) => y <= input.year).sort((a, b) => b - a)[0] : undefined;
      if (year !== undefined) {
        const s = await this.ledger.statistics(viewer, { unit: unitCode, year });
        if (s.ok && s.value.coverage.forestAreaM2 > 0) {
          forestAreaHa = s.value.coverage.forestAreaM2 / 10_000;
          forestAreaSource = `一本账 ${year} 年森林面积（乔木林地郁闭度 ≥0.2、竹林地、特灌林）`;
        }
      }
    }
    return success({
      year: input.year, unitCode, unitName: name.get(unitCode) ?? unitCode, asOf,
      total: this.row(unitCode, name.get(unitCode) ?? unitCode, rows, asOf),
      children: childCodes.map((c) => this.row(c, name.get(c) ?? c, rows.filter((r) => ancestorAt(r.unit_code, level) === c), asOf)),
      kpis: fireKpis(rows.map(FireStatisticsService.forKpi), forestAreaHa, asOf),
      forestAreaSource,
    });
  }

  private static forKpi(r: FireRow) {
    return { status: r.status as FireStatus, discoveredAt: r.discovered_at, outAt: r.out_at, forestBurnedHa: r.forest_burned_ha ?? r.burned_ha };
  }

  private row(unitCode: string, unitName: string, rows: FireRow[], asOf: string): FireStatisticsRow {
    const byClass = Object.fromEntries([...fireSizeClasses, 'unknown'].map((c) => [c, 0])) as ClassCounts;
    const real = rows.filter((r) => r.status !== 'false_alarm' && r.status !== 'dismissed');
    for (const r of real) byClass[fireSizeClass(r.forest_burned_ha ?? r.burned_ha) ?? 'unknown']++;
    const sum = (f: (r: FireRow) => number | null) => real.reduce((s, r) => s + (f(r) ?? 0), 0);
    return {
      unitCode, unitName, fires: real.length, falseAlarms: rows.length - real.length, byClass,
      burnedHa: sum((r) => r.burned_ha), forestBurnedHa: sum((r) => r.forest_burned_ha ?? r.burned_ha), deaths: sum((r) => r.deaths), injuries: sum((r) => r.injuries),
      economicLossYuan: sum((r) => r.economic_loss_yuan), shareOutWithin24h: fireKpis(rows.map(FireStatisticsService.forKpi), null, asOf).shareOutWithin24h,
    };
  }
}

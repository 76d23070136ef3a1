import {
  disasterBaseLandClasses, disasterParcels, disasterRate, isInScope, scopePrefix, unitLevelOf, type DisasterParcel, type UnitLevel,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { RuleSource } from '../../rules/service.ts';
import type { LedgerService } from '../../ledger/statistics-service.ts';
import { ancestorAt } from '../../problems/notify.ts';
import { OccurrenceRepository } from './repository.ts';

const childLevel: Record<UnitLevel, UnitLevel> = { province: 'county', county: 'town', town: 'village', village: 'village' };

export interface DisasterRateRow {
  unitCode: string;
  unitName: string;
  forestAreaM2: number; // 有林地
  unforestedAreaM2: number; // 未成林造林地
  baseAreaM2: number;
  disasterAreaM2: number;
  ratePerMille: number | null; // null without forest land in the ledger
  hostDeathParcels: number;
  meetsTarget: boolean | null;
}

export interface DisasterRateYear {
  year: number;
  unitCode: string;
  unitName: string;
  /** The ledger year the base areas come from: the latest up to `year` (else the earliest); null without a ledger. */
  ledgerYear: number | null;
  targetPerMille: number;
  total: DisasterRateRow;
  children: DisasterRateRow[];
  /** Positive dead pines of the year the register has no 小班 for: they cannot count, the page says so. */
  deadTreesWithoutParcel: number;
  occurrences: number;
}

/**
 * The forest pest disaster rate 成灾率 (issue 7 §5, DOMAIN.md §6) per unit and year: the 小班 where pine wilt killed
 * pines (dead-tree register: cause diseased, lab positive, found in the year, Asia/Shanghai) count whole, the other
 * pests' occurrences by their disaster area (whole where they killed the host); the base is the ledger's 有林地 +
 * 未成林造林地; the target is rule kind `pest_rules` (`disaster.targetPerMille`) in force on the year's last day.
 */
export class DisasterRateService {
  constructor(
    private readonly store: Store,
    private readonly rules: RuleSource,
    private readonly ledger: LedgerService,
  ) {}

  async rate(viewer: Viewer, input: { year: number; unit?: string | undefined }): Promise<ServiceResult<DisasterRateYear>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const years = await this.ledger.years(viewer);
    return success(await this.yearOf(viewer, unitCode, input.year, years.ok ? years.value.years : [], new Map()));
  }

  /** One year after another, for the charts (at most 10 years). */
  async series(viewer: Viewer, input: { from: number; to: number; unit?: string | undefined }): Promise<ServiceResult<{ unitCode: string; years: DisasterRateYear[] }>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    if (input.to < input.from) return invalid('/querystring/to', '结束年度不能早于起始年度');
    if (input.to - input.from >= 10) return invalid('/querystring/from', '一次最多查询 10 个年度');
    const ledgerYears = await this.ledger.years(viewer);
    const bases = new Map<number, Promise<Bases>>();
    const out: DisasterRateYear[] = [];
    for (let y = input.from; y <= input.to; y++) out.push(await this.yearOf(viewer, unitCode, y, ledgerYears.ok ? ledgerYears.value.years : [], bases));
    return success({ unitCode, years: out });
  }

  private async yearOf(viewer: Viewer, unitCode: string, year: number, ledgerYears: number[], bases: Map<number, Promise<Bases>>): Promise<DisasterRateYear> {
    const repo = new OccurrenceRepository(this.store.db);
    const prefix = scopePrefix(unitCode);
    const level = childLevel[unitLevelOf(unitCode)];
    const ledgerYear = ledgerYears.filter((y) => y <= year).sort((a, b) => b - a)[0] ?? [...ledgerYears].sort((a, b) => a - b)[0] ?? null;
    if (ledgerYear !== null && !bases.has(ledgerYear)) bases.set(ledgerYear, this.basesOf(viewer, unitCode, ledgerYear));
    const base: Bases = ledgerYear === null ? { total: { forest: 0, unforested: 0 }, children: new Map() } : await bases.get(ledgerYear)!;
    const { targetPerMille } = (await this.rules.pestRulesAt(`${year}-12-31`)).disaster;

    const from = new Date(Date.parse(`${year}-01-01T00:00:00+08:00`)).toISOString();
    const to = new Date(Date.parse(`${year + 1}-01-01T00:00:00+08:00`)).toISOString();
    const dead = await repo.diseasedDeadTrees(prefix, from, to);
    const located = dead.filter((d) => d.parcel_no !== null && d.parcel_unit_code !== null && d.area_m2 !== null);
    const occurrences = await repo.forRate(prefix, year);
    const parcels = disasterParcels(
      located.map((d) => ({ key: `${d.parcel_unit_code}/${d.parcel_no}`, areaM2: d.area_m2! })),
      occurrences.map((o) => ({
        id: `${o.unit_code}#${o.id}`, parcelKey: o.parcel_no === null ? null : `${o.unit_code}/${o.parcel_no}`, parcelAreaM2: o.parcel_area_m2,
        disasterAreaM2: o.disaster_area_m2, hostDeath: o.host_death === 1,
      })),
    );
    // Every entry's code begins with its unit code (`village/小班` or `unit#occurrence`), which places it in a child.
    const unitOf = (p: DisasterParcel) => p.code.slice(0, 12);
    const childCodes = [...new Set([...base.children.keys(), ...parcels.map((p) => ancestorAt(unitOf(p), level))])].filter((c) => c !== unitCode).sort();
    const names = await repo.unitNames([unitCode, ...childCodes]);
    const row = (code: string, area: { forest: number; unforested: number }, mine: DisasterParcel[]): DisasterRateRow => {
      const r = disasterRate({ forestAreaM2: area.forest, unforestedAreaM2: area.unforested, parcels: mine }, { targetPerMille });
      const disasterAreaM2 = mine.reduce((s, p) => s + (p.hostDeath ? p.areaM2 : p.disasterAreaM2), 0);
      return {
        unitCode: code, unitName: names.get(code) ?? code, forestAreaM2: area.forest, unforestedAreaM2: area.unforested, baseAreaM2: area.forest + area.unforested,
        disasterAreaM2, ratePerMille: r.ok ? r.value.ratePerMille : null, hostDeathParcels: mine.filter((p) => p.hostDeath).length, meetsTarget: r.ok ? r.value.meetsTarget : null,
      };
    };
    return {
      year, unitCode, unitName: names.get(unitCode) ?? unitCode, ledgerYear, targetPerMille,
      total: row(unitCode, base.total, parcels),
      children: level === unitLevelOf(unitCode) ? [] : childCodes.map((c) => row(c, base.children.get(c) ?? { forest: 0, unforested: 0 }, parcels.filter((p) => ancestorAt(unitOf(p), level) === c))),
      deadTreesWithoutParcel: dead.length - located.length, occurrences: occurrences.length,
    };
  }

  private async basesOf(viewer: Viewer, unitCode: string, ledgerYear: number): Promise<Bases> {
    const areas = await this.ledger.landClassAreas(viewer, { unit: unitCode, year: ledgerYear });
    const sum = (m: Map<string, number> | undefined, classes: readonly string[]) => classes.reduce((s, c) => s + (m?.get(c) ?? 0), 0);
    const of = (m: Map<string, number> | undefined) => ({ forest: sum(m, disasterBaseLandClasses.forest), unforested: sum(m, disasterBaseLandClasses.unforested) });
    if (!areas.ok) return { total: { forest: 0, unforested: 0 }, children: new Map() };
    return { total: of(areas.value.total), children: new Map([...areas.value.children].map(([c, m]) => [c, of(m)])) };
  }
}

interface Bases {
  total: { forest: number; unforested: number };
  children: Map<string, { forest: number; unforested: number }>;
}

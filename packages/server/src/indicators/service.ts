import { indicatorCatalogue, indicatorKeys, isInScope, scopePrefix, unitLevelOf, type IndicatorKey, type UnitLevel } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Viewer } from '../auth/viewer.ts';
import { failure, notFound, success, type ServiceResult } from '../http/problem.ts';
import { ancestorAt } from '../problems/notify.ts';
import { PostRepository } from '../posts/repository.ts';
import { ResponsibilitySnapshotRepository } from '../ledger/responsibility-snapshots.ts';
import { shanghaiDate } from '../rules/service.ts';
import type { ComplianceService } from '../patrols/compliance-service.ts';
import type { ProblemStatisticsService } from '../problems/statistics-service.ts';
import type { LedgerService } from '../ledger/statistics-service.ts';
import type { DisasterRateService } from '../pests/occurrences/disaster-rate-service.ts';
import type { FireStatisticsService } from '../fire/alarms/statistics-service.ts';
import type { InfrastructureTargetService } from '../fire/infrastructure/targets-service.ts';
import type { WildlifeReportService } from '../wildlife/report-service.ts';
import type { IndicatorQuery, IndicatorReading, IndicatorResult, IndicatorSource } from './indicator-types.ts';

export type { IndicatorQuery, IndicatorReading, IndicatorResult };

/** What the indicator service reads through: the capabilities' own services, so a figure equals their pages'. */
export interface IndicatorDeps {
  compliance: ComplianceService;
  problemStatistics: ProblemStatisticsService;
  ledger: LedgerService;
  disasterRate: DisasterRateService;
  fireStatistics: FireStatisticsService;
  infrastructureTargets: InfrastructureTargetService;
  wildlifeReports: WildlifeReportService;
}

const childLevel: Record<UnitLevel, UnitLevel | null> = { province: 'county', county: 'town', town: 'village', village: null };
const dateRe = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const validDate = (d: string) => dateRe.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const percent = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 100 : null);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const M2_PER_MU = 10_000 / 15;

interface Units {
  self: { code: string; name: string };
  children: { code: string; name: string }[];
}

type Value = { value: number | null; numerator: number | null; denominator: number | null; note: string | null };
const none = (note: string): Value => ({ value: null, numerator: null, denominator: null, note });
const rate = (num: number, den: number, emptyNote: string): Value =>
  den > 0 ? { value: percent(num, den), numerator: num, denominator: den, note: null } : { ...none(emptyNote), numerator: num, denominator: den };
const count = (v: number, note: string | null = null): Value => ({ value: v, numerator: null, denominator: null, note });

/**
 * Issue 8: the indicators of the catalogue (DOMAIN.md §1–§7), each read through the service of the capability that
 * records it, for a unit's subtree and each unit one level below, over a date range. Targets, the assessment and the
 * dashboard read figures only from here, so the numbers they show equal the records' pages.
 */
export class IndicatorService implements IndicatorSource {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly deps: IndicatorDeps,
  ) {}

  catalogue() {
    return indicatorKeys.map((key) => ({ key, ...indicatorCatalogue[key] }));
  }

  async read(viewer: Viewer, query: IndicatorQuery): Promise<ServiceResult<IndicatorResult>> {
    if (!(indicatorKeys as readonly string[]).includes(query.key)) return invalid('/params/key', '没有这个指标');
    if (!validDate(query.from)) return invalid('/querystring/from', '请填写开始日期（YYYY-MM-DD）');
    if (!validDate(query.to)) return invalid('/querystring/to', '请填写结束日期（YYYY-MM-DD）');
    if (query.to < query.from) return invalid('/querystring/to', '结束日期不能早于开始日期');
    if (Date.parse(query.to) - Date.parse(query.from) > 366 * 86_400_000) return invalid('/querystring/to', '一次最多查询一年');
    const unitCode = query.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const units = await this.units(unitCode);
    if (!units) return notFound();
    const info = indicatorCatalogue[query.key];
    const values = await this.values(viewer, query.key, units, query.from, query.to);
    if (!values.ok) return values;
    const reading = (code: string, name: string): IndicatorReading => ({
      unitCode: code, unitName: name, ...(values.value.get(code) ?? none('无记录')), link: linkOf(query.key, code, query.from, query.to),
    });
    return success({
      key: query.key, name: info.name, unit: info.unit, better: info.better, basis: info.basis,
      from: query.from, to: query.to, asOf: this.now().toISOString(),
      total: reading(units.self.code, units.self.name),
      children: units.children.map((c) => reading(c.code, c.name)),
    });
  }

  private async units(code: string): Promise<Units | null> {
    const rows = await this.store.db.selectFrom('units').select(['code', 'short_name', 'parent_code'])
      .where((eb) => eb.or([eb('code', '=', code), eb('parent_code', '=', code)])).orderBy('code').execute();
    const self = rows.find((r) => r.code === code);
    if (!self) return null;
    return { self: { code, name: self.short_name }, children: rows.filter((r) => r.code !== code).map((r) => ({ code: r.code, name: r.short_name })) };
  }

  /** The value of each unit (the asked one and its children), keyed by unit code. */
  private async values(viewer: Viewer, key: IndicatorKey, units: Units, from: string, to: string): Promise<ServiceResult<Map<string, Value>>> {
    const unit = units.self.code;
    const level = childLevel[unitLevelOf(unit)];
    const childOf = (code: string) => (level ? ancestorAt(code, level) : null);
    const year = Number(to.slice(0, 4));
    const out = new Map<string, Value>();
    switch (key) {
      case 'patrol_compliance':
      case 'report_compliance': {
        const r = await this.deps.compliance.rangeCompliance(viewer, { unit, from, to, duty: key === 'patrol_compliance' ? 'patrol' : 'report' });
        if (!r.ok) return r;
        const sums = new Map<string, { met: number; judged: number }>();
        const add = (code: string, met: number, judged: number) => {
          const s = sums.get(code) ?? { met: 0, judged: 0 };
          s.met += met;
          s.judged += judged;
          sums.set(code, s);
        };
        for (const row of r.value.rows) {
          add(unit, row.met, row.judged);
          const c = childOf(row.unitCode);
          if (c && c !== unit) add(c, row.met, row.judged);
        }
        for (const u of [units.self, ...units.children]) {
          const s = sums.get(u.code) ?? { met: 0, judged: 0 };
          out.set(u.code, rate(s.met, s.judged, '区间内没有已结束的履职周期'));
        }
        return success(out);
      }
      case 'case_investigation':
      case 'problem_on_time':
      case 'problems_overdue': {
        const r = await this.deps.problemStatistics.report(viewer, { unit, from, to });
        if (!r.ok) return r;
        const rows = new Map(r.value.rows.map((row) => [row.unitCode, row]));
        rows.set(unit, r.value.total);
        for (const u of [units.self, ...units.children]) {
          const s = rows.get(u.code);
          if (key === 'problems_overdue') out.set(u.code, count(s?.overdue ?? 0));
          else if (key === 'case_investigation') out.set(u.code, rate(s?.casesClosed ?? 0, s?.cases ?? 0, '区间内没有上报的涉林案件'));
          else out.set(u.code, s && s.onTimeRate !== null
            ? { value: round(s.onTimeRate * 100, 2), numerator: null, denominator: null, note: null }
            : none('区间内没有已办结或已超期的问题'));
        }
        return success(out);
      }
      case 'forest_coverage':
      case 'afforestation_area':
      case 'responsibility_coverage': {
        const ledgerYear = await this.ledgerYear(viewer, year);
        if (ledgerYear === null) {
          for (const u of [units.self, ...units.children]) out.set(u.code, none('没有一本账数据'));
          return success(out);
        }
        const note = `一本账 ${ledgerYear} 年度`;
        if (key === 'forest_coverage') {
          const r = await this.deps.ledger.statistics(viewer, { unit, year: ledgerYear });
          if (!r.ok) return r;
          const of = (c: number | null): Value => (c === null ? none(`${note}：无国土面积`) : { value: round(c * 100, 2), numerator: null, denominator: null, note });
          out.set(unit, of(r.value.coverage.coverage));
          for (const c of r.value.children) out.set(c.unitCode, of(c.coverage));
        } else if (key === 'afforestation_area') {
          const r = await this.deps.ledger.landClassAreas(viewer, { unit, year: ledgerYear });
          if (!r.ok) return r;
          const mu = (m: Map<string, number> | undefined) => count(round((m?.get('0141') ?? 0) / M2_PER_MU, 1), note);
          out.set(unit, mu(r.value.total));
          for (const u of units.children) out.set(u.code, mu(r.value.children.get(u.code) ?? new Map()));
        } else {
          const r = await this.deps.ledger.responsibility(viewer, { unit, year: ledgerYear });
          const of = (covered: number, forest: number, basis = note): Value => (forest > 0
            ? { value: percent(covered, forest), numerator: round(covered / M2_PER_MU, 1), denominator: round(forest / M2_PER_MU, 1), note: `${basis}，面积单位亩` }
            : none(`${basis}：无林地`));
          if (r.ok) {
            out.set(unit, of(r.value.coveredM2, r.value.forestM2));
            for (const c of r.value.children) out.set(c.unitCode, of(c.coveredM2, c.forestM2));
          } else if (r.error.kind === 'invalid') {
            // Too many forest 小班 to overlay on request: the towns' figures the daily job stored, summed.
            const rows = await new ResponsibilitySnapshotRepository(this.store.db).within(unit, ledgerYear);
            if (!rows.length) {
              for (const u of [units.self, ...units.children]) out.set(u.code, none(`${note}：林地小班过多，须按乡镇核算，尚无每日核算结果（定时任务 responsibility-snapshots）`));
            } else {
              const oldest = rows.map((x) => x.computed_at).sort()[0]!;
              // A town with a ledger but no stored figure (too large even alone, or new since the last run) is named.
              const stats = await this.deps.ledger.statistics(viewer, { unit, year: ledgerYear });
              const withLedger = new Set(stats.ok ? stats.value.children.filter((c) => c.parcels > 0).map((c) => c.unitCode) : []);
              const missing = units.children.filter((c) => withLedger.has(c.code) && !rows.some((x) => x.unit_code === c.code || (childOf(x.unit_code) ?? x.unit_code) === c.code));
              const basis = `${note}，各乡镇 ${shanghaiDate(Date.parse(oldest))} 核算结果汇总${missing.length ? `；缺 ${missing.length} 个乡镇（${missing.slice(0, 3).map((c) => c.name).join('、')}${missing.length > 3 ? ' 等' : ''}）的核算结果` : ''}`;
              const sum = (list: typeof rows) => list.reduce((a, x) => ({ covered: a.covered + x.covered_m2, forest: a.forest + x.forest_m2 }), { covered: 0, forest: 0 });
              const all = sum(rows);
              out.set(unit, of(all.covered, all.forest, basis));
              for (const c of units.children) {
                const mine = rows.filter((x) => (childOf(x.unit_code) ?? x.unit_code) === c.code || x.unit_code === c.code);
                if (mine.length) {
                  const t = sum(mine);
                  out.set(c.code, of(t.covered, t.forest, basis));
                }
              }
            }
          } else return r;
        }
        return success(out);
      }
      case 'pest_disaster_rate': {
        const r = await this.deps.disasterRate.rate(viewer, { year, unit });
        if (!r.ok) return r;
        const of = (row: { ratePerMille: number | null; disasterAreaM2: number; baseAreaM2: number }): Value => (row.ratePerMille === null
          ? none('一本账中没有林地')
          : { value: round(row.ratePerMille, 2), numerator: round(row.disasterAreaM2 / M2_PER_MU, 1), denominator: round(row.baseAreaM2 / M2_PER_MU, 1), note: `${year} 年，面积单位亩${r.value.ledgerYear ? `，一本账 ${r.value.ledgerYear} 年度` : ''}` });
        out.set(unit, of(r.value.total));
        for (const c of r.value.children) out.set(c.unitCode, of(c));
        return success(out);
      }
      case 'forest_fires':
      case 'fire_out_within_24h': {
        const r = await this.deps.fireStatistics.statistics(viewer, { year, unit, withoutDamageRate: true, range: { from, to } });
        if (!r.ok) return r;
        // A unit without fire records had none: 0, not unknown.
        if (key === 'forest_fires') for (const u of [units.self, ...units.children]) out.set(u.code, count(0, `${from} 至 ${to}`));
        for (const row of [r.value.total, ...r.value.children]) {
          out.set(row.unitCode, key === 'forest_fires'
            ? count(row.fires, `${from} 至 ${to}`)
            : row.shareOutWithin24h === null ? none('区间内没有已判定的一般森林火灾') : { value: round(row.shareOutWithin24h * 100, 2), numerator: null, denominator: null, note: `${from} 至 ${to}` });
        }
        if (key === 'fire_out_within_24h' && r.value.kpis.shareOutWithin24h !== null) {
          out.set(unit, { value: round(r.value.kpis.shareOutWithin24h * 100, 2), numerator: r.value.kpis.ordinaryOutWithin24h, denominator: r.value.kpis.ordinaryFires, note: `${from} 至 ${to}` });
        }
        return success(out);
      }
      case 'video_points':
      case 'fire_trails':
      case 'firebreaks':
      case 'water_tanks':
      case 'ten_household_groups': {
        const kind = ({ video_points: 'video_point', fire_trails: 'fire_trail', firebreaks: 'firebreak', water_tanks: 'water_tank', ten_household_groups: 'ten_household_group' } as const)[key];
        const r = await this.deps.infrastructureTargets.summary(viewer, { unit, year, withoutTargets: true });
        if (!r.ok) return r;
        for (const u of r.value.units) {
          const actual = u.progress.find((p) => p.kind === kind)?.actual ?? 0;
          out.set(u.unitCode, count(round(actual, 2), `截至 ${year} 年底已建成`));
        }
        return success(out);
      }
      case 'rangers': {
        const posts = await new PostRepository(this.store.db).inOffice(scopePrefix(unit), to);
        const people = new Map<string, Set<string>>();
        for (const p of posts.filter((x) => x.role === 'ranger')) {
          for (const code of [unit, childOf(p.unitCode)]) {
            if (!code) continue;
            const set = people.get(code) ?? new Set<string>();
            set.add(p.personId);
            people.set(code, set);
          }
        }
        for (const u of [units.self, ...units.children]) out.set(u.code, count(people.get(u.code)?.size ?? 0, `${to} 在岗`));
        return success(out);
      }
      case 'wildlife_report_rate': {
        const r = await this.deps.wildlifeReports.reportRate(viewer, { unit, from, to });
        if (!r.ok) return r;
        const sums = new Map<string, { due: number; reported: number }>();
        for (const s of r.value) {
          for (const code of [unit, childOf(s.unitCode)]) {
            if (!code) continue;
            const x = sums.get(code) ?? { due: 0, reported: 0 };
            x.due += s.due;
            x.reported += s.reported;
            sums.set(code, x);
          }
        }
        for (const u of [units.self, ...units.children]) {
          const s = sums.get(u.code) ?? { due: 0, reported: 0 };
          out.set(u.code, rate(s.reported, s.due, '区间内没有应报日（无监测站或未到报告时间）'));
        }
        return success(out);
      }
    }
  }

  /** The ledger year a year's figures rest on: the latest up to it, else the earliest (as the disaster rate does). */
  private async ledgerYear(viewer: Viewer, year: number): Promise<number | null> {
    const r = await this.deps.ledger.years(viewer);
    const years = r.ok ? r.value.years : [];
    return years.filter((y) => y <= year).sort((a, b) => b - a)[0] ?? [...years].sort((a, b) => a - b)[0] ?? null;
  }
}

function invalid(field: string, message: string): ServiceResult<never> {
  return failure({ kind: 'invalid', errors: [{ field, message }] });
}

/** The page listing the records a value counts. */
export function linkOf(key: IndicatorKey, unit: string, from: string, to: string): string {
  const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
  const year = to.slice(0, 4);
  switch (key) {
    case 'patrol_compliance': return `/patrols/compliance${q({ unit, duty: 'patrols', asOf: `${to}T23:59:59+08:00` })}`;
    case 'report_compliance': return `/patrols/compliance${q({ unit, duty: 'reports', asOf: `${to}T23:59:59+08:00` })}`;
    case 'case_investigation':
    case 'problem_on_time':
    case 'problems_overdue': return `/problems/statistics${q({ unit, from, to })}`;
    case 'forest_coverage':
    case 'afforestation_area': return `/ledger${q({ unit, year })}`;
    case 'responsibility_coverage': return `/ledger/changes${q({ unit, tab: 'responsibility' })}`;
    case 'pest_disaster_rate': return `/pests/disaster${q({ unit, year })}`;
    case 'forest_fires':
    case 'fire_out_within_24h': return `/fire/alarms${q({ unit, year })}`;
    case 'rangers': return `/posts${q({ unit, role: 'ranger' })}`;
    case 'wildlife_report_rate': return `/pests/wildlife${q({ unit, from, to })}`;
    case 'video_points':
    case 'fire_trails':
    case 'firebreaks':
    case 'water_tanks':
    case 'ten_household_groups': return `/fire/infrastructure${q({ unit, year })}`;
  }
}

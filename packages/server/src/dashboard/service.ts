import { indicatorCatalogue, isInScope, openStatuses, unitLevelOf, type IndicatorKey } from '@linzhang/domain';
import { ancestorAt } from '../problems/notify.ts';
import type { Store } from '../db/connect.ts';
import type { Viewer } from '../auth/viewer.ts';
import { notFound, success, type ServiceResult } from '../http/problem.ts';
import { shanghaiDate } from '../rules/service.ts';
import type { IndicatorSource } from '../indicators/indicator-types.ts';
import type { WorkPlanTargetService } from '../workplans/target-service.ts';
import type { ProblemService } from '../problems/service.ts';
import type { FireDangerService } from '../fire/weather/danger-service.ts';
import type { FireAlarmService } from '../fire/alarms/service.ts';
import type { DeadTreeService } from '../pests/dead-trees/service.ts';
import type { AssessmentService } from '../assessment/service.ts';
import { WorkPlanRepository } from '../workplans/repository.ts';
import { withReadMemo } from '../http/read-memo.ts';
import { linkOf } from '../indicators/service.ts';

/** One figure of the dashboard: what it counts, and the page listing the records it counts. */
export interface DashboardFigure {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  /** What it rests on or why it is empty, in Chinese. */
  note: string | null;
  link: string;
}

export interface DashboardSection {
  key: 'targets' | 'duties' | 'problems' | 'fire' | 'pests' | 'resources' | 'ranking';
  title: string;
  figures: DashboardFigure[];
  /**
   * The ranking's rows (section `ranking` only): the best and the last towns of the latest quarter scored; for a town
   * (`own`), the town itself among the `ranked` towns of its county's scheme.
   */
  ranking?: { title: string; period: string; top: { name: string; total: number; rank: number }[]; bottom: { name: string; total: number; rank: number }[]; own: boolean; ranked: number } | null;
}

export interface Dashboard {
  unitCode: string;
  unitName: string;
  today: string;
  asOf: string;
  sections: DashboardSection[];
}

export interface DashboardDeps {
  indicators: IndicatorSource;
  workplanTargets: WorkPlanTargetService;
  problems: ProblemService;
  fireDanger: FireDangerService;
  fireAlarms: FireAlarmService;
  deadTrees: DeadTreeService;
  assessment: AssessmentService;
}

const q = (params: Record<string, string | string[]>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) s.append(k, x);
  return `?${s.toString()}`;
};
const quarterStart = (today: string) => `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/**
 * Issue 8 §5, the leadership dashboard: targets, duties, problems, today's fire danger and fires, pests, resources and
 * the ranking for one unit, each figure read through the service that owns its records (the indicators, the plan
 * targets, the problem list, the danger levels …) and linking to the page that lists them — so a figure here equals
 * what that page shows.
 */
export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly deps: DashboardDeps,
  ) {}

  /** Read as of one instant, the heavy reads (a year of duty judged, the ledger summed) shared by the figures. */
  dashboard(viewer: Viewer, input: { unit?: string | undefined }): Promise<ServiceResult<Dashboard>> {
    return withReadMemo(this.now(), () => this.read(viewer, input));
  }

  private async read(viewer: Viewer, input: { unit?: string | undefined }): Promise<ServiceResult<Dashboard>> {
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    const self = await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', '=', unit).executeTakeFirst();
    if (!self) return notFound();
    const asOf = this.now().toISOString();
    const today = shanghaiDate(Date.parse(asOf));
    const year = Number(today.slice(0, 4));
    const indicator = async (key: IndicatorKey, from: string, label: string, figureKey: string = key): Promise<DashboardFigure> => {
      const r = await this.deps.indicators.read(viewer, { key, unit, from, to: today });
      // A figure that cannot be read still opens the page of its records, where the reason shows.
      if (!r.ok) return { key: figureKey, label, value: null, unit: indicatorCatalogue[key].unit, note: r.error.kind === 'invalid' ? r.error.errors.map((e) => e.message).join('；') : '无法读取', link: linkOf(key, unit, from, today) };
      return { key: figureKey, label, value: r.value.total.value, unit: r.value.unit, note: r.value.total.note, link: r.value.total.link };
    };
    const quarter = quarterStart(today);
    const countProblems = async (query: Parameters<ProblemService['list']>[1]) => {
      const r = await this.deps.problems.list(viewer, { ...query, unit, limit: 1 });
      return r.ok ? r.value.total : null;
    };
    // The sections read different records: read side by side (PostgreSQL answers them on separate connections).
    const sections: DashboardSection[] = await Promise.all([
      (async (): Promise<DashboardSection> => {
        // Targets of the unit's own plan of this year (else its latest).
        const plan = await new WorkPlanRepository(this.store.db).latestOf(unit);
        if (!plan) return { key: 'targets', title: '目标任务', figures: [{ key: 'targets_total', label: '量化指标', value: null, unit: '个', note: '本级尚未导入工作要点', link: '/workplans' }] };
        const targets = await this.deps.workplanTargets.listForPlan(viewer, plan.id);
        const items = targets.ok ? targets.value.items : [];
        const link = `/workplans/${plan.id}`;
        const n = (f: (t: (typeof items)[number]) => boolean) => items.filter(f).length;
        return {
          key: 'targets', title: `目标任务（${plan.year} 年工作要点）`,
          figures: [
            { key: 'targets_total', label: '量化指标', value: items.length, unit: '个', note: plan.title, link },
            { key: 'targets_tracked', label: '已落实责任', value: n((t) => t.tracking !== null), unit: '个', note: null, link },
            { key: 'targets_met', label: '已达成', value: n((t) => t.progress.status === 'met'), unit: '个', note: null, link },
            { key: 'targets_behind', label: '滞后或未完成', value: n((t) => t.progress.status === 'behind' || t.progress.status === 'not_met'), unit: '个', note: null, link },
            { key: 'targets_closed', label: '已销号', value: n((t) => Boolean(t.tracking?.closedAt)), unit: '个', note: null, link },
            { key: 'targets_missing_reports', label: '缺报进度', value: items.reduce((s, t) => s + t.missingReports.length, 0), unit: '期', note: null, link },
          ],
        };
      })(),
      (async (): Promise<DashboardSection> => ({
        key: 'duties', title: '林长履职（本季度）',
        figures: await Promise.all([indicator('patrol_compliance', quarter, '巡林履职率'), indicator('report_compliance', quarter, '林长报告履职率')]),
      }))(),
      (async (): Promise<DashboardSection> => ({
        key: 'problems', title: '问题处置',
        figures: [
          { key: 'problems_open', label: '未办结问题', value: await countProblems({ status: [...openStatuses] }), unit: '个', note: '当前', link: `/problems${q({ tab: 'all', unit, status: [...openStatuses] })}` },
          { key: 'problems_overdue_now', label: '已逾期未办结', value: await countProblems({ overdue: true }), unit: '个', note: '当前', link: `/problems${q({ tab: 'overdue', unit })}` },
          await indicator('case_investigation', `${year}-01-01`, '涉林案件查处率（本年）'),
        ],
      }))(),
      (async (): Promise<DashboardSection> => {
        const danger = await this.deps.fireDanger.onDate(viewer, { unit });
        const levels = danger.ok ? danger.value.units.filter((u) => u.unitLevel === 'town') : [];
        const openFires = await this.deps.fireAlarms.list(viewer, { unit, open: true, limit: 1 });
        return {
          key: 'fire', title: '森林防火',
          figures: [
            { key: 'fire_danger_max', label: '今日最高火险等级', value: levels.length ? Math.max(...levels.map((l) => Number(l.level))) : null, unit: '级', note: levels.length ? `${levels.length} 个乡镇有火险等级` : '今日尚无火险等级', link: '/fire/danger' },
            { key: 'fire_danger_warning', label: '今日较高火险及以上乡镇', value: levels.filter((l) => l.warning).length, unit: '个', note: '三级（较高）及以上', link: '/fire/danger' },
            { key: 'fires_open', label: '正在处置的火情', value: openFires.ok ? openFires.value.total : null, unit: '起', note: '当前', link: `/fire/alarms${q({ unit, open: 'true' })}` },
            await indicator('forest_fires', `${year}-01-01`, '森林火灾（本年）'),
          ],
        };
      })(),
      (async (): Promise<DashboardSection> => {
        // This year's dead pines not yet done: what the register page lists for the year with 未完成.
        const trees = await this.deps.deadTrees.list(viewer, { unit, open: true, year, limit: 1 });
        return {
          key: 'pests', title: '有害生物防治',
          figures: [
            await indicator('pest_disaster_rate', `${year}-01-01`, '林业有害生物成灾率（本年）'),
            { key: 'dead_trees_open', label: '未处置完的枯死松树（本年发现）', value: trees.ok ? trees.value.total : null, unit: '株', note: '当前', link: `/pests${q({ unit, year: String(year), state: 'open' })}` },
          ],
        };
      })(),
      (async (): Promise<DashboardSection> => ({
        key: 'resources', title: '林草资源',
        figures: await Promise.all([indicator('forest_coverage', `${year}-01-01`, '森林覆盖率'), indicator('responsibility_coverage', `${year}-01-01`, '管护责任覆盖率')]),
      }))(),
      (async (): Promise<DashboardSection> => {
        // The ranking: the unit's latest scheme, its latest quarter begun; a town's is its county's, where it stands.
        const town = unitLevelOf(unit) === 'town';
        const scheme = await this.deps.assessment.latestScheme(town ? ancestorAt(unit, 'county') : unit);
        let ranking: DashboardSection['ranking'] = null;
        const lastQuarter = !scheme ? 0 : scheme.year < year ? 4 : scheme.year > year ? 0 : Math.ceil(Number(today.slice(5, 7)) / 3);
        if (scheme && lastQuarter > 0) {
          const period = `${scheme.year}-Q${lastQuarter}`;
          const scores = await this.deps.assessment.scores(viewer, scheme.id, { period, level: 'town' });
          if (scores.ok) {
            const rows = scores.value.rows.map((r) => ({ unitCode: r.unitCode, name: r.subjectName, total: r.total, rank: r.rank }));
            const shown = (list: typeof rows) => list.map(({ name, total, rank }) => ({ name, total, rank }));
            const ranked = scores.value.ranked;
            ranking = town
              ? { title: scheme.title, period, top: shown(rows.filter((r) => r.unitCode === unit)), bottom: [], own: true, ranked }
              : { title: scheme.title, period, top: shown(rows.slice(0, 3)), bottom: shown(rows.length > 3 ? rows.slice(-3) : []), own: false, ranked };
          }
        }
        return { key: 'ranking', title: '考核排名', figures: [], ranking };
      })(),
    ]);
    return success({ unitCode: unit, unitName: self.short_name, today, asOf, sections });
  }
}

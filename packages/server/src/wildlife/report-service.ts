import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  abnormalDeaths, checkWildlifeReport, reportSubmittedAt, isInScope, missingWildlifeReports, scopePrefix, wildlifeReportCalendar, wildlifeReportCutoff,
  type PestRules, type WildlifeDailyReport, type WildlifeObservation, type WildlifeReportDay, type WildlifeReportGap, type WildlifeStation,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { shanghaiDate, type RuleSource } from '../rules/service.ts';
import type { ProblemService } from '../problems/service.ts';
import { WildlifeRepository, type ReportRow, type StationRow } from './repository.ts';
import { canReportFor, WildlifeStationService } from './station-service.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The last day of a month YYYY-MM. */
const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** The wildlife rules (rule kind `pest_rules`) of each day from `from` to `to`, read once per day. */
export async function wildlifeRulesByDay(rules: RuleSource, from: string, to: string, db?: Kysely<Database>): Promise<(date: string) => PestRules['wildlife']> {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const byDay = new Map<string, PestRules['wildlife']>();
  // One at a time: inside a SQLite transaction concurrent reads would queue anyway.
  for (const d of days) byDay.set(d, (await rules.pestRulesAt(d, db)).wildlife);
  return (date) => byDay.get(date) ?? byDay.get(days[days.length - 1]!)!;
}

export const stationOf = (s: StationRow): WildlifeStation => ({ id: s.id, name: s.name, activeFrom: s.active_from, activeTo: s.active_to, supervisorId: s.supervisor_user_id });
export const dailyReportOf = (r: Pick<ReportRow, 'station_id' | 'date' | 'submitted_at' | 'zero'>): WildlifeDailyReport => ({ stationId: r.station_id, date: r.date, submittedAt: r.submitted_at, zero: r.zero === 1 });

export interface WildlifeReportRecord {
  id: string;
  stationId: string;
  date: string;
  zero: boolean;
  observations: WildlifeObservation[];
  deadTotal: number;
  note: string | null;
  reporterName: string;
  submittedAt: string;
  updatedAt: string;
  cutoffAt: string;
  late: boolean;
  version: number;
  problemId: string | null;
}

export interface ReportInput {
  id: string; // client-generated: a retry returns the stored report
  stationId: string;
  date: string;
  zero: boolean;
  observations: WildlifeObservation[];
  note?: string | null | undefined;
  reporterName?: string | undefined;
  /** Where the dead animals were found; the station's position when not given. */
  lon?: number | undefined;
  lat?: number | undefined;
  /** To correct the day's stored report: the version read. */
  version?: number | undefined;
  /**
   * When the report was made on the phone, sent later from its outbox: lateness is judged by it, not by when the signal
   * came back. Not before the day reported on; a time ahead of the server's (a phone's clock) counts as now.
   */
  madeAt?: string | undefined;
}

export interface WildlifeCalendar {
  stationId: string;
  month: string;
  cutoff: string; // HH:MM in force on the month's last day
  days: (WildlifeReportDay & { reportId: string | null; deadTotal: number; flagged: boolean })[];
  gaps: WildlifeReportGap[];
  counts: Record<WildlifeReportDay['state'], number>;
}

export interface MissingReportRecord {
  stationId: string;
  stationName: string;
  unitCode: string;
  unitName: string;
  supervisorName: string | null;
  date: string;
  cutoffAt: string;
  flaggedAt: string | null; // when the job told the supervisor
}

/** Daily and zero reports of the monitoring stations (日报告、零报告, DOMAIN.md §7), their calendar and the missed days. */
export class WildlifeReportService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: RuleSource,
    private readonly problems: ProblemService,
  ) {}

  private async record(r: ReportRow, db: Kysely<Database> = this.store.db): Promise<WildlifeReportRecord> {
    const cutoffAt = wildlifeReportCutoff(r.date, (await this.rules.pestRulesAt(r.date, db)).wildlife);
    return {
      id: r.id, stationId: r.station_id, date: r.date, zero: r.zero === 1, observations: JSON.parse(r.observations) as WildlifeObservation[], deadTotal: r.dead_total,
      note: r.note, reporterName: r.reporter_name, submittedAt: r.submitted_at, updatedAt: r.updated_at, cutoffAt, late: Date.parse(r.submitted_at) > Date.parse(cutoffAt),
      version: r.version, problemId: r.problem_id,
    };
  }

  /**
   * Submits the day's report of a station. A retry with the same id returns the stored report (200); another report for
   * a station and day that already has one is refused unless it carries that report's version, and then corrects it.
   * Abnormal deaths open one problem (category 野生动物异常死亡) in the closed loop, in the same transaction.
   */
  async submit(viewer: Viewer, input: ReportInput): Promise<ServiceResult<{ report: WildlifeReportRecord; created: boolean }>> {
    const at = this.now().toISOString();
    try {
      return await this.store.db.transaction().execute(async (trx) => this.submitIn(trx, viewer, input, at));
    } catch (e) {
      // Two first submissions of the same day raced: the loser sees the winner's report, as a retry would.
      if (!isUniqueViolation(e)) throw e;
      const repo = new WildlifeRepository(this.store.db);
      const same = await repo.report(input.id);
      if (same) return success({ report: await this.record(same), created: false });
      return failure({ kind: 'conflict', field: '/body/date', message: '该站点当日日报刚由他人提交，请刷新后查看' });
    }
  }

  private async submitIn(trx: Kysely<Database>, viewer: Viewer, input: ReportInput, at: string): Promise<ServiceResult<{ report: WildlifeReportRecord; created: boolean }>> {
    const repo = new WildlifeRepository(trx);
    const station = await WildlifeStationService.visible(repo, viewer, input.stationId);
    if (!station) return notFound();
    if (!canReportFor(viewer, station.row, station.reporterIds)) return failure({ kind: 'forbidden', message: '只有该站点的报告人或林业局工作人员可以报送日报' });
    const findings = checkWildlifeReport(input, { activeFrom: station.row.active_from, activeTo: station.row.active_to }, shanghaiDate(at));
    if (findings.length) return failure({ kind: 'invalid', errors: findings.map((f) => ({ field: `/body${f.field}`, message: f.message })) });
    const submitted = reportSubmittedAt(input.date, input.madeAt, at);
    if (!submitted.ok) return failure({ kind: 'invalid', errors: [{ field: `/body${submitted.error.field}`, message: submitted.error.message }] });
    const submittedAt = submitted.value;

    const byId = await repo.report(input.id);
    if (byId && (byId.station_id !== input.stationId || byId.date !== input.date)) return failure({ kind: 'conflict', field: '/body/id', message: '日报编号已被另一站点或日期使用' });
    if (byId && input.version === undefined) return success({ report: await this.record(byId, trx), created: false });
    const stored = byId ?? (await repo.reportOn(input.stationId, input.date));
    if (stored && input.version === undefined) {
      return failure({ kind: 'conflict', field: '/body/date', message: `该站点 ${input.date} 已报送日报（版本 ${stored.version}），如需更正请带上版本号` });
    }
    if (!stored && input.version !== undefined) return failure({ kind: 'conflict', field: '/body/version', message: '该站点当日尚无日报，新报送时不带版本号' });

    const observations = input.observations.map((o) => ({ species: o.species.trim(), count: o.count, dead: o.dead, note: o.note?.trim() || null }));
    const deaths = abnormalDeaths(observations);
    const deadTotal = deaths.reduce((n, d) => n + d.dead, 0);
    const me = (await repo.users([viewer.userId]))[0];
    const reporterName = input.reporterName?.trim() || me?.name || viewer.username;
    const values = { zero: input.zero ? 1 : 0, observations: JSON.stringify(observations), dead_total: deadTotal, note: input.note?.trim() || null, reporter_user_id: viewer.userId, reporter_name: reporterName };
    const id = stored?.id ?? input.id;
    if (stored) {
      if (!(await repo.updateReportIfVersion(stored.id, input.version!, { ...values, updated_at: at }))) {
        return failure({ kind: 'conflict', field: '/body/version', message: '该日报已被他人更正，请刷新后再提交' });
      }
    } else {
      await repo.insertReport({ id, station_id: input.stationId, date: input.date, ...values, submitted_at: submittedAt, updated_at: at, version: 1, problem_id: null });
    }
    let problemId = stored?.problem_id ?? null;
    if (deaths.length && !problemId) {
      problemId = randomUUID();
      const s = station.row;
      const what = deaths.map((d) => `${d.species} ${d.dead} 只`).join('、');
      await this.problems.insertProblem(trx, {
        id: problemId, category: 'wildlife_death', severity: 'serious', source: 'staff', title: `野生动物异常死亡：${s.name}（${what}）`,
        description: `${s.unit_name}${s.name} ${input.date} 日报：发现${what}异常死亡，请按疫源疫病监测规定采样送检、无害化处理。${values.note ? `报告人说明：${values.note}` : ''}`,
        lon: input.lon ?? s.lon, lat: input.lat ?? s.lat, geometry: null, unitCode: s.unit_code, reportedAt: at,
        reporterUserId: viewer.userId, reporterPersonId: viewer.personId, reporterName, reporterPhone: null,
        patrolId: null, parcelRef: null, fireRef: null, pestRef: null, externalRef: `wildlife:${id}`, needsFieldCheck: true, importBatch: null,
      }, [], viewer.userId, at);
      await repo.setReportProblem(id, problemId);
    }
    await recordAudit(trx, {
      userId: viewer.userId, action: stored ? 'update' : 'create', entity: 'wildlife_daily_report', entityId: id,
      ...(stored ? { before: { zero: stored.zero, observations: stored.observations, version: stored.version } } : {}),
      after: { stationId: input.stationId, date: input.date, zero: input.zero, deadTotal, problemId },
    }, at);
    const saved = (await repo.report(id))!;
    return success({ report: await this.record(saved, trx), created: !stored });
  }

  async month(viewer: Viewer, stationId: string, month: string): Promise<ServiceResult<WildlifeReportRecord[]>> {
    const repo = new WildlifeRepository(this.store.db);
    const station = await WildlifeStationService.visible(repo, viewer, stationId);
    if (!station) return notFound();
    const rows = await repo.reports([stationId], `${month}-01`, `${month}-31`);
    const out: WildlifeReportRecord[] = [];
    for (const r of rows) out.push(await this.record(r));
    return success(out);
  }

  /** One station's month (YYYY-MM) as day states at now, with the runs of missed days and which were flagged. */
  async calendar(viewer: Viewer, stationId: string, month: string): Promise<ServiceResult<WildlifeCalendar>> {
    const repo = new WildlifeRepository(this.store.db);
    const station = await WildlifeStationService.visible(repo, viewer, stationId);
    if (!station) return notFound();
    const from = `${month}-01`;
    const to = monthEnd(month);
    const rows = await repo.reports([stationId], from, to);
    const flags = new Set((await repo.flags([stationId], from, to)).map((f) => f.date));
    const rulesOf = await wildlifeRulesByDay(this.rules, from, to);
    const cal = wildlifeReportCalendar(stationOf(station.row), rows.map(dailyReportOf), from, to, this.now().toISOString(), rulesOf);
    const byDate = new Map(rows.map((r) => [r.date, r]));
    const counts = { reported: 0, late: 0, missing: 0, pending: 0, future: 0, inactive: 0 };
    for (const d of cal.days) counts[d.state]++;
    return success({
      stationId, month, cutoff: rulesOf(to).dailyReportCutoff, gaps: cal.gaps, counts,
      days: cal.days.map((d) => ({ ...d, reportId: byDate.get(d.date)?.id ?? null, deadTotal: byDate.get(d.date)?.dead_total ?? 0, flagged: flags.has(d.date) })),
    });
  }

  /**
   * Per station of a unit's subtree, the days of `from`..`to` whose report was due by now (cut-off passed, station
   * active) and how many of them were reported, late reports included: the daily report rate (issue 8 indicators).
   */
  async reportRate(viewer: Viewer, query: { from: string; to: string; unit: string }): Promise<ServiceResult<{ stationId: string; stationName: string; unitCode: string; due: number; reported: number }[]>> {
    if (!isInScope(query.unit, viewer.scopeCode)) return notFound();
    const repo = new WildlifeRepository(this.store.db);
    const stations = (await repo.stations({ scopePrefix: viewer.scopePrefix, userId: viewer.userId }, scopePrefix(query.unit)));
    const reports = await repo.reports(stations.map((s) => s.id), query.from, query.to);
    const rulesOf = await wildlifeRulesByDay(this.rules, query.from, query.to);
    const now = this.now().toISOString();
    const all = reports.map(dailyReportOf);
    return success(stations.map((s) => {
      const { days } = wildlifeReportCalendar(stationOf(s), all.filter((r) => r.stationId === s.id), query.from, query.to, now, rulesOf);
      const reported = days.filter((d) => d.state === 'reported' || d.state === 'late').length;
      return { stationId: s.id, stationName: s.name, unitCode: s.unit_code, due: reported + days.filter((d) => d.state === 'missing').length, reported };
    }));
  }

  /** The station-days of the viewer's scope missed from `from` to `to` (cut-off passed, no report), newest first. */
  async missing(viewer: Viewer, query: { from: string; to: string; unit?: string | undefined }): Promise<ServiceResult<MissingReportRecord[]>> {
    if (query.to < query.from) return failure({ kind: 'invalid', errors: [{ field: '/querystring/to', message: '结束日期不能早于开始日期' }] });
    if (Date.parse(query.to) - Date.parse(query.from) > 366 * 86_400_000) return failure({ kind: 'invalid', errors: [{ field: '/querystring/to', message: '一次最多查询一年' }] });
    if (query.unit && !isInScope(query.unit, viewer.scopeCode)) return notFound();
    const repo = new WildlifeRepository(this.store.db);
    const stations = await repo.stations({ scopePrefix: viewer.scopePrefix, userId: viewer.userId }, query.unit ? scopePrefix(query.unit) : undefined);
    const ids = stations.map((s) => s.id);
    const reports = await repo.reports(ids, query.from, query.to);
    const flags = new Map((await repo.flags(ids, query.from, query.to)).map((f) => [`${f.station_id}|${f.date}`, f.flagged_at]));
    // Judged now: a report made after its day's cut-off counts as made (the calendar shows it as late).
    const now = this.now().toISOString();
    const rulesOf = await wildlifeRulesByDay(this.rules, query.from, query.to);
    const missed = missingWildlifeReports(stations.map(stationOf), reports.map(dailyReportOf), query.from, now, rulesOf).filter((m) => m.date <= query.to);
    const byId = new Map(stations.map((s) => [s.id, s]));
    return success(missed.map((m) => {
      const s = byId.get(m.stationId)!;
      return { stationId: m.stationId, stationName: m.stationName, unitCode: s.unit_code, unitName: s.unit_name, supervisorName: s.supervisor_name, date: m.date, cutoffAt: m.cutoffAt, flaggedAt: flags.get(`${m.stationId}|${m.date}`) ?? null };
    }).sort((a, b) => (a.date === b.date ? a.stationName.localeCompare(b.stationName) : a.date < b.date ? 1 : -1)));
  }
}

import { randomUUID } from 'node:crypto';
import {
  convertQuantity, endedReportPeriods, indicatorCatalogue, indicatorKeys, isCalendarDate, isInScope, periodOf, reportPeriodPattern, reportPeriodStart, targetProgress,
  type IndicatorKey, type ReportSchedule, type TargetOp, type TargetProgress,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Viewer } from '../auth/viewer.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { shanghaiDate } from '../rules/service.ts';
import type { IndicatorSource } from '../indicators/indicator-types.ts';
import { WorkPlanTargetRepository, type TargetRow } from './target-repository.ts';
import { FileRepository } from '../files/repository.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';


export interface TargetTracking {
  ownerUnitCodes: string[];
  ownerUnitNames: string[];
  ownerPersonId: string | null;
  ownerPersonName: string | null;
  measure: 'manual' | 'indicator';
  indicatorKey: IndicatorKey | null;
  indicatorUnitCode: string | null;
  reportEvery: ReportSchedule | null;
  dueOn: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  version: number;
  updatedAt: string;
}

export interface TargetReport {
  id: string;
  periodKey: string;
  value: number | null;
  unit: string | null;
  note: string;
  reportedBy: string | null;
  reporterName: string | null;
  reportedAt: string;
  version: number;
  fileIds: string[];
}

export interface TrackedTarget {
  id: string;
  planId: string;
  planTitle: string;
  planYear: number;
  taskId: string;
  taskNumber: string | null;
  taskTitle: string;
  subject: string;
  value: number;
  unit: string;
  op: TargetOp;
  text: string;
  /** The due date in force: the tracking's, else the task's written deadline, else the plan year's end. */
  dueOn: string;
  tracking: TargetTracking | null;
  /** What the progress rests on now: the indicator's reading, or the latest progress report with a figure. */
  reading: { value: number | null; unit: string; source: 'indicator' | 'report' | null; note: string | null; link: string | null };
  progress: TargetProgress;
  reports: TargetReport[];
  evidence: string[];
  /** Scheduled reports whose period ended without one, and which of them were urged (督办). */
  missingReports: { periodKey: string; urgedAt: string | null }[];
}

export interface TrackingInput {
  ownerUnitCodes: string[];
  ownerPersonId?: string | null | undefined;
  measure: 'manual' | 'indicator';
  indicatorKey?: string | null | undefined;
  indicatorUnitCode?: string | null | undefined;
  reportEvery?: ReportSchedule | null | undefined;
  dueOn?: string | null | undefined;
  version?: number | undefined;
}

export interface ReportInput {
  periodKey?: string | undefined;
  value?: number | null | undefined;
  unit?: string | undefined;
  note: string;
  fileIds?: string[] | undefined;
}

const canManage = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
/** The owner person, or staff of an owner unit (their scope is that unit: not a unit above it, nor one below). */
const ownsTarget = (viewer: Viewer, t: { owner_person_id: string | null; owner_unit_codes: string }): boolean =>
  (viewer.personId !== null && viewer.personId !== undefined && viewer.personId === t.owner_person_id)
  || (canManage(viewer) && (JSON.parse(t.owner_unit_codes) as string[]).includes(viewer.scopeCode));
const dateRe = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Thrown inside a transaction to undo it: the record changed since it was read. */
class ChangedMeanwhile extends Error {}

/**
 * Issue 8 §2: each plan target tracked — owners (units, a person), a measure (progress reports entered, or an
 * indicator the system computes), a report schedule and a due date; progress against the target in its own unit;
 * scheduled reports missed are urged (督办) by `WorkPlanOverdueReportJob`; a target is ticked off (销号) only with
 * evidence files.
 */
export class WorkPlanTargetService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly indicators: IndicatorSource,
  ) {}

  /** Whether a file is a target's evidence or report attachment in a plan the viewer can see. */
  async canSeeFile(viewer: Viewer, fileId: string): Promise<boolean> {
    const units = await new WorkPlanTargetRepository(this.store.db).planUnitsShowingFile(fileId);
    return units.some((u) => isInScope(u, viewer.scopeCode));
  }

  async listForPlan(viewer: Viewer, planId: string): Promise<ServiceResult<{ planId: string; asOf: string; items: TrackedTarget[] }>> {
    const plan = await new WorkPlanTargetRepository(this.store.db).plan(planId);
    if (!plan || !isInScope(plan.unit_code, viewer.scopeCode)) return notFound();
    const rows = await new WorkPlanTargetRepository(this.store.db).targetsOf(planId);
    const items = await this.assemble(viewer, rows);
    if (!items.ok) return items;
    return success({ planId, asOf: this.now().toISOString(), items: items.value });
  }

  async get(viewer: Viewer, targetId: string): Promise<ServiceResult<TrackedTarget>> {
    const row = await this.visibleTarget(viewer, targetId);
    if (!row) return notFound();
    const items = await this.assemble(viewer, [row]);
    return items.ok ? success(items.value[0]!) : items;
  }

  async setTracking(viewer: Viewer, targetId: string, input: TrackingInput): Promise<ServiceResult<TrackedTarget>> {
    const row = await this.visibleTarget(viewer, targetId);
    if (!row) return notFound();
    // The plan's own bureau sets and ticks off; an owner unit only reports.
    if (!canManage(viewer) || !isInScope(row.plan_unit_code, viewer.scopeCode)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以设置目标的责任与度量' });
    const repo = new WorkPlanTargetRepository(this.store.db);
    const [existing] = await repo.tracking([targetId]);
    if (existing && input.version !== undefined && input.version !== existing.version) {
      return failure({ kind: 'conflict', field: '/body/version', message: '目标设置已被他人修改，请刷新后再改' });
    }
    if (existing?.closed_at) return failure({ kind: 'conflict', message: '目标已销号；如需修改请先撤销销号' });
    if (!input.ownerUnitCodes.length) return invalid('/body/ownerUnitCodes', '请至少选择一个责任单位');
    const owners = [...new Set(input.ownerUnitCodes)];
    const known = new Set((await repo.unitNames(owners)).keys());
    for (const [i, code] of owners.entries()) {
      if (!known.has(code) || !isInScope(code, viewer.scopeCode)) return invalid(`/body/ownerUnitCodes/${i}`, `没有这个区划：${code}`);
    }
    if (input.ownerPersonId) {
      const person = await repo.person(input.ownerPersonId);
      if (!person || !isInScope(person.unit_code, viewer.scopeCode)) return invalid('/body/ownerPersonId', '没有这个人员（须为本辖区人员）');
    }
    let indicatorKey: IndicatorKey | null = null;
    let indicatorUnit: string | null = null;
    if (input.measure === 'indicator') {
      if (!input.indicatorKey || !(indicatorKeys as readonly string[]).includes(input.indicatorKey)) return invalid('/body/indicatorKey', '请选择一个系统指标');
      indicatorKey = input.indicatorKey as IndicatorKey;
      const info = indicatorCatalogue[indicatorKey];
      if (convertQuantity(1, info.unit, row.unit) === null) {
        return invalid('/body/indicatorKey', `指标“${info.name}”的单位（${info.unit}）与目标单位（${row.unit}）不能换算`);
      }
      indicatorUnit = input.indicatorUnitCode ?? row.plan_unit_code;
      if (!isInScope(indicatorUnit, viewer.scopeCode)) return invalid('/body/indicatorUnitCode', '该区划不在您的数据范围内');
      const exists = (await repo.unitNames([indicatorUnit])).has(indicatorUnit);
      if (!exists) return invalid('/body/indicatorUnitCode', `没有这个区划：${indicatorUnit}`);
    }
    if (input.dueOn && !isCalendarDate(input.dueOn)) return invalid('/body/dueOn', '请填写存在的日期（YYYY-MM-DD）');
    const at = this.now().toISOString();
    const next = {
      target_id: targetId, owner_unit_codes: JSON.stringify(owners), owner_person_id: input.ownerPersonId ?? null, measure: input.measure,
      indicator_key: indicatorKey, indicator_unit_code: indicatorKey ? indicatorUnit : null, report_every: input.reportEvery ?? null, due_on: input.dueOn ?? null,
      closed_at: null, closed_by: null, close_note: null, version: (existing?.version ?? 0) + 1, updated_by: viewer.userId, updated_at: at,
    };
    try {
      await this.store.db.transaction().execute(async (trx) => {
        if (!(await new WorkPlanTargetRepository(trx).upsertTracking(next, existing?.version ?? null))) throw new ChangedMeanwhile();
        await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'workplan_target_tracking', entityId: targetId, before: existing ?? null, after: next }, at);
      });
    } catch (error) {
      if (error instanceof ChangedMeanwhile || isUniqueViolation(error)) return failure({ kind: 'conflict', field: '/body/version', message: '目标设置已被他人同时修改，请刷新后再改' });
      throw error;
    }
    return this.get(viewer, targetId);
  }

  /** A progress report for a period (the current one of the schedule by default); the same period again replaces it. */
  async report(viewer: Viewer, targetId: string, input: ReportInput): Promise<ServiceResult<TrackedTarget>> {
    const row = await this.visibleTarget(viewer, targetId);
    if (!row) return notFound();
    const repo = new WorkPlanTargetRepository(this.store.db);
    const [tracking] = await repo.tracking([targetId]);
    if (!tracking) return failure({ kind: 'conflict', message: '请先设置目标的责任单位与度量方式' });
    if (tracking.closed_at) return failure({ kind: 'conflict', message: '目标已销号，不再接收进度报告' });
    if (!canManage(viewer) && !ownsTarget(viewer, tracking)) {
      return failure({ kind: 'forbidden', message: '只有责任人或林业局工作人员可以报告进度' });
    }
    const every = tracking.report_every as ReportSchedule | null;
    const at = this.now().toISOString();
    let periodKey = input.periodKey;
    const yearStart = new Date(Date.parse(`${row.plan_year}-01-01T00:00:00+08:00`)).toISOString();
    const yearEnd = new Date(Date.parse(`${row.plan_year + 1}-01-01T00:00:00+08:00`) - 1).toISOString();
    if (at < yearStart) return failure({ kind: 'conflict', message: `${row.plan_year} 年尚未开始，不能报告进度` });
    if (periodKey === undefined) {
      const when = at < yearEnd ? at : yearEnd;
      periodKey = every ? periodOf(when, every).key : shanghaiDate(Date.parse(when));
    } else {
      const re = every ? reportPeriodPattern[every] : dateRe;
      const m = re.exec(periodKey);
      if (!m || Number(periodKey.slice(0, 4)) !== row.plan_year || (!every && !isCalendarDate(periodKey))) {
        return invalid('/body/periodKey', every ? `请填写 ${row.plan_year} 年的报告期（如 ${periodOf(at, every).key.replace(/^\d{4}/, String(row.plan_year))}）` : `请填写 ${row.plan_year} 年内的日期`);
      }
      // A period not yet begun cannot be reported on.
      const begins = every ? reportPeriodStart(periodKey, every) : `${periodKey}T00:00:00+08:00`;
      if (Date.parse(begins) > Date.parse(at)) return invalid('/body/periodKey', `报告期 ${periodKey} 尚未开始`);
    }
    const unit = input.unit ?? row.unit;
    if (input.value !== undefined && input.value !== null) {
      if (convertQuantity(input.value, unit, row.unit) === null) return invalid('/body/unit', `${unit} 不能换算为目标单位 ${row.unit}`);
    }
    if (tracking.measure === 'manual' && (input.value === undefined || input.value === null)) {
      return invalid('/body/value', '请填写截至本期累计完成的数量');
    }
    const files = await this.ownFiles(viewer, input.fileIds ?? []);
    if (!files.ok) return files;
    const fileIds = files.value;
    const value = input.value ?? null;
    try {
    await this.store.db.transaction().execute(async (trx) => {
      const r = new WorkPlanTargetRepository(trx);
      const before = await r.report(targetId, periodKey);
      const id = before?.id ?? randomUUID();
      if (before) await r.replaceReport(id, { value, unit: value === null ? null : unit, note: input.note, reported_by: viewer.userId, reported_at: at, version: before.version + 1 });
      else await r.insertReport({ id, target_id: targetId, period_key: periodKey, value, unit: value === null ? null : unit, note: input.note, reported_by: viewer.userId, reported_at: at, version: 1 });
      await r.addFiles(fileIds.map((file_id) => ({ target_id: targetId, file_id, report_id: id, added_by: viewer.userId, added_at: at })));
      await recordAudit(trx, { userId: viewer.userId, action: before ? 'update' : 'create', entity: 'workplan_target_report', entityId: id, before: before ?? null, after: { periodKey, value, unit, note: input.note, fileIds } }, at);
    });
    } catch (error) {
      if (isUniqueViolation(error)) return failure({ kind: 'conflict', field: '/body/periodKey', message: '该报告期的进度刚被他人报告，请刷新后再更正' });
      throw error;
    }
    return this.get(viewer, targetId);
  }

  /** 销号: refused without at least one evidence file. */
  async close(viewer: Viewer, targetId: string, input: { note: string; fileIds: string[]; version?: number | undefined }): Promise<ServiceResult<TrackedTarget>> {
    const row = await this.visibleTarget(viewer, targetId);
    if (!row) return notFound();
    // The plan's own bureau sets and ticks off; an owner unit only reports.
    if (!canManage(viewer) || !isInScope(row.plan_unit_code, viewer.scopeCode)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以销号' });
    const repo = new WorkPlanTargetRepository(this.store.db);
    const [tracking] = await repo.tracking([targetId]);
    if (!tracking) return failure({ kind: 'conflict', message: '请先设置目标的责任单位与度量方式' });
    if (tracking.closed_at) return failure({ kind: 'conflict', message: '目标已销号' });
    if (input.version !== undefined && input.version !== tracking.version) return failure({ kind: 'conflict', field: '/body/version', message: '目标已被他人修改，请刷新' });
    if (!input.fileIds.length) return invalid('/body/fileIds', '销号须附佐证材料（至少一个文件）');
    const files = await this.ownFiles(viewer, input.fileIds);
    if (!files.ok) return files;
    const fileIds = files.value;
    const at = this.now().toISOString();
    try {
      await this.store.db.transaction().execute(async (trx) => {
        const r = new WorkPlanTargetRepository(trx);
        // Ticked off over the version read: of two at once, one wins and the other's evidence is not attached.
        if (!(await r.setClosed(targetId, { at, by: viewer.userId, note: input.note }, tracking.version, at))) throw new ChangedMeanwhile();
        await r.addFiles(fileIds.map((file_id) => ({ target_id: targetId, file_id, report_id: null, added_by: viewer.userId, added_at: at })));
        await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'workplan_target_tracking', entityId: targetId, before: { closedAt: null }, after: { closedAt: at, note: input.note, fileIds } }, at);
      });
    } catch (error) {
      if (error instanceof ChangedMeanwhile || isUniqueViolation(error)) return failure({ kind: 'conflict', message: '目标刚被他人销号或修改，请刷新' });
      throw error;
    }
    return this.get(viewer, targetId);
  }

  /** Undoes a tick-off, with the reason kept in the audit log; the evidence stays attached. */
  async reopen(viewer: Viewer, targetId: string, input: { reason: string }): Promise<ServiceResult<TrackedTarget>> {
    const row = await this.visibleTarget(viewer, targetId);
    if (!row) return notFound();
    if (!canManage(viewer) || !isInScope(row.plan_unit_code, viewer.scopeCode)) return forbidden();
    const repo = new WorkPlanTargetRepository(this.store.db);
    const [tracking] = await repo.tracking([targetId]);
    if (!tracking?.closed_at) return failure({ kind: 'conflict', message: '目标尚未销号' });
    const at = this.now().toISOString();
    try {
      await this.store.db.transaction().execute(async (trx) => {
        if (!(await new WorkPlanTargetRepository(trx).setClosed(targetId, { at: null, by: viewer.userId, note: null }, tracking.version, at))) throw new ChangedMeanwhile();
        await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'workplan_target_tracking', entityId: targetId, before: { closedAt: tracking.closed_at, note: tracking.close_note }, after: { closedAt: null, reason: input.reason } }, at);
      });
    } catch (error) {
      if (error instanceof ChangedMeanwhile) return failure({ kind: 'conflict', message: '目标刚被他人撤销销号或修改，请刷新' });
      throw error;
    }
    return this.get(viewer, targetId);
  }

  /**
   * Files attached to a target must be the viewer's own uploads (an administrator may attach anyone's): attaching
   * makes them readable to whoever sees the plan, so another record's photo cannot be lifted this way.
   */
  private async ownFiles(viewer: Viewer, ids: string[]): Promise<ServiceResult<string[]>> {
    const unique = [...new Set(ids)];
    const found = await new FileRepository(this.store.db).many(unique);
    for (const [i, id] of unique.entries()) {
      const f = found.get(id);
      if (!f || (f.uploadedBy !== viewer.userId && !viewer.roles.includes('admin'))) return invalid(`/body/fileIds/${i}`, '文件不存在或不是您上传的，请先上传');
    }
    return success(unique);
  }

  /** A target the viewer sees: one of a plan in their scope, or one they own (as the person or from an owner unit). */
  private async visibleTarget(viewer: Viewer, targetId: string): Promise<TargetRow | null> {
    const repo = new WorkPlanTargetRepository(this.store.db);
    const row = await repo.target(targetId);
    if (!row) return null;
    if (isInScope(row.plan_unit_code, viewer.scopeCode)) return row;
    const [tracking] = await repo.tracking([targetId]);
    return tracking && ownsTarget(viewer, tracking) ? row : null;
  }

  /**
   * The targets the viewer owns across plans (the owner person, or an owner unit inside the viewer's scope): what a
   * town office or a responsible person reports on, though the county's plan itself is outside their scope.
   */
  async mine(viewer: Viewer): Promise<ServiceResult<{ asOf: string; items: TrackedTarget[] }>> {
    const repo = new WorkPlanTargetRepository(this.store.db);
    const owned = (await repo.allTracking()).filter((t) => t.closed_at === null && ownsTarget(viewer, t)).map((t) => t.target_id);
    const rows = (await Promise.all(owned.map((id) => repo.target(id)))).filter((r): r is TargetRow => r !== null);
    const items = await this.assemble(viewer, rows);
    return items.ok ? success({ asOf: this.now().toISOString(), items: items.value }) : items;
  }

  private async assemble(viewer: Viewer, rows: TargetRow[]): Promise<ServiceResult<TrackedTarget[]>> {
    const repo = new WorkPlanTargetRepository(this.store.db);
    const ids = rows.map((r) => r.id);
    const [trackings, reports, files, urges] = await Promise.all([repo.tracking(ids), repo.reports(ids), repo.files(ids), repo.urges(ids)]);
    const unitCodes = [...new Set(trackings.flatMap((t) => JSON.parse(t.owner_unit_codes) as string[]))];
    const unitNames = await repo.unitNames(unitCodes);
    const personIds = trackings.map((t) => t.owner_person_id).filter((p): p is string => p !== null);
    const personNames = await repo.personNames(personIds);
    const asOf = this.now().toISOString();
    const today = shanghaiDate(Date.parse(asOf));
    // One indicator read per key, unit and year, however many targets share it.
    const readings = new Map<string, Promise<Awaited<ReturnType<IndicatorSource['read']>>>>();
    const out: TrackedTarget[] = [];
    for (const row of rows) {
      const t = trackings.find((x) => x.target_id === row.id) ?? null;
      const dueOn = t?.due_on ?? row.task_deadline ?? `${row.plan_year}-12-31`;
      const mine = reports.filter((r) => r.target_id === row.id);
      let reading: TrackedTarget['reading'] = { value: null, unit: row.unit, source: null, note: null, link: null };
      if (t?.measure === 'indicator' && t.indicator_key) {
        const key = t.indicator_key as IndicatorKey;
        const unit = t.indicator_unit_code ?? row.plan_unit_code;
        const from = `${row.plan_year}-01-01`;
        const end = `${row.plan_year}-12-31`;
        const to = today < from ? from : today > end ? end : today;
        const cacheKey = `${key}|${unit}|${from}|${to}`;
        if (!readings.has(cacheKey)) readings.set(cacheKey, this.indicators.read(viewer, { key, unit, from, to }));
        const r = await readings.get(cacheKey)!;
        if (r.ok) reading = { value: r.value.total.value, unit: r.value.unit, source: 'indicator', note: r.value.total.note, link: r.value.total.link };
        else reading = { value: null, unit: indicatorCatalogue[key].unit, source: 'indicator', note: '指标无法读取（不在您的数据范围内）', link: null };
      } else {
        // The latest report made (a correction replaces its period's report and is newest).
        const latest = [...mine].filter((r) => r.value !== null).sort((a, b) => (a.reported_at === b.reported_at ? 0 : a.reported_at < b.reported_at ? 1 : -1))[0];
        if (latest) reading = { value: Number(latest.value), unit: latest.unit ?? row.unit, source: 'report', note: `${latest.period_key} 进度报告`, link: null };
      }
      const progress = targetProgress({ op: row.op as TargetOp, value: row.value, unit: row.unit, current: reading.value, currentUnit: reading.unit, year: row.plan_year, dueOn, today });
      const urged = new Map(urges.filter((u) => u.target_id === row.id).map((u) => [u.period_key, u.urged_at]));
      const reported = new Set(mine.map((r) => r.period_key));
      const every = t?.report_every as ReportSchedule | null | undefined;
      const missing = every && !t?.closed_at ? endedReportPeriods(row.plan_year, every, dueOn, asOf).filter((k) => !reported.has(k)) : [];
      const owners = t ? (JSON.parse(t.owner_unit_codes) as string[]) : [];
      out.push({
        id: row.id, planId: row.plan_id, planTitle: row.plan_title, planYear: row.plan_year, taskId: row.task_id, taskNumber: row.task_number, taskTitle: row.task_title,
        subject: row.subject, value: row.value, unit: row.unit, op: row.op as TargetOp, text: row.text, dueOn,
        tracking: t && {
          ownerUnitCodes: owners, ownerUnitNames: owners.map((c) => unitNames.get(c) ?? c), ownerPersonId: t.owner_person_id,
          ownerPersonName: t.owner_person_id ? personNames.get(t.owner_person_id) ?? null : null,
          measure: t.measure as 'manual' | 'indicator', indicatorKey: t.indicator_key as IndicatorKey | null, indicatorUnitCode: t.indicator_unit_code,
          reportEvery: t.report_every as ReportSchedule | null, dueOn: t.due_on, closedAt: t.closed_at, closedBy: t.closed_by, closeNote: t.close_note, version: t.version, updatedAt: t.updated_at,
        },
        reading, progress,
        reports: mine.map((r) => ({
          id: r.id, periodKey: r.period_key, value: r.value === null ? null : Number(r.value), unit: r.unit, note: r.note, reportedBy: r.reported_by, reporterName: r.reporter_name,
          reportedAt: r.reported_at, version: r.version, fileIds: files.filter((f) => f.report_id === r.id).map((f) => f.file_id),
        })),
        evidence: files.filter((f) => f.target_id === row.id && f.report_id === null).map((f) => f.file_id),
        missingReports: missing.map((periodKey) => ({ periodKey, urgedAt: urged.get(periodKey) ?? null })),
      });
    }
    return success(out);
  }
}

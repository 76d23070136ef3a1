import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  decideFireStep, deviceAlarmKindNames, fireSizeClass, fireSourceNames, fireStatusNames, fireSteps, fireTimerStates, isFireOpen, isInScope, nextFireSteps,
  openFireStatuses, scopePrefix, type DeviceAlarmKind, type FireDetail, type FireRecord, type FireResponseTimers, type FireSource, type FireStatus,
  type FireStep, type ProblemSource,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import type { ProblemService } from '../../problems/service.ts';
import { ProblemRepository } from '../../problems/repository.ts';
import { FireRepository, type FireFilter, type FireRow } from './repository.ts';

/** Handling a fire (advancing it, entering losses) is for the bureau and the chiefs, in their scope. */
export const canHandleFires = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief');
const canReport = (viewer: Viewer): boolean => canHandleFires(viewer) || viewer.roles.includes('ranger');

/** The closed loop's source for a fire's source (the problem sources are fewer). */
const problemSourceOf: Record<FireSource, ProblemSource> = {
  patrol: 'patrol', public: 'public', camera: 'device', checkpoint: 'device', device: 'device', satellite: 'satellite_patch', other: 'staff',
};
const stepColumn = (step: FireStep) => `${step}_at` as const;

export interface FireReportInput {
  id: string; // client-generated: a retried report never makes a second record
  source: Exclude<FireSource, 'public' | 'device'>;
  lon: number;
  lat: number;
  discoveredAt: string;
  person: string; // who reports it
  description: string;
  title?: string | undefined;
  phone?: string | undefined;
  note?: string | undefined;
}

export interface FireListQuery extends PageRequest {
  unit?: string | undefined;
  status?: FireStatus[] | undefined;
  open?: boolean | undefined;
  source?: FireSource | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

export interface LossesInput {
  version: number;
  burnedHa?: number | null | undefined;
  forestBurnedHa?: number | null | undefined;
  deaths?: number | null | undefined;
  injuries?: number | null | undefined;
  economicLossYuan?: number | null | undefined;
  lossNote?: string | null | undefined;
  cause?: string | null | undefined;
}

/** A new record as every source opens it (staff, public, device, satellite import, demo). */
export interface NewFire {
  id: string;
  unitCode: string;
  lon: number;
  lat: number;
  source: FireSource;
  sourceRef: string | null;
  sourceData: Record<string, unknown> | null;
  title: string;
  description: string;
  discoveredAt: string;
  /** Set when the record starts already reported (a person reports it); a device alarm starts at 'discovered'. */
  reportedAt: string | null;
  person: string;
  reporterUserId: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  note: string | null;
}

/**
 * Fire records (火情处置, issue 6 §6): a timeline from discovery to the fire being out, the "135" response timers over
 * it (rule kind `fire_response_timers`), losses and size class, and a linked problem in the closed loop (category
 * fire hazard) so that the chiefs receive, assign and close it like any other finding.
 */
export class FireAlarmService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: RuleSource,
    private readonly problems: ProblemService,
    /** Alarms from one device within this many minutes join its open record instead of opening another. */
    private readonly dedupeMinutes = 60,
  ) {}

  /** The timer tables by date, read once per call. */
  private timerRules(db: Kysely<Database> = this.store.db): (discoveredAt: string) => Promise<FireResponseTimers> {
    const cache = new Map<string, Promise<FireResponseTimers>>();
    return (discoveredAt) => {
      const date = shanghaiDate(discoveredAt);
      if (!cache.has(date)) cache.set(date, this.rules.fireResponseTimersAt(date, db));
      return cache.get(date)!;
    };
  }

  static stepsOf(r: FireRow): Partial<Record<FireStep, string>> {
    const out: Partial<Record<FireStep, string>> = {};
    for (const s of fireSteps) {
      const v = r[stepColumn(s)];
      if (v) out[s] = v;
    }
    return out;
  }

  private static toRecord(r: FireRow, breachedTimers: number): FireRecord {
    const forestBurned = r.forest_burned_ha ?? r.burned_ha;
    return {
      id: r.id, unitCode: r.unit_code, unitName: r.unit_name, lon: r.lon, lat: r.lat, source: r.source as FireSource, title: r.title, description: r.description,
      status: r.status as FireStatus, version: r.version, discoveredAt: r.discovered_at, steps: FireAlarmService.stepsOf(r), endedAt: r.ended_at, endReason: r.end_reason,
      burnedHa: r.burned_ha, forestBurnedHa: r.forest_burned_ha, sizeClass: fireSizeClass(forestBurned), deaths: r.deaths, injuries: r.injuries,
      economicLossYuan: r.economic_loss_yuan, lossNote: r.loss_note, cause: r.cause, problemId: r.problem_id, reporterName: r.reporter_name, breachedTimers, updatedAt: r.updated_at,
    };
  }

  private async records(rows: FireRow[]): Promise<FireRecord[]> {
    const rulesOf = this.timerRules();
    const now = this.now().toISOString();
    const out: FireRecord[] = [];
    for (const r of rows) {
      const timers = fireTimerStates(await rulesOf(r.discovered_at), FireAlarmService.stepsOf(r), r.status as FireStatus, now);
      out.push(FireAlarmService.toRecord(r, timers.filter((t) => t.open).length));
    }
    return out;
  }

  private filterOf(viewer: Viewer, q: FireListQuery): FireFilter | null {
    if (q.unit && !isInScope(q.unit, viewer.scopeCode)) return null;
    const f: FireFilter = { scopePrefix: viewer.scopePrefix };
    if (q.unit) f.unitPrefix = scopePrefix(q.unit);
    if (q.status?.length) f.status = q.status;
    else if (q.open) f.status = openFireStatuses;
    if (q.source) f.source = q.source;
    if (q.year) {
      f.from = new Date(Date.parse(`${q.year}-01-01T00:00:00+08:00`)).toISOString();
      f.to = new Date(Date.parse(`${q.year + 1}-01-01T00:00:00+08:00`)).toISOString();
    }
    if (q.q?.trim()) f.text = q.q.trim();
    return f;
  }

  async list(viewer: Viewer, query: FireListQuery): Promise<ServiceResult<PageOf<FireRecord>>> {
    const f = this.filterOf(viewer, query);
    if (!f) return notFound();
    const { rows, total } = await new FireRepository(this.store.db).list(f, query);
    return success({ items: await this.records(rows), total });
  }

  /** The records as GeoJSON points for the page's map (capped). */
  async map(viewer: Viewer, query: FireListQuery): Promise<ServiceResult<{ type: 'FeatureCollection'; features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, string | number | null> }[]; truncated: boolean }>> {
    const f = this.filterOf(viewer, query);
    if (!f) return notFound();
    const limit = 5000;
    const rows = await new FireRepository(this.store.db).all(f, limit + 1);
    const records = await this.records(rows.slice(0, limit));
    return success({
      type: 'FeatureCollection', truncated: rows.length > limit,
      features: records.map((r) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
        properties: { id: r.id, title: r.title, status: r.status, open: isFireOpen(r.status) ? 1 : 0, breached: r.breachedTimers, sizeClass: r.sizeClass, discoveredAt: r.discoveredAt },
      })),
    });
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<FireDetail>> {
    const repo = new FireRepository(this.store.db);
    const r = await repo.row(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    const timerRules = await this.rules.fireResponseTimersAt(shanghaiDate(r.discovered_at));
    const timers = fireTimerStates(timerRules, FireAlarmService.stepsOf(r), r.status as FireStatus, this.now().toISOString());
    const handles = canHandleFires(viewer);
    return success({
      ...FireAlarmService.toRecord(r, timers.filter((t) => t.open).length),
      reporterPhone: handles ? r.reporter_phone : null,
      sourceData: r.source_data ? (JSON.parse(r.source_data) as Record<string, unknown>) : null,
      events: await repo.events(id), timers, timerRules,
      nextSteps: handles ? nextFireSteps(r.status as FireStatus) : [], canHandle: handles,
      problem: r.problem_id ? ((await repo.problemSummary(r.problem_id)) ?? null) : null,
    });
  }

  /**
   * Opens a record, its first step(s) and its linked problem inside the caller's transaction. Shared by every
   * source, so a fire found anywhere reaches the closed loop the same way.
   */
  async openRecord(trx: Kysely<Database>, fire: NewFire, userId: string | null, at: string): Promise<void> {
    const repo = new FireRepository(trx);
    const status: FireStatus = fire.reportedAt ? 'reported' : 'discovered';
    await repo.insert({
      id: fire.id, unit_code: fire.unitCode, lon: fire.lon, lat: fire.lat, source: fire.source, source_ref: fire.sourceRef,
      source_data: fire.sourceData ? JSON.stringify(fire.sourceData) : null, title: fire.title, description: fire.description, status, version: 1,
      discovered_at: fire.discoveredAt, reported_at: fire.reportedAt, verified_at: null, dispatched_at: null, arrived_at: null, controlled_at: null, out_at: null,
      ended_at: null, end_reason: null, burned_ha: null, forest_burned_ha: null, deaths: null, injuries: null, economic_loss_yuan: null, loss_note: null, cause: null,
      problem_id: null, reporter_user_id: fire.reporterUserId, reporter_name: fire.reporterName, reporter_phone: fire.reporterPhone, created_at: at, updated_at: at,
    });
    await repo.insertEvent({ fireId: fire.id, kind: 'step', step: 'discovered', at: fire.discoveredAt, person: fire.person, userId, note: fire.reportedAt ? null : fire.note, data: fire.sourceData }, at);
    if (fire.reportedAt) await repo.insertEvent({ fireId: fire.id, kind: 'step', step: 'reported', at: fire.reportedAt, person: fire.person, userId, note: fire.note, data: null }, at);
    const problemId = randomUUID();
    await this.problems.insertProblem(trx, {
      id: problemId, category: 'fire_hazard', severity: 'urgent', source: problemSourceOf[fire.source], title: `火情：${fire.title}`,
      description: `${fireSourceNames[fire.source]}火情，发现于 ${fire.discoveredAt}。${fire.description}`,
      lon: fire.lon, lat: fire.lat, geometry: null, unitCode: fire.unitCode, reportedAt: fire.reportedAt ?? at,
      reporterUserId: fire.reporterUserId, reporterPersonId: null, reporterName: fire.reporterName, reporterPhone: fire.reporterPhone,
      patrolId: null, parcelRef: null, fireRef: fire.id, pestRef: null, externalRef: `fire:${fire.id}`, needsFieldCheck: fire.source === 'satellite', importBatch: null,
    }, [], userId, at);
    await repo.setProblem(fire.id, problemId);
    await recordAudit(trx, { userId, action: 'create', entity: 'fire_record', entityId: fire.id, after: { source: fire.source, unitCode: fire.unitCode, status, problemId } }, at);
  }

  /** Staff, chiefs and rangers report a fire they found or were told of: discovered then, reported now. */
  async report(viewer: Viewer, input: FireReportInput): Promise<ServiceResult<{ fire: FireDetail; created: boolean }>> {
    if (!canReport(viewer)) return forbidden();
    if (viewer.roles.every((r) => r === 'ranger' || r === 'supervisor' || r === 'instructor') && input.source !== 'patrol') return invalid('/body/source', '护林员报告的火情来源只能是巡护发现');
    const at = this.now().toISOString();
    const first = decideFireStep({ status: 'discovered', at: input.discoveredAt }, { step: 'reported', at, person: input.person }, at);
    if (!first.ok) return invalid(`/body/${first.error.field === 'at' ? 'discoveredAt' : first.error.field}`, first.error.field === 'at' ? '发现时间不能晚于现在' : first.error.message);
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<boolean>> => {
      const existing = await trx.selectFrom('fire_records').select(['id', 'reporter_user_id']).where('id', '=', input.id).executeTakeFirst();
      if (existing) return existing.reporter_user_id === viewer.userId ? success(false) : failure({ kind: 'conflict', field: '/body/id', message: '火情编号已被占用' });
      const unit = await unitAtPoint(trx, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
      if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/lon', '位置不在您管辖的区划范围内，请核对经纬度');
      await this.openRecord(trx, {
        id: input.id, unitCode: unit.code, lon: input.lon, lat: input.lat, source: input.source, sourceRef: null, sourceData: null,
        title: input.title?.trim() || input.description.trim().slice(0, 40), description: input.description.trim(), discoveredAt: new Date(input.discoveredAt).toISOString(),
        reportedAt: at, person: input.person.trim(), reporterUserId: viewer.userId, reporterName: input.person.trim(), reporterPhone: input.phone?.trim() || null, note: input.note?.trim() || null,
      }, viewer.userId, at);
      return success(true);
    });
    if (!result.ok) return result;
    const fire = await this.get(viewer, input.id);
    if (!fire.ok) return fire;
    return success({ fire: fire.value, created: result.value });
  }

  /** The public report page's 火情 kind: no login, the unit found anywhere in the deployment. */
  async reportPublic(input: { id: string; description: string; lon: number; lat: number; name?: string | undefined; phone?: string | undefined }): Promise<ServiceResult<{ id: string; created: boolean; unitName: string }>> {
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const existing = await new FireRepository(trx).row(input.id);
      if (existing) return existing.source === 'public' ? success({ id: existing.id, created: false, unitName: existing.unit_name }) : failure({ kind: 'conflict', field: '/body/id', message: '编号已被占用' });
      const unit = await unitAtPoint(trx, this.store.spatial, '', input.lon, input.lat);
      if (!unit) return invalid('/body/lon', '该位置不在本平台管辖的区域内');
      const name = input.name?.trim() || '群众';
      await this.openRecord(trx, {
        id: input.id, unitCode: unit.code, lon: input.lon, lat: input.lat, source: 'public', sourceRef: null, sourceData: null,
        title: `群众报告火情：${input.description.trim().slice(0, 30)}`, description: input.description.trim(), discoveredAt: at, reportedAt: at,
        person: name, reporterUserId: null, reporterName: name, reporterPhone: input.phone?.trim() || null, note: null,
      }, null, at);
      const u = await trx.selectFrom('units').select('short_name').where('code', '=', unit.code).executeTakeFirstOrThrow();
      return success({ id: input.id, created: true, unitName: u.short_name });
    });
  }

  /**
   * Contract C (fire-devices → fire-alarms): a device alarm opens a record in 'discovered' (timeline started at `at`)
   * with its linked problem, or joins the same device's open record from the last `dedupeMinutes`. The unit is found
   * from the point when not given. A point outside every unit of the deployment is a wiring error: it throws.
   */
  async fromDevice(alarm: { deviceId: string; deviceName: string; kind: DeviceAlarmKind; at: string; lon: number; lat: number; unitCode?: string; note?: string }): Promise<{ fireId: string; created: boolean }> {
    const atMs = Date.parse(alarm.at);
    if (!Number.isFinite(atMs)) throw new Error(`fromDevice: invalid alarm time ${alarm.at}`);
    const alarmAt = new Date(atMs).toISOString();
    const now = this.now().toISOString();
    const kindName = deviceAlarmKindNames[alarm.kind];
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new FireRepository(trx);
      const open = await repo.openFromDevice(alarm.deviceId, new Date(atMs - this.dedupeMinutes * 60_000).toISOString(), openFireStatuses);
      if (open) {
        await repo.insertEvent({ fireId: open.id, kind: 'alarm', step: null, at: alarmAt, person: alarm.deviceName, userId: null, note: alarm.note?.trim() || `${kindName}报警`, data: { deviceId: alarm.deviceId, kind: alarm.kind } }, now);
        await trx.updateTable('fire_records').set({ updated_at: now }).where('id', '=', open.id).execute();
        return { fireId: open.id, created: false };
      }
      let unitCode = alarm.unitCode;
      if (unitCode) {
        const exists = await trx.selectFrom('units').select('code').where('code', '=', unitCode).executeTakeFirst();
        if (!exists) throw new Error(`fromDevice: unknown unit ${unitCode}`);
      } else {
        const unit = await unitAtPoint(trx, this.store.spatial, '', alarm.lon, alarm.lat);
        if (!unit) throw new Error(`fromDevice: no unit contains ${alarm.lon},${alarm.lat}`);
        unitCode = unit.code;
      }
      const id = randomUUID();
      await this.openRecord(trx, {
        id, unitCode, lon: alarm.lon, lat: alarm.lat, source: 'device', sourceRef: alarm.deviceId, sourceData: { deviceId: alarm.deviceId, deviceName: alarm.deviceName, kind: alarm.kind },
        title: `${alarm.deviceName} ${kindName}报警`, description: alarm.note?.trim() || `设备“${alarm.deviceName}”报告${kindName}，请立即核实。`,
        discoveredAt: alarmAt, reportedAt: null, person: alarm.deviceName, reporterUserId: null, reporterName: alarm.deviceName, reporterPhone: null, note: alarm.note?.trim() || null,
      }, null, now);
      return { fireId: id, created: true };
    });
  }

  /** The next step of the timeline (optimistic version check, like problems). */
  async advance(viewer: Viewer, id: string, input: { version: number; step: FireStatus; at: string; person: string; note?: string | undefined; reason?: string | undefined }): Promise<ServiceResult<FireDetail>> {
    if (!canHandleFires(viewer)) return forbidden();
    const now = this.now().toISOString();
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new FireRepository(trx);
      const r = await repo.row(id);
      if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
      if (r.version !== input.version) return failure({ kind: 'conflict', field: '/body/version', message: '该火情已被他人更新，请刷新后再操作' });
      const status = r.status as FireStatus;
      const lastAt = isFireOpen(status) ? FireAlarmService.stepsOf(r)[status as FireStep]! : r.ended_at ?? r.out_at ?? r.discovered_at;
      const decision = decideFireStep({ status, at: lastAt }, input, now);
      if (!decision.ok) return invalid(`/body/${decision.error.field}`, decision.error.message);
      const at = new Date(input.at).toISOString();
      const ending = input.step === 'false_alarm' || input.step === 'dismissed';
      const changes = ending ? { status: input.step, ended_at: at, end_reason: input.reason!.trim(), updated_at: now } : { status: input.step, [stepColumn(input.step as FireStep)]: at, updated_at: now };
      if (!(await repo.updateIfVersion(id, r.version, changes))) return failure({ kind: 'conflict', field: '/body/version', message: '该火情已被他人更新，请刷新后再操作' });
      await repo.insertEvent({ fireId: id, kind: 'step', step: input.step, at, person: input.person.trim(), userId: viewer.userId, note: (ending ? input.reason?.trim() : input.note?.trim()) || null, data: null }, now);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'fire_record', entityId: id, before: { status, version: r.version }, after: { status: input.step, at, version: r.version + 1 } }, now);
      if (ending && r.problem_id) await this.dismissProblem(trx, viewer, r.problem_id, `关联火情${fireStatusNames[input.step]}：${input.reason!.trim()}`, now);
      return success(null);
    });
    if (!result.ok) return result;
    return this.get(viewer, id);
  }

  /**
   * A fire ended as a false alarm or dismissed: its problem, if nobody has taken it on yet (已上报, 已受理), is closed as
   * 不予受理 with the fire's reason, in the same write. One already assigned or in handling stays: its handler may have
   * found something, and the fire's page says it is still open.
   */
  private async dismissProblem(trx: Kysely<Database>, viewer: Viewer, problemId: string, reason: string, at: string): Promise<void> {
    const p = await new ProblemRepository(trx).row(problemId);
    if (!p || (p.status !== 'reported' && p.status !== 'accepted')) return;
    // Refused (the viewer may not dismiss problems of that unit): the problem stays for someone who may.
    await this.problems.transitionIn(trx, viewer, problemId, { action: 'dismiss', version: p.version, reason }, at);
  }

  /** Burned area, forest area burned, casualties, economic loss and cause (any time; size class follows the area). */
  async setLosses(viewer: Viewer, id: string, input: LossesInput): Promise<ServiceResult<FireDetail>> {
    if (!canHandleFires(viewer)) return forbidden();
    const burned = input.burnedHa ?? null, forest = input.forestBurnedHa ?? null;
    if (burned !== null && forest !== null && forest > burned) return invalid('/body/forestBurnedHa', '受害森林面积不能大于过火面积');
    const now = this.now().toISOString();
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new FireRepository(trx);
      const r = await repo.row(id);
      if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
      if (r.status === 'false_alarm' || r.status === 'dismissed') return failure({ kind: 'conflict', message: `该火情已${fireStatusNames[r.status]}，不登记损失` });
      if (r.version !== input.version) return failure({ kind: 'conflict', field: '/body/version', message: '该火情已被他人更新，请刷新后再操作' });
      const values = {
        burned_ha: burned, forest_burned_ha: forest, deaths: input.deaths ?? null, injuries: input.injuries ?? null, economic_loss_yuan: input.economicLossYuan ?? null,
        loss_note: input.lossNote?.trim() || null, cause: input.cause?.trim() || null,
      };
      if (!(await repo.updateIfVersion(id, r.version, { ...values, updated_at: now }))) return failure({ kind: 'conflict', field: '/body/version', message: '该火情已被他人更新，请刷新后再操作' });
      const sizeClass = fireSizeClass(forest ?? burned);
      await repo.insertEvent({ fireId: id, kind: 'losses', step: null, at: now, person: null, userId: viewer.userId, note: null, data: { ...values, sizeClass } }, now);
      await recordAudit(trx, {
        userId: viewer.userId, action: 'update', entity: 'fire_record', entityId: id,
        before: { burned_ha: r.burned_ha, forest_burned_ha: r.forest_burned_ha, deaths: r.deaths, injuries: r.injuries, economic_loss_yuan: r.economic_loss_yuan, cause: r.cause }, after: values,
      }, now);
      return success(null);
    });
    if (!result.ok) return result;
    return this.get(viewer, id);
  }
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  availableProblemActions, checkPhotoClaim, defaultPhotoClaimLimits, decideProblemTransition, isInScope, problemDeadline, 
  scopePrefix, type ProblemAction, type ProblemCategory, type ProblemDetail, type ProblemFacts, type Problem,
  type ProblemSeverity, type ProblemSource, type ProblemStatus, type UnitLevel,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import type { RuleSource } from '../rules/service.ts';
import { shanghaiDate } from '../rules/service.ts';
import { ProblemRepository, type ProblemFilter, type ProblemRow } from './repository.ts';
import { unitAtPoint } from './locate.ts';
import { FileRepository } from '../files/repository.ts';
import { notify, recipients, responsibleChiefs, type NotifyTarget } from './notify.ts';

// How far a photo may be from what its reporter claims before it is flagged (issue 4 §1) [U].
const photoClaimLimits = defaultPhotoClaimLimits;

export interface ReportInput {
  id: string; // client-generated: a retried upload never makes a second problem
  category: ProblemCategory;
  severity?: ProblemSeverity;
  source?: ProblemSource;
  title?: string;
  description: string;
  lon: number;
  lat: number;
  geometry?: Polygon | MultiPolygon;
  observedAt?: string; // when the reporter saw it (the photos' claimed time); defaults to now
  photos?: string[]; // file ids
  patrolId?: string;
  parcelRef?: string;
  fireRef?: string;
  pestRef?: string;
  externalRef?: string;
}

export interface PublicReportInput {
  id: string;
  category: ProblemCategory;
  description: string;
  lon: number;
  lat: number;
  name?: string;
  phone?: string;
  photos?: string[];
}

export interface TransitionInput {
  action: ProblemAction;
  version: number;
  reason?: string;
  note?: string;
  photos?: string[];
  assigneePersonId?: string;
  assigneeUnitCode?: string;
  category?: ProblemCategory;
  severity?: ProblemSeverity;
}

export interface ProblemListQuery extends PageRequest {
  unit?: string;
  status?: ProblemStatus[];
  category?: ProblemCategory;
  source?: ProblemSource;
  mine?: boolean;
  todo?: boolean;
  overdue?: boolean;
  escalated?: boolean;
  q?: string;
  from?: string; // YYYY-MM-DD, Asia/Shanghai, reported on or after
  to?: string; // YYYY-MM-DD, reported on or before
}

const shanghaiMidnight = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
const staffSources: readonly ProblemSource[] = ['staff', 'hotline', 'device', 'inspection', 'reserve_ledger', 'satellite_patch', 'public'];

export const factsOf = (r: ProblemRow): ProblemFacts => ({
  status: r.status as ProblemStatus, unitCode: r.unit_code, assigneeUnitCode: r.assignee_unit_code, assigneePersonId: r.assignee_person_id,
  handledByUserId: r.handled_by_user_id, handledByPersonId: r.handled_by_person_id, escalationLevel: r.escalation_level as UnitLevel | null,
  needsFieldCheck: r.needs_field_check === 1,
});

/** The problem closed loop (issue 4): report, assign, handle, verify, close, with deadlines from the rule table. */
export class ProblemService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: RuleSource,
    private readonly target: NotifyTarget,
  ) {}

  private visible(viewer: Viewer, r: ProblemRow): boolean {
    return isInScope(r.unit_code, viewer.scopeCode) ||
      (r.assignee_unit_code !== null && isInScope(r.assignee_unit_code, viewer.scopeCode)) ||
      r.reporter_user_id === viewer.userId ||
      (viewer.personId !== null && r.assignee_person_id === viewer.personId);
  }

  /** Photos named in a request: each must exist and (for a signed-in uploader) be theirs; gives EXIF findings against the claim. */
  private async checkPhotos(db: Kysely<Database>, fileIds: string[], claim: { at: string; lon: number; lat: number }, limits = photoClaimLimits): Promise<ServiceResult<{ fileId: string; findings: { code: string; message: string }[] }[]>> {
    const unique = [...new Set(fileIds)];
    if (!unique.length) return success([]);
    const byId = await new FileRepository(db).many(unique);
    const out: { fileId: string; findings: { code: string; message: string }[] }[] = [];
    for (const [i, id] of unique.entries()) {
      const f = byId.get(id);
      // Content-addressed: whoever names a file's SHA-256 holds its bytes, so any uploader's copy may be attached.
      if (!f) return invalid(`/body/photos/${i}`, '照片不存在，请重新上传');
      const findings = checkPhotoClaim({ takenAt: f.takenAt, lon: f.lon, lat: f.lat }, claim, limits).map((x) => ({ code: x.code, message: x.message }));
      out.push({ fileId: id, findings });
    }
    return success(out);
  }

  async report(viewer: Viewer, input: ReportInput): Promise<ServiceResult<{ problem: Problem; created: boolean }>> {
    const source: ProblemSource = input.source ?? (viewer.roles.includes('ranger') ? 'patrol' : 'staff');
    const isStaff = viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief');
    if (source !== 'patrol' && !staffSources.includes(source)) return invalid('/body/source', '来源无效');
    if (source !== 'patrol' && !isStaff) return invalid('/body/source', '护林员上报的问题来源只能是巡林发现');
    const at = this.now().toISOString();
    const observedAt = input.observedAt ?? at;
    if (Date.parse(observedAt) > Date.parse(at) + 5 * 60_000) return invalid('/body/observedAt', '发现时间不能晚于现在');
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new ProblemRepository(trx);
      const existing = await repo.row(input.id);
      if (existing) {
        if (existing.reporter_user_id !== viewer.userId) return failure({ kind: 'conflict', field: '/body/id', message: '问题编号已被占用' });
        return success({ problem: (await repo.get(input.id, at))!, created: false });
      }
      const unit = await unitAtPoint(trx, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
      if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/lon', '位置不在您管辖的区划范围内，请核对定位');
      if (input.patrolId) {
        const patrol = await trx.selectFrom('patrols').select(['id', 'user_id']).where('id', '=', input.patrolId).executeTakeFirst();
        if (!patrol || patrol.user_id !== viewer.userId) return invalid('/body/patrolId', '巡林记录不存在或不是您的');
      }
      if (input.externalRef && (await repo.existingExternalRefs(source, [input.externalRef])).size) {
        return failure({ kind: 'conflict', field: '/body/externalRef', message: '该来源下此编号的问题已存在' });
      }
      const photos = await this.checkPhotos(trx, input.photos ?? [], { at: observedAt, lon: input.lon, lat: input.lat });
      if (!photos.ok) return photos;
      const row = await this.insertProblem(trx, {
        id: input.id, category: input.category, severity: input.severity ?? 'general', source, title: input.title, description: input.description,
        lon: input.lon, lat: input.lat, geometry: input.geometry ?? null, unitCode: unit.code, reportedAt: at,
        reporterUserId: viewer.userId, reporterPersonId: viewer.personId, reporterName: null, reporterPhone: null,
        patrolId: input.patrolId ?? null, parcelRef: input.parcelRef ?? null, fireRef: input.fireRef ?? null, pestRef: input.pestRef ?? null,
        externalRef: input.externalRef ?? null, needsFieldCheck: source === 'satellite_patch', importBatch: null,
      }, photos.value, viewer.userId, at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'problem', entityId: row.id, after: { category: row.category, unitCode: row.unit_code, source } }, at);
      return success({ problem: (await repo.get(row.id, at))!, created: true });
    });
  }

  /** The public report page (no login): the unit is found anywhere in the deployment's units. */
  async reportPublic(input: PublicReportInput): Promise<ServiceResult<{ id: string; created: boolean; unitName: string }>> {
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new ProblemRepository(trx);
      const existing = await repo.row(input.id);
      if (existing) {
        if (existing.source !== 'public') return failure({ kind: 'conflict', field: '/body/id', message: '编号已被占用' });
        const unit = await trx.selectFrom('units').select('short_name').where('code', '=', existing.unit_code).executeTakeFirstOrThrow();
        return success({ id: existing.id, created: false, unitName: unit.short_name });
      }
      const unit = await unitAtPoint(trx, this.store.spatial, '', input.lon, input.lat);
      if (!unit) return invalid('/body/lon', '该位置不在本平台管辖的区域内');
      const photos = await this.checkPhotos(trx, input.photos ?? [], { at, lon: input.lon, lat: input.lat });
      if (!photos.ok) return photos;
      const row = await this.insertProblem(trx, {
        id: input.id, category: input.category, severity: 'general', source: 'public', description: input.description,
        lon: input.lon, lat: input.lat, geometry: null, unitCode: unit.code, reportedAt: at, reporterUserId: null, reporterPersonId: null,
        reporterName: input.name?.trim() || null, reporterPhone: input.phone?.trim() || null, patrolId: null, parcelRef: null, fireRef: null,
        pestRef: null, externalRef: null, needsFieldCheck: false, importBatch: null,
      }, photos.value, null, at);
      await recordAudit(trx, { userId: null, action: 'create', entity: 'problem', entityId: row.id, after: { category: row.category, unitCode: row.unit_code, source: 'public' } }, at);
      const unitRow = await trx.selectFrom('units').select('short_name').where('code', '=', unit.code).executeTakeFirstOrThrow();
      return success({ id: row.id, created: true, unitName: unitRow.short_name });
    });
  }

  /** Inserts a problem, its first timeline entry and photos, and tells the unit's chiefs (shared by every source). */
  async insertProblem(
    trx: Kysely<Database>,
    p: {
      id: string; category: ProblemCategory; severity: ProblemSeverity; source: ProblemSource; title?: string | undefined; description: string;
      lon: number; lat: number; geometry: Polygon | MultiPolygon | null; unitCode: string; reportedAt: string;
      reporterUserId: string | null; reporterPersonId: string | null; reporterName: string | null; reporterPhone: string | null;
      patrolId: string | null; parcelRef: string | null; fireRef: string | null; pestRef: string | null; externalRef: string | null;
      needsFieldCheck: boolean; importBatch: string | null;
      /** A deadline set by the source (an inspection's 整改时限) instead of the rule table's. */
      deadlineAt?: string | null;
    },
    photos: { fileId: string; findings: { code: string; message: string }[] }[],
    userId: string | null,
    at: string,
  ): Promise<ProblemRow> {
    const rules = await this.rules.problemDeadlinesAt(shanghaiDate(p.reportedAt), trx);
    const byRule = problemDeadline(rules, p.category, p.severity, p.reportedAt);
    const deadline = p.deadlineAt
      ? { deadlineAt: p.deadlineAt, dueSoonAt: new Date(Math.max(Date.parse(p.reportedAt), Date.parse(p.deadlineAt) - (Date.parse(byRule.deadlineAt) - Date.parse(byRule.dueSoonAt)))).toISOString() }
      : byRule;
    const title = p.title?.trim() || p.description.trim().slice(0, 40);
    const repo = new ProblemRepository(trx);
    await repo.insert({
      id: p.id, category: p.category, source: p.source, severity: p.severity, title, description: p.description.trim(), lon: p.lon, lat: p.lat,
      geom_json: p.geometry ? JSON.stringify(p.geometry) : null, unit_code: p.unitCode, status: 'reported', version: 1,
      reported_at: p.reportedAt, deadline_at: deadline.deadlineAt, due_soon_at: deadline.dueSoonAt, escalation_level: null, supervision_due_at: null,
      reporter_user_id: p.reporterUserId, reporter_person_id: p.reporterPersonId, reporter_name: p.reporterName, reporter_phone: p.reporterPhone,
      assignee_unit_code: null, assignee_person_id: null, assigned_at: null, handled_at: null, handled_by_user_id: null, handled_by_person_id: null,
      verified_by_user_id: null, closed_at: null, needs_field_check: p.needsFieldCheck ? 1 : 0, patrol_id: p.patrolId, parcel_ref: p.parcelRef,
      fire_ref: p.fireRef, pest_ref: p.pestRef, external_ref: p.externalRef, import_batch: p.importBatch, created_at: at, updated_at: at,
    });
    const eventId = await repo.insertEvent({ problemId: p.id, at: p.reportedAt, action: 'report', fromStatus: null, toStatus: 'reported', userId, note: null, data: { source: p.source, deadlineAt: deadline.deadlineAt } });
    await repo.insertPhotos(photos.map((ph) => ({ id: randomUUID(), problemId: p.id, eventId, fileId: ph.fileId, findings: ph.findings })), at);
    const row = (await repo.row(p.id))!;
    const chiefs = await recipients(trx, row, { chiefsAt: await responsibleChiefs(trx, p.unitCode) });
    await notify(trx, this.target, row, 'reported', chiefs, { title: `新问题：${title}`, body: `请受理并交办，办理期限 ${deadline.deadlineAt}` }, at);
    return row;
  }

  async list(viewer: Viewer, query: ProblemListQuery): Promise<ServiceResult<PageOf<Problem>>> {
    const filter = this.filterOf(viewer, query);
    if (!filter.ok) return filter;
    return success(await new ProblemRepository(this.store.db).list(filter.value, query, this.now().toISOString()));
  }

  async points(viewer: Viewer, query: ProblemListQuery): Promise<ServiceResult<{ items: Awaited<ReturnType<ProblemRepository['points']>>; truncated: boolean }>> {
    const filter = this.filterOf(viewer, query);
    if (!filter.ok) return filter;
    const limit = 20_000;
    const items = await new ProblemRepository(this.store.db).points(filter.value, limit + 1);
    return success({ items: items.slice(0, limit), truncated: items.length > limit });
  }

  private filterOf(viewer: Viewer, q: ProblemListQuery): ServiceResult<ProblemFilter> {
    if (q.unit && !isInScope(q.unit, viewer.scopeCode)) return notFound();
    const f: ProblemFilter = { scopePrefix: viewer.scopePrefix };
    if (q.unit) f.unitPrefix = scopePrefix(q.unit);
    if (q.status?.length) f.status = q.status;
    if (q.category) f.category = q.category;
    if (q.source) f.source = q.source;
    if (q.mine) f.assigneePersonId = viewer.personId ?? '-';
    if (q.overdue) f.overdueAt = this.now().toISOString();
    if (q.escalated) f.escalated = true;
    if (q.q?.trim()) f.text = q.q.trim();
    if (q.from) f.reportedFrom = shanghaiMidnight(q.from);
    if (q.to) f.reportedTo = nextDay(q.to);
    if (q.todo) {
      f.todo = {
        personId: viewer.personId, userId: viewer.userId,
        manages: viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief'),
        reviews: viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief' || r === 'supervisor'),
      };
    }
    return success(f);
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<ProblemDetail>> {
    const repo = new ProblemRepository(this.store.db);
    const row = await repo.row(id);
    if (!row || !this.visible(viewer, row)) return notFound();
    const at = this.now().toISOString();
    const problem = (await repo.get(id, at))!;
    const manages = viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief') && isInScope(row.unit_code, viewer.scopeCode);
    return success({
      ...problem,
      reporterPhone: manages ? problem.reporterPhone : null,
      events: await repo.events(id),
      photos: await repo.photos(id),
      actions: availableProblemActions(factsOf(row), { userId: viewer.userId, personId: viewer.personId, roles: viewer.roles, scopeCode: viewer.scopeCode }),
    });
  }

  async interviews(viewer: Viewer, page: PageRequest): Promise<ServiceResult<Awaited<ReturnType<ProblemRepository['interviews']>>>> {
    return success(await new ProblemRepository(this.store.db).interviews(viewer.scopePrefix, page));
  }

  /** May this viewer see a file? Yes when it shows on a problem they can see (the file service asks). */
  async canSeeFile(viewer: Viewer, fileId: string): Promise<boolean> {
    const units = await new ProblemRepository(this.store.db).unitsShowingFile(fileId);
    return units.some((u) => isInScope(u, viewer.scopeCode));
  }

  async transition(viewer: Viewer, id: string, input: TransitionInput): Promise<ServiceResult<ProblemDetail>> {
    const at = this.now().toISOString();
    const result = await this.store.db.transaction().execute((trx) => this.transitionIn(trx, viewer, id, input, at));
    if (!result.ok) return result;
    return this.get(viewer, id);
  }

  /**
   * One step of the closed loop inside the caller's transaction (a fire found to be a false alarm dismisses its
   * problem in the same write). Refuses before writing anything, so a refusal leaves the transaction clean.
   */
  async transitionIn(trx: Kysely<Database>, viewer: Viewer, id: string, input: TransitionInput, at: string): Promise<ServiceResult<null>> {
    const repo = new ProblemRepository(trx);
    const row = await repo.row(id);
    if (!row || !this.visible(viewer, row)) return notFound();
    if (row.version !== input.version) return failure({ kind: 'conflict', field: '/body/version', message: '该问题已被他人更新，请刷新后再操作' });
    const actor = { userId: viewer.userId, personId: viewer.personId, roles: viewer.roles, scopeCode: viewer.scopeCode };
    let assigneeUnit: string | undefined = input.assigneeUnitCode;
    if (input.action === 'assign' && input.assigneePersonId) {
      const person = await trx.selectFrom('people').select(['id', 'unit_code']).where('id', '=', input.assigneePersonId).executeTakeFirst();
      if (!person || !isInScope(person.unit_code, viewer.scopeCode)) return invalid('/body/assigneePersonId', '承办人不存在或不在您的管辖范围内');
      assigneeUnit ??= person.unit_code;
      if (!isInScope(person.unit_code, assigneeUnit)) return invalid('/body/assigneePersonId', '承办人不属于所选承办单位');
      const unitExists = await trx.selectFrom('units').select('code').where('code', '=', assigneeUnit).executeTakeFirst();
      if (!unitExists) return invalid('/body/assigneeUnitCode', '承办单位不存在');
    }
    const decision = decideProblemTransition(factsOf(row), actor, {
      action: input.action, reason: input.reason, note: input.note, photoCount: input.photos?.length ?? 0,
      assigneeUnitCode: assigneeUnit, assigneePersonId: input.assigneePersonId,
    } as Parameters<typeof decideProblemTransition>[2]);
    if (!decision.ok) {
      const e = decision.error;
      if (e.kind === 'forbidden') return failure({ kind: 'forbidden', message: e.message });
      if (e.kind === 'state') return failure({ kind: 'conflict', message: e.message });
      return invalid(`/body/${e.field ?? 'action'}`, e.message);
    }
    if ((input.category || input.severity) && !['accept', 'assign'].includes(input.action)) {
      return invalid(input.category ? '/body/category' : '/body/severity', '只有受理或交办时可以更正类别和紧急程度');
    }
    const next = decision.value;
    const changes: Parameters<ProblemRepository['updateIfVersion']>[2] = { status: next, updated_at: at };
    if (input.category || input.severity) {
      const category = input.category ?? (row.category as ProblemCategory);
      const severity = input.severity ?? (row.severity as ProblemSeverity);
      const d = problemDeadline(await this.rules.problemDeadlinesAt(shanghaiDate(row.reported_at), trx), category, severity, row.reported_at);
      Object.assign(changes, { category, severity, deadline_at: d.deadlineAt, due_soon_at: d.dueSoonAt });
    }
    if (input.action === 'assign') Object.assign(changes, { assignee_unit_code: assigneeUnit, assignee_person_id: input.assigneePersonId, assigned_at: at });
    if (input.action === 'handle') Object.assign(changes, { handled_at: at, handled_by_user_id: viewer.userId, handled_by_person_id: viewer.personId });
    if (input.action === 'verify') Object.assign(changes, { verified_by_user_id: viewer.userId });
    if (input.action === 'close') Object.assign(changes, { closed_at: at });
    let photos: { fileId: string; findings: { code: string; message: string }[] }[] = [];
    if (input.photos?.length) {
      if (input.action !== 'handle') return invalid('/body/photos', '只有提交处置结果时可以附照片');
      // Evidence must be taken between the report and now, at the problem's place.
      const from = Date.parse(row.reported_at), to = Date.parse(at);
      const checked = await this.checkPhotos(trx, input.photos, { at: new Date((from + to) / 2).toISOString(), lon: row.lon, lat: row.lat },
        { maxMinutes: (to - from) / 120_000 + photoClaimLimits.maxMinutes, maxMetres: photoClaimLimits.maxMetres });
      if (!checked.ok) return checked;
      photos = checked.value;
    }
    if (!(await repo.updateIfVersion(id, row.version, changes))) return failure({ kind: 'conflict', field: '/body/version', message: '该问题已被他人更新，请刷新后再操作' });
    const eventId = await repo.insertEvent({
      problemId: id, at, action: input.action, fromStatus: row.status, toStatus: next, userId: viewer.userId,
      note: input.reason?.trim() || input.note?.trim() || null,
      data: input.action === 'assign' ? { assigneeUnitCode: assigneeUnit, assigneePersonId: input.assigneePersonId } : input.category || input.severity ? { category: input.category, severity: input.severity } : null,
    });
    await repo.insertPhotos(photos.map((p) => ({ id: randomUUID(), problemId: id, eventId, fileId: p.fileId, findings: p.findings })), at);
    await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'problem', entityId: id, before: { status: row.status, version: row.version }, after: { status: next, version: row.version + 1, action: input.action } }, at);
    const updated = (await repo.row(id))!;
    if (input.action === 'assign') {
      await notify(trx, this.target, updated, 'assigned', await recipients(trx, updated, { assignee: true }), { title: `交办：${row.title}`, body: `请在 ${updated.deadline_at} 前处置并提交结果` }, at);
    }
    if (input.action === 'send_back') {
      await notify(trx, this.target, updated, 'sent_back', await recipients(trx, updated, { assignee: true, handler: true }), { title: `退回：${row.title}`, body: `退回理由：${input.reason!.trim()}`, note: input.reason!.trim() }, at);
    }
    return success(null);
  }
}

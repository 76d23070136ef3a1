import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  checkDeadTreeStep, checkDisposal, clearingMode, countyHadInfection, deadTreeCauseNames, deadTreeState, deadTreeStepNames, deadTreeSteps, disposalMethodNames,
  isInScope, labDeadlines, pointInPolygon, samplingPlan, samplingStatusNames, scopePrefix,
  type DeadTreeCause, type DeadTreeCondition, type DeadTreeEvent, type DeadTreeStep, type DisposalMethod, type LabDuty, type PestRules, type SamplingPlan,
  type SamplingStatus, type WorkingCalendar,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { Database, DeadTreeTable } from '../../db/schema.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type FieldError, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import { notifyStaffOf } from '../../fire/devices/notify-staff.ts';
import type { ProblemService } from '../../problems/service.ts';
import { ParcelRepository } from '../../ledger/parcel-repository.ts';
import { DeadTreeRepository, type DeadTreeFilter, type DeadTreeRow, type DeadTreeStepRow, type ParcelSamplingCounts } from './repository.ts';

/** Where a dead pine was found from (issue 7 §1). */
export const deadTreeSources = ['patrol', 'survey', 'drone', 'remote_sensing', 'other'] as const;
export type DeadTreeSource = (typeof deadTreeSources)[number];
export const deadTreeSourceNames: Record<DeadTreeSource, string> = { patrol: '巡护发现', survey: '普查监测', drone: '无人机监测', remote_sensing: '遥感监测', other: '其他' };

/** Recording trees and their steps is field and bureau work: staff, chiefs and the rangers who do it. */
export const canRecordDeadTrees = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief' || r === 'ranger');
/** The first positive's reports and the imports are the bureau's. */
const canManage = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');

/** The overdue duties the job turns into problems: the lab's three and the disposal deadline. */
export type DeadTreeDuty = LabDuty | 'disposal';
export const deadTreeDutyNames: Record<DeadTreeDuty, string> = { written_result: '书面检测结果', phone_report: '新发疫情电话报告', written_report: '新发疫情书面报告', disposal: '疫木除害处理' };

const CHINA_BBOX = { lon: [73, 136], lat: [3, 54] };
const CONFLICT = '该疫木记录已被他人更新，请刷新后再操作';

export interface DeadTree {
  id: string;
  unitCode: string;
  unitName: string;
  parcelId: string | null;
  parcelNo: string | null;
  lon: number;
  lat: number;
  species: string | null;
  dbhCm: number | null;
  condition: DeadTreeCondition;
  source: DeadTreeSource;
  sourceRef: string | null;
  foundAt: string;
  foundBy: string;
  state: DeadTreeStep;
  cause: DeadTreeCause;
  done: boolean;
  sampleNo: string | null;
  sampledAt: string | null;
  labReceivedAt: string | null;
  resultAt: string | null;
  outcome: 'positive' | 'negative' | null;
  firstInCounty: boolean;
  phoneReportedAt: string | null;
  writtenReportAt: string | null;
  felledAt: string | null;
  disposedAt: string | null;
  disposalMethod: DisposalMethod | null;
  stumpTreatedAt: string | null;
  version: number;
  updatedAt: string;
}

export interface DeadTreeDetail extends DeadTree {
  steps: DeadTreeStepRow[];
  outstanding: DeadTreeStep[];
  allowedNext: DeadTreeStep[];
  deadlines: {
    writtenResultDue: string | null;
    calendarCovered: boolean;
    phoneReportDue: string | null;
    writtenReportDue: string | null;
    clearing: { mode: 'centralised' | 'same_day'; disposeBy: string } | null;
  };
  overdue: { duty: DeadTreeDuty; dueAt: string; problemId: string }[];
  /** For a tree not sampled and not yet destroyed: its 小班's sampling plan, so that a crew samples before disposal. */
  parcelSampling: { status: SamplingStatus; nextBatch: number; explanation: string } | null;
  canRecord: boolean;
}

export interface DeadTreeListQuery extends PageRequest {
  unit?: string | undefined;
  parcel?: string | undefined;
  state?: DeadTreeStep[] | undefined;
  cause?: DeadTreeCause[] | undefined;
  open?: boolean | undefined;
  source?: DeadTreeSource | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

export interface NewDeadTreeInput {
  id: string;
  lon: number;
  lat: number;
  condition?: DeadTreeCondition | undefined;
  species?: string | undefined;
  dbhCm?: number | undefined;
  source: DeadTreeSource;
  foundAt: string;
  person: string;
  photoFileId?: string | undefined;
  note?: string | undefined;
  /** A problem of category 松树异常死亡 (reported on patrol, by the public…) this tree is registered from. */
  problemId?: string | undefined;
}

export interface DisposalInput {
  method: DisposalMethod;
  stumpHeightCm?: number | null | undefined;
  chipSizeCm?: number | null | undefined;
  chipThicknessCm?: number | null | undefined;
  peelThicknessCm?: number | null | undefined;
  fumigated?: boolean | null | undefined;
  branchesTreated: boolean;
}

export interface StepInput {
  version: number;
  step: Exclude<DeadTreeStep, 'found'>;
  at: string;
  person: string;
  lon?: number | undefined;
  lat?: number | undefined;
  photoFileId?: string | undefined;
  note?: string | undefined;
  sampleNo?: string | undefined;
  labReceivedAt?: string | undefined;
  outcome?: 'positive' | 'negative' | undefined;
  disposal?: DisposalInput | undefined;
}

export interface ParcelSampling extends ParcelSamplingCounts {
  plan: SamplingPlan;
}

const stepOrder = (s: string) => deadTreeSteps.indexOf(s as DeadTreeStep);

/** The tree's accepted events, rebuilt from its columns (the steps table holds the same, with who and where). */
export function eventsOf(r: { found_at: string; condition: string; sampled_at: string | null; result_at: string | null; outcome: string | null; felled_at: string | null; disposed_at: string | null; stump_treated_at: string | null }): DeadTreeEvent[] {
  const out: DeadTreeEvent[] = [{ step: 'found', at: r.found_at, condition: r.condition as DeadTreeCondition }];
  if (r.sampled_at) out.push({ step: 'sampled', at: r.sampled_at });
  if (r.result_at) out.push({ step: 'result', at: r.result_at, outcome: r.outcome as 'positive' | 'negative' });
  if (r.felled_at) out.push({ step: 'felled', at: r.felled_at });
  if (r.disposed_at) out.push({ step: 'disposed', at: r.disposed_at });
  if (r.stump_treated_at) out.push({ step: 'stump_treated', at: r.stump_treated_at });
  return out;
}

/** The furthest step recorded (the map's colour); the two tracks run side by side, so this is a summary. */
export const furthestStep = (events: readonly DeadTreeEvent[]): DeadTreeStep =>
  events.reduce<DeadTreeStep>((best, e) => (stepOrder(e.step) > stepOrder(best) ? e.step : best), 'found');

export const yearRange = (year: number) => ({
  from: new Date(Date.parse(`${year}-01-01T00:00:00+08:00`)).toISOString(),
  to: new Date(Date.parse(`${year + 1}-01-01T00:00:00+08:00`)).toISOString(),
});

/** The latest 小班 of the ledger (of the year found or before) whose outline holds the point. */
export async function parcelAtPoint(db: Kysely<Database>, store: Store, lon: number, lat: number, year: number): Promise<{ id: string; parcelNo: string } | null> {
  const rows = await new ParcelRepository(db, store.spatial).outlinesAtPoint(lon, lat, year);
  for (const r of rows) {
    if (pointInPolygon([lon, lat], JSON.parse(r.geom_json!) as Polygon | MultiPolygon)) return { id: r.id, parcelNo: r.parcel_no };
  }
  return null;
}

/**
 * The dead-tree register of pine wilt disease (issue 7 §1–§2, DOMAIN.md §6): each dead or dying pine as a point
 * with its 小班, and its lifecycle — found → sampled → lab result, felled → disposed → stump treated — each step
 * with time, person, photo and position, checked by the domain rules (order, the disposal limits, 即死即清); the
 * sampling rule per 小班; the lab deadline in working days and the first positive's 1-hour / 1-day reports; and
 * the overdue duties turned into problems of the closed loop.
 */
export class DeadTreeService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: RuleSource,
    private readonly problems: ProblemService,
  ) {}

  static toTree(r: DeadTreeRow): DeadTree {
    return {
      id: r.id, unitCode: r.unit_code, unitName: r.unit_name, parcelId: r.parcel_id, parcelNo: r.parcel_no, lon: r.lon, lat: r.lat, species: r.species, dbhCm: r.dbh_cm,
      condition: r.condition as DeadTreeCondition, source: r.source as DeadTreeSource, sourceRef: r.source_ref, foundAt: r.found_at, foundBy: r.found_by,
      state: r.state as DeadTreeStep, cause: r.cause as DeadTreeCause, done: r.done === 1, sampleNo: r.sample_no, sampledAt: r.sampled_at, labReceivedAt: r.lab_received_at,
      resultAt: r.result_at, outcome: r.outcome as 'positive' | 'negative' | null, firstInCounty: r.first_in_county === 1, phoneReportedAt: r.phone_reported_at,
      writtenReportAt: r.written_report_at, felledAt: r.felled_at, disposedAt: r.disposed_at, disposalMethod: r.disposal_method as DisposalMethod | null,
      stumpTreatedAt: r.stump_treated_at, version: r.version, updatedAt: r.updated_at,
    };
  }

  private filterOf(viewer: Viewer, q: Omit<DeadTreeListQuery, 'limit' | 'offset'>): DeadTreeFilter | null {
    if (q.unit && !isInScope(q.unit, viewer.scopeCode)) return null;
    const f: DeadTreeFilter = { scopePrefix: viewer.scopePrefix };
    if (q.unit) f.unitPrefix = scopePrefix(q.unit);
    if (q.parcel) f.parcelId = q.parcel;
    if (q.state?.length) f.state = q.state;
    if (q.cause?.length) f.cause = q.cause;
    if (q.open !== undefined) f.done = !q.open;
    if (q.source) f.source = q.source;
    if (q.year) Object.assign(f, yearRange(q.year));
    if (q.q?.trim()) f.text = q.q.trim();
    return f;
  }

  async list(viewer: Viewer, query: DeadTreeListQuery): Promise<ServiceResult<PageOf<DeadTree> & { counts: { state: string; cause: string; done: boolean; n: number }[] }>> {
    const f = this.filterOf(viewer, query);
    if (!f) return notFound();
    const repo = new DeadTreeRepository(this.store.db);
    const { rows, total } = await repo.list(f, query);
    const counts = (await repo.counts(f)).map((c) => ({ ...c, done: c.done === 1 }));
    return success({ items: rows.map(DeadTreeService.toTree), total, counts });
  }

  /** The trees as GeoJSON points for the map, coloured by lifecycle (capped). */
  async map(viewer: Viewer, query: Omit<DeadTreeListQuery, 'limit' | 'offset'>): Promise<ServiceResult<{ type: 'FeatureCollection'; truncated: boolean; features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, string | number | null> }[] }>> {
    const f = this.filterOf(viewer, query);
    if (!f) return notFound();
    const limit = 20_000;
    const rows = await new DeadTreeRepository(this.store.db).all(f, limit + 1);
    return success({
      type: 'FeatureCollection', truncated: rows.length > limit,
      features: rows.slice(0, limit).map((r) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
        properties: { id: r.id, state: r.done === 1 ? 'done' : r.state, cause: r.cause, parcelNo: r.parcel_no, foundAt: r.found_at },
      })),
    });
  }

  private async deadlinesOf(r: DeadTreeRow, db: Kysely<Database> = this.store.db): Promise<DeadTreeDetail['deadlines']> {
    const out: DeadTreeDetail['deadlines'] = { writtenResultDue: null, calendarCovered: true, phoneReportDue: null, writtenReportDue: null, clearing: null };
    const received = r.lab_received_at ?? r.sampled_at;
    if (received) {
      const date = shanghaiDate(received);
      const [rules, calendar] = await Promise.all([this.rules.pestRulesAt(date, db), this.rules.workingCalendarAt(date, db)]);
      const d = labDeadlines(this.labSample(r), calendar, rules.lab);
      Object.assign(out, { writtenResultDue: d.writtenResultDue, calendarCovered: d.calendarCovered, phoneReportDue: d.phoneReportDue, writtenReportDue: d.writtenReportDue });
    }
    if (r.felled_at) {
      const felledOn = shanghaiDate(r.felled_at);
      out.clearing = clearingMode(felledOn, (await this.rules.pestRulesAt(felledOn, db)).disposal);
    }
    return out;
  }

  private labSample(r: DeadTreeRow) {
    return {
      id: r.sample_no ?? r.id, receivedAt: (r.lab_received_at ?? r.sampled_at)!, writtenResultAt: r.result_at, outcome: r.outcome as 'positive' | 'negative' | null,
      identifiedAt: r.result_at, firstInCounty: r.first_in_county === 1, phoneReportedAt: r.phone_reported_at, writtenReportAt: r.written_report_at,
    };
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<DeadTreeDetail>> {
    const repo = new DeadTreeRepository(this.store.db);
    const r = await repo.row(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    const state = deadTreeState(eventsOf(r));
    const overdue = (await repo.overdueDuties(id)).map((o) => ({ duty: o.duty as DeadTreeDuty, dueAt: o.due_at, problemId: o.problem_id }));
    const can = canRecordDeadTrees(viewer);
    let parcelSampling: DeadTreeDetail['parcelSampling'] = null;
    if (r.parcel_id && !r.sampled_at && !r.disposed_at) {
      const [counts] = await repo.samplingCounts(scopePrefix(r.unit_code), ...Object.values(yearRange(Number(shanghaiDate(r.found_at).slice(0, 4)))) as [string, string], r.parcel_id);
      if (counts) {
        const plan = unwrapPlan(samplingPlan(counts, (await this.rules.pestRulesAt(shanghaiDate(this.now().toISOString()))).sampling));
        parcelSampling = { status: plan.status, nextBatch: plan.nextBatch, explanation: plan.explanation };
      }
    }
    return success({
      ...DeadTreeService.toTree(r), steps: await repo.steps(id), outstanding: state.outstanding, allowedNext: can ? state.allowedNext : [],
      deadlines: await this.deadlinesOf(r), overdue, parcelSampling, canRecord: can,
    });
  }

  private async checkPhoto(db: Kysely<Database>, fileId: string | undefined, field: string): Promise<FieldError | null> {
    if (!fileId) return null;
    return (await new DeadTreeRepository(db).fileExists(fileId)) ? null : { field, message: '照片不存在，请先上传照片' };
  }

  /** Registers one dead or dying pine where it stands (found now or earlier); a retried submission returns the same tree. */
  async register(viewer: Viewer, input: NewDeadTreeInput): Promise<ServiceResult<{ tree: DeadTreeDetail; created: boolean }>> {
    if (!canRecordDeadTrees(viewer)) return forbidden();
    const at = this.now().toISOString();
    if (Date.parse(input.foundAt) > Date.parse(at) + 60_000) return invalid('/body/foundAt', '发现时间不能晚于现在');
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<boolean>> => {
      const repo = new DeadTreeRepository(trx);
      const existing = await repo.creatorOf(input.id);
      if (existing) return existing.created_by === viewer.userId ? success(false) : failure({ kind: 'conflict', field: '/body/id', message: '疫木编号已被占用' });
      const photo = await this.checkPhoto(trx, input.photoFileId, '/body/photoFileId');
      if (photo) return failure({ kind: 'invalid', errors: [photo] });
      const unit = await unitAtPoint(trx, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
      if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/lon', '位置不在您管辖的区划范围内，请核对经纬度');
      const foundAt = new Date(input.foundAt).toISOString();
      const parcel = await parcelAtPoint(trx, this.store, input.lon, input.lat, Number(shanghaiDate(foundAt).slice(0, 4)));
      const condition = input.condition ?? 'dead';
      if (input.problemId) {
        const p = await repo.problem(input.problemId);
        if (!p || !isInScope(p.unit_code, viewer.scopeCode)) return invalid('/body/problemId', '问题不存在或不在您的管辖范围内');
        if (p.category !== 'dead_pine') return invalid('/body/problemId', '只有“松树异常死亡”类问题可登记为疫木');
        if (p.pest_ref) return failure({ kind: 'conflict', field: '/body/problemId', message: '该问题已登记过疫木' });
        await repo.linkProblem(p.id, input.id, at);
      }
      await repo.insert(newTreeRow({
        id: input.id, unitCode: unit.code, parcel, lon: input.lon, lat: input.lat, species: input.species?.trim() || null, dbhCm: input.dbhCm ?? null, condition,
        source: input.source, sourceRef: null, importBatch: null, foundAt, foundBy: input.person.trim(), createdBy: viewer.userId,
      }, at));
      await repo.insertStep({
        treeId: input.id, step: 'found', at: foundAt, person: input.person.trim(), userId: viewer.userId, lon: input.lon, lat: input.lat,
        photoFileId: input.photoFileId ?? null, data: { condition, source: input.source }, note: input.note?.trim() || null,
      }, at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'dead_tree', entityId: input.id, after: { unitCode: unit.code, parcelId: parcel?.id ?? null, source: input.source, problemId: input.problemId ?? null } }, at);
      return success(true);
    });
    if (!result.ok) return result;
    const tree = await this.get(viewer, input.id);
    if (!tree.ok) return tree;
    return success({ tree: tree.value, created: result.value });
  }

  /** Records the next step of a tree's lifecycle (optimistic version check), with the domain's checks. */
  async step(viewer: Viewer, id: string, input: StepInput): Promise<ServiceResult<DeadTreeDetail>> {
    if (!canRecordDeadTrees(viewer)) return forbidden();
    const now = this.now().toISOString();
    if ((input.lon === undefined) !== (input.lat === undefined)) return invalid(input.lon === undefined ? '/body/lon' : '/body/lat', '经度和纬度须同时填写');
    let notifyFirst: { unitCode: string; title: string; body: string } | null = null;
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new DeadTreeRepository(trx);
      const r = await repo.row(id);
      if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
      if (r.version !== input.version) return failure({ kind: 'conflict', field: '/body/version', message: CONFLICT });
      const events = eventsOf(r);
      const next: DeadTreeEvent = { step: input.step, at: input.at, ...(input.outcome !== undefined ? { outcome: input.outcome } : {}) };
      const findings = checkDeadTreeStep(events, next, now);
      if (findings.length) return failure({ kind: 'invalid', errors: findings.map((f) => ({ field: `/body/${f.field}`, message: f.message })) });
      const photo = await this.checkPhoto(trx, input.photoFileId, '/body/photoFileId');
      if (photo) return failure({ kind: 'invalid', errors: [photo] });
      const at = new Date(input.at).toISOString();
      const date = shanghaiDate(at);
      const rules: PestRules = await this.rules.pestRulesAt(date, trx);
      const changes: Record<string, unknown> = {};
      const data: Record<string, unknown> = {};
      if (input.disposal && input.step !== 'disposed') return invalid('/body/disposal', '只有除害处理一步填写处理方式与尺寸');
      if ((input.sampleNo !== undefined || input.labReceivedAt !== undefined) && input.step !== 'sampled') return invalid('/body/sampleNo', '只有取样一步填写样品编号与送检时间');
      if (input.step === 'sampled') {
        const sampleNo = input.sampleNo?.trim() || null;
        let received: string | null = null;
        if (input.labReceivedAt !== undefined) {
          received = new Date(input.labReceivedAt).toISOString();
          if (Date.parse(received) < Date.parse(at)) return invalid('/body/labReceivedAt', '实验室收样时间不能早于取样时间');
          if (Date.parse(received) > Date.parse(now) + 60_000) return invalid('/body/labReceivedAt', '实验室收样时间不能晚于现在');
        }
        Object.assign(changes, { sampled_at: at, sample_no: sampleNo, lab_received_at: received });
        Object.assign(data, { sampleNo, labReceivedAt: received });
      }
      if (input.step === 'result') {
        const received = r.lab_received_at ?? r.sampled_at!;
        if (Date.parse(at) < Date.parse(received)) return invalid('/body/at', '检测结果时间不能早于实验室收样时间');
        Object.assign(changes, { result_at: at, outcome: input.outcome });
        data.outcome = input.outcome;
        if (input.outcome === 'positive') {
          // A positive in a county with no previous infection (no epidemic point declared before, no earlier positive) is 新发疫情.
          const county = r.unit_code.slice(0, 6);
          const points = await repo.epidemicPeriods(county);
          const first = !countyHadInfection(points, `${county}000000`, date) && !(await repo.countyHadPositive(county, at, id));
          if (first) {
            changes.first_in_county = 1;
            const hours = rules.lab;
            notifyFirst = {
              unitCode: r.unit_code, title: `新发松材线虫病疫情：${r.unit_name}`,
              body: `${r.unit_name}${r.parcel_no ? ` ${r.parcel_no} 小班` : ''}的样品${r.sample_no ? ` ${r.sample_no}` : ''}检出松材线虫，本县此前无疫情。须在 ${hours.firstPositivePhoneHours} 小时内电话报告、${hours.firstPositiveWrittenHours} 小时内书面报告。`,
            };
          }
        }
      }
      if (input.step === 'felled') changes.felled_at = at;
      if (input.step === 'disposed') {
        const d = input.disposal;
        if (!d) return invalid('/body/disposal', '请填写除害处理方式、伐桩高度与处理尺寸');
        const disposalFindings = checkDisposal({
          method: d.method, felledAt: r.felled_at!, disposedAt: at, stumpHeightCm: d.stumpHeightCm ?? null, chipSizeCm: d.chipSizeCm ?? null,
          chipThicknessCm: d.chipThicknessCm ?? null, peelThicknessCm: d.peelThicknessCm ?? null, fumigated: d.fumigated ?? null, branchesTreated: d.branchesTreated,
        }, rules.disposal);
        if (disposalFindings.length) {
          return failure({ kind: 'invalid', errors: disposalFindings.map((f) => ({ field: f.field === 'disposedAt' ? '/body/at' : f.field === 'felledAt' ? '/body/step' : `/body/disposal/${f.field}`, message: f.message })) });
        }
        Object.assign(changes, { disposed_at: at, disposal_method: d.method });
        Object.assign(data, { disposal: { ...d, methodName: disposalMethodNames[d.method] } });
      }
      if (input.step === 'stump_treated') changes.stump_treated_at = at;
      const after = [...events, next];
      const state = deadTreeState(after);
      Object.assign(changes, { state: furthestStep(after), cause: state.cause, done: state.done ? 1 : 0, updated_at: now });
      if (!(await repo.updateIfVersion(id, r.version, changes))) return failure({ kind: 'conflict', field: '/body/version', message: CONFLICT });
      await repo.insertStep({
        treeId: id, step: input.step, at, person: input.person.trim(), userId: viewer.userId, lon: input.lon ?? null, lat: input.lat ?? null,
        photoFileId: input.photoFileId ?? null, data: Object.keys(data).length ? data : null, note: input.note?.trim() || null,
      }, now);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'dead_tree', entityId: id, before: { state: r.state, version: r.version }, after: { step: input.step, at, version: r.version + 1 } }, now);
      if (notifyFirst) await notifyStaffOf(trx, notifyFirst.unitCode, 'pest_first_positive', notifyFirst, now);
      return success(null);
    });
    if (!result.ok) return result;
    return this.get(viewer, id);
  }

  /** The first positive's phone and written reports to the province (新发疫情报告). */
  async report(viewer: Viewer, id: string, input: { version: number; kind: 'phone' | 'written'; at: string }): Promise<ServiceResult<DeadTreeDetail>> {
    if (!canManage(viewer)) return forbidden();
    const now = this.now().toISOString();
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new DeadTreeRepository(trx);
      const r = await repo.row(id);
      if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
      if (r.version !== input.version) return failure({ kind: 'conflict', field: '/body/version', message: CONFLICT });
      if (r.first_in_county !== 1) return invalid('/body/kind', '该样品不是本县首次检出，无需新发疫情报告');
      const at = new Date(input.at).toISOString();
      if (Date.parse(at) > Date.parse(now) + 60_000) return invalid('/body/at', '报告时间不能晚于现在');
      if (Date.parse(at) < Date.parse(r.result_at!)) return invalid('/body/at', '报告时间不能早于检出时间');
      const column = input.kind === 'phone' ? 'phone_reported_at' : 'written_report_at';
      if (r[column]) return failure({ kind: 'conflict', field: '/body/kind', message: `已记录${input.kind === 'phone' ? '电话' : '书面'}报告` });
      if (!(await repo.updateIfVersion(id, r.version, { [column]: at, updated_at: now }))) return failure({ kind: 'conflict', field: '/body/version', message: CONFLICT });
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'dead_tree', entityId: id, after: { [column]: at } }, now);
      return success(null);
    });
    if (!result.ok) return result;
    return this.get(viewer, id);
  }

  /** Each 小班 with dead pines found in `year`: the counts and what the sampling rule asks next. */
  async sampling(viewer: Viewer, q: { unit?: string | undefined; year: number; status?: SamplingStatus | undefined }): Promise<ServiceResult<{ year: number; parcels: ParcelSampling[]; outsideParcels: number; totals: Record<SamplingStatus, number>; statusNames: Record<SamplingStatus, string> }>> {
    const unit = q.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    const { from, to } = yearRange(q.year);
    const repo = new DeadTreeRepository(this.store.db);
    const rules = await this.rules.pestRulesAt(shanghaiDate(this.now().toISOString()));
    const parcels = (await repo.samplingCounts(scopePrefix(unit), from, to)).map((c) => ({ ...c, plan: unwrapPlan(samplingPlan(c, rules.sampling)) }));
    const totals: Record<SamplingStatus, number> = { sample: 0, waiting: 0, positive: 0, negative: 0 };
    for (const p of parcels) totals[p.plan.status]++;
    const order: Record<SamplingStatus, number> = { sample: 0, waiting: 1, positive: 2, negative: 3 };
    const shown = (q.status ? parcels.filter((p) => p.plan.status === q.status) : parcels).sort((a, b) => order[a.plan.status] - order[b.plan.status] || b.plan.nextBatch - a.plan.nextBatch);
    return success({ year: q.year, parcels: shown, outsideParcels: await repo.outsideParcels(scopePrefix(unit), from, to), totals, statusNames: samplingStatusNames });
  }

  /** One 小班's sampling plan with its trees. */
  async parcelSampling(viewer: Viewer, parcelId: string, year: number): Promise<ServiceResult<{ year: number; parcel: ParcelSampling; trees: DeadTree[] }>> {
    const { from, to } = yearRange(year);
    const repo = new DeadTreeRepository(this.store.db);
    const [counts] = await repo.samplingCounts(viewer.scopePrefix, from, to, parcelId);
    if (!counts) return notFound();
    const rules = await this.rules.pestRulesAt(shanghaiDate(this.now().toISOString()));
    const trees = await repo.all({ scopePrefix: viewer.scopePrefix, parcelId, from, to }, 5000);
    return success({ year, parcel: { ...counts, plan: unwrapPlan(samplingPlan(counts, rules.sampling)) }, trees: trees.map(DeadTreeService.toTree) });
  }

  /**
   * The job: every duty past its deadline at `asOf` — the lab's written result (5 working days), the first
   * positive's phone and written reports, the disposal (same day outside the centralised window, else by its end)
   * — becomes one problem of the closed loop (category 松树异常死亡), once per tree and duty.
   */
  async openOverdue(asOf: string): Promise<{ opened: number; byDuty: Record<DeadTreeDuty, number> }> {
    const repo = new DeadTreeRepository(this.store.db);
    const candidates = await repo.openDuties();
    const seen = await repo.overdueKeys();
    const byDuty: Record<DeadTreeDuty, number> = { written_result: 0, phone_report: 0, written_report: 0, disposal: 0 };
    const calendars = new Map<string, Promise<[PestRules, WorkingCalendar]>>();
    const rulesOn = (date: string) => {
      if (!calendars.has(date)) calendars.set(date, Promise.all([this.rules.pestRulesAt(date), this.rules.workingCalendarAt(date)]));
      return calendars.get(date)!;
    };
    const due: { r: DeadTreeRow; duty: DeadTreeDuty; dueAt: string; text: string }[] = [];
    const now = Date.parse(asOf);
    for (const r of candidates) {
      if (r.sampled_at) {
        const received = r.lab_received_at ?? r.sampled_at;
        const [rules, calendar] = await rulesOn(shanghaiDate(received));
        const d = labDeadlines(this.labSample(r), calendar, rules.lab);
        const check = (duty: LabDuty, dueAt: string | null, doneAt: string | null) => {
          if (dueAt && !doneAt && Date.parse(dueAt) < now) due.push({ r, duty, dueAt, text: `${deadTreeDutyNames[duty]}应于 ${fmtShanghai(dueAt)} 前完成` });
        };
        check('written_result', d.writtenResultDue, r.result_at);
        check('phone_report', d.phoneReportDue, r.phone_reported_at);
        check('written_report', d.writtenReportDue, r.written_report_at);
      }
      if (r.felled_at && !r.disposed_at) {
        const felledOn = shanghaiDate(r.felled_at);
        const [rules] = await rulesOn(felledOn);
        const mode = clearingMode(felledOn, rules.disposal);
        const dueAt = new Date(Date.parse(`${mode.disposeBy}T00:00:00+08:00`) + 86_400_000).toISOString(); // 24:00 of the last day
        if (Date.parse(dueAt) < now) {
          due.push({ r, duty: 'disposal', dueAt, text: mode.mode === 'same_day' ? `${felledOn} 伐除，不在集中除治期内，应当日除害处理（即死即清）` : `集中除治期内伐除，应于 ${mode.disposeBy} 前完成除害处理` });
        }
      }
    }
    let opened = 0;
    const at = new Date(Math.max(now, Date.parse(this.now().toISOString()))).toISOString();
    for (const d of due) {
      if (seen.has(`${d.r.id}|${d.duty}`)) continue;
      await this.store.db.transaction().execute(async (trx) => {
        if (await new DeadTreeRepository(trx).overdueClaimed(d.r.id, d.duty)) return;
        const problemId = randomUUID();
        const where = `${d.r.unit_name}${d.r.parcel_no ? ` ${d.r.parcel_no} 小班` : ''}`;
        await this.problems.insertProblem(trx, {
          id: problemId, category: 'dead_pine', severity: d.duty === 'phone_report' || d.duty === 'written_report' ? 'urgent' : 'serious', source: 'staff',
          title: `疫木${deadTreeDutyNames[d.duty]}逾期：${where}`,
          description: `${where}的${deadTreeCauseNames[d.r.cause as DeadTreeCause]}松树（${deadTreeStepNames[d.r.state as DeadTreeStep]}，编号 ${d.r.sample_no ?? d.r.id}）：${d.text}，至 ${fmtShanghai(asOf)} 仍未完成。`,
          lon: d.r.lon, lat: d.r.lat, geometry: null, unitCode: d.r.unit_code, reportedAt: at, reporterUserId: null, reporterPersonId: null, reporterName: '疫木除治逾期检查',
          reporterPhone: null, patrolId: null, parcelRef: d.r.parcel_id, fireRef: null, pestRef: d.r.id, externalRef: `dead-tree:${d.r.id}:${d.duty}`, needsFieldCheck: false, importBatch: null,
        }, [], null, at);
        await new DeadTreeRepository(trx).insertOverdue(d.r.id, d.duty, d.dueAt, problemId, at);
        opened++;
        byDuty[d.duty]++;
      });
    }
    return { opened, byDuty };
  }

  /** A photo of a step may be read by whoever sees the tree. */
  async canSeeFile(viewer: Viewer, fileId: string): Promise<boolean> {
    return new DeadTreeRepository(this.store.db).photoInScope(fileId, viewer.scopePrefix);
  }
}

function unwrapPlan(r: ReturnType<typeof samplingPlan>): SamplingPlan {
  // The counts come from the database (never negative, results ≤ samples ≤ trees), so a finding is a bug.
  if (!r.ok) throw new Error(`sampling plan: ${r.error.map((e) => e.message).join('; ')}`);
  return r.value;
}

export const fmtShanghai = (instant: string): string => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The row of a newly registered tree (one place, for the form, the import and the demo). */
export function newTreeRow(t: {
  id: string; unitCode: string; parcel: { id: string; parcelNo: string } | null; lon: number; lat: number; species: string | null; dbhCm: number | null;
  condition: DeadTreeCondition; source: DeadTreeSource; sourceRef: string | null; importBatch: string | null; foundAt: string; foundBy: string; createdBy: string | null;
}, at: string): DeadTreeTable {
  if (t.lon < CHINA_BBOX.lon[0]! || t.lon > CHINA_BBOX.lon[1]! || t.lat < CHINA_BBOX.lat[0]! || t.lat > CHINA_BBOX.lat[1]!) throw new Error(`dead tree outside China: ${t.lon},${t.lat}`);
  return {
    id: t.id, unit_code: t.unitCode, parcel_id: t.parcel?.id ?? null, parcel_no: t.parcel?.parcelNo ?? null, lon: t.lon, lat: t.lat, species: t.species, dbh_cm: t.dbhCm,
    condition: t.condition, source: t.source, source_ref: t.sourceRef, import_batch: t.importBatch, found_at: t.foundAt, found_by: t.foundBy, state: 'found',
    cause: t.condition === 'dying' ? 'dying' : 'unexplained', done: 0, sample_no: null, sampled_at: null, lab_received_at: null, result_at: null, outcome: null,
    first_in_county: 0, phone_reported_at: null, written_report_at: null, felled_at: null, disposed_at: null, disposal_method: null, stump_treated_at: null,
    version: 1, created_by: t.createdBy, created_at: at, updated_at: at,
  };
}

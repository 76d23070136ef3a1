import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  ellipsoidalArea, interiorPoint, isInScope, landUseOverlap, landUseState, landUseStatusNames, landUseTypeNames, scopePrefix,
  mergeParcelLand, squareMetresToMu, toMultiPolygon, type CheckStage, type LandOverlap, type LandUseStatus, type LandUseType,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { geometryBbox } from '../db/spatial.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { shanghaiDate } from '../rules/service.ts';
import { unitAtPoint } from '../problems/locate.ts';
import { ParcelRepository } from '../ledger/parcel-repository.ts';

const canManage = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const forbidden = <T>() => failure<T>({ kind: 'forbidden', message: '只有林业局工作人员可以办理使用林地审核审批' });

export interface LandUse {
  id: string;
  project: string;
  applicant: string;
  approvalNo: string | null;
  useType: LandUseType;
  status: LandUseStatus;
  state: LandUseStatus | 'expired';
  unitCode: string;
  unitName: string;
  areaM2: number;
  geometry: MultiPolygon;
  appliedOn: string;
  startsOn: string | null;
  endsOn: string | null;
  restoreBy: string | null;
  decidedOn: string | null;
  decisionNote: string | null;
  overlapAcknowledged: boolean;
  overlapNote: string | null;
  restoredOn: string | null;
  version: number;
}

export interface LandUseInput {
  project: string;
  applicant: string;
  useType: LandUseType;
  /** The land as a drawn or imported polygon, or as whole parcels of the ledger (`parcelIds`). */
  geometry?: Polygon | MultiPolygon | undefined;
  parcelIds?: string[] | undefined;
  appliedOn: string;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  restoreBy?: string | undefined;
}

/**
 * Forest land use approvals (issue 5 §4, DOMAIN.md §4): applications with their land as a polygon, the overlap
 * with the ledger's public-welfare and natural forest shown before the decision — approving land on 重点公益林
 * needs an explicit acknowledgement with a note — temporary use tracked to its end and restoration, and the
 * checks made before, during and after the use.
 */
export class LandUseService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Called after every write (the land-use tile layer is rebuilt). */
    private readonly onChange: () => void = () => {},
  ) {}

  private today(): string {
    return shanghaiDate(this.now().getTime());
  }

  private query() {
    return this.store.db.selectFrom('land_use_approvals as a').innerJoin('units as u', 'u.code', 'a.unit_code').selectAll('a').select('u.short_name');
  }

  private toLandUse(r: Awaited<ReturnType<ReturnType<LandUseService['query']>['execute']>>[number]): LandUse {
    const status = r.status as LandUseStatus;
    const useType = r.use_type as LandUseType;
    return {
      id: r.id, project: r.project, applicant: r.applicant, approvalNo: r.approval_no, useType, status, state: landUseState({ status, useType, endsOn: r.ends_on }, this.today()),
      unitCode: r.unit_code, unitName: r.short_name, areaM2: r.area_m2, geometry: JSON.parse(r.geom_json) as MultiPolygon, appliedOn: r.applied_on,
      startsOn: r.starts_on, endsOn: r.ends_on, restoreBy: r.restore_by, decidedOn: r.decided_on, decisionNote: r.decision_note,
      overlapAcknowledged: r.overlap_acknowledged === 1, overlapNote: r.overlap_note, restoredOn: r.restored_on, version: r.version,
    };
  }

  async list(viewer: Viewer, input: PageRequest & { unit?: string | undefined; status?: LandUseStatus | undefined; q?: string | undefined }): Promise<ServiceResult<PageOf<LandUse>>> {
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    let q = this.query().where('a.unit_code', 'like', codePrefix(scopePrefix(unit)));
    if (input.status) q = q.where('a.status', '=', input.status);
    if (input.q?.trim()) {
      const text = containsText(input.q.trim());
      q = q.where((eb) => eb.or([eb('a.project', 'like', text), eb('a.applicant', 'like', text), eb('a.approval_no', 'like', text)]));
    }
    const { rows, total } = await paginate(q.orderBy('a.applied_on', 'desc').orderBy('a.created_at', 'desc'), input);
    return success({ items: rows.map((r) => this.toLandUse(r)), total });
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<LandUse & { checks: { id: string; stage: CheckStage; checkedOn: string; inspector: string; finding: string }[] }>> {
    const r = await this.query().where('a.id', '=', id).executeTakeFirst();
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    const checks = await this.store.db.selectFrom('land_use_checks').selectAll().where('approval_id', '=', id).orderBy('checked_on').orderBy('created_at').execute();
    return success({ ...this.toLandUse(r), checks: checks.map((c) => ({ id: c.id, stage: c.stage as CheckStage, checkedOn: c.checked_on, inspector: c.inspector, finding: c.finding })) });
  }

  /** The land laid over the latest ledger year's public-welfare and natural-forest parcels. */
  async overlap(viewer: Viewer, id: string): Promise<ServiceResult<LandOverlap & { ledgerYear: number | null; unitNames: Record<string, string> }>> {
    const found = await this.get(viewer, id);
    if (!found.ok) return found;
    return success(await this.overlapOf(found.value.geometry, viewer.scopePrefix));
  }

  private async overlapOf(geometry: MultiPolygon, prefix: string): Promise<LandOverlap & { ledgerYear: number | null; unitNames: Record<string, string> }> {
    const repo = new ParcelRepository(this.store.db, this.store.spatial);
    const ledgerYear = (await repo.years(prefix))[0] ?? null;
    const bbox = geometryBbox(geometry)!;
    const parcels = ledgerYear === null ? [] : await repo.shapesInBbox(prefix, ledgerYear, bbox);
    const overlap = landUseOverlap(geometry, parcels);
    const codes = [...new Set(overlap.parcels.map((p) => p.unitCode))];
    const units = codes.length ? await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', codes).execute() : [];
    return { ...overlap, ledgerYear, unitNames: Object.fromEntries(units.map((u) => [u.code, u.short_name])) };
  }

  async create(viewer: Viewer, input: LandUseInput): Promise<ServiceResult<LandUse>> {
    if (!canManage(viewer)) return forbidden();
    if (!input.geometry === !input.parcelIds?.length) return invalid('/body/geometry', '请给出用地范围：绘制或导入的多边形，或所占小班（二选一）');
    let land: Polygon | MultiPolygon;
    if (input.parcelIds?.length) {
      const ids = [...new Set(input.parcelIds)];
      const rows = await this.store.db.selectFrom('parcels').select(['id', 'unit_code', 'geom_json']).where('id', 'in', ids).execute();
      const missing = ids.findIndex((pid) => !rows.some((r) => r.id === pid && r.geom_json && isInScope(r.unit_code, viewer.scopeCode)));
      if (missing >= 0) return invalid(`/body/parcelIds/${missing}`, '小班不存在或不在您的管辖范围内');
      const merged = mergeParcelLand(rows.map((r) => JSON.parse(r.geom_json!) as MultiPolygon));
      if (!merged) return invalid('/body/parcelIds', '所选小班的边界无法合并，请改为绘制用地范围');
      land = merged;
    } else land = input.geometry!;
    const shape = toMultiPolygon(land);
    if (!shape.ok) return failure({ kind: 'invalid', errors: shape.error.map((p) => ({ field: `/body/geometry${p.path}`, message: p.message })) });
    if (input.useType === 'temporary') {
      if (!input.endsOn) return invalid('/body/endsOn', '临时使用林地须填写使用期限的结束日期');
      if (input.startsOn && input.endsOn < input.startsOn) return invalid('/body/endsOn', '结束日期不能早于开始日期');
      if (input.restoreBy && input.restoreBy < input.endsOn) return invalid('/body/restoreBy', '恢复期限不能早于使用结束日期');
    }
    const point = interiorPoint(shape.value);
    const unit = point ? await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, point[0], point[1]) : null;
    if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/geometry', '用地范围不在您管辖的区划内，请核对坐标（CGCS2000 经纬度）');
    const [minx, miny, maxx, maxy] = geometryBbox(shape.value)!;
    const at = this.now().toISOString();
    const id = randomUUID();
    const row: Database['land_use_approvals'] = {
      id, project: input.project.trim(), applicant: input.applicant.trim(), approval_no: null, use_type: input.useType, status: 'applied', unit_code: unit.code,
      area_m2: ellipsoidalArea(shape.value), geom_json: JSON.stringify(shape.value), minx, miny, maxx, maxy, applied_on: input.appliedOn,
      starts_on: input.startsOn ?? null, ends_on: input.useType === 'temporary' ? input.endsOn ?? null : null, restore_by: input.useType === 'temporary' ? input.restoreBy ?? null : null,
      decided_on: null, decided_by: null, decision_note: null, overlap_acknowledged: 0, overlap_note: null, overlap_json: null, restored_on: null, version: 1,
      created_by: viewer.userId, created_at: at, updated_at: at,
    };
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('land_use_approvals').values(row).execute();
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'land_use_approval', entityId: id, after: { project: row.project, unitCode: row.unit_code, areaM2: row.area_m2 } }, at);
    });
    this.onChange();
    return success(this.toLandUse((await this.query().where('a.id', '=', id).executeTakeFirst())!));
  }

  /**
   * Approves or refuses an application. Approval over 重点公益林 is refused unless the overlap is acknowledged with a
   * note (the page shows the overlap first); the overlap as it stood is kept with the decision.
   */
  async decide(viewer: Viewer, id: string, input: { approve: boolean; approvalNo?: string | undefined; note: string; overlapAcknowledged?: boolean | undefined; overlapNote?: string | undefined; version: number }): Promise<ServiceResult<LandUse>> {
    if (!canManage(viewer)) return forbidden();
    const found = await this.get(viewer, id);
    if (!found.ok) return found;
    const a = found.value;
    if (a.status !== 'applied') return failure({ kind: 'conflict', message: `该申请已${landUseStatusNames[a.status]}` });
    if (input.approve && !input.approvalNo?.trim()) return invalid('/body/approvalNo', '批准须填写审核同意书文号');
    const overlap = await this.overlapOf(a.geometry, viewer.scopePrefix);
    if (input.approve && overlap.keyPublicWelfareM2 > 0 && !(input.overlapAcknowledged && input.overlapNote?.trim())) {
      return invalid('/body/overlapAcknowledged', `用地范围占用重点公益林 ${squareMetresToMu(overlap.keyPublicWelfareM2).toFixed(2)} 亩：批准前须确认并说明依据（如国家重点建设项目的审核意见）`);
    }
    const at = this.now().toISOString();
    const values = {
      status: input.approve ? 'approved' : 'rejected', approval_no: input.approve ? input.approvalNo!.trim() : null, decided_on: this.today(), decided_by: viewer.userId,
      decision_note: input.note.trim(), overlap_acknowledged: input.overlapAcknowledged ? 1 : 0, overlap_note: input.overlapNote?.trim() || null,
      overlap_json: JSON.stringify({ ledgerYear: overlap.ledgerYear, keyPublicWelfareM2: overlap.keyPublicWelfareM2, publicWelfareM2: overlap.publicWelfareM2, naturalM2: overlap.naturalM2, parcels: overlap.parcels.length }),
      version: a.version + 1, updated_at: at,
    };
    const moved = await this.store.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('land_use_approvals').set(values).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'land_use_approval', entityId: id, before: { status: a.status }, after: values }, at);
      return true;
    });
    if (!moved) return failure({ kind: 'conflict', message: '该申请刚被他人修改，请刷新后重试' });
    this.onChange();
    return success(this.toLandUse((await this.query().where('a.id', '=', id).executeTakeFirst())!));
  }

  /** The temporary use's land given back and restored (恢复林业生产条件). */
  async restore(viewer: Viewer, id: string, restoredOn: string): Promise<ServiceResult<LandUse>> {
    if (!canManage(viewer)) return forbidden();
    const found = await this.get(viewer, id);
    if (!found.ok) return found;
    const a = found.value;
    if (a.status !== 'approved' || a.useType !== 'temporary') return failure({ kind: 'conflict', message: '只有已批准的临时用地可以登记恢复' });
    if (restoredOn > this.today()) return invalid('/body/restoredOn', '恢复日期不能晚于今天');
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('land_use_approvals').set({ status: 'restored', restored_on: restoredOn, version: a.version + 1, updated_at: at }).where('id', '=', id).execute();
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'land_use_approval', entityId: id, before: { status: a.status }, after: { status: 'restored', restoredOn } }, at);
    });
    this.onChange();
    return success(this.toLandUse((await this.query().where('a.id', '=', id).executeTakeFirst())!));
  }

  async addCheck(viewer: Viewer, id: string, input: { stage: CheckStage; checkedOn: string; inspector: string; finding: string }): Promise<ServiceResult<{ id: string }>> {
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief')) return failure({ kind: 'forbidden' });
    const found = await this.get(viewer, id);
    if (!found.ok) return found;
    if (input.checkedOn > this.today()) return invalid('/body/checkedOn', '检查日期不能晚于今天');
    const at = this.now().toISOString();
    const checkId = randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('land_use_checks').values({ id: checkId, approval_id: id, stage: input.stage, checked_on: input.checkedOn, inspector: input.inspector.trim(), finding: input.finding.trim(), created_by: viewer.userId, created_at: at }).execute();
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'land_use_check', entityId: checkId, after: { approvalId: id, ...input } }, at);
    });
    return success({ id: checkId });
  }

  async workbook(viewer: Viewer, input: { unit?: string | undefined; status?: LandUseStatus | undefined; q?: string | undefined }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const page = await this.list(viewer, { ...input, limit: 100_000, offset: 0 });
    if (!page.ok) return page;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('使用林地审核审批');
    sheet.addRow(['项目名称', '用地单位', '文号', '类型', '状态', '区划', '面积（亩）', '申请日期', '批复日期', '使用期限', '恢复期限', '恢复日期']).font = { bold: true };
    for (const a of page.value.items) {
      sheet.addRow([a.project, a.applicant, a.approvalNo ?? '', landUseTypeNames[a.useType], landUseStatusNames[a.state], a.unitName, Number(squareMetresToMu(a.areaM2).toFixed(2)),
        a.appliedOn, a.decidedOn ?? '', a.endsOn ? `${a.startsOn ?? ''} 至 ${a.endsOn}` : '', a.restoreBy ?? '', a.restoredOn ?? '']);
    }
    sheet.columns.forEach((c, i) => { c.width = [28, 20, 22, 10, 14, 12, 10, 12, 12, 26, 12, 12][i]; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: '使用林地审核审批台账.xlsx' });
  }
}

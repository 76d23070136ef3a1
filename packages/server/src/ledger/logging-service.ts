import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  cellLabel, cuttingMethodNames, cuttingTypeNames, defaultReplantingDeadline, epidemicPointOn, interiorPoint, isInScope, muToSquareMetres,
  parentCodeOf, permitNumber, permitRefusals, quotaForestClassNames, quotaForestClassOf, quotaOriginNames, replantingState, replantingStateNames,
  sameCell, scopePrefix, squareMetresToMu, unitLevelOf, validateQuotaTable,
  type CuttingMethod, type CuttingType, type PermitRefusal, type QuotaCellKey, type QuotaCell, type QuotaOrigin, type ReplantingState,
} from '@linzhang/domain';
import type { Kysely } from 'kysely';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { shanghaiDate } from '../rules/service.ts';
import type { ProblemService } from '../problems/service.ts';
import { LoggingRepository, type PermitRow } from './logging-repository.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';

/** Issuing permits and setting quotas is the bureau's work (林业局), not a chief's or a ranger's. */
const canManage = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');

export interface QuotaCellUse extends QuotaCell {
  usedM3: number;
  permits: number;
}
export interface QuotaDetail {
  unitCode: string;
  unitName: string;
  year: number;
  totalM3: number;
  usedM3: number;
  note: string | null;
  updatedAt: string;
  items: QuotaCellUse[];
}

export type Permit = PermitRow & { replanting: ReplantingState };

export interface PermitInput {
  parcelId: string;
  applicant: string;
  applicantPhone?: string | undefined;
  cuttingType: CuttingType;
  cuttingMethod: CuttingMethod;
  species: string;
  treeCount?: number | undefined;
  areaMu: number;
  volumeM3: number;
  outputM3?: number | undefined;
  cuttingFrom: string;
  cuttingTo: string;
  replantDeadline?: string | undefined;
  pestApproval?: string | undefined;
}

/** What a permit check tells the form before anything is written. */
export interface PermitCheckResult {
  year: number;
  quotaUnitCode: string | null;
  quotaUnitName: string;
  cell: { forestClass: string; origin: string; cuttingType: CuttingType; label: string; capM3: number | null; usedM3: number; leftM3: number | null };
  totalCapM3: number | null;
  totalUsedM3: number;
  epidemicPoint: string | null;
  refusals: PermitRefusal[];
}

/**
 * The logging quota and the permits that consume it (issue 5 §3, DOMAIN.md §4): quota tables per quota unit and
 * year, permits checked against their cell, the total, the parcel, natural-forest protection and pine-wilt
 * epidemic points; re-planting recorded and, when overdue, turned into a problem of the closed loop.
 */
export class LoggingService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly problems: ProblemService,
  ) {}

  private today(): string {
    return shanghaiDate(this.now().getTime());
  }

  private async unitName(code: string, db: Kysely<Database> = this.store.db): Promise<string> {
    const u = await db.selectFrom('units').select('short_name').where('code', '=', code).executeTakeFirst();
    return u?.short_name ?? code;
  }

  async quotas(viewer: Viewer, input: { year: number; unit?: string | undefined }): Promise<ServiceResult<{ year: number; items: { unitCode: string; unitName: string; totalM3: number; usedM3: number; updatedAt: string }[] }>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const repo = new LoggingRepository(this.store.db);
    const rows = await repo.quotas(scopePrefix(unitCode), input.year);
    const items = [];
    for (const r of rows) {
      const used = (await repo.usedByCell(r.unitCode, input.year)).reduce((s, u) => s + u.volumeM3, 0);
      items.push({ ...r, usedM3: used });
    }
    return success({ year: input.year, items });
  }

  async quota(viewer: Viewer, unitCode: string, year: number): Promise<ServiceResult<QuotaDetail>> {
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const detail = await this.quotaDetail(this.store.db, unitCode, year);
    return detail ? success(detail) : notFound();
  }

  private async quotaDetail(db: Kysely<Database>, unitCode: string, year: number): Promise<QuotaDetail | null> {
    const repo = new LoggingRepository(db);
    const q = await repo.quota(unitCode, year);
    if (!q) return null;
    const used = await repo.usedByCell(unitCode, year);
    const items = q.items.map((i) => {
      const u = used.find((x) => sameCell({ forestClass: x.forestClass as QuotaCell['forestClass'], origin: x.origin as QuotaOrigin, cuttingType: x.cuttingType as CuttingType }, i));
      return { ...i, usedM3: u?.volumeM3 ?? 0, permits: u?.permits ?? 0 };
    });
    return {
      unitCode, unitName: await this.unitName(unitCode, db), year, totalM3: q.totalM3, usedM3: used.reduce((s, u) => s + u.volumeM3, 0), note: q.note, updatedAt: q.updatedAt, items,
    };
  }

  /** Sets (replaces) a unit's quota table for a year; a cap may not fall below what permits already consumed. */
  async setQuota(viewer: Viewer, unitCode: string, year: number, input: { totalM3: number; note?: string | undefined; items: QuotaCell[] }): Promise<ServiceResult<QuotaDetail>> {
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以下达采伐限额' });
    if (unitLevelOf(unitCode) === 'village') return invalid('/params/unitCode', '采伐限额下达到县（区）或乡镇，不下达到村');
    const findings = validateQuotaTable(input);
    if (findings.length) return failure({ kind: 'invalid', errors: findings.map((f) => ({ field: `/body/${f.field}`, message: f.message })) });
    const unit = await this.store.db.selectFrom('units').select('code').where('code', '=', unitCode).executeTakeFirst();
    if (!unit) return notFound();
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new LoggingRepository(trx);
      const before = await repo.quota(unitCode, year, true);
      const used = await repo.usedByCell(unitCode, year);
      const errors: { field: string; message: string }[] = [];
      for (const u of used) {
        const key = { forestClass: u.forestClass as QuotaCell['forestClass'], origin: u.origin as QuotaOrigin, cuttingType: u.cuttingType as CuttingType };
        const i = input.items.findIndex((item) => sameCell(item, key));
        const cap = i >= 0 ? input.items[i]!.volumeM3 : 0;
        if (Math.round(cap * 1000) < Math.round(u.volumeM3 * 1000)) {
          errors.push({ field: i >= 0 ? `/body/items/${i}/volumeM3` : '/body/items', message: `“${cellLabel(key)}”已发证消耗 ${u.volumeM3} m³，分项限额不能低于此数${i < 0 ? '，也不能删除该分项' : ''}` });
        }
      }
      const usedTotal = used.reduce((s, u) => s + u.volumeM3, 0);
      if (Math.round(input.totalM3 * 1000) < Math.round(usedTotal * 1000)) errors.push({ field: '/body/totalM3', message: `本年已发证消耗 ${usedTotal} m³，总限额不能低于此数` });
      if (errors.length) return failure({ kind: 'invalid', errors });
      await repo.replaceQuota({ unitCode, year, totalM3: input.totalM3, note: input.note?.trim() || null, items: input.items }, viewer.userId, at);
      await recordAudit(trx, { userId: viewer.userId, action: before ? 'update' : 'create', entity: 'logging_quota', entityId: `${unitCode}/${year}`, before: before ?? undefined, after: input }, at);
      return success((await this.quotaDetail(trx, unitCode, year))!);
    });
  }

  /** The quota unit for a parcel: the nearest unit above it (its town, then county…) holding a quota that year. */
  private async quotaUnitFor(repo: LoggingRepository, villageCode: string, year: number, lock: boolean) {
    for (let code = parentCodeOf(villageCode); code; code = parentCodeOf(code)) {
      const q = await repo.quota(code, year, lock);
      if (q) return { code, table: q };
    }
    return null;
  }

  // Reads through `db` only: on SQLite a read through the store inside a transaction would wait for itself.
  private async check(db: Kysely<Database>, viewer: Viewer, input: PermitInput, lock: boolean): Promise<ServiceResult<{ check: PermitCheckResult; parcel: { id: string; unit_code: string; parcel_no: string; geom_json: string | null }; forestClass: string; origin: string; year: number; quotaUnitCode: string | null }>> {
    const repo = new LoggingRepository(db);
    const parcel = await db.selectFrom('parcels').select(['id', 'unit_code', 'parcel_no', 'forest_category', 'origin', 'area_m2', 'volume_m3', 'geom_json', 'year'])
      .where('id', '=', input.parcelId).executeTakeFirst();
    if (!parcel || !isInScope(parcel.unit_code, viewer.scopeCode)) return invalid('/body/parcelId', '小班不存在或不在您的管辖范围内');
    const forestClass = quotaForestClassOf(parcel.forest_category);
    if (!forestClass) return invalid('/body/parcelId', `小班 ${parcel.parcel_no} 没有森林类别，无法确定采伐限额分项，请先在台账中补全`);
    const origin: QuotaOrigin | null = parcel.origin === 'natural' || parcel.origin === 'planted' ? parcel.origin : null;
    if (!origin) return invalid('/body/parcelId', `小班 ${parcel.parcel_no} 没有起源（天然/人工），无法确定采伐限额分项，请先在台账中补全`);
    if (input.cuttingFrom > input.cuttingTo) return invalid('/body/cuttingTo', '采伐期限的结束日期不能早于开始日期');
    if (input.replantDeadline && input.replantDeadline < input.cuttingTo) return invalid('/body/replantDeadline', '更新期限不能早于采伐结束日期');
    if (input.outputM3 !== undefined && input.outputM3 > input.volumeM3) return invalid('/body/outputM3', '出材量不能大于采伐蓄积');
    const today = this.today();
    const year = Number(today.slice(0, 4));
    const quota = await this.quotaUnitFor(repo, parcel.unit_code, year, lock);
    const used = quota ? await repo.usedByCell(quota.code, year) : [];
    const cellKey: QuotaCellKey = { forestClass, origin, cuttingType: input.cuttingType };
    const cellUsed = used.find((u) => u.forestClass === forestClass && u.origin === origin && u.cuttingType === input.cuttingType)?.volumeM3 ?? 0;
    const usedTotal = used.reduce((s, u) => s + u.volumeM3, 0);
    const granted = await repo.grantedOnParcel(parcel.id, year);
    const town = parentCodeOf(parcel.unit_code) ?? parcel.unit_code;
    const point = epidemicPointOn(await repo.epidemicPeriods(town), town, today);
    const quotaUnitName = await this.unitName(quota?.code ?? (parentCodeOf(town) ?? town), db);
    const pointName = point ? await this.unitName(town, db) : null;
    const refusals = permitRefusals({
      cell: cellKey, volumeM3: input.volumeM3, areaM2: muToSquareMetres(input.areaMu),
      parcel: { areaM2: parcel.area_m2, volumeM3: parcel.volume_m3, grantedAreaM2: granted.areaM2, grantedVolumeM3: granted.volumeM3 },
      epidemicPoint: pointName, pestApproval: input.pestApproval ?? null,
      quota: { unitName: quotaUnitName, year, table: quota?.table ?? null, usedCellM3: cellUsed, usedTotalM3: usedTotal },
    });
    const cap = quota?.table.items.find((i) => sameCell(i, cellKey))?.volumeM3 ?? null;
    return success({
      check: {
        year, quotaUnitCode: quota?.code ?? null, quotaUnitName,
        cell: { forestClass, origin, cuttingType: input.cuttingType, label: cellLabel(cellKey), capM3: cap, usedM3: cellUsed, leftM3: cap === null ? null : cap - cellUsed },
        totalCapM3: quota?.table.totalM3 ?? null, totalUsedM3: usedTotal, epidemicPoint: pointName, refusals,
      },
      parcel, forestClass, origin, year, quotaUnitCode: quota?.code ?? null,
    });
  }

  /** The checks a permit would face now, without writing anything (the form shows them as it is filled). */
  async checkPermit(viewer: Viewer, input: PermitInput): Promise<ServiceResult<PermitCheckResult>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以办理采伐许可证' });
    const r = await this.check(this.store.db, viewer, input, false);
    return r.ok ? success(r.value.check) : r;
  }

  /** Issues a permit, or refuses it naming each reason (DOMAIN.md §4); of two permits racing for the last of a cell, one wins. */
  async issuePermit(viewer: Viewer, input: PermitInput): Promise<ServiceResult<Permit>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以办理采伐许可证' });
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.issueOnce(viewer, input);
      } catch (e) {
        // Two quota units of one county issuing at the same moment may draw the same serial number: try again.
        if (!isUniqueViolation(e) || attempt >= 4) throw e;
      }
    }
  }

  private async issueOnce(viewer: Viewer, input: PermitInput): Promise<ServiceResult<Permit>> {
    const at = this.now().toISOString();
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<string>> => {
      const repo = new LoggingRepository(trx);
      const checked = await this.check(trx, viewer, input, true);
      if (!checked.ok) return checked;
      const c = checked.value;
      if (c.check.refusals.length) {
        return failure({ kind: 'invalid', errors: c.check.refusals.map((r) => ({ field: `/body/${r.field}`, message: r.message })) });
      }
      const county = c.parcel.unit_code.slice(0, 6);
      const id = randomUUID();
      const permitNo = permitNumber(county, c.year, await repo.nextSerial(county, c.year));
      await repo.insertPermit({
        id, permit_no: permitNo, year: c.year, quota_unit_code: c.quotaUnitCode!, parcel_id: c.parcel.id, unit_code: c.parcel.unit_code, parcel_no: c.parcel.parcel_no,
        applicant: input.applicant.trim(), applicant_phone: input.applicantPhone?.trim() || null, forest_class: c.forestClass, origin: c.origin,
        cutting_type: input.cuttingType, cutting_method: input.cuttingMethod, species: input.species.trim(), tree_count: input.treeCount ?? null,
        area_m2: muToSquareMetres(input.areaMu), volume_m3: input.volumeM3, output_m3: input.outputM3 ?? null, cutting_from: input.cuttingFrom,
        cutting_to: input.cuttingTo, replant_deadline: input.replantDeadline ?? defaultReplantingDeadline(input.cuttingTo),
        pest_approval: input.pestApproval?.trim() || null, status: 'issued', issued_at: at, issued_by: viewer.userId, revoked_at: null,
        revoke_reason: null, replant_problem_id: null, created_at: at,
      });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'logging_permit', entityId: id, after: { permitNo, ...input } }, at);
      return success(id);
    });
    if (!result.ok) return result;
    return success(this.withState((await new LoggingRepository(this.store.db).permit(result.value))!));
  }

  private withState(p: PermitRow): Permit {
    const replanting: ReplantingState = p.status === 'revoked' ? 'not_required' : replantingState({ cuttingType: p.cuttingType, areaM2: p.areaM2, deadline: p.replantDeadline, plantedM2: p.plantedM2 }, this.today());
    return { ...p, replanting };
  }

  async permits(viewer: Viewer, input: PageRequest & { unit?: string | undefined; year?: number | undefined; status?: 'issued' | 'revoked' | undefined; q?: string | undefined }): Promise<ServiceResult<PageOf<Permit>>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const page = await new LoggingRepository(this.store.db).permits({ scopePrefix: viewer.scopePrefix, unitPrefix: scopePrefix(unitCode), year: input.year, status: input.status, q: input.q?.trim() || undefined }, input);
    return success({ items: page.items.map((p) => this.withState(p)), total: page.total });
  }

  async permit(viewer: Viewer, id: string): Promise<ServiceResult<Permit & { replantings: Awaited<ReturnType<LoggingRepository['replantings']>> }>> {
    const repo = new LoggingRepository(this.store.db);
    const p = await repo.permit(id);
    if (!p || !isInScope(p.unitCode, viewer.scopeCode)) return notFound();
    return success({ ...this.withState(p), replantings: await repo.replantings(id) });
  }

  /** Revokes a permit (注销): its volume returns to the quota. */
  async revokePermit(viewer: Viewer, id: string, reason: string): Promise<ServiceResult<Permit>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以注销采伐许可证' });
    const at = this.now().toISOString();
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new LoggingRepository(trx);
      const p = await repo.permit(id);
      if (!p || !isInScope(p.unitCode, viewer.scopeCode)) return notFound();
      if (p.status === 'revoked') return failure({ kind: 'conflict', message: '许可证已注销' });
      await repo.revoke(id, reason.trim(), at);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'logging_permit', entityId: id, before: { status: p.status }, after: { status: 'revoked', reason } }, at);
      return success(null);
    });
    if (!r.ok) return r;
    return success(this.withState((await new LoggingRepository(this.store.db).permit(id))!));
  }

  /** Records re-planting (更新造林) on a permit's site. */
  async recordReplanting(viewer: Viewer, permitId: string, input: { plantedOn: string; areaMu: number; species: string; treeCount?: number | undefined; note?: string | undefined }): Promise<ServiceResult<Permit>> {
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief')) return forbidden();
    if (input.plantedOn > this.today()) return invalid('/body/plantedOn', '更新日期不能晚于今天');
    const at = this.now().toISOString();
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new LoggingRepository(trx);
      const p = await repo.permit(permitId);
      if (!p || !isInScope(p.unitCode, viewer.scopeCode)) return notFound();
      if (p.status === 'revoked') return failure({ kind: 'conflict', message: '许可证已注销，不能登记更新' });
      if (input.plantedOn < p.cuttingFrom) return invalid('/body/plantedOn', `更新日期不能早于采伐开始日期 ${p.cuttingFrom}`);
      const id = randomUUID();
      await repo.insertReplanting({
        id, permit_id: permitId, planted_on: input.plantedOn, area_m2: muToSquareMetres(input.areaMu), species: input.species.trim(),
        tree_count: input.treeCount ?? null, note: input.note?.trim() || null, recorded_by: viewer.userId, created_at: at,
      });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'logging_replanting', entityId: id, after: { permitId, ...input } }, at);
      return success(null);
    });
    if (!r.ok) return r;
    return success(this.withState((await new LoggingRepository(this.store.db).permit(permitId))!));
  }

  /**
   * The scheduled check: each permit whose re-planting deadline has passed without enough planted area becomes
   * one problem of the closed loop (category 其他, at the parcel, in its village), opened once.
   */
  async openOverdueReplanting(asOf: Date | string): Promise<{ opened: number }> {
    const instant = typeof asOf === 'string' ? new Date(asOf) : asOf;
    const today = shanghaiDate(instant.getTime());
    const at = instant.toISOString();
    const due = await new LoggingRepository(this.store.db).replantingDue(today);
    let opened = 0;
    for (const p of due) {
      if (replantingState({ cuttingType: p.cuttingType, areaM2: p.areaM2, deadline: p.replantDeadline, plantedM2: p.plantedM2 }, today) !== 'overdue') continue;
      await this.store.db.transaction().execute(async (trx) => {
        const repo = new LoggingRepository(trx);
        const fresh = await repo.permit(p.id);
        if (!fresh || fresh.replantProblemId || fresh.status !== 'issued') return;
        const parcel = await trx.selectFrom('parcels').select(['geom_json']).where('id', '=', p.parcelId).executeTakeFirst();
        const geometry = parcel?.geom_json ? (JSON.parse(parcel.geom_json) as Polygon | MultiPolygon) : null;
        const point = geometry ? interiorPoint(geometry) : null;
        if (!point) return;
        const id = randomUUID();
        const plantedMu = squareMetresToMu(fresh.plantedM2).toFixed(2);
        await this.problems.insertProblem(trx, {
          id, category: 'other', severity: 'general', source: 'staff', title: `采伐迹地逾期未更新：${p.unitName} ${p.parcelNo} 小班`,
          description: `林木采伐许可证 ${p.permitNo}（${cuttingTypeNames[p.cuttingType]}，${cuttingMethodNames[p.cuttingMethod]}，采伐面积 ${squareMetresToMu(p.areaM2).toFixed(2)} 亩）的更新期限 ${p.replantDeadline} 已过，已登记更新 ${plantedMu} 亩，更新面积不得少于采伐面积。请督促 ${p.applicant} 完成更新造林。`,
          lon: point[0], lat: point[1], geometry: null, unitCode: p.unitCode, reportedAt: at, reporterUserId: null, reporterPersonId: null,
          reporterName: '采伐许可证更新期限跟踪', reporterPhone: null, patrolId: null, parcelRef: p.parcelId, fireRef: null, pestRef: null,
          externalRef: `logging-permit:${p.permitNo}`, needsFieldCheck: false, importBatch: null,
        }, [], null, at);
        await repo.setReplantProblem(p.id, id);
        opened++;
      });
    }
    return { opened };
  }

  async permitsWorkbook(viewer: Viewer, input: { unit?: string | undefined; year?: number | undefined; status?: 'issued' | 'revoked' | undefined; q?: string | undefined }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const all: Permit[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await this.permits(viewer, { ...input, limit: 500, offset });
      if (!page.ok) return page;
      all.push(...page.value.items);
      if (all.length >= page.value.total || page.value.items.length === 0) break;
    }
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('采伐许可证');
    sheet.addRow([`林木采伐许可证台账${input.year ? `（${input.year} 年）` : ''}`]);
    sheet.mergeCells(1, 1, 1, 17);
    sheet.getRow(1).font = { bold: true, size: 14 };
    sheet.addRow(['许可证号', '申请人', '村', '小班号', '森林类别', '起源', '采伐类型', '采伐方式', '树种', '株数', '面积（亩）', '蓄积（m³）', '出材量（m³）', '采伐期限', '更新期限', '更新情况', '状态']).font = { bold: true };
    for (const p of all) {
      sheet.addRow([
        p.permitNo, p.applicant, p.unitName, p.parcelNo, quotaForestClassNames[p.forestClass], quotaOriginNames[p.origin], cuttingTypeNames[p.cuttingType],
        cuttingMethodNames[p.cuttingMethod], p.species, p.treeCount ?? '', Number(squareMetresToMu(p.areaM2).toFixed(2)), p.volumeM3, p.outputM3 ?? '',
        `${p.cuttingFrom} 至 ${p.cuttingTo}`, p.replantDeadline, replantingStateNames[p.replanting], p.status === 'issued' ? '有效' : '已注销',
      ]);
    }
    sheet.columns.forEach((c, i) => { c.width = [18, 12, 12, 10, 8, 6, 14, 8, 10, 8, 10, 10, 10, 24, 12, 12, 8][i]; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: `采伐许可证台账${input.year ?? ''}.xlsx` });
  }

  // Epidemic points (疫点) — the minimum issue 5 §3 needs; issue 7 builds the pest side on the same table.
  async epidemicPoints(viewer: Viewer) {
    return success(await new LoggingRepository(this.store.db).epidemicPoints(viewer.scopePrefix));
  }

  async declareEpidemicPoint(viewer: Viewer, input: { unitCode: string; declaredOn: string; documentNo?: string | undefined; note?: string | undefined }): Promise<ServiceResult<{ id: string }>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以登记疫点' });
    if (!isInScope(input.unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '区划不在您的管辖范围内');
    if (unitLevelOf(input.unitCode) !== 'town') return invalid('/body/unitCode', '疫点以乡镇为单位，请选择乡镇');
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new LoggingRepository(trx);
      const unit = await trx.selectFrom('units').select('code').where('code', '=', input.unitCode).executeTakeFirst();
      if (!unit) return invalid('/body/unitCode', '区划不存在');
      const periods = await repo.epidemicPeriods(input.unitCode);
      if (periods.some((p) => p.removedOn === null || input.declaredOn < p.removedOn)) return failure({ kind: 'conflict', field: '/body/unitCode', message: '该乡镇已是疫点（或与已有疫点期间重叠）' });
      const id = randomUUID();
      await repo.insertEpidemicPoint({ id, unit_code: input.unitCode, declared_on: input.declaredOn, removed_on: null, document_no: input.documentNo?.trim() || null, note: input.note?.trim() || null, created_by: viewer.userId, created_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'epidemic_point', entityId: id, after: input }, at);
      return success({ id });
    });
  }

  async removeEpidemicPoint(viewer: Viewer, id: string, removedOn: string): Promise<ServiceResult<{ id: string }>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以撤销疫点' });
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new LoggingRepository(trx);
      const p = await repo.epidemicPoint(id);
      if (!p || !isInScope(p.unit_code, viewer.scopeCode)) return notFound();
      if (p.removed_on) return failure({ kind: 'conflict', message: '该疫点已撤销' });
      if (removedOn <= p.declared_on) return invalid('/body/removedOn', '撤销日期须晚于认定日期');
      await repo.endEpidemicPoint(id, removedOn);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'epidemic_point', entityId: id, before: { removedOn: null }, after: { removedOn } }, at);
      return success({ id });
    });
  }
}

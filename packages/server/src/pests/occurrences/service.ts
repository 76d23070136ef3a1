import { randomUUID } from 'node:crypto';
import {
  checkPestOccurrence, isInScope, muToSquareMetres, otherPestNames, scopePrefix, unitLevelOf, type OtherPest, type PestSeverity,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { shanghaiDate } from '../../rules/service.ts';
import { OccurrenceRepository, type OccurrenceRow } from './repository.ts';

/** Recording pest surveys and quarantine is the bureau's (its pest control and quarantine station). */
export const canRecordPests = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');

export interface PestOccurrence {
  id: string;
  unitCode: string;
  unitName: string;
  parcelId: string | null;
  parcelNo: string | null;
  parcelAreaM2: number | null;
  pest: OtherPest;
  pestName: string;
  host: string | null;
  observedOn: string;
  year: number;
  areaM2: number;
  disasterAreaM2: number;
  severity: PestSeverity;
  hostDeath: boolean;
  controlledAreaM2: number | null;
  surveyor: string | null;
  note: string | null;
  createdAt: string;
}

export interface OccurrenceInput {
  unitCode?: string | undefined; // village or town; taken from the 小班 when one is given
  parcelId?: string | undefined;
  pest: OtherPest;
  pestName?: string | undefined;
  host?: string | undefined;
  observedOn: string;
  areaMu: number; // 发生面积 (亩)
  disasterAreaMu: number; // 成灾面积 (亩)
  severity: PestSeverity;
  hostDeath?: boolean | undefined;
  controlledAreaMu?: number | undefined;
  surveyor?: string | undefined;
  note?: string | undefined;
}

export interface OccurrenceQuery extends PageRequest {
  unit?: string | undefined;
  year?: number | undefined;
  pest?: OtherPest | undefined;
}

const toOccurrence = (r: OccurrenceRow): PestOccurrence => ({
  id: r.id, unitCode: r.unit_code, unitName: r.unit_name, parcelId: r.parcel_id, parcelNo: r.parcel_no, parcelAreaM2: r.parcel_area_m2, pest: r.pest as OtherPest,
  pestName: r.pest_name, host: r.host, observedOn: r.observed_on, year: r.year, areaM2: r.area_m2, disasterAreaM2: r.disaster_area_m2, severity: r.severity as PestSeverity,
  hostDeath: r.host_death === 1, controlledAreaM2: r.controlled_area_m2, surveyor: r.surveyor, note: r.note, createdAt: r.created_at,
});

/**
 * Occurrences of pests other than pine wilt disease (issue 7 §5): 松毛虫, 蜀柏毒蛾 and the like, per 小班 or unit
 * with 发生面积, severity and 成灾面积 — what the disaster rate adds to the pine-wilt host deaths.
 */
export class PestOccurrenceService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async list(viewer: Viewer, q: OccurrenceQuery): Promise<ServiceResult<PageOf<PestOccurrence>>> {
    if (q.unit && !isInScope(q.unit, viewer.scopeCode)) return notFound();
    const { rows, total } = await new OccurrenceRepository(this.store.db).list({
      scopePrefix: viewer.scopePrefix, ...(q.unit ? { unitPrefix: scopePrefix(q.unit) } : {}), ...(q.year ? { year: q.year } : {}), ...(q.pest ? { pest: q.pest } : {}),
    }, q);
    return success({ items: rows.map(toOccurrence), total });
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<PestOccurrence>> {
    const r = await new OccurrenceRepository(this.store.db).row(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    return success(toOccurrence(r));
  }

  async create(viewer: Viewer, input: OccurrenceInput): Promise<ServiceResult<PestOccurrence>> {
    if (!canRecordPests(viewer)) return failure({ kind: 'forbidden', message: '只有林业局（森防检疫站）工作人员可以登记病虫害发生情况' });
    const at = this.now().toISOString();
    const id = randomUUID();
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new OccurrenceRepository(trx);
      let unitCode = input.unitCode;
      let parcel: Awaited<ReturnType<OccurrenceRepository['parcel']>> = undefined;
      if (input.parcelId) {
        parcel = await repo.parcel(input.parcelId);
        if (!parcel || !isInScope(parcel.unit_code, viewer.scopeCode)) return failure({ kind: 'invalid', errors: [{ field: '/body/parcelId', message: '小班不存在或不在您的管辖范围内' }] });
        if (unitCode && unitCode !== parcel.unit_code) return failure({ kind: 'invalid', errors: [{ field: '/body/unitCode', message: '所选区划与小班所在村不一致' }] });
        unitCode = parcel.unit_code;
      }
      if (!unitCode) return failure({ kind: 'invalid', errors: [{ field: '/body/unitCode', message: '请选择发生地（乡镇或村）或小班' }] });
      const unit = await repo.unit(unitCode);
      if (!unit || !isInScope(unitCode, viewer.scopeCode)) return failure({ kind: 'invalid', errors: [{ field: '/body/unitCode', message: '区划不存在或不在您的管辖范围内' }] });
      if (unitLevelOf(unitCode) !== 'town' && unitLevelOf(unitCode) !== 'village') return failure({ kind: 'invalid', errors: [{ field: '/body/unitCode', message: '发生地应为乡镇或村' }] });
      const areaM2 = muToSquareMetres(input.areaMu);
      const disasterAreaM2 = muToSquareMetres(input.disasterAreaMu);
      const findings = checkPestOccurrence({
        pest: input.pest, pestName: input.pestName, observedOn: input.observedOn, areaM2, disasterAreaM2, hostDeath: input.hostDeath ?? false, parcelAreaM2: parcel?.area_m2 ?? null,
      }, shanghaiDate(at));
      if (findings.length) return failure({ kind: 'invalid', errors: findings.map((f) => ({ field: `/body/${f.field}`, message: f.message })) });
      const pestName = input.pest === 'other' ? input.pestName!.trim() : otherPestNames[input.pest];
      await repo.insert({
        id, unit_code: unitCode, parcel_id: parcel?.id ?? null, parcel_no: parcel?.parcel_no ?? null, parcel_area_m2: parcel?.area_m2 ?? null, pest: input.pest, pest_name: pestName,
        host: input.host?.trim() || parcel?.dominant_species || null, observed_on: input.observedOn, year: Number(input.observedOn.slice(0, 4)), area_m2: areaM2,
        disaster_area_m2: disasterAreaM2, severity: input.severity, host_death: input.hostDeath ? 1 : 0,
        controlled_area_m2: input.controlledAreaMu === undefined ? null : muToSquareMetres(input.controlledAreaMu), surveyor: input.surveyor?.trim() || null,
        note: input.note?.trim() || null, created_by: viewer.userId, created_at: at,
      });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'pest_occurrence', entityId: id, after: { ...input, unitCode } }, at);
      return success(null);
    });
    if (!result.ok) return result;
    return this.get(viewer, id);
  }
}

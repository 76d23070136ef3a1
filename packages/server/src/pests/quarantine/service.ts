import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  checkCertificateForm, epidemicPointOn, epidemicWoodMovementRefusals, isInScope, scopePrefix, unitLevelOf,
  type OriginInspectionResult, type OriginSiteKind, type PestFinding, type QuantityUnit, type QuarantineProduct, type QuarantineTreatment, type WoodMovementRefusalCode,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, invalid, notFound, success, type FieldError, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { shanghaiDate } from '../../rules/service.ts';
import { ancestorAt } from '../../problems/notify.ts';
import { canRecordPests } from '../occurrences/service.ts';
import { QuarantineRepository, type CertificateRow, type ConsignmentRow, type InspectionRow, type QuarantineFilter } from './repository.ts';

export interface OriginInspection {
  id: string;
  inspectionNo: string;
  unitCode: string;
  unitName: string;
  siteName: string;
  siteKind: OriginSiteKind;
  subject: string;
  quantity: number | null;
  quantityUnit: QuantityUnit | null;
  inspectedOn: string;
  inspector: string;
  result: OriginInspectionResult;
  pestsFound: string | null;
  measures: string | null;
  validUntil: string | null;
  note: string | null;
  createdAt: string;
}

export interface InspectionInput {
  unitCode: string;
  siteName: string;
  siteKind: OriginSiteKind;
  subject: string;
  quantity?: number | undefined;
  quantityUnit?: QuantityUnit | undefined;
  inspectedOn: string;
  inspector: string;
  result: OriginInspectionResult;
  pestsFound?: string | undefined;
  measures?: string | undefined;
  validUntil?: string | undefined;
  note?: string | undefined;
}

export interface ConsignmentInput {
  product: QuarantineProduct;
  species: string;
  quantity: number;
  quantityUnit: QuantityUnit;
  originUnitCode?: string | undefined;
  originParcelId?: string | undefined;
  permitNo?: string | undefined;
  treatment: QuarantineTreatment;
  treatmentNote?: string | undefined;
}

export interface CertificateInput {
  unitCode: string; // the origin town or village
  shipOn: string;
  validFrom: string;
  validTo: string;
  consignor: string;
  consignee: string;
  destination: string;
  carrier: string;
  vehicleNo: string;
  originInspectionId?: string | undefined;
  note?: string | undefined;
  consignments: ConsignmentInput[];
}

export interface Consignment {
  position: number;
  product: QuarantineProduct;
  species: string;
  quantity: number;
  quantityUnit: QuantityUnit;
  originUnitCode: string;
  originUnitName: string;
  originParcelId: string | null;
  originParcelNo: string | null;
  permitId: string | null;
  permitNo: string | null;
  pestApproval: string | null;
  epidemicPoint: string | null; // the origin town, when it was an epidemic point on the shipping day
  treatment: QuarantineTreatment;
  treatmentNote: string | null;
}

export interface Certificate {
  id: string;
  certificateNo: string | null;
  unitCode: string;
  unitName: string;
  status: 'issued' | 'refused';
  shipOn: string;
  validFrom: string;
  validTo: string;
  consignor: string;
  consignee: string;
  destination: string;
  carrier: string;
  vehicleNo: string;
  originInspectionId: string | null;
  originInspectionNo: string | null;
  refusals: PestFinding<WoodMovementRefusalCode>[];
  note: string | null;
  createdAt: string;
  consignments: Consignment[];
}

export interface CertificateCheck {
  refusals: PestFinding<WoodMovementRefusalCode>[];
  consignments: Consignment[];
}

export interface QuarantineQuery extends PageRequest {
  unit?: string | undefined;
  year?: number | undefined;
  status?: string | undefined;
}

const toInspection = (r: InspectionRow): OriginInspection => ({
  id: r.id, inspectionNo: r.inspection_no, unitCode: r.unit_code, unitName: r.unit_name, siteName: r.site_name, siteKind: r.site_kind as OriginSiteKind, subject: r.subject,
  quantity: r.quantity, quantityUnit: r.quantity_unit as QuantityUnit | null, inspectedOn: r.inspected_on, inspector: r.inspector, result: r.result as OriginInspectionResult,
  pestsFound: r.pests_found, measures: r.measures, validUntil: r.valid_until, note: r.note, createdAt: r.created_at,
});

const toConsignment = (k: ConsignmentRow): Consignment => ({
  position: k.position, product: k.product as QuarantineProduct, species: k.species, quantity: k.quantity, quantityUnit: k.quantity_unit as QuantityUnit,
  originUnitCode: k.origin_unit_code, originUnitName: k.origin_unit_name ?? k.origin_unit_code, originParcelId: k.origin_parcel_id, originParcelNo: k.origin_parcel_no,
  permitId: k.permit_id, permitNo: k.permit_no, pestApproval: k.pest_approval, epidemicPoint: k.epidemic_point, treatment: k.treatment as QuarantineTreatment, treatmentNote: k.treatment_note,
});

const toCertificate = (r: CertificateRow, consignments: ConsignmentRow[]): Certificate => ({
  id: r.id, certificateNo: r.certificate_no, unitCode: r.unit_code, unitName: r.unit_name, status: r.status as Certificate['status'], shipOn: r.ship_on,
  validFrom: r.valid_from, validTo: r.valid_to, consignor: r.consignor, consignee: r.consignee, destination: r.destination, carrier: r.carrier, vehicleNo: r.vehicle_no,
  originInspectionId: r.origin_inspection_id, originInspectionNo: r.inspection_no, refusals: r.refusals ? (JSON.parse(r.refusals) as Certificate['refusals']) : [],
  note: r.note, createdAt: r.created_at, consignments: consignments.filter((k) => k.certificate_id === r.id).map(toConsignment),
});

const withRetry = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      // Two applications of one county at the same moment may draw the same serial number: try again.
      if (!isUniqueViolation(e) || attempt >= 4) throw e;
    }
  }
};

/**
 * Plant quarantine (issue 7 §6): origin quarantine (产地检疫) of production sites and nurseries with its result, and
 * transport quarantine (调运检疫) certificates with their consignments. An application is checked against the
 * epidemic points on the shipping day (domain `epidemicWoodMovementRefusals`, DOMAIN.md §6): refused applications
 * are kept with their reasons and no number, as the station's record of the check.
 */
export class QuarantineService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  private filterOf(viewer: Viewer, q: QuarantineQuery): QuarantineFilter | null {
    if (q.unit && !isInScope(q.unit, viewer.scopeCode)) return null;
    return {
      scopePrefix: viewer.scopePrefix, ...(q.unit ? { unitPrefix: scopePrefix(q.unit) } : {}), ...(q.status ? { status: q.status } : {}),
      ...(q.year ? { from: `${q.year}-01-01`, to: `${q.year + 1}-01-01` } : {}),
    };
  }

  async listInspections(viewer: Viewer, q: QuarantineQuery): Promise<ServiceResult<PageOf<OriginInspection>>> {
    const f = this.filterOf(viewer, q);
    if (!f) return notFound();
    const { rows, total } = await new QuarantineRepository(this.store.db).listInspections(f, q);
    return success({ items: rows.map(toInspection), total });
  }

  async getInspection(viewer: Viewer, id: string): Promise<ServiceResult<OriginInspection>> {
    const r = await new QuarantineRepository(this.store.db).inspection(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    return success(toInspection(r));
  }

  async createInspection(viewer: Viewer, input: InspectionInput): Promise<ServiceResult<OriginInspection>> {
    if (!canRecordPests(viewer)) return failure({ kind: 'forbidden', message: '只有林业局（森防检疫站）工作人员可以登记产地检疫' });
    const at = this.now().toISOString();
    const errors: FieldError[] = [];
    if (input.inspectedOn > shanghaiDate(at)) errors.push({ field: '/body/inspectedOn', message: '检疫日期不能晚于今天' });
    if (input.result === 'failed' && !input.pestsFound?.trim()) errors.push({ field: '/body/pestsFound', message: '检疫不合格时请填写发现的有害生物' });
    if (input.validUntil && input.validUntil < input.inspectedOn) errors.push({ field: '/body/validUntil', message: '有效期不能早于检疫日期' });
    if ((input.quantity === undefined) !== (input.quantityUnit === undefined)) errors.push({ field: '/body/quantityUnit', message: '数量与单位须同时填写' });
    if (errors.length) return failure({ kind: 'invalid', errors });
    const id = randomUUID();
    const result = await withRetry(() => this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new QuarantineRepository(trx);
      if (!isInScope(input.unitCode, viewer.scopeCode) || !(await repo.unit(input.unitCode))) return invalid('/body/unitCode', '区划不存在或不在您的管辖范围内');
      const prefix = `${input.unitCode.slice(0, 6)}-${input.inspectedOn.slice(0, 4)}-C`;
      const inspectionNo = `${prefix}${String(await repo.nextSerial('quarantine_origin_inspections', prefix)).padStart(4, '0')}`;
      await repo.insertInspection({
        id, inspection_no: inspectionNo, unit_code: input.unitCode, site_name: input.siteName.trim(), site_kind: input.siteKind, subject: input.subject.trim(),
        quantity: input.quantity ?? null, quantity_unit: input.quantityUnit ?? null, inspected_on: input.inspectedOn, inspector: input.inspector.trim(), result: input.result,
        pests_found: input.pestsFound?.trim() || null, measures: input.measures?.trim() || null, valid_until: input.validUntil ?? null, note: input.note?.trim() || null,
        created_by: viewer.userId, created_at: at,
      });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'quarantine_origin_inspection', entityId: id, after: { inspectionNo, ...input } }, at);
      return success(null);
    }));
    if (!result.ok) return result;
    return this.getInspection(viewer, id);
  }

  async listCertificates(viewer: Viewer, q: QuarantineQuery): Promise<ServiceResult<PageOf<Certificate>>> {
    const f = this.filterOf(viewer, q);
    if (!f) return notFound();
    const repo = new QuarantineRepository(this.store.db);
    const { rows, total } = await repo.listCertificates(f, q);
    const consignments = await repo.consignments(rows.map((r) => r.id));
    return success({ items: rows.map((r) => toCertificate(r, consignments)), total });
  }

  async getCertificate(viewer: Viewer, id: string): Promise<ServiceResult<Certificate>> {
    const repo = new QuarantineRepository(this.store.db);
    const r = await repo.certificate(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    return success(toCertificate(r, await repo.consignments([id])));
  }

  /** The refusals an application would face, without writing (the form shows them before it is sent). */
  async checkCertificate(viewer: Viewer, input: CertificateInput): Promise<ServiceResult<CertificateCheck>> {
    if (!canRecordPests(viewer)) return failure({ kind: 'forbidden', message: '只有林业局（森防检疫站）工作人员可以签发调运检疫证书' });
    return this.check(this.store.db, viewer, input);
  }

  /** Records an application: issued with a number when nothing refuses it, else refused with the reasons. */
  async applyCertificate(viewer: Viewer, input: CertificateInput): Promise<ServiceResult<Certificate>> {
    if (!canRecordPests(viewer)) return failure({ kind: 'forbidden', message: '只有林业局（森防检疫站）工作人员可以签发调运检疫证书' });
    const at = this.now().toISOString();
    const id = randomUUID();
    const result = await withRetry(() => this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const checked = await this.check(trx, viewer, input);
      if (!checked.ok) return checked;
      const repo = new QuarantineRepository(trx);
      const refused = checked.value.refusals.length > 0;
      const prefix = `${input.unitCode.slice(0, 6)}-${input.shipOn.slice(0, 4)}-D`;
      const certificateNo = refused ? null : `${prefix}${String(await repo.nextSerial('quarantine_certificates', prefix)).padStart(4, '0')}`;
      await repo.insertCertificate({
        id, certificate_no: certificateNo, unit_code: input.unitCode, status: refused ? 'refused' : 'issued', ship_on: input.shipOn, valid_from: input.validFrom,
        valid_to: input.validTo, consignor: input.consignor.trim(), consignee: input.consignee.trim(), destination: input.destination.trim(), carrier: input.carrier.trim(),
        vehicle_no: input.vehicleNo.trim(), origin_inspection_id: input.originInspectionId ?? null, refusals: refused ? JSON.stringify(checked.value.refusals) : null,
        note: input.note?.trim() || null, created_by: viewer.userId, created_at: at,
      }, checked.value.consignments.map((k) => ({
        id: randomUUID(), certificate_id: id, position: k.position, product: k.product, species: k.species, quantity: k.quantity, quantity_unit: k.quantityUnit,
        origin_unit_code: k.originUnitCode, origin_parcel_id: k.originParcelId, origin_parcel_no: k.originParcelNo, permit_id: k.permitId, permit_no: k.permitNo,
        pest_approval: k.pestApproval, epidemic_point: k.epidemicPoint, treatment: k.treatment, treatment_note: k.treatmentNote,
      })));
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'quarantine_certificate', entityId: id, after: { certificateNo, status: refused ? 'refused' : 'issued', refusals: checked.value.refusals, ...input } }, at);
      return success(null);
    }));
    if (!result.ok) return result;
    return this.getCertificate(viewer, id);
  }

  // Reads through `db` only: on SQLite a read through the store inside a transaction would wait for itself.
  private async check(db: Kysely<Database>, viewer: Viewer, input: CertificateInput): Promise<ServiceResult<CertificateCheck>> {
    const form = checkCertificateForm(input);
    if (form.length) return failure({ kind: 'invalid', errors: form.map((f) => ({ field: `/body/${f.field}`, message: f.message })) });
    const repo = new QuarantineRepository(db);
    const level = unitLevelOf(input.unitCode);
    if (!isInScope(input.unitCode, viewer.scopeCode) || !(await repo.unit(input.unitCode))) return invalid('/body/unitCode', '区划不存在或不在您的管辖范围内');
    if (level !== 'town' && level !== 'village') return invalid('/body/unitCode', '产地应为乡镇或村');
    if (input.originInspectionId) {
      const i = await repo.inspection(input.originInspectionId);
      if (!i || !isInScope(i.unit_code, viewer.scopeCode)) return invalid('/body/originInspectionId', '产地检疫记录不存在或不在您的管辖范围内');
      if (i.result !== 'passed') return invalid('/body/originInspectionId', `产地检疫 ${i.inspection_no} 结果为不合格，不能据此办理调运检疫`);
      if (i.valid_until && i.valid_until < input.shipOn) return invalid('/body/originInspectionId', `产地检疫 ${i.inspection_no} 已于 ${i.valid_until} 过期`);
    }
    const resolved: (Omit<Consignment, 'originUnitName' | 'epidemicPoint'> & { town: string })[] = [];
    const errors: FieldError[] = [];
    for (const [i, c] of input.consignments.entries()) {
      const field = (f: string) => `/body/consignments/${i}/${f}`;
      let originUnitCode = c.originUnitCode ?? input.unitCode;
      let parcel: { id: string; parcel_no: string } | null = null;
      let permit: { id: string; permitNo: string; pestApproval: string | null } | null = null;
      if (c.permitNo) {
        const p = await repo.permit(c.permitNo.trim());
        if (!p || !isInScope(p.unit_code, viewer.scopeCode)) { errors.push({ field: field('permitNo'), message: '采伐许可证不存在或不在您的管辖范围内' }); continue; }
        if (p.status !== 'issued') { errors.push({ field: field('permitNo'), message: `采伐许可证 ${p.permit_no} 已注销` }); continue; }
        originUnitCode = p.unit_code;
        parcel = { id: p.parcel_id, parcel_no: p.parcel_no };
        permit = { id: p.id, permitNo: p.permit_no, pestApproval: p.pest_approval };
      } else if (c.originParcelId) {
        const p = await repo.parcel(c.originParcelId);
        if (!p || !isInScope(p.unit_code, viewer.scopeCode)) { errors.push({ field: field('originParcelId'), message: '小班不存在或不在您的管辖范围内' }); continue; }
        originUnitCode = p.unit_code;
        parcel = p;
      }
      if (!isInScope(originUnitCode, input.unitCode)) {
        errors.push({ field: field(c.permitNo ? 'permitNo' : c.originParcelId ? 'originParcelId' : 'originUnitCode'), message: '货物产地不在证书所填产地（乡镇或村）内' });
        continue;
      }
      resolved.push({
        position: i + 1, product: c.product, species: c.species.trim(), quantity: c.quantity, quantityUnit: c.quantityUnit, originUnitCode, originParcelId: parcel?.id ?? null,
        originParcelNo: parcel?.parcel_no ?? null, permitId: permit?.id ?? null, permitNo: permit?.permitNo ?? null, pestApproval: permit?.pestApproval ?? null, treatment: c.treatment,
        treatmentNote: c.treatment === 'none' ? null : c.treatmentNote?.trim() || null, town: ancestorAt(originUnitCode, 'town'),
      });
    }
    if (errors.length) return failure({ kind: 'invalid', errors });
    const towns = [...new Set(resolved.map((r) => r.town))];
    const names = await repo.unitNames([...new Set([...towns, ...resolved.map((r) => r.originUnitCode)])]);
    const points = await repo.epidemicPeriods(towns);
    const refusals = epidemicWoodMovementRefusals(input.shipOn, resolved.map((r) => ({
      product: r.product, originTownCode: r.town, originTownName: names.get(r.town) ?? r.town, treatment: r.treatment,
      permit: r.permitNo ? { permitNo: r.permitNo, pestApproval: r.pestApproval } : null,
    })), points);
    return success({
      refusals,
      consignments: resolved.map(({ town, ...r }) => ({
        ...r, originUnitName: names.get(r.originUnitCode) ?? r.originUnitCode, epidemicPoint: epidemicPointOn(points, town, input.shipOn) ? (names.get(town) ?? town) : null,
      })),
    });
  }
}

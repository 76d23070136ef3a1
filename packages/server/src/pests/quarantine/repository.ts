import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, QuarantineCertificateTable, QuarantineConsignmentTable, QuarantineOriginInspectionTable } from '../../db/schema.ts';
import { codePrefix, paginate, type PageRequest } from '../../db/paginate.ts';

export type InspectionRow = Selectable<QuarantineOriginInspectionTable> & { unit_name: string };
export type CertificateRow = Selectable<QuarantineCertificateTable> & { unit_name: string; inspection_no: string | null };
export type ConsignmentRow = Selectable<QuarantineConsignmentTable> & { origin_unit_name: string | null };

export interface QuarantineFilter {
  scopePrefix: string;
  unitPrefix?: string;
  from?: string; // YYYY-MM-DD, inclusive
  to?: string; // exclusive
  status?: string;
}

/** SQL of origin inspections and transport certificates (and the reads of permits, parcels and epidemic points they need). */
export class QuarantineRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private inspections(f: QuarantineFilter) {
    let q = this.db.selectFrom('quarantine_origin_inspections as i').innerJoin('units as u', 'u.code', 'i.unit_code').selectAll('i').select('u.short_name as unit_name')
      .where('i.unit_code', 'like', codePrefix(f.scopePrefix));
    if (f.unitPrefix) q = q.where('i.unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.from) q = q.where('i.inspected_on', '>=', f.from);
    if (f.to) q = q.where('i.inspected_on', '<', f.to);
    if (f.status) q = q.where('i.result', '=', f.status);
    return q;
  }

  async listInspections(f: QuarantineFilter, page: PageRequest): Promise<{ rows: InspectionRow[]; total: number }> {
    return paginate(this.inspections(f).orderBy('i.inspected_on', 'desc').orderBy('i.inspection_no', 'desc'), page);
  }

  async inspection(id: string): Promise<InspectionRow | undefined> {
    return this.db.selectFrom('quarantine_origin_inspections as i').innerJoin('units as u', 'u.code', 'i.unit_code').selectAll('i').select('u.short_name as unit_name')
      .where('i.id', '=', id).executeTakeFirst();
  }

  async insertInspection(row: Insertable<QuarantineOriginInspectionTable>): Promise<void> {
    await this.db.insertInto('quarantine_origin_inspections').values(row).execute();
  }

  private certificates(f: QuarantineFilter) {
    let q = this.db.selectFrom('quarantine_certificates as c').innerJoin('units as u', 'u.code', 'c.unit_code')
      .leftJoin('quarantine_origin_inspections as i', 'i.id', 'c.origin_inspection_id')
      .selectAll('c').select(['u.short_name as unit_name', 'i.inspection_no']).where('c.unit_code', 'like', codePrefix(f.scopePrefix));
    if (f.unitPrefix) q = q.where('c.unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.from) q = q.where('c.ship_on', '>=', f.from);
    if (f.to) q = q.where('c.ship_on', '<', f.to);
    if (f.status) q = q.where('c.status', '=', f.status);
    return q;
  }

  async listCertificates(f: QuarantineFilter, page: PageRequest): Promise<{ rows: CertificateRow[]; total: number }> {
    return paginate(this.certificates(f).orderBy('c.ship_on', 'desc').orderBy('c.created_at', 'desc').orderBy('c.id'), page);
  }

  async certificate(id: string): Promise<CertificateRow | undefined> {
    return this.db.selectFrom('quarantine_certificates as c').innerJoin('units as u', 'u.code', 'c.unit_code')
      .leftJoin('quarantine_origin_inspections as i', 'i.id', 'c.origin_inspection_id')
      .selectAll('c').select(['u.short_name as unit_name', 'i.inspection_no']).where('c.id', '=', id).executeTakeFirst();
  }

  async consignments(certificateIds: string[]): Promise<ConsignmentRow[]> {
    if (!certificateIds.length) return [];
    return this.db.selectFrom('quarantine_consignments as k').leftJoin('units as u', 'u.code', 'k.origin_unit_code').selectAll('k').select('u.short_name as origin_unit_name')
      .where('k.certificate_id', 'in', certificateIds).orderBy('k.certificate_id').orderBy('k.position').execute();
  }

  async insertCertificate(row: Insertable<QuarantineCertificateTable>, consignments: Insertable<QuarantineConsignmentTable>[]): Promise<void> {
    await this.db.insertInto('quarantine_certificates').values(row).execute();
    if (consignments.length) await this.db.insertInto('quarantine_consignments').values(consignments).execute();
  }

  /** The next serial of a county's numbers of one kind and year (`500242-2026-D0001`). */
  async nextSerial(table: 'quarantine_certificates' | 'quarantine_origin_inspections', prefix: string): Promise<number> {
    const column = table === 'quarantine_certificates' ? 'certificate_no' : 'inspection_no';
    const row = await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column, 'like', `${prefix}%`).executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  }

  async unit(code: string) {
    return this.db.selectFrom('units').select(['code', 'short_name']).where('code', '=', code).executeTakeFirst();
  }

  async unitNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', codes).execute();
    return new Map(rows.map((r) => [r.code, r.short_name]));
  }

  async parcel(id: string) {
    return this.db.selectFrom('parcels').select(['id', 'unit_code', 'parcel_no']).where('id', '=', id).executeTakeFirst();
  }

  /** A logging permit by its number (read-only: the ledger owns permits). */
  async permit(permitNo: string) {
    return this.db.selectFrom('logging_permits').select(['id', 'permit_no', 'unit_code', 'parcel_id', 'parcel_no', 'pest_approval', 'status', 'species'])
      .where('permit_no', '=', permitNo).executeTakeFirst();
  }

  /** The epidemic point periods of these towns. */
  async epidemicPeriods(townCodes: string[]) {
    if (!townCodes.length) return [];
    const rows = await this.db.selectFrom('epidemic_points').select(['unit_code', 'declared_on', 'removed_on']).where('unit_code', 'in', townCodes).execute();
    return rows.map((r) => ({ unitCode: r.unit_code, declaredOn: r.declared_on, removedOn: r.removed_on }));
  }
}

import { sql, type Insertable, type Kysely } from 'kysely';
import type { CuttingMethod, CuttingType, QuotaCell, QuotaForestClass, QuotaOrigin } from '@linzhang/domain';
import type { Database, EpidemicPointTable, LoggingPermitTable, LoggingReplantingTable } from '../db/schema.ts';
import { isPostgres } from '../db/engine-of.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';

export interface QuotaRow {
  unitCode: string;
  year: number;
  totalM3: number;
  note: string | null;
  updatedAt: string;
  items: QuotaCell[];
}

export interface PermitRow {
  id: string;
  permitNo: string;
  year: number;
  quotaUnitCode: string;
  parcelId: string;
  unitCode: string;
  unitName: string;
  parcelNo: string;
  applicant: string;
  applicantPhone: string | null;
  forestClass: QuotaForestClass;
  origin: QuotaOrigin;
  cuttingType: CuttingType;
  cuttingMethod: CuttingMethod;
  species: string;
  treeCount: number | null;
  areaM2: number;
  volumeM3: number;
  outputM3: number | null;
  cuttingFrom: string;
  cuttingTo: string;
  replantDeadline: string;
  pestApproval: string | null;
  status: 'issued' | 'revoked';
  issuedAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
  replantProblemId: string | null;
  plantedM2: number;
}

export interface PermitFilter {
  scopePrefix: string;
  unitPrefix?: string | undefined;
  year?: number | undefined;
  status?: 'issued' | 'revoked' | undefined;
  q?: string | undefined;
}

/** SQL of the logging quota, permits, re-planting and epidemic points (issue 5 §3). */
export class LoggingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async quota(unitCode: string, year: number, lock = false): Promise<QuotaRow | null> {
    let q = this.db.selectFrom('logging_quotas').selectAll().where('unit_code', '=', unitCode).where('year', '=', year);
    // On PostgreSQL the quota row is the lock every permit of the unit and year takes: two permits checked at
    // the same time are checked one after the other. SQLite writes through one connection, one at a time.
    if (lock && isPostgres(this.db as Kysely<unknown>)) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) return null;
    const items = await this.db.selectFrom('logging_quota_items').selectAll().where('unit_code', '=', unitCode).where('year', '=', year)
      .orderBy('forest_class').orderBy('origin').orderBy('cutting_type').execute();
    return {
      unitCode, year, totalM3: row.total_m3, note: row.note, updatedAt: row.updated_at,
      items: items.map((i) => ({ forestClass: i.forest_class as QuotaForestClass, origin: i.origin as QuotaOrigin, cuttingType: i.cutting_type as CuttingType, volumeM3: i.volume_m3 })),
    };
  }

  /** The quota units of a year within a subtree, with their totals. */
  async quotas(scopePrefix: string, year: number): Promise<{ unitCode: string; unitName: string; totalM3: number; updatedAt: string }[]> {
    const rows = await this.db.selectFrom('logging_quotas as q').innerJoin('units as u', 'u.code', 'q.unit_code')
      .select(['q.unit_code', 'u.short_name', 'q.total_m3', 'q.updated_at'])
      .where('q.unit_code', 'like', codePrefix(scopePrefix)).where('q.year', '=', year).orderBy('q.unit_code').execute();
    return rows.map((r) => ({ unitCode: r.unit_code, unitName: r.short_name, totalM3: r.total_m3, updatedAt: r.updated_at }));
  }

  async replaceQuota(q: { unitCode: string; year: number; totalM3: number; note: string | null; items: readonly QuotaCell[] }, userId: string, at: string): Promise<void> {
    await this.db.deleteFrom('logging_quota_items').where('unit_code', '=', q.unitCode).where('year', '=', q.year).execute();
    await this.db.insertInto('logging_quotas')
      .values({ unit_code: q.unitCode, year: q.year, total_m3: q.totalM3, note: q.note, updated_by: userId, updated_at: at })
      .onConflict((oc) => oc.columns(['unit_code', 'year']).doUpdateSet({ total_m3: q.totalM3, note: q.note, updated_by: userId, updated_at: at }))
      .execute();
    if (q.items.length) {
      await this.db.insertInto('logging_quota_items').values(q.items.map((i) => ({
        unit_code: q.unitCode, year: q.year, forest_class: i.forestClass, origin: i.origin, cutting_type: i.cuttingType, volume_m3: i.volumeM3,
      }))).execute();
    }
  }

  /** Standing volume consumed per cell by the year's issued permits of a quota unit. */
  async usedByCell(quotaUnitCode: string, year: number): Promise<{ forestClass: string; origin: string; cuttingType: string; volumeM3: number; permits: number }[]> {
    const rows = await this.db.selectFrom('logging_permits')
      .select(['forest_class', 'origin', 'cutting_type', (eb) => eb.fn.sum<number>('volume_m3').as('v'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('quota_unit_code', '=', quotaUnitCode).where('year', '=', year).where('status', '=', 'issued')
      .groupBy(['forest_class', 'origin', 'cutting_type']).execute();
    return rows.map((r) => ({ forestClass: r.forest_class, origin: r.origin, cuttingType: r.cutting_type, volumeM3: Number(r.v ?? 0), permits: Number(r.n) }));
  }

  /** Area and volume already granted on a parcel by the year's issued permits. */
  async grantedOnParcel(parcelId: string, year: number): Promise<{ areaM2: number; volumeM3: number }> {
    const row = await this.db.selectFrom('logging_permits')
      .select([(eb) => eb.fn.sum<number>('area_m2').as('a'), (eb) => eb.fn.sum<number>('volume_m3').as('v')])
      .where('parcel_id', '=', parcelId).where('year', '=', year).where('status', '=', 'issued').executeTakeFirst();
    return { areaM2: Number(row?.a ?? 0), volumeM3: Number(row?.v ?? 0) };
  }

  /** The next serial number of a county's permits in a year. */
  async nextSerial(countyPrefix: string, year: number): Promise<number> {
    const row = await this.db.selectFrom('logging_permits').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('permit_no', 'like', `${countyPrefix.slice(0, 6)}-${year}-%`).executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  }

  async insertPermit(row: LoggingPermitTable): Promise<void> {
    await this.db.insertInto('logging_permits').values(row).execute();
  }

  private permitQuery() {
    return this.db.selectFrom('logging_permits as p').innerJoin('units as u', 'u.code', 'p.unit_code')
      .select([
        'p.id', 'p.permit_no', 'p.year', 'p.quota_unit_code', 'p.parcel_id', 'p.unit_code', 'u.short_name', 'p.parcel_no', 'p.applicant', 'p.applicant_phone',
        'p.forest_class', 'p.origin', 'p.cutting_type', 'p.cutting_method', 'p.species', 'p.tree_count', 'p.area_m2', 'p.volume_m3', 'p.output_m3',
        'p.cutting_from', 'p.cutting_to', 'p.replant_deadline', 'p.pest_approval', 'p.status', 'p.issued_at', 'p.revoked_at', 'p.revoke_reason', 'p.replant_problem_id',
        (eb) => eb.selectFrom('logging_replantings as r').select(sql<number>`coalesce(sum(r.area_m2), 0)`.as('s')).whereRef('r.permit_id', '=', 'p.id').as('planted'),
      ]);
  }

  private static toPermit(r: Awaited<ReturnType<ReturnType<LoggingRepository['permitQuery']>['execute']>>[number]): PermitRow {
    return {
      id: r.id, permitNo: r.permit_no, year: r.year, quotaUnitCode: r.quota_unit_code, parcelId: r.parcel_id, unitCode: r.unit_code, unitName: r.short_name,
      parcelNo: r.parcel_no, applicant: r.applicant, applicantPhone: r.applicant_phone, forestClass: r.forest_class as QuotaForestClass,
      origin: r.origin as QuotaOrigin, cuttingType: r.cutting_type as CuttingType, cuttingMethod: r.cutting_method as CuttingMethod, species: r.species,
      treeCount: r.tree_count, areaM2: r.area_m2, volumeM3: r.volume_m3, outputM3: r.output_m3, cuttingFrom: r.cutting_from, cuttingTo: r.cutting_to,
      replantDeadline: r.replant_deadline, pestApproval: r.pest_approval, status: r.status as PermitRow['status'], issuedAt: r.issued_at,
      revokedAt: r.revoked_at, revokeReason: r.revoke_reason, replantProblemId: r.replant_problem_id, plantedM2: Number(r.planted ?? 0),
    };
  }

  async permit(id: string): Promise<PermitRow | null> {
    const row = await this.permitQuery().where('p.id', '=', id).executeTakeFirst();
    return row ? LoggingRepository.toPermit(row) : null;
  }

  async permits(filter: PermitFilter, page: PageRequest): Promise<PageOf<PermitRow>> {
    let q = this.permitQuery().where('p.unit_code', 'like', codePrefix(filter.unitPrefix ?? filter.scopePrefix));
    if (filter.year !== undefined) q = q.where('p.year', '=', filter.year);
    if (filter.status) q = q.where('p.status', '=', filter.status);
    if (filter.q) {
      const text = containsText(filter.q);
      q = q.where((eb) => eb.or([
        eb('p.permit_no', 'like', text), eb('p.applicant', 'like', text), eb('p.parcel_no', 'like', text), eb('p.species', 'like', text),
      ]));
    }
    const { rows, total } = await paginate(q.orderBy('p.issued_at', 'desc').orderBy('p.permit_no', 'desc'), page);
    return { items: rows.map(LoggingRepository.toPermit), total };
  }

  /** Issued permits past their re-planting deadline with no problem opened for them yet. */
  async replantingDue(beforeDate: string): Promise<PermitRow[]> {
    const rows = await this.permitQuery().where('p.status', '=', 'issued').where('p.replant_deadline', '<', beforeDate)
      .where('p.replant_problem_id', 'is', null).where('p.cutting_type', '!=', 'tending').orderBy('p.permit_no').execute();
    return rows.map(LoggingRepository.toPermit);
  }

  async setReplantProblem(permitId: string, problemId: string): Promise<void> {
    await this.db.updateTable('logging_permits').set({ replant_problem_id: problemId }).where('id', '=', permitId).execute();
  }

  async revoke(id: string, reason: string, at: string): Promise<void> {
    await this.db.updateTable('logging_permits').set({ status: 'revoked', revoked_at: at, revoke_reason: reason }).where('id', '=', id).execute();
  }

  async replantings(permitId: string) {
    const rows = await this.db.selectFrom('logging_replantings').selectAll().where('permit_id', '=', permitId).orderBy('planted_on').orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, plantedOn: r.planted_on, areaM2: r.area_m2, species: r.species, treeCount: r.tree_count, note: r.note, createdAt: r.created_at }));
  }

  async insertReplanting(row: Insertable<LoggingReplantingTable>): Promise<void> {
    await this.db.insertInto('logging_replantings').values(row).execute();
  }

  async insertEpidemicPoint(row: Insertable<EpidemicPointTable>): Promise<void> {
    await this.db.insertInto('epidemic_points').values(row).execute();
  }

  async epidemicPoint(id: string) {
    return this.db.selectFrom('epidemic_points').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async endEpidemicPoint(id: string, removedOn: string): Promise<void> {
    await this.db.updateTable('epidemic_points').set({ removed_on: removedOn }).where('id', '=', id).execute();
  }

  async epidemicPeriods(unitCode: string) {
    const rows = await this.db.selectFrom('epidemic_points').select(['unit_code', 'declared_on', 'removed_on']).where('unit_code', '=', unitCode).execute();
    return rows.map((r) => ({ unitCode: r.unit_code, declaredOn: r.declared_on, removedOn: r.removed_on }));
  }

  async epidemicPoints(scopePrefix: string) {
    const rows = await this.db.selectFrom('epidemic_points as e').innerJoin('units as u', 'u.code', 'e.unit_code')
      .select(['e.id', 'e.unit_code', 'u.short_name', 'e.declared_on', 'e.removed_on', 'e.document_no', 'e.note'])
      .where('e.unit_code', 'like', codePrefix(scopePrefix)).orderBy('e.unit_code').orderBy('e.declared_on').execute();
    return rows.map((r) => ({ id: r.id, unitCode: r.unit_code, unitName: r.short_name, declaredOn: r.declared_on, removedOn: r.removed_on, documentNo: r.document_no, note: r.note }));
  }
}

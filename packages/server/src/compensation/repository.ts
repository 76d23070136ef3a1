import type { Insertable, Kysely } from 'kysely';
import type { BatchStatus } from '@linzhang/domain';
import type { CompensationLineTable, Database } from '../db/schema.ts';
import { codePrefix } from '../db/paginate.ts';

export interface BatchRow {
  id: string;
  unitCode: string;
  unitName: string;
  year: number;
  ledgerYear: number;
  title: string;
  status: BatchStatus;
  postingFrom: string | null;
  postingTo: string | null;
  createdAt: string;
  approvedAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  version: number;
  lineCount: number;
  payees: number;
  areaM2: number;
  amountFen: number;
  openObjections: number;
  linesWithoutAccount: number;
}

export interface LineRow {
  id: string;
  unitCode: string;
  unitName: string;
  parcelNo: string;
  forestCategory: string;
  payee: string;
  idNumber: string | null;
  bankAccount: string | null;
  areaM2: number;
  rateFen: number;
  amountFen: number;
  active: boolean;
  note: string | null;
}

/** SQL of the compensation batches, their lines and objections (issue 5 §6). */
export class CompensationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async rates(year: number): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('compensation_rates').select(['forest_category', 'rate_fen']).where('year', '=', year).execute();
    return Object.fromEntries(rows.map((r) => [r.forest_category, r.rate_fen]));
  }

  async replaceRates(year: number, rates: Record<string, number>, userId: string, at: string): Promise<void> {
    await this.db.deleteFrom('compensation_rates').where('year', '=', year).execute();
    const rows = Object.entries(rates).map(([forest_category, rate_fen]) => ({ year, forest_category, rate_fen, updated_by: userId, updated_at: at }));
    if (rows.length) await this.db.insertInto('compensation_rates').values(rows).execute();
  }

  /** Public-welfare parcels of a subtree in a ledger year, with their owner. */
  async publicWelfareParcels(prefix: string, ledgerYear: number, categories: readonly string[]) {
    return this.db.selectFrom('parcels').select(['id', 'unit_code', 'parcel_no', 'forest_category', 'owner', 'area_m2'])
      .where('unit_code', 'like', codePrefix(prefix)).where('year', '=', ledgerYear).where('forest_category', 'in', [...categories])
      .orderBy('unit_code').orderBy('parcel_no').execute();
  }

  /** The latest ledger year at or before `year` that has parcels in the subtree. */
  async ledgerYear(prefix: string, year: number): Promise<number | null> {
    const row = await this.db.selectFrom('parcels').select((eb) => eb.fn.max('year').as('y')).where('unit_code', 'like', codePrefix(prefix)).where('year', '<=', year).executeTakeFirst();
    return row?.y === null || row?.y === undefined ? null : Number(row.y);
  }

  /** Parcels (village|number) of a subtree already on a line in force for a year. */
  async alreadyPaid(prefix: string, year: number): Promise<Set<string>> {
    const rows = await this.db.selectFrom('compensation_lines').select(['unit_code', 'parcel_no'])
      .where('unit_code', 'like', codePrefix(prefix)).where('year', '=', year).where('active', '=', 1).execute();
    return new Set(rows.map((r) => `${r.unit_code}|${r.parcel_no}`));
  }

  async insertBatch(row: Insertable<Database['compensation_batches']>): Promise<void> {
    await this.db.insertInto('compensation_batches').values(row).execute();
  }

  async insertLines(rows: Insertable<CompensationLineTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 300) await this.db.insertInto('compensation_lines').values(rows.slice(i, i + 300)).execute();
  }

  private batchQuery() {
    return this.db.selectFrom('compensation_batches as b').innerJoin('units as u', 'u.code', 'b.unit_code')
      .select([
        'b.id', 'b.unit_code', 'u.short_name', 'b.year', 'b.ledger_year', 'b.title', 'b.status', 'b.posting_from', 'b.posting_to', 'b.created_at',
        'b.approved_at', 'b.paid_at', 'b.cancelled_at', 'b.version',
        (eb) => eb.selectFrom('compensation_lines as l').select((e) => e.fn.countAll<number>().as('n')).whereRef('l.batch_id', '=', 'b.id').where('l.active', '=', 1).as('lines'),
        (eb) => eb.selectFrom('compensation_lines as l').select((e) => e.fn.count<number>('l.payee').distinct().as('n')).whereRef('l.batch_id', '=', 'b.id').where('l.active', '=', 1).as('payees'),
        (eb) => eb.selectFrom('compensation_lines as l').select((e) => e.fn.coalesce(e.fn.sum<number>('l.area_m2'), e.lit(0)).as('s')).whereRef('l.batch_id', '=', 'b.id').where('l.active', '=', 1).as('area'),
        (eb) => eb.selectFrom('compensation_lines as l').select((e) => e.fn.coalesce(e.fn.sum<number>('l.amount_fen'), e.lit(0)).as('s')).whereRef('l.batch_id', '=', 'b.id').where('l.active', '=', 1).as('amount'),
        (eb) => eb.selectFrom('compensation_objections as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.batch_id', '=', 'b.id').where('o.status', '=', 'open').as('open_objections'),
        (eb) => eb.selectFrom('compensation_lines as l').select((e) => e.fn.countAll<number>().as('n')).whereRef('l.batch_id', '=', 'b.id').where('l.active', '=', 1)
          .where((w) => w.or([w('l.bank_account', 'is', null), w('l.bank_account', '=', '')])).as('no_account'),
      ]);
  }

  private static toBatch(r: Awaited<ReturnType<ReturnType<CompensationRepository['batchQuery']>['execute']>>[number]): BatchRow {
    return {
      id: r.id, unitCode: r.unit_code, unitName: r.short_name, year: r.year, ledgerYear: r.ledger_year, title: r.title, status: r.status as BatchStatus,
      postingFrom: r.posting_from, postingTo: r.posting_to, createdAt: r.created_at, approvedAt: r.approved_at, paidAt: r.paid_at, cancelledAt: r.cancelled_at,
      version: r.version, lineCount: Number(r.lines ?? 0), payees: Number(r.payees ?? 0), areaM2: Number(r.area ?? 0), amountFen: Number(r.amount ?? 0),
      openObjections: Number(r.open_objections ?? 0), linesWithoutAccount: Number(r.no_account ?? 0),
    };
  }

  async batch(id: string): Promise<BatchRow | null> {
    const r = await this.batchQuery().where('b.id', '=', id).executeTakeFirst();
    return r ? CompensationRepository.toBatch(r) : null;
  }

  async batches(prefix: string, year: number | undefined): Promise<BatchRow[]> {
    let q = this.batchQuery().where('b.unit_code', 'like', codePrefix(prefix));
    if (year !== undefined) q = q.where('b.year', '=', year);
    return (await q.orderBy('b.created_at', 'desc').execute()).map(CompensationRepository.toBatch);
  }

  async lines(batchId: string, includeRemoved = false): Promise<LineRow[]> {
    let q = this.db.selectFrom('compensation_lines as l').innerJoin('units as u', 'u.code', 'l.unit_code')
      .select(['l.id', 'l.unit_code', 'u.short_name', 'l.parcel_no', 'l.forest_category', 'l.payee', 'l.id_number', 'l.bank_account', 'l.area_m2', 'l.rate_fen', 'l.amount_fen', 'l.active', 'l.note'])
      .where('l.batch_id', '=', batchId);
    if (!includeRemoved) q = q.where('l.active', '=', 1);
    const rows = await q.orderBy('l.payee').orderBy('l.unit_code').orderBy('l.parcel_no').execute();
    return rows.map((r) => ({
      id: r.id, unitCode: r.unit_code, unitName: r.short_name, parcelNo: r.parcel_no, forestCategory: r.forest_category, payee: r.payee, idNumber: r.id_number,
      bankAccount: r.bank_account, areaM2: r.area_m2, rateFen: r.rate_fen, amountFen: r.amount_fen, active: r.active === 1, note: r.note,
    }));
  }

  /** Moves a batch on from the status it was read in; false when someone else moved it first. */
  async setStatus(id: string, fromVersion: number, values: Partial<Database['compensation_batches']>): Promise<boolean> {
    const r = await this.db.updateTable('compensation_batches').set({ ...values, version: fromVersion + 1 }).where('id', '=', id).where('version', '=', fromVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deactivateLines(batchId: string): Promise<void> {
    await this.db.updateTable('compensation_lines').set({ active: 0 }).where('batch_id', '=', batchId).execute();
  }

  async line(id: string) {
    return this.db.selectFrom('compensation_lines').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateLine(id: string, values: Partial<CompensationLineTable>): Promise<void> {
    await this.db.updateTable('compensation_lines').set(values).where('id', '=', id).execute();
  }

  async objections(batchId: string) {
    const rows = await this.db.selectFrom('compensation_objections').selectAll().where('batch_id', '=', batchId).orderBy('raised_at').execute();
    return rows.map((o) => ({ id: o.id, lineId: o.line_id, raisedBy: o.raised_by, content: o.content, raisedAt: o.raised_at, status: o.status as 'open' | 'upheld' | 'rejected', resolution: o.resolution, resolvedAt: o.resolved_at }));
  }

  async insertObjection(row: Insertable<Database['compensation_objections']>): Promise<void> {
    await this.db.insertInto('compensation_objections').values(row).execute();
  }

  async objection(id: string) {
    return this.db.selectFrom('compensation_objections').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async resolveObjection(id: string, values: { status: 'upheld' | 'rejected'; resolution: string; resolved_by: string; resolved_at: string }): Promise<void> {
    await this.db.updateTable('compensation_objections').set(values).where('id', '=', id).execute();
  }
}

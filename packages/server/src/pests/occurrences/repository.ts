import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, PestOccurrenceTable } from '../../db/schema.ts';
import { codePrefix, paginate, type PageRequest } from '../../db/paginate.ts';

export type OccurrenceRow = Selectable<PestOccurrenceTable> & { unit_name: string };

export interface OccurrenceFilter {
  scopePrefix: string;
  unitPrefix?: string;
  year?: number;
  pest?: string;
}

/** SQL of other pests' occurrences and of what the disaster rate reads (dead trees, parcels); nothing else speaks it. */
export class OccurrenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private filtered(f: OccurrenceFilter) {
    let q = this.db.selectFrom('pest_occurrences as o').innerJoin('units as u', 'u.code', 'o.unit_code').selectAll('o').select('u.short_name as unit_name')
      .where('o.unit_code', 'like', codePrefix(f.scopePrefix));
    if (f.unitPrefix) q = q.where('o.unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.year !== undefined) q = q.where('o.year', '=', f.year);
    if (f.pest) q = q.where('o.pest', '=', f.pest);
    return q;
  }

  async list(f: OccurrenceFilter, page: PageRequest): Promise<{ rows: OccurrenceRow[]; total: number }> {
    return paginate(this.filtered(f).orderBy('o.observed_on', 'desc').orderBy('o.id'), page);
  }

  async row(id: string): Promise<OccurrenceRow | undefined> {
    return this.db.selectFrom('pest_occurrences as o').innerJoin('units as u', 'u.code', 'o.unit_code').selectAll('o').select('u.short_name as unit_name').where('o.id', '=', id).executeTakeFirst();
  }

  async insert(row: Insertable<PestOccurrenceTable>): Promise<void> {
    await this.db.insertInto('pest_occurrences').values(row).execute();
  }

  async parcel(id: string) {
    return this.db.selectFrom('parcels').select(['id', 'unit_code', 'parcel_no', 'area_m2', 'dominant_species']).where('id', '=', id).executeTakeFirst();
  }

  /** The occurrences of a year in a subtree, for the disaster rate. */
  async forRate(scopePrefix: string, year: number) {
    return this.db.selectFrom('pest_occurrences').select(['id', 'unit_code', 'parcel_no', 'parcel_area_m2', 'disaster_area_m2', 'host_death'])
      .where('unit_code', 'like', codePrefix(scopePrefix)).where('year', '=', year).execute();
  }

  /**
   * Pines dead of pine wilt disease (cause diseased, lab positive) found within [from, to) in a subtree, with the
   * 小班 of the ledger they lie in when the register knows it. Read-only: the dead-tree register owns the table.
   */
  async diseasedDeadTrees(scopePrefix: string, from: string, to: string) {
    return this.db.selectFrom('dead_trees as t').leftJoin('parcels as p', 'p.id', 't.parcel_id')
      .select(['t.id', 't.unit_code', 't.parcel_id', 'p.unit_code as parcel_unit_code', 'p.parcel_no', 'p.area_m2'])
      .where('t.unit_code', 'like', codePrefix(scopePrefix)).where('t.cause', '=', 'diseased').where('t.outcome', '=', 'positive')
      .where('t.found_at', '>=', from).where('t.found_at', '<', to).execute();
  }

  async unitNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', codes).execute();
    return new Map(rows.map((r) => [r.code, r.short_name]));
  }

  async unit(code: string) {
    return this.db.selectFrom('units').select(['code', 'level', 'short_name']).where('code', '=', code).executeTakeFirst();
  }
}

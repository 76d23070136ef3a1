import type { Kysely, Selectable } from 'kysely';
import type { Database, ForestEntryPointTable, ForestEntryTable } from '../../db/schema.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../../db/paginate.ts';

export interface EntryPointRow { id: string; code: string; name: string; unitCode: string; unitName: string; lon: number; lat: number; active: boolean; note: string | null; inside: number; updatedAt: string }
export interface EntryRow {
  id: string; pointId: string; pointName: string; unitCode: string; unitName: string; name: string | null; phone: string | null; idTail: string | null; purpose: string;
  fireSource: boolean; enteredAt: string; exitedAt: string | null; purgedAt: string | null;
}
export interface EntryFilter { scopePrefix: string; unitPrefix?: string | undefined; pointId?: string | undefined; from?: string | undefined; to?: string | undefined; inside?: boolean | undefined; q?: string | undefined }

/** Entry points and visitors' registrations of 扫码入林 (issue 6 §5). */
export class ForestEntryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private points() {
    return this.db.selectFrom('forest_entry_points as p').innerJoin('units as u', 'u.code', 'p.unit_code').selectAll('p').select('u.short_name')
      .select((eb) => eb.selectFrom('forest_entries as e').select((e) => e.fn.countAll<number>().as('n')).whereRef('e.point_id', '=', 'p.id').where('e.exited_at', 'is', null).as('inside'));
  }

  private static toPoint(r: Selectable<ForestEntryPointTable> & { short_name: string; inside: number | string | null }): EntryPointRow {
    return { id: r.id, code: r.code, name: r.name, unitCode: r.unit_code, unitName: r.short_name, lon: r.lon, lat: r.lat, active: r.active === 1, note: r.note, inside: Number(r.inside ?? 0), updatedAt: r.updated_at };
  }

  async listPoints(prefix: string, q: string | undefined): Promise<EntryPointRow[]> {
    let query = this.points().where('p.unit_code', 'like', codePrefix(prefix));
    if (q?.trim()) query = query.where((eb) => eb.or([eb('p.name', 'like', containsText(q.trim())), eb('p.code', 'like', containsText(q.trim()))]));
    return (await query.orderBy('p.unit_code').orderBy('p.name').execute()).map(ForestEntryRepository.toPoint);
  }

  async pointById(id: string): Promise<EntryPointRow | null> {
    const r = await this.points().where('p.id', '=', id).executeTakeFirst();
    return r ? ForestEntryRepository.toPoint(r) : null;
  }

  async pointByCode(code: string): Promise<EntryPointRow | null> {
    const r = await this.points().where('p.code', '=', code).executeTakeFirst();
    return r ? ForestEntryRepository.toPoint(r) : null;
  }

  async codeTaken(code: string): Promise<boolean> {
    return !!(await this.db.selectFrom('forest_entry_points').select('id').where('code', '=', code).executeTakeFirst());
  }

  async insertPoint(row: Selectable<ForestEntryPointTable>): Promise<void> {
    await this.db.insertInto('forest_entry_points').values(row).execute();
  }

  async updatePoint(id: string, set: Partial<Selectable<ForestEntryPointTable>>): Promise<void> {
    await this.db.updateTable('forest_entry_points').set(set).where('id', '=', id).execute();
  }

  async unitChain(code: string): Promise<string[]> {
    const codes = [`${code.slice(0, 6)}000000`, `${code.slice(0, 9)}000`, code];
    const rows = await this.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', [...new Set(codes)]).execute();
    return [...new Set(codes)].map((c) => rows.find((r) => r.code === c)?.short_name).filter((n): n is string => !!n);
  }

  async insertEntry(row: Selectable<ForestEntryTable>): Promise<void> {
    await this.db.insertInto('forest_entries').values(row).execute();
  }

  async entryByToken(tokenHash: string): Promise<Selectable<ForestEntryTable> | undefined> {
    return this.db.selectFrom('forest_entries').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async checkOut(id: string, at: string): Promise<void> {
    await this.db.updateTable('forest_entries').set({ exited_at: at }).where('id', '=', id).where('exited_at', 'is', null).execute();
  }

  private entries(filter: EntryFilter) {
    let q = this.db.selectFrom('forest_entries as e').innerJoin('forest_entry_points as p', 'p.id', 'e.point_id').innerJoin('units as u', 'u.code', 'e.unit_code')
      .selectAll('e').select(['p.name as point_name', 'u.short_name']).where('e.unit_code', 'like', codePrefix(filter.scopePrefix));
    if (filter.unitPrefix) q = q.where('e.unit_code', 'like', codePrefix(filter.unitPrefix));
    if (filter.pointId) q = q.where('e.point_id', '=', filter.pointId);
    if (filter.from) q = q.where('e.entered_at', '>=', filter.from);
    if (filter.to) q = q.where('e.entered_at', '<', filter.to);
    if (filter.inside === true) q = q.where('e.exited_at', 'is', null);
    if (filter.inside === false) q = q.where('e.exited_at', 'is not', null);
    if (filter.q?.trim()) q = q.where((eb) => eb.or([eb('e.name', 'like', containsText(filter.q!.trim())), eb('e.phone', 'like', containsText(filter.q!.trim()))]));
    return q;
  }

  private static toEntry(r: Selectable<ForestEntryTable> & { point_name: string; short_name: string }): EntryRow {
    return {
      id: r.id, pointId: r.point_id, pointName: r.point_name, unitCode: r.unit_code, unitName: r.short_name, name: r.name, phone: r.phone, idTail: r.id_tail, purpose: r.purpose,
      fireSource: r.fire_source === 1, enteredAt: r.entered_at, exitedAt: r.exited_at, purgedAt: r.purged_at,
    };
  }

  async listEntries(filter: EntryFilter, page: PageRequest): Promise<PageOf<EntryRow>> {
    const { rows, total } = await paginate(this.entries(filter).orderBy('e.entered_at', 'desc').orderBy('e.id'), page);
    return { items: rows.map(ForestEntryRepository.toEntry), total };
  }

  /** Removes names, phones, ID digits and check-out tokens of entries before `before`; the rows stay for statistics. */
  async purgeBefore(before: string, at: string): Promise<number> {
    const r = await this.db.updateTable('forest_entries').set({ name: null, phone: null, id_tail: null, token_hash: null, purged_at: at })
      .where('entered_at', '<', before).where('purged_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}

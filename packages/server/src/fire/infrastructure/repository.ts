import type { Kysely, Selectable } from 'kysely';
import type { Database, FireInfrastructureTable, FireInfrastructureTargetTable, TenHouseholdGroupTable } from '../../db/schema.ts';
import { codePrefix, containsText, paginate } from '../../db/paginate.ts';

export type ItemRow = Selectable<FireInfrastructureTable> & { short_name: string };
export type GroupRow = Selectable<TenHouseholdGroupTable> & { short_name: string };
export type TargetRow = Selectable<FireInfrastructureTargetTable> & { short_name: string };

export interface ItemFilter {
  prefix: string;
  kind?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

/** The SQL of the fire-prevention infrastructure register (works, 十户联防 groups, targets); the same on both engines. */
export class FireInfrastructureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private items() {
    return this.db.selectFrom('fire_infrastructure as f').innerJoin('units as u', 'u.code', 'f.unit_code').selectAll('f').select('u.short_name');
  }

  async listItems(filter: ItemFilter, page: { limit?: number | undefined; offset?: number | undefined }): Promise<{ rows: ItemRow[]; total: number }> {
    let q = this.items().where('f.unit_code', 'like', codePrefix(filter.prefix));
    if (filter.kind) q = q.where('f.kind', '=', filter.kind);
    if (filter.status) q = q.where('f.status', '=', filter.status);
    if (filter.q?.trim()) q = q.where('f.name', 'like', containsText(filter.q.trim()));
    return paginate(q.orderBy('f.kind').orderBy('f.name').orderBy('f.id'), { limit: page.limit ?? 50, offset: page.offset ?? 0 });
  }

  item(id: string, db: Kysely<Database> = this.db): Promise<ItemRow | undefined> {
    return db.selectFrom('fire_infrastructure as f').innerJoin('units as u', 'u.code', 'f.unit_code').selectAll('f').select('u.short_name').where('f.id', '=', id).executeTakeFirst();
  }

  /** What progress needs of every work under a prefix. */
  measures(prefix: string) {
    return this.db.selectFrom('fire_infrastructure').select(['unit_code', 'kind', 'status', 'built_year', 'length_m']).where('unit_code', 'like', codePrefix(prefix)).execute();
  }

  groupMeasures(prefix: string) {
    return this.db.selectFrom('ten_household_groups').select(['unit_code', 'formed_year']).where('unit_code', 'like', codePrefix(prefix)).execute();
  }

  /** The works under a prefix for the tile layer. */
  forTiles(prefix: string) {
    return this.db.selectFrom('fire_infrastructure').select(['id', 'kind', 'name', 'status', 'geom_json', 'length_m']).where('unit_code', 'like', codePrefix(prefix)).execute();
  }

  async insertItem(db: Kysely<Database>, row: FireInfrastructureTable): Promise<void> {
    await db.insertInto('fire_infrastructure').values(row).execute();
  }

  async updateItem(db: Kysely<Database>, id: string, values: Partial<FireInfrastructureTable>): Promise<void> {
    await db.updateTable('fire_infrastructure').set(values).where('id', '=', id).execute();
  }

  async deleteItem(db: Kysely<Database>, id: string): Promise<void> {
    await db.deleteFrom('fire_infrastructure').where('id', '=', id).execute();
  }

  /** Whether a photo belongs to a work under the prefix. */
  async hasPhoto(prefix: string, fileId: string): Promise<boolean> {
    const hit = await this.db.selectFrom('fire_infrastructure').select('id').where('photos', 'like', containsText(fileId)).where('unit_code', 'like', codePrefix(prefix)).executeTakeFirst();
    return !!hit;
  }

  async listGroups(prefix: string, q: string | undefined, page: { limit?: number | undefined; offset?: number | undefined }): Promise<{ rows: GroupRow[]; total: number }> {
    let query = this.db.selectFrom('ten_household_groups as g').innerJoin('units as u', 'u.code', 'g.unit_code').selectAll('g').select('u.short_name')
      .where('g.unit_code', 'like', codePrefix(prefix));
    if (q?.trim()) {
      const text = containsText(q.trim());
      query = query.where((eb) => eb.or([eb('g.name', 'like', text), eb('g.head_name', 'like', text)]));
    }
    return paginate(query.orderBy('g.unit_code').orderBy('g.name').orderBy('g.id'), { limit: page.limit ?? 50, offset: page.offset ?? 0 });
  }

  group(id: string, db: Kysely<Database> = this.db): Promise<GroupRow | undefined> {
    return db.selectFrom('ten_household_groups as g').innerJoin('units as u', 'u.code', 'g.unit_code').selectAll('g').select('u.short_name').where('g.id', '=', id).executeTakeFirst();
  }

  async insertGroup(db: Kysely<Database>, row: TenHouseholdGroupTable): Promise<void> {
    await db.insertInto('ten_household_groups').values(row).execute();
  }

  async updateGroup(db: Kysely<Database>, id: string, values: Partial<TenHouseholdGroupTable>): Promise<void> {
    await db.updateTable('ten_household_groups').set(values).where('id', '=', id).execute();
  }

  async deleteGroup(db: Kysely<Database>, id: string): Promise<void> {
    await db.deleteFrom('ten_household_groups').where('id', '=', id).execute();
  }

  targets(prefix: string, year?: number): Promise<TargetRow[]> {
    let q = this.db.selectFrom('fire_infrastructure_targets as t').innerJoin('units as u', 'u.code', 't.unit_code').selectAll('t').select('u.short_name')
      .where('t.unit_code', 'like', codePrefix(prefix));
    if (year !== undefined) q = q.where('t.year', '=', year);
    return q.orderBy('t.year', 'desc').orderBy('t.unit_code').orderBy('t.kind').execute();
  }

  target(id: string, db: Kysely<Database> = this.db): Promise<TargetRow | undefined> {
    return db.selectFrom('fire_infrastructure_targets as t').innerJoin('units as u', 'u.code', 't.unit_code').selectAll('t').select('u.short_name').where('t.id', '=', id).executeTakeFirst();
  }

  targetFor(db: Kysely<Database>, unitCode: string, kind: string, year: number) {
    return db.selectFrom('fire_infrastructure_targets').selectAll().where('unit_code', '=', unitCode).where('kind', '=', kind).where('year', '=', year).executeTakeFirst();
  }

  async insertTarget(db: Kysely<Database>, row: FireInfrastructureTargetTable): Promise<void> {
    await db.insertInto('fire_infrastructure_targets').values(row).execute();
  }

  async updateTarget(db: Kysely<Database>, id: string, values: Partial<FireInfrastructureTargetTable>): Promise<void> {
    await db.updateTable('fire_infrastructure_targets').set(values).where('id', '=', id).execute();
  }

  async deleteTarget(db: Kysely<Database>, id: string): Promise<void> {
    await db.deleteFrom('fire_infrastructure_targets').where('id', '=', id).execute();
  }

  /** A unit and the units one level below it (the rows of a summary). */
  async unitAndChildren(code: string): Promise<{ code: string; short_name: string; level: string; parent_code: string | null }[]> {
    return this.db.selectFrom('units').select(['code', 'short_name', 'level', 'parent_code'])
      .where((eb) => eb.or([eb('code', '=', code), eb('parent_code', '=', code)])).orderBy('code').execute();
  }

  unit(code: string) {
    return this.db.selectFrom('units').select(['code', 'short_name', 'level']).where('code', '=', code).executeTakeFirst();
  }
}

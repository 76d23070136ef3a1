import type { Insertable, Kysely } from 'kysely';
import type { Database, EpidemicTargetTable } from '../../db/schema.ts';
import { codePrefix } from '../../db/paginate.ts';

/** The plan's epidemic-point targets and the towns of a board; the points themselves are LoggingRepository's. */
export class EpidemicRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async towns(prefix: string): Promise<{ code: string; short_name: string }[]> {
    return this.db.selectFrom('units').select(['code', 'short_name']).where('level', '=', 'town').where('code', 'like', codePrefix(prefix)).orderBy('code').execute();
  }

  async targets(prefix: string, year: number) {
    return this.db.selectFrom('epidemic_targets as t').innerJoin('units as u', 'u.code', 't.unit_code').selectAll('t').select('u.short_name as unit_name')
      .where('t.unit_code', 'like', codePrefix(prefix)).where('t.year', '=', year).orderBy('t.unit_code').orderBy('t.kind', 'desc').execute();
  }

  async target(id: string) {
    return this.db.selectFrom('epidemic_targets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async targetOf(unitCode: string, year: number, kind: string) {
    return this.db.selectFrom('epidemic_targets').selectAll().where('unit_code', '=', unitCode).where('year', '=', year).where('kind', '=', kind).executeTakeFirst();
  }

  async insertTarget(row: Insertable<EpidemicTargetTable>): Promise<void> {
    await this.db.insertInto('epidemic_targets').values(row).execute();
  }

  async updateTarget(id: string, changes: { count: number; source: string | null; updated_at: string }): Promise<void> {
    await this.db.updateTable('epidemic_targets').set(changes).where('id', '=', id).execute();
  }

  async deleteTarget(id: string): Promise<void> {
    await this.db.deleteFrom('epidemic_targets').where('id', '=', id).execute();
  }
}

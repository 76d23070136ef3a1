import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { scopedWhere } from '../db/register-repository.ts';

import { organisationKinds, type Organisation, type OrganisationKind } from '@linzhang/domain';

export { organisationKinds, type Organisation, type OrganisationKind };

const columns = ['id', 'name', 'kind', 'unit_code'] as const;
const toOrganisation = (r: { id: string; name: string; kind: string; unit_code: string }): Organisation => ({
  id: r.id,
  name: r.name,
  kind: r.kind as OrganisationKind,
  unitCode: r.unit_code,
});

export class OrganisationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: { scopePrefix: string; unitPrefix?: string; kind?: OrganisationKind; q?: string }, page: PageRequest): Promise<PageOf<Organisation>> {
    let query = this.db.selectFrom('organisations').select(columns).where(scopedWhere(this.db, 'organisations', filter));
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    const { rows, total } = await paginate(query.orderBy('unit_code').orderBy('name').orderBy('id'), page);
    return { items: rows.map(toOrganisation), total };
  }

  async get(id: string): Promise<Organisation | null> {
    const row = await this.db.selectFrom('organisations').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? toOrganisation(row) : null;
  }

  async insertMany(rows: Organisation[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('organisations')
        .values(rows.slice(i, i + 500).map((o) => ({ id: o.id, name: o.name, kind: o.kind, unit_code: o.unitCode, created_at: at, updated_at: at })))
        .execute();
    }
  }

  async update(id: string, changes: Partial<Omit<Organisation, 'id'>>, at: string): Promise<void> {
    await this.db
      .updateTable('organisations')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
        ...(changes.unitCode !== undefined ? { unit_code: changes.unitCode } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { scopedWhere } from '../db/register-repository.ts';

import type { Person } from '@linzhang/domain';

export type { Person };

const columns = ['id', 'name', 'phone', 'unit_code', 'organisation_id'] as const;
const toPerson = (r: { id: string; name: string; phone: string | null; unit_code: string; organisation_id: string | null }): Person => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  unitCode: r.unit_code,
  organisationId: r.organisation_id,
});

export class PersonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: { scopePrefix: string; unitPrefix?: string; q?: string }, page: PageRequest): Promise<PageOf<Person>> {
    const query = this.db.selectFrom('people').select(columns).where(scopedWhere(this.db, 'people', filter));
    const { rows, total } = await paginate(query.orderBy('unit_code').orderBy('name').orderBy('id'), page);
    return { items: rows.map(toPerson), total };
  }

  async get(id: string): Promise<Person | null> {
    const row = await this.db.selectFrom('people').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? toPerson(row) : null;
  }

  async insertMany(rows: Person[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('people')
        .values(
          rows.slice(i, i + 500).map((p) => ({
            id: p.id, name: p.name, phone: p.phone, unit_code: p.unitCode, organisation_id: p.organisationId, created_at: at, updated_at: at,
          })),
        )
        .execute();
    }
  }

  async update(id: string, changes: Partial<Omit<Person, 'id'>>, at: string): Promise<void> {
    await this.db
      .updateTable('people')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
        ...(changes.unitCode !== undefined ? { unit_code: changes.unitCode } : {}),
        ...(changes.organisationId !== undefined ? { organisation_id: changes.organisationId } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }
}

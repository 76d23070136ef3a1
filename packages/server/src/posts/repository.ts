import type { Kysely } from 'kysely';
import type { Post, PostLevel, PostRecord, PostRole } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import { paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { codePrefix, containsText } from '../db/paginate.ts';
import { sql } from 'kysely';

export type { Post, PostRecord };

export interface PostFilter {
  scopePrefix: string;
  unitPrefix?: string;
  role?: PostRole;
  level?: PostLevel;
  q?: string; // matches the person's name
}

export class PostRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('posts')
      .innerJoin('people', 'people.id', 'posts.person_id')
      .innerJoin('units', 'units.code', 'posts.unit_code')
      .select([
        'posts.id', 'posts.role', 'posts.level', 'posts.unit_code', 'posts.person_id', 'posts.organisation_id',
        'posts.term_start', 'posts.term_end', 'people.name as person_name', 'units.short_name as unit_name',
      ]);
  }

  private toPost(r: {
    id: string; role: string; level: string; unit_code: string; person_id: string; organisation_id: string | null;
    term_start: string; term_end: string | null; person_name: string; unit_name: string;
  }): Post {
    return {
      id: r.id,
      role: r.role as PostRole,
      level: r.level as PostLevel,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      personId: r.person_id,
      personName: r.person_name,
      organisationId: r.organisation_id,
      termStart: r.term_start,
      termEnd: r.term_end,
    };
  }

  async list(filter: PostFilter, page: PageRequest): Promise<PageOf<Post>> {
    let query = this.base().where('posts.unit_code', 'like', codePrefix(filter.scopePrefix));
    if (filter.unitPrefix) query = query.where('posts.unit_code', 'like', codePrefix(filter.unitPrefix));
    if (filter.role) query = query.where('posts.role', '=', filter.role);
    if (filter.level) query = query.where('posts.level', '=', filter.level);
    if (filter.q) query = query.where('people.name', 'like', sql<string>`${containsText(filter.q)} escape '\\'`);
    const { rows, total } = await paginate(query.orderBy('posts.unit_code').orderBy('posts.role').orderBy('posts.id'), page);
    return { items: rows.map((r) => this.toPost(r)), total };
  }

  async get(id: string): Promise<Post | null> {
    const row = await this.base().where('posts.id', '=', id).executeTakeFirst();
    return row ? this.toPost(row) : null;
  }

  /** Posts of a subtree in office on a date (YYYY-MM-DD): the people who owe duties then. */
  async inOffice(scopePrefix: string, date: string): Promise<Post[]> {
    const rows = await this.base()
      .where('posts.unit_code', 'like', codePrefix(scopePrefix))
      .where('posts.term_start', '<=', date)
      .where((eb) => eb.or([eb('posts.term_end', 'is', null), eb('posts.term_end', '>=', date)]))
      .orderBy('posts.unit_code')
      .orderBy('posts.role')
      .orderBy('posts.id')
      .execute();
    return rows.map((r) => this.toPost(r));
  }

  async insertMany(rows: PostRecord[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('posts')
        .values(
          rows.slice(i, i + 500).map((p) => ({
            id: p.id, role: p.role, level: p.level, unit_code: p.unitCode, person_id: p.personId,
            organisation_id: p.organisationId, term_start: p.termStart, term_end: p.termEnd, created_at: at, updated_at: at,
          })),
        )
        .execute();
    }
  }

  async update(id: string, p: PostRecord, at: string): Promise<void> {
    await this.db
      .updateTable('posts')
      .set({
        role: p.role, level: p.level, unit_code: p.unitCode, person_id: p.personId, organisation_id: p.organisationId,
        term_start: p.termStart, term_end: p.termEnd, updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }
}

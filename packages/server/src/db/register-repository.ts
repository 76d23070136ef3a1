import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { codePrefix, containsText } from './paginate.ts';

/** Tables of the organisation register that belong to a unit and are scoped by its code. */
export type ScopedTable = 'organisations' | 'people' | 'posts' | 'areas';

/**
 * The `where` every scoped list shares: inside the viewer's subtree, inside the filter unit's subtree when
 * one is given, and (optionally) a name containing the search text.
 */
export function scopedWhere<T extends ScopedTable>(
  db: Kysely<Database>,
  table: T,
  filter: { scopePrefix: string; unitPrefix?: string; q?: string },
) {
  const unitCol = sql.ref(`${table}.unit_code`);
  const nameCol = sql.ref(`${table}.name`);
  return sql<boolean>`${unitCol} like ${codePrefix(filter.scopePrefix)}
    and ${filter.unitPrefix ? sql`${unitCol} like ${codePrefix(filter.unitPrefix)}` : sql`1 = 1`}
    and ${filter.q ? sql`${nameCol} like ${containsText(filter.q)} escape '\\'` : sql`1 = 1`}`;
}

export const newId = (): string => crypto.randomUUID();

export async function unitOf(
  db: Kysely<Database>,
  table: ScopedTable,
  id: string,
): Promise<string | null> {
  const row = await db.selectFrom(table).select('unit_code').where('id', '=', id).executeTakeFirst();
  return row?.unit_code ?? null;
}

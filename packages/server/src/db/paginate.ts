import type { SelectQueryBuilder } from 'kysely';

export interface PageRequest {
  limit?: number;
  offset?: number;
}

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** Runs one page of an ordered query and the total count of the same (unordered) query. */
export async function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: PageRequest,
): Promise<{ rows: O[]; total: number }> {
  const limit = page.limit ?? 50;
  const offset = page.offset ?? 0;
  const rows = await query.limit(limit).offset(offset).execute();
  const counted = (await query
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst()) as { n: number | string } | undefined;
  return { rows, total: Number(counted?.n ?? 0) };
}

/** Prefix match on a code column; codes are digits only, so nothing needs escaping. */
export const codePrefix = (prefix: string): string => {
  if (!/^\d*$/.test(prefix)) throw new Error(`not a code prefix: ${prefix}`);
  return `${prefix}%`;
};

/** A `LIKE` pattern for a user's search text, with the wildcard characters escaped. */
export const containsText = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

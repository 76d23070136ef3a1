import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { inScope, type Viewer } from '../auth/viewer.ts';
import { invalid, success, type ServiceResult } from '../http/problem.ts';

/**
 * A unit named in a request body: it must exist and lie in the viewer's scope. Both failures give the same
 * answer, so a body cannot be used to probe for units outside the scope.
 */
export async function unitInScope(
  db: Kysely<Database>,
  viewer: Viewer,
  code: string,
  field: string,
): Promise<ServiceResult<{ code: string; level: 'province' | 'county' | 'town' | 'village' }>> {
  const missing = invalid<{ code: string; level: 'province' | 'county' | 'town' | 'village' }>(field, '区划不存在或不在您的数据范围内');
  if (!/^\d{12}$/.test(code) || !inScope(viewer, code)) return missing;
  const row = await db.selectFrom('units').select(['code', 'level']).where('code', '=', code).executeTakeFirst();
  return row ? success(row) : missing;
}

/** A record of a scoped table named in a body (an organisation, a person, a post): same rule as units. */
export async function recordInScope(
  db: Kysely<Database>,
  viewer: Viewer,
  table: 'organisations' | 'people' | 'posts',
  id: string,
  field: string,
  what: string,
): Promise<ServiceResult<{ id: string; unitCode: string }>> {
  const row = await db.selectFrom(table).select(['id', 'unit_code']).where('id', '=', id).executeTakeFirst();
  if (!row || !inScope(viewer, row.unit_code)) return invalid(field, `${what}不存在或不在您的数据范围内`);
  return success({ id: row.id, unitCode: row.unit_code });
}

/** The filter unit of a list: must be in scope (else the list is 404); gives its code prefix. */
export function unitFilterPrefix(viewer: Viewer, unit: string | undefined, prefixOf: (code: string) => string): ServiceResult<string | undefined> | null {
  if (unit === undefined) return success(undefined);
  if (!inScope(viewer, unit)) return null;
  return success(prefixOf(unit));
}

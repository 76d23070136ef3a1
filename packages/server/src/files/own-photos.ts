import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Viewer } from '../auth/viewer.ts';
import { invalid, success, type ServiceResult } from '../http/problem.ts';
import { FileRepository } from './repository.ts';

/**
 * Photo ids attached to a record: each must be an uploaded file of the viewer's own (an admin may attach anyone's).
 * Duplicates are dropped; a bad one is a field error on `field/index`.
 */
export async function checkOwnPhotos(db: Kysely<Database>, viewer: Viewer, ids: string[] | undefined, field: string): Promise<ServiceResult<string[]>> {
  const unique = [...new Set(ids ?? [])];
  if (!unique.length) return success([]);
  const found = await new FileRepository(db).many(unique);
  for (const [i, id] of unique.entries()) {
    const f = found.get(id);
    if (!f || (f.uploadedBy !== viewer.userId && !viewer.roles.includes('admin'))) return invalid(`${field}/${i}`, '照片不存在或不是您上传的');
  }
  return success(unique);
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parentCodeOf, type NotificationKind } from '@linzhang/domain';
import type { Database } from '../../db/schema.ts';
import { NotificationRepository } from '../../notifications/repository.ts';

/**
 * Tells the bureau staff whose scope holds a unit (its own unit or any above it) through the inbox; when no staff
 * account covers it, the administrators above it hear instead, so that a device's state is never told to nobody.
 */
export async function notifyStaffOf(db: Kysely<Database>, unitCode: string, kind: NotificationKind, text: { title: string; body: string }, at: string): Promise<number> {
  const codes: string[] = [];
  for (let c: string | null = unitCode; c; c = parentCodeOf(c)) codes.push(c);
  const repo = new NotificationRepository(db);
  let to = await repo.usersAt(codes, ['staff']);
  if (!to.length) to = await repo.usersAt(codes, ['admin']);
  await repo.insertMany(to.map((u) => ({ id: randomUUID(), userId: u.id, kind, problemId: null, title: text.title, body: text.body })), at);
  return to.length;
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parentCodeOf, unitLevelOf, type NotificationKind, type UnitLevel } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import { NotificationRepository } from '../notifications/repository.ts';
import { enqueueWebhook, type WebhookEvent } from '../notifications/webhook.ts';
import type { ProblemRow } from './repository.ts';

export interface NotifyTarget {
  webhookUrl: string | null;
}

type Recipient = { id: string; username: string; name: string };

/** The ancestor of a unit code at a level (itself when already there or above). */
export function ancestorAt(code: string, level: UnitLevel): string {
  const order: UnitLevel[] = ['province', 'county', 'town', 'village'];
  let c = code;
  while (order.indexOf(unitLevelOf(c)) > order.indexOf(level)) {
    const parent = parentCodeOf(c);
    if (!parent) break;
    c = parent;
  }
  return c;
}

/** Who hears about a problem event: the assignee, the chiefs of a unit, or both. */
export async function recipients(db: Kysely<Database>, p: ProblemRow, who: { assignee?: boolean; handler?: boolean; chiefsAt?: string[]; supervisorsAt?: string[] }): Promise<Recipient[]> {
  const repo = new NotificationRepository(db);
  const found: Recipient[] = [];
  if (who.assignee && p.assignee_person_id) found.push(...(await repo.usersOfPeople([p.assignee_person_id])));
  if (who.handler && p.handled_by_user_id) found.push(...(await repo.usersById([p.handled_by_user_id])));
  if (who.chiefsAt?.length) found.push(...(await repo.usersAt(who.chiefsAt, ['chief'])));
  if (who.supervisorsAt?.length) found.push(...(await repo.usersAt(who.supervisorsAt, ['supervisor'])));
  const seen = new Set<string>();
  return found.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/** The chiefs responsible for a unit: its own, else the nearest level above that has any. */
export async function responsibleChiefs(db: Kysely<Database>, unitCode: string): Promise<string[]> {
  const repo = new NotificationRepository(db);
  for (let c: string | null = unitCode; c; c = parentCodeOf(c)) {
    if ((await repo.usersAt([c], ['chief'])).length) return [c];
  }
  return [];
}

const webhookEventOf: Partial<Record<NotificationKind, WebhookEvent>> = {
  assigned: 'problem.assigned', due_soon: 'problem.due_soon', escalated: 'problem.overdue', overdue: 'problem.overdue', sent_back: 'problem.sent_back',
};

/** Writes the inbox entries (and the webhook outbox row when a webhook is configured) in the caller's transaction. */
export async function notify(
  db: Kysely<Database>,
  target: NotifyTarget,
  p: ProblemRow,
  kind: NotificationKind,
  to: Recipient[],
  text: { title: string; body: string; note?: string | null },
  at: string,
): Promise<number> {
  await new NotificationRepository(db).insertMany(to.map((r) => ({ id: randomUUID(), userId: r.id, kind, problemId: p.id, title: text.title, body: text.body })), at);
  const event = webhookEventOf[kind];
  if (target.webhookUrl && event) {
    await enqueueWebhook(db, {
      event, occurredAt: at,
      problem: { id: p.id, title: p.title, category: p.category, severity: p.severity, status: p.status, unitCode: p.unit_code, deadlineAt: p.deadline_at, escalationLevel: p.escalation_level },
      recipients: to.map((r) => ({ userId: r.id, username: r.username, name: r.name })),
      note: text.note ?? null,
    });
  }
  return to.length;
}

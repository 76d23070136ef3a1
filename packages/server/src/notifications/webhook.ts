import { createHmac, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Events sent to the configured webhook (issue 4 §5); the payload is documented in the OpenAPI document. */
export const webhookEvents = ['problem.assigned', 'problem.due_soon', 'problem.overdue', 'problem.sent_back'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export interface WebhookPayload {
  id: string;
  event: WebhookEvent;
  occurredAt: string;
  problem: { id: string; title: string; category: string; severity: string; status: string; unitCode: string; deadlineAt: string; escalationLevel: string | null };
  recipients: { userId: string; username: string; name: string }[];
  note: string | null;
}

export async function enqueueWebhook(db: Kysely<Database>, payload: Omit<WebhookPayload, 'id'>): Promise<void> {
  const id = randomUUID();
  await db
    .insertInto('webhook_outbox')
    .values({ id, event: payload.event, payload: JSON.stringify({ id, ...payload }), created_at: payload.occurredAt, attempts: 0, next_attempt_at: payload.occurredAt, delivered_at: null, last_error: null })
    .execute();
}

export type Post = (url: string, body: string, headers: Record<string, string>) => Promise<{ status: number }>;

const defaultPost: Post = async (url, body, headers) => {
  const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer().catch(() => undefined);
  return { status: res.status };
};

const backoffMinutes = [1, 5, 15, 60, 240, 720];
export const maxWebhookAttempts = backoffMinutes.length + 1;

/**
 * Sends what is due in the outbox, oldest first; a failed delivery is retried later with growing waits and
 * given up after the last. At-least-once: the receiver deduplicates by the payload's `id`.
 */
export async function deliverWebhooks(
  db: Kysely<Database>,
  target: { url: string | null; secret: string | null },
  asOf: string,
  post: Post = defaultPost,
): Promise<{ delivered: number; failed: number; pending: number }> {
  if (!target.url) return { delivered: 0, failed: 0, pending: 0 };
  const due = await db
    .selectFrom('webhook_outbox')
    .selectAll()
    .where('delivered_at', 'is', null)
    .where('attempts', '<', maxWebhookAttempts)
    .where('next_attempt_at', '<=', asOf)
    .orderBy('created_at')
    .limit(500)
    .execute();
  let delivered = 0, failed = 0;
  for (const row of due) {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-linzhang-event': row.event, 'x-linzhang-delivery': row.id };
    if (target.secret) headers['x-linzhang-signature'] = `sha256=${createHmac('sha256', target.secret).update(row.payload).digest('hex')}`;
    let error: string | null = null;
    try {
      const { status } = await post(target.url, row.payload, headers);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempts = row.attempts + 1;
    if (error === null) {
      delivered++;
      await db.updateTable('webhook_outbox').set({ attempts, delivered_at: asOf, last_error: null }).where('id', '=', row.id).execute();
    } else {
      failed++;
      const wait = backoffMinutes[Math.min(attempts - 1, backoffMinutes.length - 1)]! * 60_000;
      await db.updateTable('webhook_outbox').set({ attempts, last_error: error.slice(0, 500), next_attempt_at: new Date(Date.parse(asOf) + wait).toISOString() }).where('id', '=', row.id).execute();
    }
  }
  const pending = await db.selectFrom('webhook_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('delivered_at', 'is', null).where('attempts', '<', maxWebhookAttempts).executeTakeFirst();
  return { delivered, failed, pending: Number(pending?.n ?? 0) };
}

import { outbox, type OutboxItem } from './outbox.ts';

export type SyncOutcome = 'done' | 'offline' | 'unauthorised' | 'busy';

/** Items the last successful sync sent (0 when there was nothing to send). */
export let lastSent = 0;

const urlOf = (item: OutboxItem): string =>
  item.kind === 'start' ? '/api/patrols' : `/api/patrols/${encodeURIComponent(item.patrolId)}/${item.kind}`;

let running = false;

/**
 * Sends this account's queued items in order. Stops at the first network failure or server error (to retry
 * later, order kept); an item the server refuses for good (4xx) is kept, marked with the reason, and skipped.
 * Every request is idempotent on the server, so a retry after a lost answer is harmless.
 */
export async function syncOutbox(userId: string): Promise<SyncOutcome> {
  if (running) return 'busy';
  running = true;
  lastSent = 0;
  try {
    for (const item of await outbox.pending(userId)) {
      if (item.error) continue;
      let response: Response;
      try {
        response = await fetch(urlOf(item), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(item.body),
        });
      } catch {
        return 'offline';
      }
      if (response.ok) {
        await outbox.remove(item.seq!);
        lastSent += 1;
        continue;
      }
      if (response.status === 401) return 'unauthorised';
      if (response.status >= 500 || response.status === 429) return 'offline';
      const problem = (await response.json().catch(() => ({}))) as { message?: string };
      await outbox.markFailed(item, problem.message ?? `HTTP ${response.status}`);
    }
    return 'done';
  } finally {
    running = false;
  }
}

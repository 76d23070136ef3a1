import { outbox, type OutboxItem } from './outbox.ts';

export type SyncOutcome = 'done' | 'offline' | 'unauthorised' | 'busy';

/** Items the last successful sync sent (0 when there was nothing to send). */
export let lastSent = 0;

const fixedUrls: Partial<Record<OutboxItem['kind'], string>> = {
  start: '/api/patrols', problem: '/api/problems', fire: '/api/fires', deadTree: '/api/pests/dead-trees', wildlifeReport: '/api/wildlife/reports',
};
const urlOf = (item: OutboxItem): string => fixedUrls[item.kind] ?? `/api/patrols/${encodeURIComponent(item.patrolId)}/${item.kind}`;

const post = (url: string, body: unknown): Promise<Response> =>
  fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

interface ProblemBody {
  patrolId?: string;
  photos?: string[];
}

/**
 * A problem report or a dead pine: its photos go first, and once uploaded the item keeps their ids instead of the
 * images (a problem's `photos`, a pine's `photoFileId`), so a retry does not send them again. A problem whose patrol
 * the server never got (refused for good) still goes, without the link: the finding matters more than the track it
 * was made on.
 */
async function sendWithPhotos(item: OutboxItem): Promise<{ response: Response; item: OutboxItem }> {
  let current = item;
  if (current.photos?.length) {
    const ids: string[] = [];
    for (const photo of current.photos) {
      const response = await fetch('/api/files', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': photo.type || 'image/jpeg' }, body: photo });
      if (!response.ok) return { response, item: current };
      ids.push(((await response.json()) as { id: string }).id);
    }
    const body = current.body as ProblemBody & { photoFileId?: string };
    const withIds = current.kind === 'deadTree' ? { ...body, photoFileId: ids[0] } : { ...body, photos: [...(body.photos ?? []), ...ids] };
    current = { ...current, body: withIds, photos: [] };
    await outbox.replace(current);
  }
  const body = current.body as ProblemBody;
  let response = await post(urlOf(current), body);
  if (current.kind === 'problem' && response.status === 400 && body.patrolId) {
    const problem = (await response.clone().json().catch(() => ({}))) as { errors?: { field: string }[] };
    if (problem.errors?.some((e) => e.field === '/body/patrolId')) {
      const { patrolId: _unlinked, ...rest } = body;
      response = await post(urlOf(current), rest);
    }
  }
  return { response, item: current };
}

async function send(item: OutboxItem): Promise<{ response: Response; item: OutboxItem }> {
  if (item.kind === 'problem' || item.kind === 'deadTree') return sendWithPhotos(item);
  return { response: await post(urlOf(item), item.body), item };
}

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
    for (const queued of await outbox.pending(userId)) {
      if (queued.error) continue;
      let sent: { response: Response; item: OutboxItem };
      try {
        sent = await send(queued);
      } catch {
        return 'offline';
      }
      const { response, item } = sent;
      if (response.ok) {
        await outbox.remove(item.seq!);
        lastSent += 1;
        continue;
      }
      if (response.status === 401) return 'unauthorised';
      if (response.status >= 500 || response.status === 429) return 'offline';
      const problem = (await response.json().catch(() => ({}))) as { message?: string; errors?: { message: string }[] };
      const reason = problem.errors?.[0] ? `${problem.message ?? ''}：${problem.errors[0].message}` : (problem.message ?? `HTTP ${response.status}`);
      await outbox.markFailed(item, reason);
    }
    return 'done';
  } finally {
    running = false;
  }
}

import { outbox } from './outbox.ts';
import { newClientId } from './ids.ts';

export interface FieldFireReport {
  description: string;
  lon: number;
  lat: number;
  /** When the ranger saw it (an instant); now unless they say it was earlier. */
  discoveredAt: string;
  /** The reporter's name, as the fire record shows it. */
  person: string;
}

/**
 * Queues a fire seen on patrol (报告火情, issue 6): the id is made here, so the fire is one record however often it is
 * sent, and it goes first in the queue's order with everything else the phone recorded. The server opens the fire's
 * 135 clock from `discoveredAt` and files the 火灾隐患 problem with it.
 */
export async function queueFireReport(userId: string, patrolId: string | null, r: FieldFireReport): Promise<string> {
  const id = newClientId('fire');
  await outbox.add({
    userId, kind: 'fire', patrolId: patrolId ?? '',
    body: { id, source: 'patrol', lon: r.lon, lat: r.lat, discoveredAt: r.discoveredAt, person: r.person, description: r.description },
  });
  return id;
}

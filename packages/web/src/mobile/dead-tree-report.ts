import { outbox } from './outbox.ts';
import { newClientId } from './ids.ts';

export interface FieldDeadTree {
  condition: 'dead' | 'dying';
  species: string | null;
  dbhCm: number | null;
  note: string;
  lon: number;
  lat: number;
  photo: Blob | null;
  person: string;
}

/**
 * Queues a dead or dying pine found on patrol (pine wilt disease, issue 7): registered where it stands, the id made
 * here so retries register it once; the photo waits with it and is uploaded just before it (see sync.ts).
 */
export async function queueDeadTree(userId: string, patrolId: string | null, t: FieldDeadTree): Promise<string> {
  const id = newClientId('pine');
  await outbox.add({
    userId, kind: 'deadTree', patrolId: patrolId ?? '',
    body: {
      id, lon: t.lon, lat: t.lat, condition: t.condition, source: 'patrol', foundAt: new Date().toISOString(), person: t.person,
      ...(t.species ? { species: t.species } : {}), ...(t.dbhCm ? { dbhCm: t.dbhCm } : {}), ...(t.note ? { note: t.note } : {}),
    },
    photos: t.photo ? [t.photo] : [],
  });
  return id;
}

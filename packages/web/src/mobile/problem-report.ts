import type { ProblemCategory, ProblemSeverity } from '@linzhang/domain';
import { outbox } from './outbox.ts';
import { newClientId } from './ids.ts';

export interface FieldProblemReport {
  category: ProblemCategory;
  severity: ProblemSeverity;
  description: string;
  lon: number;
  lat: number;
  photo: Blob | null;
  /** The patrol under way, if any: the problem is linked to it. */
  patrolId: string | null;
}

/**
 * Queues a problem found in the field: the id is made here, so the report is one problem however often it is
 * sent; the photo waits in IndexedDB with it and is uploaded just before it (see sync.ts).
 */
export async function queueProblemReport(userId: string, r: FieldProblemReport): Promise<string> {
  const id = newClientId('problem');
  await outbox.add({
    userId, kind: 'problem', patrolId: r.patrolId ?? '',
    body: {
      id, category: r.category, severity: r.severity, description: r.description, lon: r.lon, lat: r.lat, observedAt: new Date().toISOString(),
      ...(r.patrolId ? { patrolId: r.patrolId } : {}),
    },
    photos: r.photo ? [r.photo] : [],
  });
  return id;
}

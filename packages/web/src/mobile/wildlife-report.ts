import { checkWildlifeReport, type WildlifeObservation } from '@linzhang/domain';
import { outbox } from './outbox.ts';
import { newClientId } from './ids.ts';

/** A monitoring station the phone's user reports for, as much of it as the phone keeps for offline use. */
export interface MyStation {
  id: string;
  name: string;
  unitName: string;
  activeFrom: string;
  activeTo: string | null;
}

export interface FieldWildlifeReport {
  stationId: string;
  /** The Shanghai date reported on. */
  date: string;
  zero: boolean;
  observations: WildlifeObservation[];
  note?: string;
  /** Where the ranger stood: the problem of an abnormal death is placed there (else at the station). */
  lon?: number;
  lat?: number;
}

/** A day's report still in this phone's outbox: waiting for a signal, or refused by the server with its reason. */
export interface QueuedWildlifeReport {
  stationId: string;
  date: string;
  error: string | null;
}

/**
 * Checks a daily report as the server will (DOMAIN.md §7, the same rule) and queues it: the id is made here, so a report
 * sent twice after a lost answer is one report. Throws with the findings when the server would refuse it, so nothing
 * goes into the queue that can only fail later, out of sight.
 */
export async function queueWildlifeReport(userId: string, station: MyStation, today: string, r: FieldWildlifeReport): Promise<string> {
  const findings = checkWildlifeReport(r, station, today);
  if (findings.length) throw new WildlifeReportRefused(findings.map((f) => ({ field: f.field, message: f.message })));
  const id = newClientId('wl');
  await outbox.add({
    userId, kind: 'wildlifeReport', patrolId: '',
    body: {
      // madeAt: made now, sent when there is a signal; the server judges lateness by it.
      id, stationId: r.stationId, date: r.date, zero: r.zero, observations: r.observations, madeAt: new Date().toISOString(),
      ...(r.note ? { note: r.note } : {}), ...(r.lon !== undefined && r.lat !== undefined ? { lon: r.lon, lat: r.lat } : {}),
    },
  });
  return id;
}

/** The findings that stopped a report from being queued, each with the field it names (`/observations/0/dead`). */
export class WildlifeReportRefused extends Error {
  constructor(readonly findings: { field: string; message: string }[]) {
    super(findings.map((f) => f.message).join('；'));
  }
}

/** This account's daily reports still in the outbox. */
export async function queuedWildlifeReports(userId: string): Promise<QueuedWildlifeReport[]> {
  return (await outbox.pending(userId))
    .filter((i) => i.kind === 'wildlifeReport')
    .map((i) => {
      const body = i.body as { stationId: string; date: string };
      return { stationId: body.stationId, date: body.date, error: i.error ?? null };
    });
}

import type { LineString } from 'geojson';
import type { TrackFlag } from './track-flags.ts';
import type { DutyKind } from './duty-rules.ts';
import type { DutyPeriodResult, DutyStatus } from './duty-compliance.ts';

// Patrol records and duty boards as the API carries them: one definition for the server and the pages.

export interface Patrol {
  id: string;
  userId: string;
  personId: string | null;
  personName: string | null;
  unitCode: string;
  unitName: string;
  status: 'active' | 'paused' | 'ended';
  startedAt: string;
  endedAt: string | null;
  distanceM: number | null;
  durationS: number | null;
  movingS: number | null;
  inAreaShare: number | null;
  fixesKept: number | null;
  flags: TrackFlag[];
  valid: boolean | null;
  invalidReasons: string[];
}

export interface PatrolDetail extends Patrol {
  track: LineString | null;
  pauses: { startedAt: string; endedAt: string | null }[];
}

export interface ComplianceRow {
  postId: string;
  personId: string;
  personName: string;
  role: string;
  level: string;
  unitCode: string;
  unitName: string;
  rule: { count: number; period: string; source: string };
  current: DutyPeriodResult; // still running: met or behind
  previous: DutyPeriodResult | null; // the last completed period: met or missed
  currentDistanceM: number; // valid patrols' distance in the current period (0 for reports)
  periods: { met: number; missed: number };
}

export interface ComplianceReport {
  asOf: string;
  unitCode: string;
  duty: DutyKind;
  /** met / behind: the current period; missed: the previous one. */
  counts: Record<DutyStatus, number>;
  rows: ComplianceRow[];
}

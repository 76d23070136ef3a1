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

export const observationKinds = ['wildlife', 'fire_risk', 'pest', 'disturbance', 'other'] as const;
export type ObservationKind = (typeof observationKinds)[number];
export const observationKindNames: Record<ObservationKind, string> = {
  wildlife: '野生动物', fire_risk: '火险隐患', pest: '病虫害', disturbance: '人为活动', other: '其他',
};

/** Something a patroller noted at a point of the track. */
export interface PatrolObservation {
  id: string;
  t: number; // epoch ms
  lon: number;
  lat: number;
  kind: ObservationKind;
  note: string;
  photos?: string[]; // file ids (SHA-256) of photos taken there
}

export interface PatrolDetail extends Patrol {
  track: LineString | null;
  pauses: { startedAt: string; endedAt: string | null }[];
  observations: PatrolObservation[];
}

/** A chief's periodic report upward (DOMAIN.md §1 report duties). */
export interface DutyReport {
  id: string;
  userId: string;
  personId: string | null;
  personName: string | null;
  unitCode: string;
  unitName: string;
  title: string;
  content: string;
  submittedAt: string;
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

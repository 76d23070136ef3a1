import type { LineString } from 'geojson';

export interface Patrol {
  id: string;
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
  flags: string[];
  valid: boolean | null;
  invalidReasons: string[];
}

export interface PatrolDetail extends Patrol {
  track: LineString | null;
  pauses: { startedAt: string; endedAt: string | null }[];
}

export type DutyStatus = 'met' | 'behind' | 'missed';

export interface DutyPeriod {
  periodKey: string;
  start: string;
  end: string;
  required: number;
  done: number;
  status: DutyStatus;
  remind: boolean;
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
  current: DutyPeriod;
  previous: DutyPeriod | null;
  currentDistanceM: number;
  periods: { met: number; missed: number };
}

export interface ComplianceReport {
  asOf: string;
  unitCode: string;
  counts: Record<DutyStatus, number>;
  rows: ComplianceRow[];
}

import type { MultiPolygon, Polygon } from 'geojson';
import { cleanTrack, type DropReason } from './clean-track.ts';
import { trackStats, type Pause } from './track-stats.ts';
import { inAreaShare } from './in-area-share.ts';
import { constantSpeed, drivenStretch, straightLine, type TrackFlag } from './track-flags.ts';
import { fingerprintDistance, trackFingerprint, type TrackFingerprint } from './track-fingerprint.ts';
import type { Fix, TrackRules } from './track-rules.ts';

export interface PatrolAssessment {
  distanceM: number;
  durationS: number;
  movingS: number;
  inAreaShare: number | null; // null when the patroller has no responsibility area
  fixesKept: number;
  fixesDropped: Partial<Record<DropReason, number>>;
  flags: TrackFlag[];
  valid: boolean;
  invalidReasons: ('too_short' | 'too_little_distance' | 'outside_area')[];
  fingerprint: TrackFingerprint;
}

/**
 * Everything the bureau needs to know about one ended patrol (issue 3 §3): cleaned statistics, flags and
 * validity — valid when it meets the minimum duration, distance and in-area share.
 */
export function assessPatrol(input: {
  fixes: readonly Fix[];
  pauses?: readonly Pause[];
  area?: Polygon | MultiPolygon | null;
  earlier?: readonly TrackFingerprint[];
  rules: TrackRules;
}): PatrolAssessment {
  const { rules } = input;
  const clean = cleanTrack(input.fixes, rules);
  const stats = trackStats(clean.fixes, input.pauses ?? [], rules);
  const share = input.area ? inAreaShare(stats.segments, clean.fixes, input.area) : null;
  const fingerprint = trackFingerprint(clean.fixes);

  const flags: TrackFlag[] = [];
  if (drivenStretch(stats.segments, rules)) flags.push('vehicle');
  if (clean.dropped.some((d) => d.reason === 'impossible_jump')) flags.push('teleport');
  if (share !== null && share < rules.minInAreaShare) flags.push('outside_area');
  if (constantSpeed(stats.segments)) flags.push('constant_speed');
  if (straightLine(stats.segments)) flags.push('straight_line');
  if ((input.earlier ?? []).some((e) => fingerprintDistance(e, fingerprint) < rules.duplicateToleranceM)) flags.push('duplicate_track');

  const invalidReasons: PatrolAssessment['invalidReasons'] = [];
  if (stats.durationS < rules.minDurationMinutes * 60) invalidReasons.push('too_short');
  if (stats.distanceM < rules.minDistanceM) invalidReasons.push('too_little_distance');
  if (share !== null && share < rules.minInAreaShare) invalidReasons.push('outside_area');

  const fixesDropped: PatrolAssessment['fixesDropped'] = {};
  for (const d of clean.dropped) fixesDropped[d.reason] = (fixesDropped[d.reason] ?? 0) + 1;
  return {
    distanceM: stats.distanceM,
    durationS: stats.durationS,
    movingS: stats.movingS,
    inAreaShare: share,
    fixesKept: clean.fixes.length,
    fixesDropped,
    flags,
    valid: invalidReasons.length === 0,
    invalidReasons,
    fingerprint,
  };
}

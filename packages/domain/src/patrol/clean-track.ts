import { geodesicDistance } from '../geometry/geodesic-distance.ts';
import type { Fix, TrackRules } from './track-rules.ts';

export type DropReason = 'duplicate_time' | 'poor_accuracy' | 'impossible_jump' | 'invalid_position';

export interface CleanTrack {
  fixes: Fix[];
  dropped: { fix: Fix; reason: DropReason }[];
}

/** Sorts fixes by time and drops repeated times, poor accuracy and impossible jumps (issue 3 §3). */
export function cleanTrack(input: readonly Fix[], rules: Pick<TrackRules, 'maxAccuracyM' | 'maxSpeedMps'>): CleanTrack {
  const sorted = [...input].sort((a, b) => a.t - b.t);
  const fixes: Fix[] = [];
  const dropped: CleanTrack['dropped'] = [];
  let lastT = -Infinity;
  for (const fix of sorted) {
    if (!Number.isFinite(fix.lon) || !Number.isFinite(fix.lat) || Math.abs(fix.lon) > 180 || Math.abs(fix.lat) > 90) {
      dropped.push({ fix, reason: 'invalid_position' });
      continue;
    }
    if (fix.t === lastT) {
      dropped.push({ fix, reason: 'duplicate_time' });
      continue;
    }
    lastT = fix.t;
    if (fix.accuracy !== undefined && fix.accuracy !== null && fix.accuracy > rules.maxAccuracyM) {
      dropped.push({ fix, reason: 'poor_accuracy' });
      continue;
    }
    const previous = fixes[fixes.length - 1];
    if (previous) {
      const seconds = (fix.t - previous.t) / 1000;
      const metres = geodesicDistance([previous.lon, previous.lat], [fix.lon, fix.lat]);
      if (metres / seconds > rules.maxSpeedMps) {
        dropped.push({ fix, reason: 'impossible_jump' });
        continue;
      }
    }
    fixes.push(fix);
  }
  return { fixes, dropped };
}

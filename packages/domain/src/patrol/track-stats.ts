import { geodesicDistance } from '../geometry/geodesic-distance.ts';
import type { Fix, TrackRules } from './track-rules.ts';

/** A pause the patroller declared: [start, end) in epoch ms. */
export type Pause = readonly [number, number];

export interface Segment {
  from: Fix;
  to: Fix;
  metres: number;
  seconds: number;
  speedMps: number;
}

export interface TrackStats {
  distanceM: number;
  durationS: number; // first to last fix, pauses excluded
  movingS: number;
  segments: Segment[]; // those that count: segments bridging a pause are left out
}

const inPause = (t: number, pauses: readonly Pause[]) => pauses.some(([s, e]) => t >= s && t < e);
const crossesPause = (a: number, b: number, pauses: readonly Pause[]) => pauses.some(([s, e]) => a < e && b > s);

/** Geodesic distance, duration and moving time of a cleaned track (issue 3 §3). */
export function trackStats(fixes: readonly Fix[], pauses: readonly Pause[], rules: Pick<TrackRules, 'movingSpeedMps'>): TrackStats {
  const segments: Segment[] = [];
  for (let i = 1; i < fixes.length; i++) {
    const from = fixes[i - 1]!;
    const to = fixes[i]!;
    if (crossesPause(from.t, to.t, pauses) || inPause(from.t, pauses)) continue;
    const seconds = (to.t - from.t) / 1000;
    if (seconds <= 0) continue;
    const metres = geodesicDistance([from.lon, from.lat], [to.lon, to.lat]);
    segments.push({ from, to, metres, seconds, speedMps: metres / seconds });
  }
  const first = fixes[0];
  const last = fixes[fixes.length - 1];
  const paused = pauses.reduce((sum, [s, e]) => {
    if (!first || !last) return sum;
    const overlap = Math.min(e, last.t) - Math.max(s, first.t);
    return sum + Math.max(0, overlap);
  }, 0);
  return {
    distanceM: segments.reduce((s, g) => s + g.metres, 0),
    durationS: first && last ? Math.max(0, (last.t - first.t - paused) / 1000) : 0,
    movingS: segments.filter((g) => g.speedMps >= rules.movingSpeedMps).reduce((s, g) => s + g.seconds, 0),
    segments,
  };
}

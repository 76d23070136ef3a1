import { geodesicDistance } from '../geometry/geodesic-distance.ts';
import type { Segment } from './track-stats.ts';
import type { TrackRules } from './track-rules.ts';

// Flags for a reviewer (issue 3 §3). A flag does not by itself make a patrol invalid.
export const trackFlags = ['vehicle', 'teleport', 'outside_area', 'constant_speed', 'straight_line', 'duplicate_track'] as const;
export type TrackFlag = (typeof trackFlags)[number];

export const trackFlagNames: Record<TrackFlag, string> = {
  vehicle: '疑似乘车',
  teleport: '轨迹跳点',
  outside_area: '大部分在责任区外',
  constant_speed: '速度恒定（疑似伪造）',
  straight_line: '轨迹过直（疑似伪造）',
  duplicate_track: '与以往轨迹雷同',
};

/** A sustained run of segments faster than a walker: `vehicleMinSeconds` or more above `vehicleSpeedMps`. */
export function drivenStretch(segments: readonly Segment[], rules: Pick<TrackRules, 'vehicleSpeedMps' | 'vehicleMinSeconds'>): boolean {
  let run = 0;
  for (const g of segments) {
    run = g.speedMps > rules.vehicleSpeedMps ? run + g.seconds : 0;
    if (run >= rules.vehicleMinSeconds) return true;
  }
  return false;
}

const MIN_SEGMENTS = 20;

/** Real walking speed varies; a generated track often keeps one speed (coefficient of variation < 2 %). */
export function constantSpeed(segments: readonly Segment[]): boolean {
  const moving = segments.filter((g) => g.metres > 0);
  if (moving.length < MIN_SEGMENTS) return false;
  const mean = moving.reduce((s, g) => s + g.speedMps, 0) / moving.length;
  const sd = Math.sqrt(moving.reduce((s, g) => s + (g.speedMps - mean) ** 2, 0) / moving.length);
  return mean > 0 && sd / mean < 0.02;
}

/** A long track whose end-to-end distance is all but its length: nobody patrols a ruler-straight line. */
export function straightLine(segments: readonly Segment[]): boolean {
  if (segments.length < MIN_SEGMENTS) return false;
  const path = segments.reduce((s, g) => s + g.metres, 0);
  if (path < 500) return false;
  const first = segments[0]!.from;
  const last = segments[segments.length - 1]!.to;
  return geodesicDistance([first.lon, first.lat], [last.lon, last.lat]) / path > 0.995;
}

import geographiclib from 'geographiclib-geodesic';
import { CGCS2000 } from '../geometry/ellipsoidal-area.ts';
import type { Fix } from './track-rules.ts';

const { Geodesic } = geographiclib;
const geodesic = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

export interface Leg {
  headingDeg: number; // 0 = north, 90 = east
  metres: number;
  speedMps: number;
}

/**
 * A track made of legs walked (or driven) at given speeds, one fix every `intervalS` seconds. With `rng`,
 * speed and heading wander the way a person's do; without it, the track is mechanically regular (what a
 * fabricated track looks like). Used by tests and by the demo's synthetic patrols.
 */
export function syntheticTrack(options: {
  start: [number, number];
  startTime: number; // epoch ms
  legs: Leg[];
  intervalS?: number;
  rng?: () => number;
  accuracyM?: number;
}): Fix[] {
  const interval = options.intervalS ?? 10;
  const { rng } = options;
  let [lon, lat] = options.start;
  let t = options.startTime;
  const fixes: Fix[] = [{ t, lon, lat, accuracy: options.accuracyM ?? 8 }];
  for (const leg of options.legs) {
    let left = leg.metres;
    while (left > 1e-6) {
      const speed = leg.speedMps * (rng ? 0.75 + 0.5 * rng() : 1);
      const heading = leg.headingDeg + (rng ? (rng() - 0.5) * 40 : 0);
      const step = Math.min(left, speed * interval);
      const seconds = step / speed;
      const next = geodesic.Direct(lat, lon, heading, step);
      lat = next.lat2!;
      lon = next.lon2!;
      t += Math.round(seconds * 1000);
      fixes.push({ t, lon, lat, accuracy: options.accuracyM ?? 8 });
      left -= step;
    }
  }
  return fixes;
}

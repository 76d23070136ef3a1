import { geodesicDistance } from '../geometry/geodesic-distance.ts';
import type { Fix } from './track-rules.ts';

/** A track resampled to a fixed number of points evenly spaced along its length: [lon, lat][]. */
export type TrackFingerprint = [number, number][];

const SAMPLES = 32;

export function trackFingerprint(fixes: readonly Fix[]): TrackFingerprint {
  if (fixes.length === 0) return [];
  const cumulative = [0];
  for (let i = 1; i < fixes.length; i++) {
    cumulative.push(cumulative[i - 1]! + geodesicDistance([fixes[i - 1]!.lon, fixes[i - 1]!.lat], [fixes[i]!.lon, fixes[i]!.lat]));
  }
  const total = cumulative[cumulative.length - 1]!;
  const out: TrackFingerprint = [];
  let j = 0;
  for (let k = 0; k < SAMPLES; k++) {
    const target = (total * k) / (SAMPLES - 1);
    while (j < fixes.length - 2 && cumulative[j + 1]! < target) j++;
    const a = fixes[j]!;
    const b = fixes[Math.min(j + 1, fixes.length - 1)]!;
    const span = cumulative[Math.min(j + 1, fixes.length - 1)]! - cumulative[j]!;
    const f = span > 0 ? (target - cumulative[j]!) / span : 0;
    out.push([a.lon + f * (b.lon - a.lon), a.lat + f * (b.lat - a.lat)]);
  }
  return out;
}

/** Mean distance in metres between two fingerprints' corresponding points (Infinity if either is empty). */
export function fingerprintDistance(a: TrackFingerprint, b: TrackFingerprint): number {
  if (a.length === 0 || a.length !== b.length) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += geodesicDistance(a[i]!, b[i]!);
  return sum / a.length;
}

import type { MultiPolygon, Polygon } from 'geojson';
import { pointInPolygon } from '../geometry/point-in-polygon.ts';
import type { Fix } from './track-rules.ts';
import type { Segment } from './track-stats.ts';

/**
 * Share (0–1) of a track inside a responsibility area (DOMAIN.md §1 管护责任): by length, a segment
 * counting as inside when its midpoint is; a track that never moved is judged by its fixes.
 */
export function inAreaShare(segments: readonly Segment[], fixes: readonly Fix[], area: Polygon | MultiPolygon): number {
  const total = segments.reduce((s, g) => s + g.metres, 0);
  if (total > 0) {
    let inside = 0;
    for (const g of segments) {
      if (pointInPolygon([(g.from.lon + g.to.lon) / 2, (g.from.lat + g.to.lat) / 2], area)) inside += g.metres;
    }
    return inside / total;
  }
  if (fixes.length === 0) return 0;
  return fixes.filter((f) => pointInPolygon([f.lon, f.lat], area)).length / fixes.length;
}

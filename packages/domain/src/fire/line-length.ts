import type { LineString, MultiLineString, Position } from 'geojson';
import { geodesicDistance, geodesicInterpolate } from '../geometry/geodesic-distance.ts';

// DOMAIN.md §5: firebreaks and fire trails are counted in km; DOMAIN.md §3/DESIGN.md: measured on the ellipsoid.

const partsOf = (g: LineString | MultiLineString): Position[][] => (g.type === 'LineString' ? [g.coordinates] : g.coordinates);
const pt = (p: Position): [number, number] => [p[0]!, p[1]!];

/** The length of a line in metres along the CGCS2000 ellipsoid (the sum of its segments' geodesics). */
export function lineLength(g: LineString | MultiLineString): number {
  let total = 0;
  for (const part of partsOf(g)) for (let i = 1; i < part.length; i++) total += geodesicDistance(pt(part[i - 1]!), pt(part[i]!));
  return total;
}

/**
 * The point half-way along a line by geodesic length (its parts taken in order), where the unit a line belongs
 * to is looked up. A line of no length gives its first vertex; an empty one null.
 */
export function lineMidpoint(g: LineString | MultiLineString): [number, number] | null {
  const parts = partsOf(g).filter((p) => p.length > 0);
  if (!parts.length) return null;
  let left = lineLength(g) / 2;
  for (const part of parts) {
    for (let i = 1; i < part.length; i++) {
      const a = pt(part[i - 1]!), b = pt(part[i]!);
      const d = geodesicDistance(a, b);
      if (d > 0 && left <= d) return geodesicInterpolate(a, b, left / d);
      left -= d;
    }
  }
  return pt(parts[0]![0]!);
}

import type { MultiPolygon, Polygon, Position } from 'geojson';

function inRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!, yi = ring[i]![1]!, xj = ring[j]![0]!, yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether a lon/lat point lies inside a (multi)polygon, holes excluded. Planar ray casting on lon/lat:
 * exact enough for responsibility areas of a few km, where edges are short.
 */
export function pointInPolygon(point: readonly [number, number], geometry: Polygon | MultiPolygon): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const [x, y] = point;
  for (const [outer, ...holes] of polygons) {
    if (outer && inRing(outer, x, y) && !holes.some((h) => inRing(h, x, y))) return true;
  }
  return false;
}

import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygon } from './point-in-polygon.ts';

/**
 * A point guaranteed inside a polygon (where a problem drawn as an area, or a unit known only by its code, is
 * pinned): the centroid of the largest part's outer ring when it lies inside, else the middle of the widest
 * inside stretch of the horizontal line through that part's middle. Null for an empty geometry.
 */
export function interiorPoint(geometry: Polygon | MultiPolygon): [number, number] | null {
  const parts: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Position[][] | null = null;
  let bestArea = -1;
  for (const rings of parts) {
    const a = Math.abs(ringArea(rings[0] ?? []));
    if (a > bestArea) [best, bestArea] = [rings, a];
  }
  if (!best || !best[0] || best[0].length < 4) return null;
  const outer = best[0];
  const c = ringCentroid(outer);
  if (c && pointInPolygon(c, { type: 'Polygon', coordinates: best })) return c;
  let miny = Infinity, maxy = -Infinity;
  for (const p of outer) [miny, maxy] = [Math.min(miny, p[1]!), Math.max(maxy, p[1]!)];
  const y = (miny + maxy) / 2;
  const xs: number[] = [];
  for (const ring of best) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
      const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let widest: [number, number] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (!widest || xs[i + 1]! - xs[i]! > widest[1] - widest[0]) widest = [xs[i]!, xs[i + 1]!];
  }
  return widest ? [(widest[0] + widest[1]) / 2, y] : [outer[0]![0]!, outer[0]![1]!];
}

function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! * ring[i]![1]!) - (ring[i]![0]! * ring[j]![1]!);
  return s / 2;
}

function ringCentroid(ring: Position[]): [number, number] | null {
  const a = ringArea(ring);
  if (a === 0) return null;
  let cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
    cx += (ring[j]![0]! + ring[i]![0]!) * f;
    cy += (ring[j]![1]! + ring[i]![1]!) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

import type { Position } from 'geojson';
import { signedArea } from './check-geometry.ts';

interface Ring {
  points: Position[];
  signed: number; // shoelace area, negative = clockwise
  area: number; // absolute
  box: [number, number, number, number]; // west, south, east, north
}

/**
 * The rings of one Shapefile polygon record grouped into polygons (outer ring first, then its holes). The
 * Shapefile rule is followed first: clockwise rings are outer rings, counter-clockwise rings are holes of the
 * smallest outer ring around them. When a hole has no outer ring around it (the file was written with the
 * opposite winding, or with none), rings are nested by containment alone (even depth = outer, odd = hole), as
 * GDAL does, and `rewound` says so.
 */
export function groupShapefileRings(points: Position[][]): { polygons: Position[][][]; rewound: boolean } {
  const rings = points.map(toRing);
  const outers = rings.filter((r) => r.signed <= 0);
  const holes = rings.filter((r) => r.signed > 0);
  const byWinding = outers.map((o) => ({ outer: o, holes: [] as Ring[] }));
  for (const hole of holes) {
    const owner = smallestAround(hole, outers);
    if (!owner) return { polygons: byContainment(rings), rewound: true };
    byWinding.find((p) => p.outer === owner)!.holes.push(hole);
  }
  return { polygons: byWinding.map((p) => [p.outer.points, ...p.holes.map((h) => h.points)]), rewound: false };
}

function byContainment(rings: Ring[]): Position[][][] {
  const sorted = [...rings].sort((a, b) => b.area - a.area);
  const depth = new Map<Ring, number>();
  const polygons = new Map<Ring, Position[][]>();
  sorted.forEach((ring, i) => {
    const parent = smallestAround(ring, sorted.slice(0, i));
    const d = parent ? depth.get(parent)! + 1 : 0;
    depth.set(ring, d);
    if (d % 2 === 0) polygons.set(ring, [ring.points]);
    else polygons.get(parent!)!.push(ring.points);
  });
  return [...polygons.values()];
}

function smallestAround(inner: Ring, candidates: Ring[]): Ring | null {
  let best: Ring | null = null;
  for (const c of candidates) if (c !== inner && c.area > inner.area && (!best || c.area < best.area) && contains(c, inner)) best = c;
  return best;
}

/**
 * Whether `inner` lies inside `outer`: its box inside, and the midpoint of its first edge inside (a midpoint,
 * not a vertex, because a hole may touch its outer ring at a vertex).
 */
function contains(outer: Ring, inner: Ring): boolean {
  const [o, n] = [outer.box, inner.box];
  if (n[0] < o[0] || n[1] < o[1] || n[2] > o[2] || n[3] > o[3]) return false;
  const [a, b] = [inner.points[0]!, inner.points[1] ?? inner.points[0]!];
  return pointInRing(outer.points, (a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2);
}

function pointInRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi, xj, yj] = [ring[i]![0]!, ring[i]![1]!, ring[j]![0]!, ring[j]![1]!];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function toRing(points: Position[]): Ring {
  const box: Ring['box'] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x!); box[1] = Math.min(box[1], y!);
    box[2] = Math.max(box[2], x!); box[3] = Math.max(box[3], y!);
  }
  const signed = signedArea(points);
  return { points, signed, area: Math.abs(signed), box };
}

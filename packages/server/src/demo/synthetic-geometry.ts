import type { Position } from 'geojson';

// Synthetic but plausible boundaries for the demo county: a convex outline of the county's real land area,
// cut into towns and villages by clipped Voronoi cells. Deterministic for a seed. Demo use only.
//
// Cuts are straight lines in degrees, while areas (DOMAIN.md §3) take every edge as a geodesic. A cut point
// on a 20 km edge sits metres off that edge's geodesic, so cells would miss their ring's area by ~1e-4 and
// the coverage report would find phantom gaps. Every ring made here therefore has edges no longer than
// MAX_EDGE_DEGREES, where the two readings of an edge differ by well under a square metre.
const MAX_EDGE_DEGREES = 0.005; // ≈ 0.5 km

type Ring = Position[];
type Point = [number, number];

/** A small, fast, seedable PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KM_PER_DEGREE_LAT = 111.32;

/** An irregular convex outline (closed ring, lon/lat) of roughly π·radiusKm² around `centre`. */
export function countyOutline(options: { centre: [number, number]; radiusKm: number; rng: () => number; vertices?: number }): Ring {
  const { centre, radiusKm, rng } = options;
  const n = options.vertices ?? 14;
  const kmPerDegLon = KM_PER_DEGREE_LAT * Math.cos((centre[1] * Math.PI) / 180);
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n;
    // Stretch east–west a little and vary the radius, staying convex.
    const r = radiusKm * (0.93 + 0.14 * rng());
    ring.push([round(centre[0] + (1.1 * r * Math.cos(angle)) / kmPerDegLon), round(centre[1] + (r * Math.sin(angle)) / (KM_PER_DEGREE_LAT * 1.1))]);
  }
  return closeDense(convexHull(ring.map((p) => [p[0]!, p[1]!] as Point)));
}

/**
 * Cuts a convex ring into `n` convex rings that tile it exactly (Voronoi cells of spread seeds), each with
 * short edges so that it can be cut again. Their areas add up to the ring's when the ring's own edges are
 * short, as those of countyOutline and partitionRing are.
 */
export function partitionRing(ring: Ring, n: number, rng: () => number): Ring[] {
  if (n < 1) return [];
  if (n === 1) return [ring];
  const polygon = open(ring);
  const [minx, miny, maxx, maxy] = bbox(polygon);
  let seeds: Point[] = [];
  for (let tries = 0; seeds.length < n; tries++) {
    if (tries > 1000 * n) throw new RangeError('partitionRing: the ring has no interior to place seeds in');
    const p: Point = [minx + (maxx - minx) * rng(), miny + (maxy - miny) * rng()];
    if (contains(polygon, p)) seeds.push(p);
  }
  // A few Lloyd steps make cells of similar size, like real villages.
  const cellsFor = (s: Point[]) => s.map((seed, i) => voronoiCell(polygon, s, i));
  for (let step = 0; step < 3; step++) {
    seeds = cellsFor(seeds).map((cell, i) => (cell.length >= 3 ? centroid(cell) : seeds[i]!));
  }
  return cellsFor(seeds).map(closeDense);
}

function voronoiCell(polygon: Point[], seeds: Point[], i: number): Point[] {
  let cell = polygon;
  const s = seeds[i]!;
  for (let j = 0; j < seeds.length && cell.length; j++) {
    if (j === i) continue;
    const t = seeds[j]!;
    // Keep the half-plane closer to s than to t: (p - m)·(t - s) ≤ 0, m the midpoint.
    const m: Point = [(s[0] + t[0]) / 2, (s[1] + t[1]) / 2];
    const d: Point = [t[0] - s[0], t[1] - s[1]];
    cell = clipHalfPlane(cell, (p) => (p[0] - m[0]) * d[0] + (p[1] - m[1]) * d[1]);
  }
  return cell;
}

/** Sutherland–Hodgman against one half-plane, keeping points where side(p) ≤ 0. */
function clipHalfPlane(polygon: Point[], side: (p: Point) => number): Point[] {
  const out: Point[] = [];
  for (let k = 0; k < polygon.length; k++) {
    const a = polygon[k]!;
    const b = polygon[(k + 1) % polygon.length]!;
    const sa = side(a);
    const sb = side(b);
    if (sa <= 0) out.push(a);
    if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
      const t = sa / (sa - sb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

function centroid(polygon: Point[]): Point {
  let a = 0, cx = 0, cy = 0;
  for (let k = 0; k < polygon.length; k++) {
    const [x0, y0] = polygon[k]!;
    const [x1, y1] = polygon[(k + 1) % polygon.length]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross; cx += (x0 + x1) * cross; cy += (y0 + y1) * cross;
  }
  return a === 0 ? polygon[0]! : [cx / (3 * a), cy / (3 * a)];
}

function contains(polygon: Point[], p: Point): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (pts: Point[]) => {
    const h: Point[] = [];
    for (const p of pts) {
      while (h.length >= 2 && cross(h[h.length - 2]!, h[h.length - 1]!, p) <= 0) h.pop();
      h.push(p);
    }
    h.pop();
    return h;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

const bbox = (polygon: Point[]): [number, number, number, number] => [
  Math.min(...polygon.map((p) => p[0])), Math.min(...polygon.map((p) => p[1])),
  Math.max(...polygon.map((p) => p[0])), Math.max(...polygon.map((p) => p[1])),
];
function open(ring: Ring): Point[] {
  const points = ring.map((p) => [p[0]!, p[1]!] as Point);
  const [first, last] = [points[0], points[points.length - 1]];
  return points.length > 1 && first![0] === last![0] && first![1] === last![1] ? points.slice(0, -1) : points;
}

/**
 * Rounds, drops repeated points, splits every edge longer than MAX_EDGE_DEGREES and closes the ring. An edge
 * is split from its lexicographically smaller end, so two cells sharing an edge get the very same points.
 */
function closeDense(points: Point[]): Ring {
  const rounded = points.map(([x, y]) => [round(x), round(y)] as Point);
  const distinct = rounded.filter((p, k) => !samePoint(p, rounded[(k + 1) % rounded.length]!));
  if (distinct.length === 0) return [];
  const ring: Ring = [];
  distinct.forEach((a, k) => {
    const b = distinct[(k + 1) % distinct.length]!;
    ring.push(a);
    const forward = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    const [from, to] = forward ? [a, b] : [b, a];
    const pieces = Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1]) / MAX_EDGE_DEGREES);
    const inner: Point[] = [];
    for (let i = 1; i < pieces; i++) {
      inner.push([round(from[0] + ((to[0] - from[0]) * i) / pieces), round(from[1] + ((to[1] - from[1]) * i) / pieces)]);
    }
    ring.push(...(forward ? inner : inner.reverse()));
  });
  return [...ring, ring[0]!];
}

const samePoint = (a: Point, b: Point): boolean => a[0] === b[0] && a[1] === b[1];
// Rounded to 1e-9° (0.1 mm): short JSON, while the edges two cells share (each computed on its own) stay
// within a hair of each other, so no overlap report finds slivers between them.
const round = (v: number): number => Math.round(v * 1e9) / 1e9;

import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Cutting one vector tile out of lon/lat polygons without an index of the whole layer: project to the tile's
 * integer grid (Web Mercator; CGCS2000 lon/lat taken as WGS84, as postgis-tiles.ts does), clip each ring to the
 * tile plus a buffer (Sutherland–Hodgman), drop repeated points and rings that collapse, and wind rings the way
 * the Mapbox Vector Tile spec 2.1 wants (exterior positive area in tile coordinates, holes negative). The same
 * steps ST_AsMVTGeom takes on PostGIS.
 */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** A feature as vt-pbf's GeoJSON wrapper takes it: type 3 = polygon, closed rings in tile coordinates. */
export interface TileFeature {
  type: 3;
  geometry: [number, number][][];
  tags: Record<string, string | number | boolean | null>;
}

/** The tile's lon/lat box, widened by `buffer` tile units on every side. */
export function tileBbox({ z, x, y }: TileAddress, buffer = TILE_BUFFER): [number, number, number, number] {
  const n = 2 ** z;
  const b = buffer / TILE_EXTENT;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x - b), lat(y + 1 + b), lon(x + 1 + b), lat(y - b)];
}

/** Degrees of longitude and latitude one tile unit spans near latitude `lat` at zoom z. */
export function unitInDegrees(z: number, lat: number): [number, number] {
  const lonDeg = 360 / 2 ** z / TILE_EXTENT;
  return [lonDeg, lonDeg * Math.cos((lat * Math.PI) / 180)];
}

/** A projector from lon/lat to (unrounded) coordinates of the given tile. */
export function projector({ z, x, y }: TileAddress): (p: Position) => [number, number] {
  const scale = 2 ** z * TILE_EXTENT;
  const ox = x * TILE_EXTENT;
  const oy = y * TILE_EXTENT;
  return (p) => {
    const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, p[1]!)) * Math.PI) / 180);
    const my = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    return [((p[0]! + 180) / 360) * scale - ox, my * scale - oy];
  };
}

type Pt = [number, number];

/** Sutherland–Hodgman against an axis-aligned box; the ring comes back open (no repeated first point). */
export function clipRing(ring: Pt[], min: number, max: number): Pt[] {
  let out = ring;
  // Each edge of the box: [axis, bound, keep-when-less-or-equal]
  const edges: [0 | 1, number, boolean][] = [[0, min, false], [0, max, true], [1, min, false], [1, max, true]];
  for (const [axis, bound, below] of edges) {
    if (out.length === 0) break;
    const input = out;
    out = [];
    const inside = (p: Pt) => (below ? p[axis] <= bound : p[axis] >= bound);
    let prev = input[input.length - 1]!;
    let prevIn = inside(prev);
    for (const cur of input) {
      const curIn = inside(cur);
      if (curIn !== prevIn) {
        const t = (bound - prev[axis]) / (cur[axis] - prev[axis]);
        const p: Pt = axis === 0 ? [bound, prev[1] + t * (cur[1] - prev[1])] : [prev[0] + t * (cur[0] - prev[0]), bound];
        out.push(p);
      }
      if (curIn) out.push(cur);
      prev = cur;
      prevIn = curIn;
    }
  }
  return out;
}

/** Twice the signed area (surveyor's formula) of a ring, open or closed. */
export function ringArea2(ring: Pt[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return sum;
}

/** Rounds to the grid, drops repeated points and closes the ring; null when it collapses. */
function snap(ring: Pt[]): Pt[] | null {
  const out: Pt[] = [];
  for (const [fx, fy] of ring) {
    const p: Pt = [Math.round(fx), Math.round(fy)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  if (out.length < 3 || ringArea2(out) === 0) return null;
  out.push([out[0]![0], out[0]![1]]);
  return out;
}

/**
 * The polygon(s) as tile geometry: rings in order exterior, its holes, next exterior …; null when nothing of it
 * is left inside the buffered tile or everything collapses at this zoom.
 */
export function tileGeometry(geometry: Polygon | MultiPolygon, address: TileAddress, buffer = TILE_BUFFER): [number, number][][] | null {
  const project = projector(address);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings: Pt[][] = [];
  for (const polygon of polygons) {
    let exteriorKept = false;
    polygon.forEach((ring, i) => {
      if (i > 0 && !exteriorKept) return;
      const projected = ring.map(project);
      // Most rings lie wholly inside the buffered tile (or wholly outside): only the others are clipped.
      let [minx, miny, maxx, maxy] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const [px, py] of projected) {
        if (px < minx) minx = px;
        if (px > maxx) maxx = px;
        if (py < miny) miny = py;
        if (py > maxy) maxy = py;
      }
      const [lo, hi] = [-buffer, TILE_EXTENT + buffer];
      if (maxx < lo || minx > hi || maxy < lo || miny > hi) return;
      const inside = minx >= lo && maxx <= hi && miny >= lo && maxy <= hi;
      const clipped = snap(inside ? projected : clipRing(projected, lo, hi));
      if (!clipped) return;
      // Exterior rings positive, holes negative (y grows downwards in tile coordinates).
      const area = ringArea2(clipped);
      if ((i === 0) !== area > 0) clipped.reverse();
      if (i === 0) exteriorKept = true;
      rings.push(clipped);
    });
  }
  return rings.length ? rings : null;
}

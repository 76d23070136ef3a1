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

/**
 * The polygon(s) as tile geometry: rings in order exterior, its holes, next exterior …; null when nothing of it
 * is left inside the buffered tile or everything collapses at this zoom.
 */
export function tileGeometry(geometry: Polygon | MultiPolygon, address: TileAddress, buffer = TILE_BUFFER): [number, number][][] | null {
  const rings = cutGeoJsonText(JSON.stringify(geometry), address, buffer);
  return rings && rings.map((r) => Array.from({ length: r.length / 2 }, (_, i) => [r[2 * i]!, r[2 * i + 1]!] as [number, number]));
}

/**
 * tileGeometry straight from the GeoJSON text of a Polygon or MultiPolygon (as the parcels table keeps it),
 * with flat rings [x0, y0, x1, y1, …]: the numbers are read, projected and snapped in one pass, without
 * building the nested arrays JSON.parse would (a z10 tile of a county reads ~25,000 parcels).
 */
export function cutGeoJsonText(text: string, address: TileAddress, buffer = TILE_BUFFER): number[][] | null {
  const at = text.indexOf('"coordinates"');
  if (at < 0) return null;
  const positionDepth = text.includes('"MultiPolygon"') ? 4 : 3;
  const scale = 2 ** address.z * TILE_EXTENT;
  const ox = address.x * TILE_EXTENT;
  const oy = address.y * TILE_EXTENT;
  const [lo, hi] = [-buffer, TILE_EXTENT + buffer];
  const out: number[][] = [];
  let ring: number[] = [];
  let ringIndex = -1;
  let exteriorKept = false;
  let depth = 0;
  const numberEnd = (from: number) => {
    let j = from;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 44 /* , */ || c === 93 /* ] */ || Number.isNaN(c)) return j;
      j++;
    }
  };
  for (let i = text.indexOf('[', at); i < text.length && i >= 0; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */) {
      depth++;
      if (depth === positionDepth) {
        const xEnd = numberEnd(i + 1);
        const yEnd = numberEnd(xEnd + 1);
        const lon = readNumber(text, i + 1, xEnd);
        const lat = readNumber(text, xEnd + 1, yEnd);
        const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
        ring.push(((lon + 180) / 360) * scale - ox, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale - oy);
        i = text.indexOf(']', yEnd);
        if (i < 0) return null;
        depth--;
      } else if (depth === positionDepth - 1) {
        ring = [];
        ringIndex++;
      } else if (depth === positionDepth - 2) {
        ringIndex = -1;
        exteriorKept = false;
      }
    } else if (c === 93 /* ] */) {
      if (depth === positionDepth - 1 && (ringIndex === 0 || exteriorKept)) {
        const cut = cutRing(ring, lo, hi);
        if (cut) {
          // Exterior rings positive, holes negative (y grows downwards in tile coordinates).
          if ((ringIndex === 0) !== flatArea2(cut) > 0) reversePairs(cut);
          if (ringIndex === 0) exteriorKept = true;
          out.push(cut);
        }
      }
      depth--;
      if (depth === 0) break;
    }
  }
  return out.length ? out : null;
}

/** Zoom and extent of the pre-projected parcel outlines: tile units at z16 (~0.5 m here), 2^28 to the world. */
const WORLD_ZOOM = 16;
const WORLD_SIZE = 2 ** WORLD_ZOOM * TILE_EXTENT;

/**
 * A polygon's outline projected once to Web Mercator world units at z16 and packed as Int32 — [polygons,
 * (rings, (points, x0, y0, x1, y1, …)…)…] — for the SQLite tile path: cutting from it needs no text parsing and no
 * trigonometry, and reads a fifth of the bytes. Kept beside geom_json (issue 5 §10: the densest z10 tile).
 */
export function packWorldGeometry(geometry: Polygon | MultiPolygon): Uint8Array {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: number[] = [polygons.length];
  for (const polygon of polygons) {
    out.push(polygon.length);
    for (const ring of polygon) {
      out.push(ring.length);
      for (const p of ring) {
        const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, p[1]!)) * Math.PI) / 180);
        out.push(Math.round(((p[0]! + 180) / 360) * WORLD_SIZE), Math.round((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * WORLD_SIZE));
      }
    }
  }
  return new Uint8Array(new Int32Array(out).buffer);
}

/** cutGeoJsonText for an outline packed by packWorldGeometry (zooms up to 16). */
export function cutPackedGeometry(bytes: Uint8Array, address: TileAddress, buffer = TILE_BUFFER): number[][] | null {
  const v = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  const div = 2 ** (WORLD_ZOOM - address.z);
  const ox = address.x * TILE_EXTENT;
  const oy = address.y * TILE_EXTENT;
  const [lo, hi] = [-buffer, TILE_EXTENT + buffer];
  const out: number[][] = [];
  let k = 0;
  const polygons = v[k++]!;
  for (let p = 0; p < polygons; p++) {
    const rings = v[k++]!;
    let exteriorKept = false;
    for (let r = 0; r < rings; r++) {
      const points = v[k++]!;
      if (r === 0 || exteriorKept) {
        const ring = new Array<number>(points * 2);
        for (let i = 0; i < points; i++) {
          ring[2 * i] = v[k + 2 * i]! / div - ox;
          ring[2 * i + 1] = v[k + 2 * i + 1]! / div - oy;
        }
        const cut = cutRing(ring, lo, hi);
        if (cut) {
          if ((r === 0) !== flatArea2(cut) > 0) reversePairs(cut);
          if (r === 0) exteriorKept = true;
          out.push(cut);
        }
      }
      k += points * 2;
    }
  }
  return out.length ? out : null;
}

/**
 * The JSON number in text[from, to): plain decimals digit by digit (what JSON.stringify writes for degrees),
 * anything else (exponents, spaces) through Number. Exact to ~1e-15 relative, far below a tile unit.
 */
function readNumber(text: string, from: number, to: number): number {
  let i = from;
  let sign = 1;
  if (text.charCodeAt(i) === 45 /* - */) {
    sign = -1;
    i++;
  }
  let whole = 0;
  let fraction = 0;
  let scale = 1;
  let seenDot = false;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (seenDot) {
        fraction = fraction * 10 + (c - 48);
        scale *= 10;
      } else {
        whole = whole * 10 + (c - 48);
      }
    } else if (c === 46 /* . */ && !seenDot) {
      seenDot = true;
    } else {
      return Number(text.slice(from, to));
    }
  }
  return i === from ? Number.NaN : sign * (whole + fraction / scale);
}

/** Clip (only when the ring crosses the buffered tile), snap to the grid, drop repeats, close; null if it collapses. */
function cutRing(ring: number[], lo: number, hi: number): number[] | null {
  let [minx, miny, maxx, maxy] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i]!;
    const y = ring[i + 1]!;
    if (x < minx) minx = x;
    if (x > maxx) maxx = x;
    if (y < miny) miny = y;
    if (y > maxy) maxy = y;
  }
  if (maxx < lo || minx > hi || maxy < lo || miny > hi) return null;
  let points = ring;
  if (minx < lo || maxx > hi || miny < lo || maxy > hi) {
    const pairs: Pt[] = [];
    for (let i = 0; i < ring.length; i += 2) pairs.push([ring[i]!, ring[i + 1]!]);
    points = clipRing(pairs, lo, hi).flat();
  }
  const out: number[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const x = Math.round(points[i]!);
    const y = Math.round(points[i + 1]!);
    const n = out.length;
    if (n && out[n - 2] === x && out[n - 1] === y) continue;
    out.push(x, y);
  }
  while (out.length > 2 && out[0] === out[out.length - 2] && out[1] === out[out.length - 1]) out.length -= 2;
  if (out.length < 6 || flatArea2(out) === 0) return null;
  out.push(out[0]!, out[1]!);
  return out;
}

/** ringArea2 for a flat ring. */
function flatArea2(r: number[]): number {
  let sum = 0;
  for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) sum += (r[j]! - r[i]!) * (r[j + 1]! + r[i + 1]!);
  return sum;
}

function reversePairs(r: number[]): void {
  for (let i = 0, j = r.length - 2; i < j; i += 2, j -= 2) {
    const [x, y] = [r[i]!, r[i + 1]!];
    r[i] = r[j]!;
    r[i + 1] = r[j + 1]!;
    r[j] = x;
    r[j + 1] = y;
  }
}

import type { MultiPolygon, Polygon } from 'geojson';

export interface IndexedArea {
  id: string;
  geometry: Polygon | MultiPolygon;
}

/** One polygon of an area, its rings packed as x0,y0,x1,y1,… (closed, as in GeoJSON); the first is the outer. */
type PackedPolygon = Float64Array[];

function inRing(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i]!, yi = ring[i + 1]!, xj = ring[j]!, yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Finds which responsibility area a point lies in (issue 3 §8: assigning GPS fixes to areas). Areas tile a
 * county, so a uniform grid of buckets over their extent (about four cells per area) narrows the candidates
 * in constant time — cheaper per point than walking a tree — and an exact ray cast over rings packed into
 * typed arrays decides. Built once, read many times; no I/O. Areas are expected not to overlap (the coverage
 * report finds those that do): the first area found containing the point wins.
 */
export class AreaIndex {
  private readonly ids: string[] = [];
  private readonly polygons: PackedPolygon[][] = [];
  private readonly boxes: number[] = [];
  private readonly grid: { minx: number; miny: number; cellW: number; cellH: number; cols: number; rows: number; buckets: Int32Array[] } | null;

  constructor(areas: readonly IndexedArea[]) {
    for (const a of areas) {
      const source = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
      let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
      const packed = source.map((rings) =>
        rings.map((ring) => {
          const out = new Float64Array(ring.length * 2);
          ring.forEach(([x, y], k) => { out[2 * k] = x!; out[2 * k + 1] = y!; });
          return out;
        }),
      );
      for (const p of packed) {
        const outer = p[0];
        for (let k = 0; outer && k < outer.length; k += 2) {
          const x = outer[k]!, y = outer[k + 1]!;
          if (x < minx) minx = x; if (x > maxx) maxx = x; if (y < miny) miny = y; if (y > maxy) maxy = y;
        }
      }
      this.boxes.push(minx, miny, maxx, maxy);
      this.ids.push(a.id);
      this.polygons.push(packed);
    }
    this.grid = this.buildGrid();
  }

  private buildGrid() {
    const n = this.ids.length;
    if (n === 0) return null;
    let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
    for (let i = 0; i < n; i++) {
      minx = Math.min(minx, this.boxes[4 * i]!); miny = Math.min(miny, this.boxes[4 * i + 1]!);
      maxx = Math.max(maxx, this.boxes[4 * i + 2]!); maxy = Math.max(maxy, this.boxes[4 * i + 3]!);
    }
    const side = Math.max(1, Math.ceil(Math.sqrt(n) * 2));
    const cellW = (maxx - minx) / side || 1, cellH = (maxy - miny) / side || 1;
    const lists: number[][] = Array.from({ length: side * side }, () => []);
    const clamp = (v: number) => Math.min(side - 1, Math.max(0, v));
    for (let i = 0; i < n; i++) {
      const c0 = clamp(Math.floor((this.boxes[4 * i]! - minx) / cellW)), c1 = clamp(Math.floor((this.boxes[4 * i + 2]! - minx) / cellW));
      const r0 = clamp(Math.floor((this.boxes[4 * i + 1]! - miny) / cellH)), r1 = clamp(Math.floor((this.boxes[4 * i + 3]! - miny) / cellH));
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) lists[r * side + c]!.push(i);
    }
    return { minx, miny, cellW, cellH, cols: side, rows: side, buckets: lists.map((l) => Int32Array.from(l)) };
  }

  private contains(i: number, x: number, y: number): boolean {
    for (const rings of this.polygons[i]!) {
      if (rings[0] && inRing(rings[0], x, y)) {
        let inHole = false;
        for (let h = 1; h < rings.length && !inHole; h++) inHole = inRing(rings[h]!, x, y);
        if (!inHole) return true;
      }
    }
    return false;
  }

  /** The id of the area containing the point, or null. */
  locate(lon: number, lat: number): string | null {
    const g = this.grid;
    if (!g) return null;
    // The far edges belong to the last row and column.
    const c = Math.min(Math.floor((lon - g.minx) / g.cellW), lon <= g.minx + g.cols * g.cellW ? g.cols - 1 : g.cols);
    const r = Math.min(Math.floor((lat - g.miny) / g.cellH), lat <= g.miny + g.rows * g.cellH ? g.rows - 1 : g.rows);
    if (c < 0 || r < 0 || c >= g.cols || r >= g.rows) return null;
    const bucket = g.buckets[r * g.cols + c]!;
    const b = this.boxes;
    for (let k = 0; k < bucket.length; k++) {
      const i = bucket[k]!;
      if (lon < b[4 * i]! || lon > b[4 * i + 2]! || lat < b[4 * i + 1]! || lat > b[4 * i + 3]!) continue;
      if (this.contains(i, lon, lat)) return this.ids[i]!;
    }
    return null;
  }
}

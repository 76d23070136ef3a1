/**
 * A Mapbox Vector Tile 2.1 encoder for one layer of polygons whose rings are flat integer arrays in tile
 * coordinates ([x0, y0, x1, y1, …], closed: the first point repeated last), as parcel-cutter.ts makes them.
 * Written out in one growing buffer — no Point objects, no intermediate messages — because vt-pbf's wrapper
 * took as long per tile as reading and cutting the parcels did. Null attributes are left out, as ST_AsMVT does.
 */
export interface FlatPolygonFeature {
  /** Rings in order exterior, its holes, next exterior …; exteriors wound positive, holes negative. */
  rings: number[][];
  tags: Record<string, string | number | null>;
}

class Writer {
  buf: Uint8Array;
  pos = 0;

  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }

  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** An unsigned varint below 2^31. */
  varint(v: number): void {
    this.room(5);
    const b = this.buf;
    while (v > 0x7f) {
      b[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[this.pos++] = v;
  }

  /** Starts a length-delimited field; end() writes its length (one byte reserved, moved when more are needed). */
  begin(field: number): number {
    this.varint((field << 3) | 2);
    this.room(1);
    return this.pos++;
  }

  end(start: number): void {
    const length = this.pos - start - 1;
    const extra = length < 0x80 ? 0 : length < 0x4000 ? 1 : length < 0x200000 ? 2 : length < 0x10000000 ? 3 : 4;
    if (extra) {
      this.room(extra);
      this.buf.copyWithin(start + 1 + extra, start + 1, this.pos);
      this.pos += extra;
    }
    let v = length;
    let p = start;
    while (v > 0x7f) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
  }

  string(field: number, s: string): void {
    const start = this.begin(field);
    this.room(s.length * 3);
    this.pos += utf8.encodeInto(s, this.buf.subarray(this.pos)).written;
    this.end(start);
  }
}

const utf8 = new TextEncoder();
const zigzag = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;

export function encodePolygonLayer(name: string, features: FlatPolygonFeature[], extent = 4096): Uint8Array {
  const w = new Writer(1024 + features.length * 96);
  const layer = w.begin(3);
  w.varint((15 << 3) | 0);
  w.varint(2); // version
  w.string(1, name);
  const keys = new Map<string, number>();
  const strings = new Map<string, number>();
  const numbers = new Map<number, number>();
  const values: (string | number)[] = [];
  for (const f of features) {
    const feature = w.begin(2);
    const tags = w.begin(2);
    for (const key in f.tags) {
      const value = f.tags[key];
      if (value === null || value === undefined) continue;
      let k = keys.get(key);
      if (k === undefined) keys.set(key, (k = keys.size));
      const cache: Map<string | number, number> = typeof value === 'string' ? strings as Map<string | number, number> : numbers as Map<string | number, number>;
      let v = cache.get(value);
      if (v === undefined) {
        cache.set(value, (v = values.length));
        values.push(value);
      }
      w.varint(k);
      w.varint(v);
    }
    w.end(tags);
    w.varint((3 << 3) | 0);
    w.varint(3); // POLYGON
    const geometry = w.begin(4);
    let cx = 0;
    let cy = 0;
    for (const ring of f.rings) {
      const n = ring.length / 2 - 1; // the closing point is implied by ClosePath
      if (n < 3) continue;
      w.varint((1 << 3) | 1); // MoveTo, 1
      w.varint(zigzag(ring[0]! - cx));
      w.varint(zigzag(ring[1]! - cy));
      cx = ring[0]!;
      cy = ring[1]!;
      w.varint(((n - 1) << 3) | 2); // LineTo, n - 1
      for (let i = 2; i < n * 2; i += 2) {
        const x = ring[i]!;
        const y = ring[i + 1]!;
        w.varint(zigzag(x - cx));
        w.varint(zigzag(y - cy));
        cx = x;
        cy = y;
      }
      w.varint((1 << 3) | 7); // ClosePath
    }
    w.end(geometry);
    w.end(feature);
  }
  for (const key of keys.keys()) w.string(3, key);
  const scratch = new DataView(new ArrayBuffer(8));
  for (const value of values) {
    const v = w.begin(4);
    if (typeof value === 'string') w.string(1, value);
    else if (Number.isInteger(value) && value >= 0 && value < 2 ** 31) {
      w.varint((5 << 3) | 0); // uint_value
      w.varint(value);
    } else {
      w.varint((3 << 3) | 1); // double_value
      scratch.setFloat64(0, value, true);
      w.room(8);
      for (let i = 0; i < 8; i++) w.buf[w.pos++] = scratch.getUint8(i);
    }
    w.end(v);
  }
  w.varint((5 << 3) | 0);
  w.varint(extent);
  w.end(layer);
  return w.buf.slice(0, w.pos);
}

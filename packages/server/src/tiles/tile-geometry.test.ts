import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { clipRing, cutGeoJsonText, cutPackedGeometry, packWorldGeometry, projector, ringArea2, tileBbox, tileGeometry, TILE_EXTENT } from './tile-geometry.ts';

describe('tile geometry', () => {
  const a = { z: 12, x: 3297, y: 1698 };

  it('projects the tile box corners onto the tile edges', () => {
    const [minx, miny, maxx, maxy] = tileBbox(a, 0);
    const p = projector(a);
    expect(p([minx, maxy])[0]).toBeCloseTo(0, 6);
    expect(p([minx, maxy])[1]).toBeCloseTo(0, 6);
    expect(p([maxx, miny])[0]).toBeCloseTo(TILE_EXTENT, 6);
    expect(p([maxx, miny])[1]).toBeCloseTo(TILE_EXTENT, 6);
  });

  it('clips a ring to the box', () => {
    const clipped = clipRing([[-10, -10], [20, -10], [20, 20], [-10, 20]], 0, 10);
    expect(clipped).toHaveLength(4);
    expect(clipped.every(([x, y]) => x >= 0 && x <= 10 && y >= 0 && y <= 10)).toBe(true);
    expect(Math.abs(ringArea2(clipped))).toBe(200);
    expect(clipRing([[20, 20], [30, 20], [30, 30]], 0, 10)).toEqual([]);
  });

  it('winds exteriors positive and holes negative, whatever the input order, and drops what collapses', () => {
    const [minx, miny, maxx, maxy] = tileBbox(a, 0);
    const [cx, cy] = [(minx + maxx) / 2, (miny + maxy) / 2];
    const d = (maxx - minx) / 8;
    // Exterior clockwise and hole counter-clockwise in lon/lat: the reverse of RFC 7946.
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[cx - d, cy - d], [cx - d, cy + d], [cx + d, cy + d], [cx + d, cy - d], [cx - d, cy - d]],
        [[cx - d / 2, cy - d / 2], [cx + d / 2, cy - d / 2], [cx + d / 2, cy + d / 2], [cx - d / 2, cy + d / 2], [cx - d / 2, cy - d / 2]],
      ],
    };
    const rings = tileGeometry(polygon, a)!;
    expect(rings).toHaveLength(2);
    expect(ringArea2(rings[0]!)).toBeGreaterThan(0);
    expect(ringArea2(rings[1]!)).toBeLessThan(0);
    expect(rings[0]![0]).toEqual(rings[0]![rings[0]!.length - 1]); // closed
    const tiny: Polygon = { type: 'Polygon', coordinates: [[[cx, cy], [cx + 1e-9, cy], [cx, cy + 1e-9], [cx, cy]]] };
    expect(tileGeometry(tiny, a)).toBeNull();
    const far: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(tileGeometry(far, a)).toBeNull();
  });
  it('reads GeoJSON text however its numbers are written', () => {
    const [minx, miny, maxx, maxy] = tileBbox(a, 0);
    const [x0, y0, x1, y1] = [minx + (maxx - minx) / 4, miny + (maxy - miny) / 4, maxx - (maxx - minx) / 4, maxy - (maxy - miny) / 4];
    const compact = JSON.stringify({ type: 'MultiPolygon', coordinates: [[[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]] });
    const spaced = `{ "coordinates": [ [ [ [ ${x0.toExponential()} , ${y0} ], [${x1}, ${y0}, 0], [${x1},${y1}], [${x0}, ${y1}], [${x0.toExponential()}, ${y0}] ] ] ], "type": "MultiPolygon" }`;
    const expected = cutGeoJsonText(compact, a);
    expect(expected).toHaveLength(1);
    expect(cutGeoJsonText(spaced, a)).toEqual(expected);
    expect(cutGeoJsonText('{"type":"MultiPolygon","coordinates":[]}', a)).toBeNull();
  });
});

describe('MVT encoding', () => {
  it('round-trips polygons with holes and every kind of value through a standard decoder', async () => {
    const { VectorTile } = await import('@mapbox/vector-tile');
    const { default: Pbf } = await import('pbf');
    const { encodePolygonLayer } = await import('./mvt-encode.ts');
    const outer = [10, 10, 100, 10, 100, 100, 10, 100, 10, 10];
    const hole = [20, 20, 20, 40, 40, 40, 40, 20, 20, 20];
    // A long ring (lengths above 127 bytes take two-byte length prefixes) with large and negative deltas.
    const long = Array.from({ length: 300 }, (_, i) => [Math.round(2000 + 1500 * Math.cos(i / 50)), Math.round(2000 + 1500 * Math.sin(i / 50)) - 3000]).flat();
    long.push(long[0]!, long[1]!);
    const bytes = encodePolygonLayer('parcels', [
      { rings: [outer, hole], tags: { name: '小班', area: 9876.5, n: 12, neg: -3, gone: null } },
      { rings: [long], tags: { name: '小班', n: 13 } },
    ]);
    const layer = new VectorTile(new Pbf(bytes)).layers.parcels!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    expect(layer.length).toBe(2);
    const f = layer.feature(0);
    expect(f.type).toBe(3);
    expect({ ...f.properties }).toEqual({ name: '小班', area: 9876.5, n: 12, neg: -3 });
    const pairs = (r: number[]) => Array.from({ length: r.length / 2 }, (_, i) => [r[2 * i], r[2 * i + 1]]);
    expect(f.loadGeometry().map((r) => r.map((p) => [p.x, p.y]))).toEqual([pairs(outer), pairs(hole)]);
    expect({ ...layer.feature(1).properties }).toEqual({ name: '小班', n: 13 });
    expect(layer.feature(1).loadGeometry()[0]!.map((p) => [p.x, p.y])).toEqual(pairs(long));
  });

  it('cuts the same rings from the packed outline as from the GeoJSON text, within a tile unit, at z8–z16', () => {
    // A polygon with a hole across a tile corner near Youyang, and a far one that must not show.
    const polygon: Polygon = { type: 'Polygon', coordinates: [
      [[108.7621, 28.8307], [108.7912, 28.8311], [108.7935, 28.8519], [108.7702, 28.8583], [108.7594, 28.8442], [108.7621, 28.8307]],
      [[108.7700, 28.8400], [108.7800, 28.8400], [108.7800, 28.8480], [108.7700, 28.8480], [108.7700, 28.8400]],
    ] };
    const packed = packWorldGeometry(polygon);
    for (const z of [8, 10, 12, 14, 16]) {
      const n = 2 ** z;
      const x = Math.floor(((108.7765 + 180) / 360) * n);
      const s = Math.sin((28.8445 * Math.PI) / 180);
      const y = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
      for (const address of [{ z, x, y }, { z, x: x + 1, y }, { z, x, y: y + 1 }]) {
        const fromText = cutGeoJsonText(JSON.stringify(polygon), address);
        const fromPacked = cutPackedGeometry(packed, address);
        expect(fromPacked === null).toBe(fromText === null);
        if (!fromText || !fromPacked) continue;
        expect(fromPacked.map((r) => r.length)).toEqual(fromText.map((r) => r.length));
        fromText.forEach((ring, i) => ring.forEach((v, j) => expect(Math.abs(v - fromPacked[i]![j]!)).toBeLessThanOrEqual(1)));
      }
    }
    expect(cutPackedGeometry(packWorldGeometry({ type: 'Polygon', coordinates: [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]] }), { z: 12, x: 3297, y: 1698 })).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { TileService } from '../src/tiles/service.ts';
import { viewerOf } from '../src/auth/viewer.ts';

// Issue 5 §7: parcel (小班) tiles from both engines — the parcel is in the tile that contains it, with the
// attributes the map needs; not in another scope's tiles nor another year's; cached, and rebuilt after an import.
const NOW = new Date('2024-05-06T02:00:00Z');
const VILLAGE = '500242101200'; // 包家村, 龙潭镇

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/** Whether a point lies inside a polygon's outer rings (ray casting). */
function contains(geometry: Polygon | MultiPolygon, [x, y]: Position): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) => {
    let inside = false;
    const ring = rings[0]!;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
      if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
    }
    return inside;
  });
}

describe.each(testEngines())('parcel tiles on $name', (engine) => {
  let f: AppFixture;
  let admin: string;
  let longtanChief: string;
  let mawangChief: string;
  let at: [number, number];

  const square = (i: number): Position[] => {
    const [x, y] = [at[0] + i * 0.0011, at[1]];
    const d = 0.0005;
    return [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]];
  };
  const importParcels = async (year: number, parcels: { no: string; i: number; landClass: string }[]) => {
    const collection = {
      type: 'FeatureCollection',
      features: parcels.map((p) => ({
        type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(p.i)] },
        properties: { 林班: '7', 小班号: p.no, 地类: p.landClass, 森林类别: '11', 起源: '天然', 优势树种: '马尾松', 郁闭度: 0.7 },
      })),
    };
    const res = await f.app.inject({
      method: 'POST', url: '/api/ledger/parcels/imports', headers: { cookie: admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ fileName: '小班.geojson', contentBase64: Buffer.from(JSON.stringify(collection)).toString('base64'), year, commit: true }),
    });
    expect(res.json()).toMatchObject({ committed: true, created: parcels.length });
  };
  const fetchTile = (cookie: string, z: number, x: number, y: number, query = '', headers: Record<string, string> = {}) =>
    f.app.inject({ method: 'GET', url: `/api/tiles/parcels/${z}/${x}/${y}.pbf${query}`, headers: { cookie, ...headers } });
  const parcelsIn = (payload: Buffer, z: number, x: number, y: number): Feature[] => {
    // A copy: pbf 4 reads doubles through a DataView that ignores a pooled Buffer's byteOffset.
    const layer = new VectorTile(new Pbf(new Uint8Array(payload))).layers.parcels;
    return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i).toGeoJSON(x, y, z) as Feature) : [];
  };

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', NOW, { activity: false }), now: () => NOW });
    admin = await f.login('admin', 'admin123');
    longtanChief = await f.login('chief-500242101000');
    mawangChief = await f.login('chief-500242102000');
    const v = await f.store.db.selectFrom('units').select('geom_json').where('code', '=', VILLAGE).executeTakeFirstOrThrow();
    at = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
    await importParcels(2023, [{ no: '001', i: 0, landClass: '0111' }]);
  });
  afterAll(() => f?.close());

  it('puts a parcel into the tile that contains it, with its attributes, at z8–z16', async () => {
    for (const z of [8, 10, 12, 14, 16]) {
      const [x, y] = tileOf(at[0], at[1], z);
      const res = await fetchTile(longtanChief, z, x, y);
      expect(res.statusCode, `z${z}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      const features = parcelsIn(res.rawPayload, z, x, y);
      const mine = features.find((p) => p.properties?.parcelNo === '7-001');
      expect(mine?.properties, `z${z}`).toMatchObject({ unitCode: VILLAGE, landClass: '0111', forestCategory: '11', origin: 'natural' });
      expect(mine!.properties!.areaM2).toBeGreaterThan(9_000);
      expect(mine!.properties!.areaM2).toBeLessThan(12_000);
      expect(typeof mine!.properties!.id).toBe('string');
      // Zoomed in, the square's centre lies inside the decoded polygon and its corner just outside.
      if (z >= 14) {
        expect(contains(mine!.geometry as Polygon, at)).toBe(true);
        expect(contains(mine!.geometry as Polygon, [at[0] + 0.0007, at[1] + 0.0007])).toBe(false);
      }
    }
  });

  it('leaves it out of the neighbouring tile, of other scopes, of other years and below z8', async () => {
    const z = 15;
    const [x, y] = tileOf(at[0], at[1], z);
    const neighbour = await fetchTile(longtanChief, z, x, y + 3);
    expect(neighbour.statusCode === 204 || parcelsIn(neighbour.rawPayload, z, x, y + 3).every((p) => p.properties?.parcelNo !== '7-001')).toBe(true);
    // 麻旺镇's chief asks for the very same tile: nothing (the cache is per scope).
    expect((await fetchTile(mawangChief, z, x, y)).statusCode).toBe(204);
    expect((await fetchTile(longtanChief, z, x, y, '?year=2022')).statusCode).toBe(204);
    const [x7, y7] = tileOf(at[0], at[1], 7);
    expect((await fetchTile(longtanChief, 7, x7, y7)).statusCode).toBe(204);
    const bad = await fetchTile(longtanChief, z, x, y, '?year=abc');
    expect(bad.statusCode).toBe(400);
  });

  it('answers 304 to its ETag, and after an import of that year serves the rebuilt tile under a new ETag', async () => {
    const z = 14;
    const [x, y] = tileOf(at[0], at[1], z);
    const first = await fetchTile(longtanChief, z, x, y, '?year=2023');
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toContain('no-cache');
    expect((await fetchTile(longtanChief, z, x, y, '?year=2023', { 'if-none-match': etag })).statusCode).toBe(304);
    // Another scope never gets a 304 for this ETag.
    expect((await fetchTile(mawangChief, z, x, y, '?year=2023', { 'if-none-match': etag })).statusCode).toBe(204);

    await importParcels(2023, [{ no: '002', i: 1, landClass: '0210' }]);
    const second = await fetchTile(longtanChief, z, x, y, '?year=2023', { 'if-none-match': etag });
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).not.toBe(etag);
    const nos = parcelsIn(second.rawPayload, z, x, y).map((p) => [p.properties?.parcelNo, p.properties?.landClass]);
    expect(nos).toEqual(expect.arrayContaining([['7-001', '0111'], ['7-002', '0210']]));
    // Another year's import does not change 2023's tiles.
    await importParcels(2024, [{ no: '003', i: 2, landClass: '0113' }]);
    const third = await fetchTile(longtanChief, z, x, y, '?year=2023');
    expect(third.headers.etag).toBe(second.headers.etag);
    // … and without a year the latest (2024) is served.
    const latest = await fetchTile(longtanChief, z, x, y);
    expect(parcelsIn(latest.rawPayload, z, x, y).map((p) => p.properties?.parcelNo)).toEqual(['7-003']);
    expect((await f.app.inject({ method: 'GET', url: '/api/ledger/years', headers: { cookie: longtanChief } })).json()).toEqual({ years: [2024, 2023] });
    expect((await f.app.inject({ method: 'GET', url: '/api/ledger/years', headers: { cookie: mawangChief } })).json()).toEqual({ years: [] });
  });

  it('keeps encoded tiles in an LRU bounded by bytes and drops only the written year', async () => {
    const viewer = viewerOf({ id: 'u', username: 'u', roles: ['chief'], scopeUnitCode: '500242101000' });
    const z = 14;
    const [x, y] = tileOf(at[0], at[1], z);
    const service = new TileService(f.store, 4, 4096);
    const a = await service.tile(viewer, 'parcels', z, x, y, 2023);
    expect(a).not.toBeNull();
    expect(await service.tile(viewer, 'parcels', z, x, y, 2023)).toBe(a); // the same bytes, from the cache
    const b = await service.tile(viewer, 'parcels', z, x, y, 2024);
    expect(service.cachedBytes).toBeGreaterThan(a!.byteLength + b!.byteLength);
    service.invalidateParcels(2024);
    expect(await service.tile(viewer, 'parcels', z, x, y, 2023)).toBe(a);
    expect(await service.tile(viewer, 'parcels', z, x, y, 2024)).not.toBe(b);
    // Never more than its byte budget: filling it with other tiles evicts the oldest.
    for (let i = 1; i < 40; i++) await service.tile(viewer, 'parcels', z, x + i, y, 2023);
    expect(service.cachedBytes).toBeLessThanOrEqual(4096);
    expect(await service.tile(viewer, 'parcels', z, x, y, 2023)).not.toBe(a);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import proj4 from 'proj4';
import type { MultiPolygon, Position } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';

// Issue 6 §7 (DOMAIN.md §5 "Infrastructure", §10 targets): the fire-prevention works register — lines measured on
// the ellipsoid, the unit found from a point or a line's half-way point, progress per town (villages included)
// against targets, scope, field errors, import dry run vs commit, and the tile layer, on both engines.
const NOW = new Date('2024-07-01T02:00:00Z'); // 1 July 2024 Shanghai: 183 of 366 days gone
const TOWN = '500242101000'; // 龙潭镇
const OTHER_TOWN = '500242102000';

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [Math.floor(((lon + 180) / 360) * n), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)];
}

describe.each(testEngines())('fire infrastructure on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let otherStaff: string;
  let villageA = '';
  let villageB = '';
  let a: [number, number];
  let b: [number, number];
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        const auth = new AuthService(store, defaultSettings);
        await auth.createUser({ username: 'fire-staff', name: '防火办', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        await auth.createUser({ username: 'other-staff', name: '他镇', password: 'staff1234', roles: ['staff'], scopeUnitCode: OTHER_TOWN, actorId: null });
        const villages = await store.db.selectFrom('units').select(['code', 'geom_json']).where('parent_code', '=', TOWN).orderBy('code').limit(2).execute();
        [villageA, villageB] = [villages[0]!.code, villages[1]!.code];
        a = interiorPoint(JSON.parse(villages[0]!.geom_json!) as MultiPolygon)!;
        b = interiorPoint(JSON.parse(villages[1]!.geom_json!) as MultiPolygon)!;
      },
      now: () => NOW,
    });
    staff = await f.login('fire-staff', 'staff1234');
    otherStaff = await f.login('other-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  let lineId = '';
  it('measures a firebreak on the ellipsoid and files it under the village holding its half-way point, not its first vertex', async () => {
    // From village A to village B, then back and forth near B for longer than the crossing: the half-way point is in B.
    const d = 0.0004;
    const wiggle: Position[] = Array.from({ length: 400 }, (_, i) => [b[0] + (i % 2 ? d : 0), b[1]]);
    const coordinates: Position[] = [a, b, ...wiggle];
    const r = await call('POST', '/api/fire/infrastructure', { kind: 'firebreak', name: '龙潭镇生物防火隔离带', geometry: { type: 'LineString', coordinates }, status: 'built', builtYear: 2024, condition: 'good' });
    expect(r.statusCode).toBe(201);
    lineId = r.json().id;
    expect(r.json()).toMatchObject({ unitCode: villageB, kind: 'firebreak', status: 'built' });
    const stored = r.json().lengthM as number;
    if (engine.name === 'postgres') {
      // An independent ellipsoidal computation: PostGIS geography (GeographicLib, WGS84 ≈ CGCS2000 to 0.1 mm per km).
      const { rows } = await sql<{ l: number }>`select st_length(st_geomfromgeojson(geom_json)::geography) as l from fire_infrastructure where id = ${lineId}`.execute(f.store.db);
      expect(Math.abs(stored - rows[0]!.l) / rows[0]!.l).toBeLessThan(1e-6);
    }
    // On both engines, a second independent computation: planar length in the CGCS2000 Gauss-Krüger 3° zone of
    // CM 108°E (proj4), whose scale error this close to the meridian is under 2 × 10⁻⁴.
    const gk = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const projected = coordinates.map((p) => proj4('EPSG:4326', gk, p));
    const planar = projected.slice(1).reduce((sum, p, i) => sum + Math.hypot(p[0]! - projected[i]![0]!, p[1]! - projected[i]![1]!), 0);
    expect(Math.abs(stored - planar) / stored).toBeLessThan(2e-4);
  });

  it('refuses bad input with a 4xx naming the field (Chinese message) and writes nothing', async () => {
    const before = (await call('GET', '/api/fire/infrastructure')).json().total;
    const asLine = await call('POST', '/api/fire/infrastructure', { kind: 'watchtower', name: '塔', geometry: { type: 'LineString', coordinates: [a, b] }, status: 'built' });
    expect(asLine.statusCode).toBe(400);
    expect(asLine.json().errors[0]).toEqual({ field: '/body/geometry', message: '瞭望塔应为点（Point）' });
    const capacity = await call('POST', '/api/fire/infrastructure', { kind: 'checkpoint', name: '站', geometry: { type: 'Point', coordinates: a }, status: 'built', capacityM3: 50 });
    expect(capacity.json().errors[0].field).toBe('/body/capacityM3');
    const outside = await call('POST', '/api/fire/infrastructure', { kind: 'checkpoint', name: '站', geometry: { type: 'Point', coordinates: [100, 30] }, status: 'built' });
    expect(outside.json().errors[0].field).toBe('/body/geometry');
    const future = await call('POST', '/api/fire/infrastructure', { kind: 'checkpoint', name: '站', geometry: { type: 'Point', coordinates: a }, status: 'built', builtYear: 2026 });
    expect(future.json().errors[0].field).toBe('/body/builtYear');
    const noName = await call('POST', '/api/fire/infrastructure', { kind: 'checkpoint', geometry: { type: 'Point', coordinates: a }, status: 'built' });
    expect(noName.statusCode).toBe(400);
    expect(JSON.stringify(noName.json().errors)).toContain('name');
    const zero = await call('POST', '/api/fire/infrastructure', { kind: 'fire_trail', name: '道', geometry: { type: 'LineString', coordinates: [a, a] }, status: 'built' });
    expect(zero.json().errors[0].field).toBe('/body/geometry');
    const group = await call('POST', '/api/fire/ten-household-groups', { unitCode: TOWN, name: '一组', headName: '冉', headPhone: '13800000000', householdCount: 10 });
    expect(group.json().errors[0].field).toBe('/body/unitCode');
    const members = await call('POST', '/api/fire/ten-household-groups', { unitCode: villageA, name: '一组', headName: '冉', headPhone: '13800000000', householdCount: 2, members: ['甲', '乙', '丙'] });
    expect(members.json().errors[0].field).toBe('/body/members');
    expect((await call('GET', '/api/fire/infrastructure')).json().total).toBe(before);
  });

  it("sums a town's villages in its figures and reads them against the year's targets (ahead / behind / met)", async () => {
    for (const [i, p] of [a, b, a].entries()) {
      expect((await call('POST', '/api/fire/infrastructure', { kind: 'video_point', name: `视频监控点 ${i + 1}`, geometry: { type: 'Point', coordinates: [p[0] + i * 0.0001, p[1]] }, status: 'built', builtYear: 2024 })).statusCode).toBe(201);
    }
    await call('POST', '/api/fire/infrastructure', { kind: 'water_tank', name: '消防水池', geometry: { type: 'Point', coordinates: a }, status: 'building', capacityM3: 200 });
    for (const v of [villageA, villageB]) {
      expect((await call('POST', '/api/fire/ten-household-groups', { unitCode: v, name: '第一联防组', headName: '冉光明', headPhone: '13800000001', householdCount: 10, formedYear: 2024 })).statusCode).toBe(201);
    }
    const source = '《酉阳县林业局2024年工作要点》八、四是 强化林火智能监控系统应用（数量为测试设定）';
    expect((await call('PUT', '/api/fire/infrastructure-targets', { unitCode: TOWN, kind: 'video_point', year: 2024, value: 4, source })).statusCode).toBe(200);
    const replaced = await call('PUT', '/api/fire/infrastructure-targets', { unitCode: TOWN, kind: 'video_point', year: 2024, value: 6, source });
    expect(replaced.json()).toMatchObject({ value: 6, basis: 'new' });
    await call('PUT', '/api/fire/infrastructure-targets', { unitCode: TOWN, kind: 'firebreak', year: 2024, value: 1 });
    await call('PUT', '/api/fire/infrastructure-targets', { unitCode: villageA, kind: 'ten_household_group', year: 2024, value: 1 });
    await call('PUT', '/api/fire/infrastructure-targets', { unitCode: villageB, kind: 'ten_household_group', year: 2024, value: 3 });
    expect((await call('GET', '/api/fire/infrastructure-targets?year=2024')).json()).toHaveLength(4);

    const county = (await call('GET', '/api/fire/infrastructure/summary?year=2024')).json();
    expect(county.units[0].unitCode).toBe('500242000000');
    const town = county.units.find((u: { unitCode: string }) => u.unitCode === TOWN);
    const of = (kind: string) => town.progress.find((p: { kind: string }) => p.kind === kind);
    // 6 video points for 2024, 3 built by 1 July: expected 6 × 183/366 = 3 → on pace.
    expect(of('video_point')).toMatchObject({ actual: 3, target: 6, targetFrom: 'own', status: 'ahead', sources: [source] });
    expect(of('video_point').expected).toBeCloseTo(3, 9);
    expect(of('firebreak').status).toBe('met');
    expect(of('firebreak').actual).toBeGreaterThan(1);
    expect(of('water_tank')).toMatchObject({ actual: 0, building: 1, target: null });
    // The villages' group targets add up for the town: 2 formed against 1 + 3 = 4, on the pace (4 × ½ = 2 expected).
    expect(of('ten_household_group')).toMatchObject({ actual: 2, target: 4, targetFrom: 'descendants', status: 'ahead' });
    const townView = (await call('GET', `/api/fire/infrastructure/summary?unit=${TOWN}&year=2024`)).json();
    expect(townView.units.map((u: { unitCode: string }) => u.unitCode).slice(0, 3)).toEqual([TOWN, ...[villageA, villageB].sort()].slice(0, 3));
    const vb = townView.units.find((u: { unitCode: string }) => u.unitCode === villageB);
    expect(vb.progress.find((p: { kind: string }) => p.kind === 'ten_household_group')).toMatchObject({ actual: 1, target: 3, status: 'behind' });
    const xlsx = await call('GET', '/api/fire/infrastructure.xlsx?year=2024');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it("keeps another town's staff and chiefs out: 404 for a work outside their scope, 403 for a chief's write", async () => {
    expect((await call('GET', `/api/fire/infrastructure/${lineId}`, undefined, otherStaff)).statusCode).toBe(404);
    const put = await call('PUT', `/api/fire/infrastructure/${lineId}`, { kind: 'firebreak', name: 'x', geometry: { type: 'Point', coordinates: a }, status: 'built' }, otherStaff);
    expect(put.statusCode).toBe(404);
    expect((await call('DELETE', `/api/fire/infrastructure/${lineId}`, {}, otherStaff)).statusCode).toBe(404);
    const chief = await f.login(`chief-${OTHER_TOWN}`);
    expect((await call('GET', `/api/fire/infrastructure/${lineId}`, undefined, chief)).statusCode).toBe(404);
    expect((await call('GET', '/api/fire/infrastructure', undefined, chief)).json().total).toBe(0);
    expect((await call('GET', `/api/fire/infrastructure/summary?unit=${TOWN}`, undefined, chief)).statusCode).toBe(404);
    expect((await call('POST', '/api/fire/infrastructure', { kind: 'checkpoint', name: '站', geometry: { type: 'Point', coordinates: a }, status: 'built' }, chief)).statusCode).toBe(403);
    const own = await f.login(`chief-${TOWN}`);
    expect((await call('GET', `/api/fire/infrastructure/${lineId}`, undefined, own)).statusCode).toBe(200);
  });

  it('imports works from GeoJSON: a dry run reports row by row and writes nothing, the commit writes the accepted rows', async () => {
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { 类型: '防火通道', 名称: '包家村防火通道', 建成年份: 2023 }, geometry: { type: 'LineString', coordinates: [a, [a[0] + 0.003, a[1] + 0.002]] } },
      { type: 'Feature', properties: { 类型: '瞭望塔', 名称: '龙潭瞭望塔' }, geometry: { type: 'Point', coordinates: b } },
      { type: 'Feature', properties: { 类型: '瞭望塔', 名称: '线状的塔' }, geometry: { type: 'LineString', coordinates: [a, b] } },
      { type: 'Feature', properties: { 类型: '水塔', 名称: '不认识' }, geometry: { type: 'Point', coordinates: b } },
    ] };
    const body = { fileName: 'works.geojson', contentBase64: Buffer.from(JSON.stringify(fc)).toString('base64') };
    const before = (await call('GET', '/api/fire/infrastructure')).json().total;
    const dry = await call('POST', '/api/fire/infrastructure/imports', body);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ accepted: 2, rejected: 2, committed: false, created: 0 });
    expect(dry.json().rows.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false, false]);
    expect(dry.json().rows[0]).toMatchObject({ kind: 'fire_trail', unitCode: villageA });
    expect(dry.json().rows[0].lengthM).toBeGreaterThan(300);
    expect(dry.json().rows[2].findings[0]).toMatchObject({ field: '几何', message: '瞭望塔应为点（Point）' });
    expect(dry.json().rows[3].findings[0].message).toContain('水塔');
    expect((await call('GET', '/api/fire/infrastructure')).json().total).toBe(before);
    const done = await call('POST', '/api/fire/infrastructure/imports', { ...body, commit: true });
    expect(done.json()).toMatchObject({ committed: true, created: 2 });
    expect((await call('GET', '/api/fire/infrastructure')).json().total).toBe(before + 2);
    expect((await call('GET', '/api/fire/infrastructure?kind=watchtower')).json().items[0]).toMatchObject({ name: '龙潭瞭望塔', status: 'built' });
    const bad = await call('POST', '/api/fire/infrastructure/imports', { fileName: 'x.txt', contentBase64: 'AAAA' });
    expect(bad.json().fileFindings[0].message).toContain('GeoJSON');
  });

  it('serves the works as an infrastructure tile layer (lines and points), rebuilt after a write and scoped', async () => {
    const z = 13;
    const [x, y] = tileOf(b[0], b[1], z);
    const get = (cookie = staff, etag?: string) => f.app.inject({ method: 'GET', url: `/api/tiles/infrastructure/${z}/${x}/${y}.pbf`, headers: { cookie, ...(etag ? { 'if-none-match': etag } : {}) } });
    const first = await get();
    expect(first.statusCode).toBe(200);
    const layer = new VectorTile(new Pbf(first.rawPayload)).layers.infrastructure!;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const line = features.find((ft) => ft.properties.id === lineId)!;
    expect(line.type).toBe(2); // a line
    expect(line.properties).toMatchObject({ kind: 'firebreak', status: 'built' });
    expect(Number(line.properties.lengthM)).toBeGreaterThan(0);
    expect(features.some((ft) => ft.type === 1 && ft.properties.kind === 'video_point')).toBe(true);
    expect((await get(staff, first.headers.etag as string)).statusCode).toBe(304);
    expect((await call('POST', '/api/fire/infrastructure', { kind: 'smart_checkpoint', name: '智能卡口', geometry: { type: 'Point', coordinates: [b[0] + 0.0002, b[1]] }, status: 'built' })).statusCode).toBe(201);
    const after = await get(staff, first.headers.etag as string);
    expect(after.statusCode).toBe(200);
    expect(new VectorTile(new Pbf(after.rawPayload)).layers.infrastructure!.length).toBe(layer.length + 1);
    expect((await get(otherStaff)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/fire/infrastructure/${lineId}`, {})).statusCode).toBe(200);
    expect((await call('GET', `/api/fire/infrastructure/${lineId}`)).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { jpegWithExif } from './fixtures/jpeg-with-exif.ts';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

// Issue 5 §5: the register of ancient and famous trees — a point each, graded by age (LY/T 2738-2016), the village
// found from the point, register numbers unique within the county, photos and inspections, scoped like every register.
const NOW = new Date('2026-05-06T02:00:00Z');

describe.each(testEngines())('ancient and famous trees on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let here: [number, number];
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'forestry-staff', name: '资源股', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', '500242101200').executeTakeFirstOrThrow();
        here = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
      },
      now: () => NOW,
    });
    staff = await f.login('forestry-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  let treeId = '';
  it('registers a tree in the village under its point, graded by its age, with a photo', async () => {
    const photo = await f.app.inject({ method: 'POST', url: '/api/files', headers: { 'content-type': 'image/jpeg', cookie: staff }, payload: jpegWithExif({ takenAt: '2026:05:05 10:00:00', lat: here[1], lon: here[0] }) });
    expect(photo.statusCode).toBe(201);
    const r = await call('POST', '/api/trees', {
      registerNo: '50024200001', lon: here[0], lat: here[1], species: '银杏', latinName: 'Ginkgo biloba', estimatedAge: 520, girthCm: 480, heightM: 26, crownM: 18,
      owner: '包家村集体', caretakerName: '冉大山', caretakerPhone: '13800000000', photos: [photo.json().id],
    });
    expect(r.statusCode).toBe(201);
    treeId = r.json().id;
    expect(r.json()).toMatchObject({ unitCode: '500242101200', unitName: '包家村', grade: 'grade1', health: 'good', photos: [photo.json().id] });
    // the photo can be read by staff of the town, who did not upload it
    const chief = await f.login('chief-500242101000');
    expect((await f.app.inject({ method: 'GET', url: `/api/files/${photo.json().id}`, headers: { cookie: chief } })).statusCode).toBe(200);
  });

  it('grades 300 years as 二级 and a young famous tree as 名木, and refuses a young ordinary tree, a taken number and a point outside', async () => {
    const base = { lon: here[0] + 0.001, lat: here[1], species: '黄葛树' };
    expect((await call('POST', '/api/trees', { ...base, registerNo: '50024200002', estimatedAge: 300 })).json().grade).toBe('grade2');
    expect((await call('POST', '/api/trees', { ...base, registerNo: '50024200003', estimatedAge: 60, famous: true })).json().grade).toBe('famous');
    const young = await call('POST', '/api/trees', { ...base, registerNo: '50024200004', estimatedAge: 99 });
    expect(young.statusCode).toBe(400);
    expect(young.json().errors[0]).toEqual({ field: '/body/estimatedAge', message: '树龄不足 100 年且非名木，不列入古树名木名录' });
    const taken = await call('POST', '/api/trees', { ...base, registerNo: '50024200001', estimatedAge: 150 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('/body/registerNo');
    expect((await call('POST', '/api/trees', { ...base, lon: 100, lat: 30, registerNo: '50024200005', estimatedAge: 150 })).json().errors[0].field).toBe('/body/lon');
    expect((await call('POST', '/api/trees', { ...base, registerNo: 'x', estimatedAge: 150, photos: ['nope'] })).json().errors[0].field).toBe('/body/photos/0');
  });

  it('records inspections that set the tree’s health, lists by grade, exports, and keeps other towns out', async () => {
    const i = await call('POST', `/api/trees/${treeId}/inspections`, { inspectedOn: '2026-05-01', inspector: '冉大山', health: 'fair', finding: '主干有空洞，枝叶稀疏' });
    expect(i.statusCode).toBe(201);
    const tree = (await call('GET', `/api/trees/${treeId}`)).json();
    expect(tree).toMatchObject({ health: 'fair', inspections: [{ inspector: '冉大山', health: 'fair' }] });
    expect((await call('POST', `/api/trees/${treeId}/inspections`, { inspectedOn: '2026-06-01', inspector: 'x', health: 'good', finding: 'x' })).json().errors[0].field).toBe('/body/inspectedOn');
    expect((await call('GET', '/api/trees?grade=grade1')).json()).toMatchObject({ total: 1, items: [{ registerNo: '50024200001' }] });
    expect((await call('GET', '/api/trees?q=黄葛')).json().total).toBe(2);
    const xlsx = await call('GET', '/api/trees.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await f.login('chief-500242102000');
    expect((await call('GET', '/api/trees', undefined, other)).json().total).toBe(0);
    expect((await call('GET', `/api/trees/${treeId}`, undefined, other)).statusCode).toBe(404);
    expect((await call('POST', '/api/trees', { registerNo: 'y', lon: here[0], lat: here[1], species: '银杏', estimatedAge: 200 }, other)).statusCode).toBe(403);
  });

  it('serves the trees as a vector tile layer to their own units, rebuilt after a new tree (issue 5 §7)', async () => {
    const z = 14;
    const n = 2 ** z;
    const x = Math.floor(((here[0] + 180) / 360) * n);
    const s = Math.sin((here[1] * Math.PI) / 180);
    const y = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
    const get = (cookie = staff, etag?: string) => f.app.inject({ method: 'GET', url: `/api/tiles/trees/${z}/${x}/${y}.pbf`, headers: { cookie, ...(etag ? { 'if-none-match': etag } : {}) } });
    const first = await get();
    expect(first.statusCode).toBe(200);
    const layer = new VectorTile(new Pbf(first.rawPayload)).layers.trees!;
    const props = Array.from({ length: layer.length }, (_, i) => ({ ...layer.feature(i).properties }));
    expect(props).toContainEqual(expect.objectContaining({ registerNo: '50024200001', grade: 'grade1', health: 'fair' }));
    expect(layer.feature(0).type).toBe(1); // points
    expect((await get(staff, first.headers.etag as string)).statusCode).toBe(304);
    expect((await call('POST', '/api/trees', { registerNo: '50024200009', lon: here[0] + 0.0005, lat: here[1], species: '香樟', estimatedAge: 180 })).statusCode).toBe(201);
    const after = await get(staff, first.headers.etag as string);
    expect(after.statusCode).toBe(200);
    expect(new VectorTile(new Pbf(after.rawPayload)).layers.trees!.length).toBe(layer.length + 1);
    expect((await get(await f.login('chief-500242102000'))).statusCode).toBe(204);
  });
});

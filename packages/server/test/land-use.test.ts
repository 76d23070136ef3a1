import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { ellipsoidalArea, interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { ParcelRepository } from '../src/ledger/parcel-repository.ts';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

// Issue 5 §4 and DOMAIN.md §4: a land use application's land laid over the ledger before the decision — a square
// half over a 重点公益林 parcel shows half its area — and approval over 重点公益林 refused unless acknowledged.
const NOW = new Date('2026-05-06T02:00:00Z');

describe.each(testEngines())('forest land use approvals on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let x = 0;
  let y = 0;
  const square = (x0: number, y0: number, w: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x0 + w, y0], [x0 + w, y0 + w], [x0, y0 + w], [x0, y0]]] });
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'forestry-staff', name: '资源股', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', '500242101200').executeTakeFirstOrThrow();
        [x, y] = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
        const parcel = (no: string, g: Polygon, forestCategory: string, origin: 'natural' | 'planted') => ({
          id: `p-${no}`, year: 2026, parcelNo: no, unitCode: '500242101200', landClass: '0111', forestCategory, authorityLevel: null, origin, dominantSpecies: null,
          ageGroup: null, canopyClosure: 0.6, volumeM3: null, ownerType: null, owner: null, areaM2: ellipsoidalArea(g), geometry: { type: 'MultiPolygon' as const, coordinates: [g.coordinates] }, importBatch: null,
        });
        await new ParcelRepository(store.db, store.spatial).insertMany([
          parcel('001', square(x - 0.002, y, 0.002), '11', 'planted'), // west of x: the land's left half lies on it
          parcel('002', square(x + 0.004, y, 0.002), '12', 'natural'),
        ], NOW.toISOString());
      },
      now: () => NOW,
    });
    staff = await f.login('forestry-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  let id = '';
  it('registers an application and shows half its land on 重点公益林 before the decision', async () => {
    const r = await call('POST', '/api/land-use', { project: '包家村通组公路', applicant: '酉阳县交通局', useType: 'permanent', geometry: square(x - 0.001, y, 0.002), appliedOn: '2026-05-01' });
    expect(r.statusCode).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({ unitCode: '500242101200', unitName: '包家村', status: 'applied', state: 'applied' });
    const o = (await call('GET', `/api/land-use/${id}/overlap`)).json();
    expect(o.parcels.map((p: { parcelNo: string }) => p.parcelNo)).toEqual(['001']);
    expect(Math.abs(o.keyPublicWelfareM2 / (o.landM2 / 2) - 1)).toBeLessThan(0.001);
    expect(o).toMatchObject({ ledgerYear: 2026, naturalM2: 0, unitNames: { '500242101200': '包家村' } });
  });

  it('refuses approval over 重点公益林 until acknowledged with a note, and keeps the decision', async () => {
    const plain = await call('POST', `/api/land-use/${id}/decision`, { approve: true, approvalNo: '渝林地审〔2026〕12号', note: '同意', version: 1 });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().errors[0].field).toBe('/body/overlapAcknowledged');
    expect(plain.json().errors[0].message).toContain('占用重点公益林');
    expect((await call('POST', `/api/land-use/${id}/decision`, { approve: true, note: '同意', version: 1 })).json().errors[0].field).toBe('/body/approvalNo');
    const ok = await call('POST', `/api/land-use/${id}/decision`, { approve: true, approvalNo: '渝林地审〔2026〕12号', note: '同意', overlapAcknowledged: true, overlapNote: '省级重点建设项目，已报市林业局审核', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', approvalNo: '渝林地审〔2026〕12号', overlapAcknowledged: true, decidedOn: '2026-05-06' });
    expect((await call('POST', `/api/land-use/${id}/decision`, { approve: false, note: '再议', version: 2 })).statusCode).toBe(409);
    const stored = await f.store.db.selectFrom('land_use_approvals').select('overlap_json').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.overlap_json!)).toMatchObject({ ledgerYear: 2026, parcels: 1 });
  });

  it('tracks temporary use to its end and restoration, with checks before, during and after', async () => {
    const t = await call('POST', '/api/land-use', { project: '输电线路施工临时用地', applicant: '国网酉阳供电公司', useType: 'temporary', geometry: square(x + 0.0045, y + 0.0005, 0.001), appliedOn: '2025-01-10', startsOn: '2025-02-01', endsOn: '2026-04-30', restoreBy: '2026-10-31' });
    expect(t.statusCode).toBe(201);
    const tid = t.json().id;
    const o = (await call('GET', `/api/land-use/${tid}/overlap`)).json();
    expect(o.keyPublicWelfareM2).toBe(0);
    expect(o.naturalM2).toBeCloseTo(o.landM2, 3); // wholly on the natural 一般公益林 parcel
    expect(o.publicWelfareM2).toBeCloseTo(o.landM2, 3);
    const approved = (await call('POST', `/api/land-use/${tid}/decision`, { approve: true, approvalNo: '酉林临〔2025〕3号', note: '同意临时使用', version: 1 })).json();
    expect(approved.state).toBe('expired'); // ended 2026-04-30, today 2026-05-06, not yet restored
    expect((await call('POST', `/api/land-use/${tid}/checks`, { stage: 'after', checkedOn: '2026-05-05', inspector: '冉林', finding: '已拆除临时设施，未复绿' })).statusCode).toBe(201);
    const restored = (await call('POST', `/api/land-use/${tid}/restoration`, { restoredOn: '2026-05-06' })).json();
    expect(restored).toMatchObject({ status: 'restored', state: 'restored' });
    const detail = (await call('GET', `/api/land-use/${tid}`)).json();
    expect(detail.checks).toEqual([expect.objectContaining({ stage: 'after', inspector: '冉林' })]);
    expect((await call('POST', '/api/land-use', { project: 'x', applicant: 'y', useType: 'temporary', geometry: square(x, y, 0.001), appliedOn: '2026-05-01' })).json().errors[0].field).toBe('/body/endsOn');
  });

  it('names a bad polygon, keeps other towns out, exports the register', async () => {
    const open = { type: 'Polygon', coordinates: [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.0011]]] };
    const bad = await call('POST', '/api/land-use', { project: 'x', applicant: 'y', useType: 'permanent', geometry: open, appliedOn: '2026-05-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^\/body\/geometry\/coordinates\/0/);
    expect((await call('POST', '/api/land-use', { project: 'x', applicant: 'y', useType: 'permanent', geometry: square(100, 30, 0.001), appliedOn: '2026-05-01' })).json().errors[0].field).toBe('/body/geometry');
    expect((await call('POST', '/api/land-use', { project: 'x', applicant: 'y', useType: 'permanent', appliedOn: '2026-05-01' })).json().errors[0].field).toBe('/body/geometry');
    expect((await call('POST', '/api/land-use', { project: 'x', applicant: 'y', useType: 'permanent', parcelIds: ['p-001', 'nope'], appliedOn: '2026-05-01' })).json().errors[0].field).toBe('/body/parcelIds/1');
    const other = await f.login('chief-500242102000');
    expect((await call('GET', '/api/land-use', undefined, other)).json().total).toBe(0);
    expect((await call('GET', `/api/land-use/${id}`, undefined, other)).statusCode).toBe(404);
    // an application by whole parcels: its land is the parcel, all of it 重点公益林
    const byParcel = await call('POST', '/api/land-use', { project: '林区防火通道', applicant: '酉阳县林业局', useType: 'permanent', parcelIds: ['p-001'], appliedOn: '2026-05-02' });
    expect(byParcel.statusCode).toBe(201);
    const o = (await call('GET', `/api/land-use/${byParcel.json().id}/overlap`)).json();
    expect(o.keyPublicWelfareM2 / o.landM2).toBeCloseTo(1, 6);
    expect((await call('GET', '/api/land-use')).json().total).toBe(3);
    const xlsx = await call('GET', '/api/land-use.xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('serves the land-use areas and the problems as vector tile layers (issue 5 §7), problems always fresh', async () => {
    const z = 14;
    const n = 2 ** z;
    const tx = Math.floor(((x + 180) / 360) * n);
    const s = Math.sin((y * Math.PI) / 180);
    const ty = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
    const tile = async (layer: string) => {
      const r = await f.app.inject({ method: 'GET', url: `/api/tiles/${layer}/${z}/${tx}/${ty}.pbf`, headers: { cookie: staff } });
      return r.statusCode === 200 ? new VectorTile(new Pbf(r.rawPayload)).layers[layer] : undefined;
    };
    const land = await tile('land_use');
    const projects = Array.from({ length: land?.length ?? 0 }, (_, i) => land!.feature(i).properties.project);
    expect(projects).toContain('包家村通组公路');
    expect(land!.feature(0).type).toBe(3);
    expect(await tile('problems')).toBeUndefined();
    const reported = await call('POST', '/api/problems', { id: 'tile-test-0001', category: 'encroachment', description: '公路施工越界占用林地', lon: x + 0.0001, lat: y + 0.0001 });
    expect(reported.statusCode).toBe(201);
    const problems = await tile('problems');
    expect(problems!.length).toBe(1);
    expect(problems!.feature(0).properties).toMatchObject({ status: 'reported', category: 'encroachment', overdue: false });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { ParcelRepository, type NewParcel } from '../src/ledger/parcel-repository.ts';
import { buildDemoCarbon } from '../src/demo/demo-carbon.ts';

// Issue 8 §4 (DOMAIN.md §9): C = V × WD × BEF × (1 + R) × CF, CO₂e = C × 44/12, annual sink = ΔC/Δt, and the town
// carbon balance. Numbers hand-computed with the shipped parameter rows:
//   马尾松 100 m³ × 0.380 × 1.472 × 1.187 × 0.460 = 30.5422 tC;   银杏 (no row → 其他) 50 m³ × 0.482 × 1.514 × 1.262 × 0.490 = 22.5631 tC
//   杉木 200 m³ × 0.307 × 1.634 × 1.246 × 0.520 = 65.0043 tC;     2026: 马尾松 130 m³, 杉木 260 m³ (银杏 unchanged)
const T0 = new Date('2026-11-10T02:00:00.000Z');
const square = (lon: number, lat: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat + 0.001], [lon, lat]]]] });

describe.each(testEngines())('forest carbon on $name', (engine) => {
  let f: AppFixture;
  let staff: string, admin: string, other: string;
  let villageA: string, villageB: string, townA: string, townB: string;
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', T0, { activity: false });
        await buildDemo(store, '500113', T0, { activity: false });
        const auth = new AuthService(store, defaultSettings);
        await auth.createUser({ username: 'carbon-staff', name: '资源站', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        await auth.createUser({ username: 'carbon-admin', name: '管理员', password: 'admin1234', roles: ['admin'], scopeUnitCode: '500242000000', actorId: null });
        await auth.createUser({ username: 'city-carbon', name: '市局', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500000000000', actorId: null });
        await auth.createUser({ username: 'banan-carbon', name: '巴南资源站', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500113000000', actorId: null });
        const villages = await store.db.selectFrom('units').select(['code']).where('level', '=', 'village').where('code', 'like', '500242%').orderBy('code').execute();
        villageA = villages[0]!.code;
        villageB = villages.find((v) => v.code.slice(0, 9) !== villageA.slice(0, 9))!.code;
        townA = `${villageA.slice(0, 9)}000`;
        townB = `${villageB.slice(0, 9)}000`;
        const parcel = (id: string, year: number, unitCode: string, species: string, volumeM3: number, i: number): NewParcel => ({
          id, year, unitCode, parcelNo: `C-${i}`, landClass: '0111', forestCategory: null, authorityLevel: null, origin: null, dominantSpecies: species, ageGroup: null,
          canopyClosure: 0.6, volumeM3, ownerType: null, owner: null, areaM2: 10_000, geometry: square(108.7 + i * 0.01, 28.8), importBatch: null,
        });
        await new ParcelRepository(store.db, store.spatial).insertMany([
          { ...parcel('c24-0', 2024, villageA, '银杏', 0, 0), volumeM3: null }, // a 银杏 小班 without volume, listed first
          parcel('c24-1', 2024, villageA, '马尾松', 100, 1), parcel('c24-2', 2024, villageA, '银杏', 50, 2), parcel('c24-3', 2024, villageB, '杉木', 200, 3),
          { ...parcel('c24-4', 2024, villageB, '毛竹', 0, 4), volumeM3: null }, // bamboo: no stand volume
          parcel('c26-1', 2026, villageA, '马尾松', 130, 1), parcel('c26-2', 2026, villageA, '银杏', 50, 2), parcel('c26-3', 2026, villageB, '杉木', 260, 3),
        ], T0.toISOString());
      },
      now: () => T0,
    });
    staff = await f.login('carbon-staff', 'staff1234');
    admin = await f.login('carbon-admin', 'admin1234');
    other = await f.login('banan-carbon', 'staff1234');
  });
  afterAll(() => f?.close());

  it('the stock of the county, its towns and its species, the fallback row flagged', async () => {
    const res = await call('GET', '/api/carbon/stock?year=2024');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.parcels).toBe(5);
    expect(s.carbonT).toBeCloseTo(30.54217472 + 22.563078412 + 65.004258592, 6);
    expect(s.co2eT).toBeCloseTo(s.carbonT * 44 / 12, 6);
    // The bamboo 小班 has no volume: it uses no row, so it is counted apart from those on the 其他 row.
    expect(s.fallbackParcels).toBe(1);
    expect(s.noVolumeParcels).toBe(2);
    const town = (code: string) => s.children.find((c: { unitCode: string }) => c.unitCode === code);
    expect(town(townA).carbonT).toBeCloseTo(53.105253132, 6);
    expect(town(townB).carbonT).toBeCloseTo(65.004258592, 6);
    const ginkgo = s.bySpecies.find((b: { species: string }) => b.species === '银杏');
    // 银杏 is flagged by its 小班 with a volume, whichever of its 小班 comes first.
    expect(ginkgo).toMatchObject({ row: '其他', fallback: true, parcels: 2 });
    expect(s.parameters.rows.map((r: { species: string }) => r.species).sort()).toEqual(['其他', '杉木', '马尾松'].sort());
    expect(s.parameters.rows.every((r: { source: string }) => r.source.length > 0)).toBe(true);
  });

  it("one parcel's stock with the row used", async () => {
    const p = (await call('GET', '/api/carbon/parcels/c24-1')).json();
    expect(p.carbonT).toBeCloseTo(30.54217472, 6);
    expect(p.co2eT).toBeCloseTo(111.98797397, 6);
    expect(p.row).toMatchObject({ species: '马尾松', woodDensity: 0.38 });
    expect(p.fallback).toBe(false);
  });

  it('the annual sink between 2024 and 2026; a year without a ledger says so naming the field', async () => {
    const s = (await call('GET', '/api/carbon/sink?from=2024&to=2026')).json();
    expect(s.years).toBe(2);
    expect(s.sinkT).toBeCloseTo(4.581326208 + 9.7506387888, 6);
    expect(s.children.find((c: { unitCode: string }) => c.unitCode === townB).sinkCo2eT).toBeCloseTo(35.7523422256, 6);
    const missing = await call('GET', '/api/carbon/sink?from=2025&to=2026');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('/querystring/from');
    expect(missing.json().errors[0].message).toContain('2025 年没有一本账');
    expect((await call('GET', '/api/carbon/sink?from=2026&to=2024')).json().errors[0].field).toBe('/querystring/to');
  });

  it('town figures: validated naming the field, nothing written on a bad request, writes for staff only', async () => {
    const good = { residentsEmission: 30, farmMachineryEmission: 5, transportEmission: 10, waterAbsorption: 2, grassAbsorption: 1, cropsAbsorption: 4, source: '镇统计站 2026 年测算（测试）' };
    const bad = await call('PUT', `/api/carbon/towns/${townA}/2026`, { ...good, transportEmission: -1 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('transportEmission');
    expect((await call('PUT', `/api/carbon/towns/${villageA}/2026`, good)).json().errors[0].field).toBe('/params/code');
    expect((await call('PUT', `/api/carbon/towns/${townA}/2026`, { ...good, source: ' ' })).json().errors[0].field).toBe('/body/source');
    expect((await call('GET', '/api/carbon/towns?year=2026')).json().towns.find((t: { unitCode: string }) => t.unitCode === townA).figures).toBeNull();
    expect((await call('PUT', `/api/carbon/towns/${townA}/2026`, good)).statusCode).toBe(200);
    expect((await call('PUT', `/api/carbon/towns/${townB}/2026`, { ...good, residentsEmission: 10, transportEmission: 0 })).statusCode).toBe(200);
  });

  it('the balance: forest sink + absorption − emissions; town A a net emitter, town B a net sink', async () => {
    const b = (await call('GET', '/api/carbon/towns?year=2026')).json();
    expect(b.sinkFrom).toBe(2024);
    expect(b.sinkNote).toBeNull();
    const a = b.towns.find((t: { unitCode: string }) => t.unitCode === townA);
    // 16.7982 + 2 + 1 + 4 = 23.7982 absorbed, 30 + 5 + 10 = 45 emitted → −21.2018
    expect(a.forestSinkT).toBeCloseTo(16.798196096, 6);
    expect(a.balance.netT).toBeCloseTo(23.798196096 - 45, 6);
    expect(a.balance.status).toBe('net_emission');
    const t = b.towns.find((x: { unitCode: string }) => x.unitCode === townB);
    // 35.7523 + 7 − 15 = 27.7523
    expect(t.balance.netT).toBeCloseTo(35.7523422256 + 7 - 15, 6);
    expect(t.balance.status).toBe('net_sink');
    // A user above the county sees each town's own sink too (its stock's children are counties).
    const city = await f.login('city-carbon', 'staff1234');
    const above = (await call('GET', '/api/carbon/towns?year=2026', undefined, city)).json();
    expect(above.towns.find((x: { unitCode: string }) => x.unitCode === townB).forestSinkT).toBeCloseTo(35.7523422256, 6);
    expect((await call('GET', `/api/carbon/towns?year=2026&unit=${townA}`)).json().towns[0].forestSinkT).toBeCloseTo(16.798196096, 6);
    const first = (await call('GET', '/api/carbon/towns?year=2024')).json();
    expect(first.sinkNote).toContain('只有 2024 年一年');
    expect(first.towns.every((x: { forestSinkT: number | null }) => x.forestSinkT === null)).toBe(true);
  });

  it('another county sees nothing of this one (404) and may not enter its figures', async () => {
    expect((await call('GET', '/api/carbon/parcels/c24-1', undefined, other)).statusCode).toBe(404);
    expect((await call('GET', '/api/carbon/stock?year=2024&unit=500242000000', undefined, other)).statusCode).toBe(404);
    expect((await call('GET', `/api/carbon/towns?year=2026&unit=${townA}`, undefined, other)).statusCode).toBe(404);
    const put = await call('PUT', `/api/carbon/towns/${townA}/2026`, { residentsEmission: 1, farmMachineryEmission: 1, transportEmission: 1, waterAbsorption: 0, grassAbsorption: 0, cropsAbsorption: 0, source: 'x' }, other);
    expect(put.statusCode).toBe(404);
    expect((await call('GET', '/api/carbon/stock?year=2024', undefined, other)).json().parcels).toBe(0);
  });

  it('a new carbon_parameters version changes the result; a bad one is refused naming the field', async () => {
    const overview = (await call('GET', '/api/rules/carbon_parameters', undefined, admin)).json();
    const body = structuredClone(overview.defaults);
    body.rows[0].carbonFraction = 1.5;
    const bad = await call('POST', '/api/rules/carbon_parameters', { effectiveFrom: '2026-11-10', body }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/body/body/rows/0/carbonFraction');
    body.rows[0].carbonFraction = 0.46;
    body.rows[0].woodDensity = 0.5;
    expect((await call('POST', '/api/rules/carbon_parameters', { effectiveFrom: '2026-11-10', body }, admin)).statusCode).toBe(201);
    // 100 × 0.5 × 1.472 × 1.187 × 0.460 = 40.1871 tC
    expect((await call('GET', '/api/carbon/parcels/c24-1')).json().carbonT).toBeCloseTo(40.187072, 6);
    expect((await call('GET', '/api/carbon/parcels/c24-1?asOf=2026-11-09')).json().carbonT).toBeCloseTo(30.54217472, 6);
  });

  it('the demo enters synthetic figures for every town of the county, the same each time', async () => {
    const summary = await buildDemoCarbon(f.store, '500242', T0);
    const towns = await f.store.db.selectFrom('units').select('code').where('level', '=', 'town').where('code', 'like', '500242%').execute();
    expect(summary).toEqual({ towns: towns.length, year: 2026 });
    const first = await f.store.db.selectFrom('carbon_town_figures').selectAll().where('year', '=', 2026).where('unit_code', 'like', '500242%').orderBy('unit_code').execute();
    expect(first).toHaveLength(towns.length);
    expect(first.every((r) => r.source.includes('演示数据'))).toBe(true);
    await buildDemoCarbon(f.store, '500242', T0);
    const again = await f.store.db.selectFrom('carbon_town_figures').select(['unit_code', 'residents_t', 'transport_t']).where('year', '=', 2026).where('unit_code', 'like', '500242%').orderBy('unit_code').execute();
    expect(again).toEqual(first.map((r) => ({ unit_code: r.unit_code, residents_t: r.residents_t, transport_t: r.transport_t })));
  });
});

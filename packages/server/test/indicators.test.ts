import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { indicatorKeys } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo, DEMO_ADMIN } from '../src/demo/build-demo.ts';
import { ParcelRepository, type NewParcel } from '../src/ledger/parcel-repository.ts';
import { snapshotResponsibility, ResponsibilitySnapshotRepository } from '../src/ledger/responsibility-snapshots.ts';
import { IndicatorService, type IndicatorDeps } from '../src/indicators/service.ts';
import { createServices } from '../src/services.ts';
import { defaultSettings } from '../src/config/env.ts';
import { viewerOf } from '../src/auth/viewer.ts';
import { failure } from '../src/http/problem.ts';

// Issue 8 (§2 targets, §3 assessment, §5 dashboard read these): each indicator of the catalogue, read for the county
// and its towns, equals what the capability's own page says over the same records, and moves when they change.
const NOW = new Date('2024-05-08T06:00:00Z');
const COUNTY = '500242000000';
const square = (lon: number, lat: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[lon, lat], [lon + 0.002, lat], [lon + 0.002, lat + 0.002], [lon, lat + 0.002], [lon, lat]]]] });

interface Reading { unitCode: string; unitName: string; value: number | null; numerator: number | null; denominator: number | null; note: string | null; link: string }
interface Result { key: string; name: string; unit: string; total: Reading; children: Reading[] }

describe.each(testEngines())('indicators on $name', (engine) => {
  let f: AppFixture;
  let admin: string;
  let town: string;
  let village: string;
  const get = (url: string, cookie = admin) => f.app.inject({ method: 'GET', url, headers: { cookie } });
  const read = async (key: string, from: string, to: string, unit = COUNTY): Promise<Result> => {
    const res = await get(`/api/indicators/${key}?unit=${unit}&from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Result;
  };
  const child = (r: Result, code: string) => r.children.find((c) => c.unitCode === code)!;

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', NOW, { activity: false }), now: () => NOW });
    admin = await f.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
    village = '500242101200';
    town = '500242101000';
  });
  afterAll(() => f?.close());

  it('lists the catalogue and reads every indicator for the county and each town', async () => {
    const cat = (await get('/api/indicators')).json() as { items: { key: string; name: string; unit: string }[] };
    expect(cat.items.map((i) => i.key)).toEqual([...indicatorKeys]);
    const towns = await f.store.db.selectFrom('units').select('code').where('parent_code', '=', COUNTY).orderBy('code').execute();
    for (const key of indicatorKeys) {
      const r = await read(key, '2024-01-01', '2024-03-31');
      expect(r.total.unitCode).toBe(COUNTY);
      expect(r.children.map((c) => c.unitCode)).toEqual(towns.map((t) => t.code));
      for (const x of [r.total, ...r.children]) {
        expect(x.link.startsWith('/')).toBe(true);
        if (x.value === null) expect(x.note).toBeTruthy();
      }
    }
  });

  it('refuses a bad key, dates and a unit outside the scope with the field named', async () => {
    const bad = async (url: string, cookie = admin) => {
      const res = await get(url, cookie);
      return [res.statusCode, res.statusCode === 400 ? res.json().errors[0].field : null];
    };
    expect(await bad('/api/indicators/nope?from=2024-01-01&to=2024-03-31')).toEqual([400, '/params/key']);
    expect(await bad('/api/indicators/rangers?from=2024-02-30&to=2024-03-31')).toEqual([400, '/querystring/from']);
    expect(await bad('/api/indicators/rangers?from=2024-04-01&to=2024-03-31')).toEqual([400, '/querystring/to']);
    expect(await bad('/api/indicators/rangers?from=2023-01-01&to=2024-03-31')).toEqual([400, '/querystring/to']);
    expect((await bad('/api/indicators/rangers?from=2024-01-01')).slice(0, 1)).toEqual([400]);
    const townChief = await f.login('chief-500242101000');
    expect(await bad('/api/indicators/rangers?unit=500242102000&from=2024-01-01&to=2024-03-31', townChief)).toEqual([404, null]);
  });

  it('counts the report duty periods that ended in the range, and a May report moves it', async () => {
    const before = await read('report_compliance', '2024-04-01', '2024-05-31', town);
    // The board as of now: every monthly duty of the town owed April (no reports in the demo without activity).
    const board = (await get(`/api/compliance/reports?unit=${town}`)).json() as { rows: { unitCode: string; rule: { period: string }; current: { status: string } }[] };
    const monthly = board.rows.filter((r) => r.rule.period === 'month').length;
    expect(monthly).toBeGreaterThan(5);
    expect(before.total).toMatchObject({ value: 0, numerator: 0, denominator: monthly });
    const chief = await f.login('chief-500242101200');
    const sent = await f.app.inject({
      method: 'POST', url: '/api/duty-reports', headers: { cookie: chief, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'indicator-report-1', title: '五月林长工作报告', content: '本月巡林四次。' }),
    });
    expect(sent.statusCode).toBe(201);
    const after = await read('report_compliance', '2024-04-01', '2024-05-31', town);
    expect(after.total).toMatchObject({ numerator: 1, denominator: monthly + 1 });
    expect(after.total.value).toBeCloseTo((100 * 1) / (monthly + 1), 2);
    const mine = child(after, village);
    expect(mine).toMatchObject({ numerator: 1 });
    expect(mine.link).toContain('/patrols/compliance?');
    // April alone: the report made in May does not count.
    expect((await read('report_compliance', '2024-04-01', '2024-04-30', town)).total).toMatchObject({ numerator: 0, denominator: monthly });
  });

  it('takes the case investigation rate, the on-time rate and the overdue count from the problem statistics', async () => {
    const base = { source: 'patrol', severity: 'normal', description: '测试', lon: 108.77, lat: 28.84, geom_json: null, unit_code: village, version: 1, due_soon_at: '2024-03-01T00:00:00.000Z', created_at: '2024-02-01T00:00:00.000Z', updated_at: '2024-02-01T00:00:00.000Z' };
    await f.store.db.insertInto('problems').values([
      { ...base, id: 'ind-p1', category: 'illegal_logging', title: '盗伐', status: 'closed', reported_at: '2024-02-01T00:00:00.000Z', deadline_at: '2024-02-20T00:00:00.000Z', handled_at: '2024-02-10T00:00:00.000Z', closed_at: '2024-02-12T00:00:00.000Z' },
      { ...base, id: 'ind-p2', category: 'encroachment', title: '侵占林地', status: 'assigned', reported_at: '2024-02-03T00:00:00.000Z', deadline_at: '2024-02-25T00:00:00.000Z' },
      { ...base, id: 'ind-p3', category: 'dead_pine', title: '枯死松树', status: 'handled', reported_at: '2024-02-05T00:00:00.000Z', deadline_at: '2024-02-15T00:00:00.000Z', handled_at: '2024-02-14T00:00:00.000Z' },
    ]).execute();
    const stats = (await get(`/api/problems/statistics?unit=${COUNTY}&from=2024-01-01&to=2024-03-31`)).json() as { total: { cases: number; casesClosed: number; overdue: number; onTimeRate: number | null }; rows: { unitCode: string; cases: number; casesClosed: number }[] };
    const cases = await read('case_investigation', '2024-01-01', '2024-03-31');
    expect(cases.total).toMatchObject({ numerator: stats.total.casesClosed, denominator: stats.total.cases });
    expect(child(cases, town)).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect((await read('problems_overdue', '2024-01-01', '2024-03-31')).total.value).toBe(stats.total.overdue);
    const onTime = await read('problem_on_time', '2024-01-01', '2024-03-31');
    expect(child(onTime, town).value).toBeCloseTo(100 * (2 / 3), 2); // p1 and p3 on time; p2 open past its deadline
    expect(onTime.total.value).toBeCloseTo(100 * stats.total.onTimeRate!, 2);
    // Closing the open case moves the rate.
    await f.store.db.updateTable('problems').set({ status: 'closed', handled_at: '2024-03-01T00:00:00.000Z', closed_at: '2024-03-02T00:00:00.000Z' }).where('id', '=', 'ind-p2').execute();
    expect(child(await read('case_investigation', '2024-01-01', '2024-03-31'), town)).toMatchObject({ value: 100, numerator: 2, denominator: 2 });
  });

  it('takes coverage, the 未成林造林地 area, the disaster rate and fires from their own reports', async () => {
    const ledger = (await get(`/api/ledger/statistics?unit=${COUNTY}&year=2024`)).json() as { coverage: { coverage: number | null }; children: { unitCode: string; coverage: number | null }[] };
    const coverage = await read('forest_coverage', '2024-01-01', '2024-12-31');
    if (ledger.coverage.coverage === null) expect(coverage.total.value).toBeNull();
    else expect(coverage.total.value).toBeCloseTo(ledger.coverage.coverage * 100, 2);
    for (const c of ledger.children) {
      if (c.coverage !== null) expect(child(coverage, c.unitCode).value).toBeCloseTo(c.coverage * 100, 2);
    }
    const area = async () => child(await read('afforestation_area', '2024-01-01', '2024-12-31'), town).value!;
    const before = await area();
    const parcel = (id: string, i: number): NewParcel => ({
      id, year: 2024, unitCode: village, parcelNo: `IND-${i}`, landClass: '0141', forestCategory: null, authorityLevel: null, origin: null, dominantSpecies: null, ageGroup: null,
      canopyClosure: null, volumeM3: null, ownerType: null, owner: null, areaM2: 20_000, geometry: square(108.9 + i * 0.01, 28.9), importBatch: null,
    });
    await new ParcelRepository(f.store.db, f.store.spatial).insertMany([parcel('ind-141-1', 1), parcel('ind-141-2', 2)], NOW.toISOString());
    expect(await area()).toBeCloseTo(before + 60, 1); // 2 × 2 ha = 60 亩

    const disaster = (await get(`/api/pests/disaster-rate?unit=${COUNTY}&year=2024`)).json() as { total: { ratePerMille: number | null } };
    const rate = await read('pest_disaster_rate', '2024-01-01', '2024-12-31');
    expect(rate.total.value).toBe(disaster.total.ratePerMille === null ? null : Math.round(disaster.total.ratePerMille * 100) / 100);

    const fires = (await get(`/api/fires/statistics?unit=${COUNTY}&year=2024`)).json() as { total: { fires: number }; children: { unitCode: string; fires: number }[] };
    const count = await read('forest_fires', '2024-01-01', '2024-12-31');
    expect(count.total.value).toBe(fires.total.fires);
    for (const c of fires.children) expect(child(count, c.unitCode).value).toBe(c.fires);
    // A town without fire records counts 0 fires, not unknown.
    const listed = new Set(fires.children.map((c) => c.unitCode));
    for (const c of count.children.filter((x) => !listed.has(x.unitCode))) expect(c.value).toBe(0);
  });

  it('counts rangers in office at the end of the range and the works built', async () => {
    const rangers = await read('rangers', '2024-01-01', '2024-05-08', town);
    const inOffice = await f.store.db.selectFrom('posts').select('person_id').distinct()
      .where('role', '=', 'ranger').where('unit_code', 'like', '500242101%').where('term_start', '<=', '2024-05-08')
      .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>=', '2024-05-08')])).execute();
    expect(rangers.total.value).toBe(inOffice.length);
    expect(rangers.total.value).toBeGreaterThan(0);
    const summary = (await get(`/api/fire/infrastructure/summary?unit=${COUNTY}&year=2024`)).json() as { units: { unitCode: string; progress: { kind: string; actual: number; basis: string | null }[] }[] };
    const groups = await read('ten_household_groups', '2024-01-01', '2024-12-31');
    const total = summary.units[0]!.progress.find((p) => p.kind === 'ten_household_group');
    // With a 'total'-basis target (or none) the summary's actual is what the indicator counts.
    if (!total || total.basis !== 'new') expect(groups.total.value).toBe(total?.actual ?? 0);
    const w = await read('wildlife_report_rate', '2024-04-01', '2024-04-30');
    if (w.total.denominator === 0) expect(w.total.value).toBeNull();
  });
  it('sums the towns\' stored responsibility coverage when the county is too large to overlay on request', async () => {
    // The daily job stores what the ledger page computes for each town.
    const at = '2024-05-08T18:00:00.000Z';
    expect((await snapshotResponsibility(f.store, at)).towns).toBeGreaterThan(0);
    const stored = await new ResponsibilitySnapshotRepository(f.store.db).within(town, 2024);
    const page = (await get(`/api/ledger/responsibility?unit=${town}&year=2024`)).json() as { forestM2: number; coveredM2: number };
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ forest_m2: page.forestM2, covered_m2: page.coveredM2, computed_at: at });
    // A ledger that refuses the county as too large (as Youyang's 82 000 forest 小班 are): the towns' figures, summed.
    const services = createServices(f.store, defaultSettings, () => NOW);
    const ledger = Object.create(services.ledger) as IndicatorDeps['ledger'];
    ledger.responsibility = async () => failure({ kind: 'invalid', errors: [{ field: '/querystring/unit', message: '林地小班过多' }] });
    const deps: IndicatorDeps = { ...services, wildlifeReports: services.wildlife.reports, infrastructureTargets: services.fireInfrastructure.targets, ledger };
    const viewer = viewerOf({ id: 'x', username: 'x', roles: ['admin'], scopeUnitCode: COUNTY });
    const r = await new IndicatorService(f.store, () => NOW, deps).read(viewer, { key: 'responsibility_coverage', unit: COUNTY, from: '2024-01-01', to: '2024-05-08' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const all = await new ResponsibilitySnapshotRepository(f.store.db).within(COUNTY, 2024);
    const forest = all.reduce((a, x) => a + x.forest_m2, 0);
    const covered = all.reduce((a, x) => a + x.covered_m2, 0);
    expect(r.value.total.value).toBeCloseTo((100 * covered) / forest, 2);
    expect(r.value.total.note).toContain('2024-05-09 核算结果汇总'); // 18:00 UTC is the next day in Shanghai
    expect(r.value.children.find((c) => c.unitCode === town)!.denominator).toBeCloseTo(page.forestM2 / (10_000 / 15), 1);
    expect(r.value.total.note).not.toContain('缺');

    // Every ledger year is stored, so an earlier year's assessment finds its figures too.
    const one = await f.store.db.selectFrom('parcels').selectAll().where('unit_code', 'like', `${town.slice(0, 9)}%`).where('year', '=', 2024).limit(1).executeTakeFirstOrThrow();
    await f.store.db.insertInto('parcels').values({ ...one, id: 'earlier-year-parcel', year: 2023 }).execute();
    const again = await snapshotResponsibility(f.store, at);
    expect(again.figures).toBe(again.towns + 1);
    expect(again.skipped).toEqual([]);
    expect(await new ResponsibilitySnapshotRepository(f.store.db).within(town, 2023)).toHaveLength(1);
    // A town with a ledger but no stored figure (its parcels came after the job ran) is named in the note, not
    // silently left out of the sum.
    const village = await f.store.db.selectFrom('units').select(['code', 'parent_code']).where('level', '=', 'village').where('parent_code', '!=', town).where('code', 'like', '500242%').orderBy('code').limit(1).executeTakeFirstOrThrow();
    await f.store.db.insertInto('parcels').values({ ...one, id: 'late-town-parcel', unit_code: village.code, parcel_no: 'late-1' }).execute();
    const partial = await new IndicatorService(f.store, () => NOW, deps).read(viewer, { key: 'responsibility_coverage', unit: COUNTY, from: '2024-01-01', to: '2024-05-08' });
    if (!partial.ok) throw new Error('read failed');
    const otherName = (await f.store.db.selectFrom('units').select('short_name').where('code', '=', village.parent_code!).executeTakeFirstOrThrow()).short_name;
    expect(partial.value.total.note).toContain(`缺 1 个乡镇（${otherName}）的核算结果`);
    await f.store.db.deleteFrom('parcels').where('id', '=', 'late-town-parcel').execute();
    await f.store.db.deleteFrom('parcels').where('id', '=', 'earlier-year-parcel').execute();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { interiorPoint, pointInPolygon } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoParcels } from '../src/demo/demo-parcels.ts';
import { mulberry32 } from '../src/demo/synthetic-geometry.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { createServices, type Services } from '../src/services.ts';

// Issue 7 §1–§2 (DOMAIN.md §6, 《松材线虫病防治技术方案（2022年版）》): the dead-tree register, its lifecycle with the
// disposal limits, the sampling rule per 小班, the lab deadline in working days, the first positive's reports and
// the overdue duties that become problems of the closed loop.
const T0 = Date.parse('2026-10-20T02:00:00.000Z'); // Tuesday 20 October 2026, 10:00 in Shanghai (outside Nov–Apr: 即死即清)
let clock = new Date(T0);
const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();

describe.each(testEngines())('dead-tree register on $name', (engine) => {
  let f: AppFixture;
  let services: Services;
  let staff: string;
  let other: string;
  let parcel: { id: string; parcel_no: string; unit_code: string; geometry: Polygon | MultiPolygon };
  let here: [number, number];
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  /** `n` distinct points inside the parcel, from a seeded generator. */
  const pointsInParcel = (n: number, seed: number): [number, number][] => {
    const rng = mulberry32(seed);
    const ring = (parcel.geometry.type === 'Polygon' ? parcel.geometry.coordinates[0]! : parcel.geometry.coordinates[0]![0]!) as [number, number][];
    const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const out: [number, number][] = [];
    while (out.length < n) {
      const p: [number, number] = [Number((x0 + rng() * (x1 - x0)).toFixed(6)), Number((y0 + rng() * (y1 - y0)).toFixed(6))];
      if (pointInPolygon(p, parcel.geometry)) out.push(p);
    }
    return out;
  };
  const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8').toString('base64');

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', new Date(T0), { activity: false });
        await buildDemo(store, '500113', new Date(T0), { activity: false });
        await buildDemoParcels(store, '500242', 2026, 40);
        const auth = new AuthService(store, defaultSettings);
        await auth.createUser({ username: 'pest-staff', name: '森防站', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        await auth.createUser({ username: 'banan-staff', name: '巴南森防站', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500113000000', actorId: null });
        const rows = await store.db.selectFrom('parcels').select(['id', 'parcel_no', 'unit_code', 'geom_json', 'area_m2']).where('unit_code', 'like', '500242%').orderBy('area_m2', 'desc').limit(1).execute();
        const p = rows[0]!;
        parcel = { id: p.id, parcel_no: p.parcel_no, unit_code: p.unit_code, geometry: JSON.parse(p.geom_json!) as MultiPolygon };
        here = interiorPoint(parcel.geometry as MultiPolygon)!;
      },
      now: () => clock,
    });
    services = createServices(f.store, defaultSettings, () => clock);
    staff = await f.login('pest-staff', 'staff1234');
    other = await f.login('banan-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  describe('registering a tree and its lifecycle', () => {
    let id = 'tree-0000001';
    let version = 1;
    it('registers a dead pine in the village and 小班 under its point, and a retry returns the same tree', async () => {
      clock = new Date(T0);
      const body = { id, lon: here[0], lat: here[1], species: '马尾松', dbhCm: 22, source: 'patrol', foundAt: hours(-2), person: '张护林' };
      const res = await call('POST', '/api/pests/dead-trees', body);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ unitCode: parcel.unit_code, parcelId: parcel.id, parcelNo: parcel.parcel_no, state: 'found', cause: 'unexplained', done: false, allowedNext: ['sampled', 'felled'] });
      expect(res.json().steps).toHaveLength(1);
      // Alone in its 小班 for now: the plan asks for it to be sampled before it is destroyed.
      expect(res.json().parcelSampling).toMatchObject({ status: 'sample', nextBatch: 1 });
      const again = await call('POST', '/api/pests/dead-trees', body);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(id);
    });

    it('refuses bad input with 4xx naming the field', async () => {
      const future = await call('POST', '/api/pests/dead-trees', { id: 'tree-future1', lon: here[0], lat: here[1], source: 'patrol', foundAt: hours(5), person: '张' });
      expect(future.statusCode).toBe(400);
      expect(future.json().errors[0].field).toBe('/body/foundAt');
      const outside = await call('POST', '/api/pests/dead-trees', { id: 'tree-outside', lon: 106.55, lat: 29.4, source: 'patrol', foundAt: hours(-1), person: '张' });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().errors[0].field).toBe('/body/lon');
      const noPhoto = await call('POST', '/api/pests/dead-trees', { id: 'tree-nophoto', lon: here[0], lat: here[1], source: 'patrol', foundAt: hours(-1), person: '张', photoFileId: 'a'.repeat(64) });
      expect(noPhoto.statusCode).toBe(400);
      expect(noPhoto.json().errors[0].field).toBe('/body/photoFileId');
      const early = await call('POST', `/api/pests/dead-trees/${id}/steps`, { version, step: 'disposed', at: hours(-1), person: '李', disposal: { method: 'burned', stumpHeightCm: 3, branchesTreated: true } });
      expect(early.statusCode).toBe(400);
      expect(early.json().errors[0]).toMatchObject({ field: '/body/step', message: '须先记录伐除，才能记录除害处理' });
      const stale = await call('POST', `/api/pests/dead-trees/${id}/steps`, { version: 9, step: 'felled', at: hours(-1), person: '李' });
      expect(stale.statusCode).toBe(409);
    });

    it('samples, fells, and refuses chips of 2 cm, then accepts 0.8 cm chips the same day (即死即清)', async () => {
      let r = await call('POST', `/api/pests/dead-trees/${id}/steps`, { version, step: 'sampled', at: hours(-1.5), person: '李采样', sampleNo: 'YY-2026-001', lon: here[0], lat: here[1] });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ state: 'sampled', sampleNo: 'YY-2026-001' });
      // Received Tuesday 20 Oct → 5 working days → Tuesday 27 Oct 24:00 Shanghai
      expect(r.json().deadlines.writtenResultDue).toBe('2026-10-27T16:00:00.000Z');
      version = r.json().version;
      r = await call('POST', `/api/pests/dead-trees/${id}/steps`, { version, step: 'felled', at: hours(-1), person: '王伐木' });
      expect(r.statusCode).toBe(200);
      expect(r.json().deadlines.clearing).toEqual({ mode: 'same_day', disposeBy: '2026-10-20' });
      version = r.json().version;
      const coarse = await call('POST', `/api/pests/dead-trees/${id}/steps`, {
        version, step: 'disposed', at: hours(-0.5), person: '王伐木', disposal: { method: 'chipped', stumpHeightCm: 4, chipSizeCm: 2, chipThicknessCm: 0.5, branchesTreated: true },
      });
      expect(coarse.statusCode).toBe(400);
      expect(coarse.json().errors).toEqual([{ field: '/body/disposal/chipSizeCm', message: '粉碎粒径 2 cm，应不超过 1 cm' }]);
      const nextDay = await call('POST', `/api/pests/dead-trees/${id}/steps`, {
        version, step: 'disposed', at: hours(-0.5), person: '王伐木', disposal: { method: 'chipped', stumpHeightCm: 7, chipSizeCm: 0.8, chipThicknessCm: 0.5, branchesTreated: true },
      });
      expect(nextDay.json().errors).toEqual([{ field: '/body/disposal/stumpHeightCm', message: '伐桩高度 7 cm，应不超过 5 cm' }]);
      // Nothing was half-written by the refusals
      expect((await call('GET', `/api/pests/dead-trees/${id}`)).json()).toMatchObject({ version, disposedAt: null, state: 'felled' });
      r = await call('POST', `/api/pests/dead-trees/${id}/steps`, {
        version, step: 'disposed', at: hours(-0.5), person: '王伐木', disposal: { method: 'chipped', stumpHeightCm: 4, chipSizeCm: 0.8, chipThicknessCm: 0.5, branchesTreated: true },
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ state: 'disposed', disposalMethod: 'chipped', done: false, outstanding: ['result', 'stump_treated'] });
      version = r.json().version;
    });

    it('refuses a disposal on a later day outside the centralised-clearing window', async () => {
      const treeId = 'tree-0000002';
      await call('POST', '/api/pests/dead-trees', { id: treeId, lon: here[0], lat: here[1], source: 'patrol', foundAt: hours(-30), person: '张护林' });
      const felled = await call('POST', `/api/pests/dead-trees/${treeId}/steps`, { version: 1, step: 'felled', at: hours(-28), person: '王' });
      const late = await call('POST', `/api/pests/dead-trees/${treeId}/steps`, { version: felled.json().version, step: 'disposed', at: hours(-1), person: '王', disposal: { method: 'burned', stumpHeightCm: 3, branchesTreated: true } });
      expect(late.statusCode).toBe(400);
      expect(late.json().errors[0].field).toBe('/body/at');
      expect(late.json().errors[0].message).toContain('即死即清');
    });

    it('a positive result in a county with no infection before is the first: staff are told at once, and the 1 h / 24 h reports are due', async () => {
      const r = await call('POST', `/api/pests/dead-trees/${id}/steps`, { version, step: 'result', at: hours(-0.2), person: '县森防站实验室', outcome: 'positive' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ cause: 'diseased', outcome: 'positive', firstInCounty: true });
      expect(r.json().deadlines.phoneReportDue).toBe(new Date(Date.parse(hours(-0.2)) + 3_600_000).toISOString());
      expect(r.json().deadlines.writtenReportDue).toBe(new Date(Date.parse(hours(-0.2)) + 24 * 3_600_000).toISOString());
      version = r.json().version;
      const inbox = (await call('GET', '/api/inbox')).json();
      expect(inbox.items.some((n: { kind: string; title: string }) => n.kind === 'pest_first_positive' && n.title.includes('新发松材线虫病疫情'))).toBe(true);
      const phone = await call('POST', `/api/pests/dead-trees/${id}/reports`, { version, kind: 'phone', at: hours(0) });
      expect(phone.statusCode).toBe(200);
      expect(phone.json().phoneReportedAt).toBe(hours(0));
      version = phone.json().version;
    });

    it('the overdue job turns the late written report into one urgent problem, once', async () => {
      clock = new Date(T0 + 30 * 3_600_000);
      const first = await services.deadTrees.openOverdue(hours(30));
      expect(first.byDuty).toMatchObject({ written_report: 1, phone_report: 0 });
      const again = await services.deadTrees.openOverdue(hours(31));
      expect(again.opened).toBe(0);
      clock = new Date(T0 + 3_600_000); // the session's clock again
      const tree = (await call('GET', `/api/pests/dead-trees/${id}`)).json();
      const o = tree.overdue.find((x: { duty: string }) => x.duty === 'written_report');
      expect(o).toBeTruthy();
      const problem = (await call('GET', `/api/problems/${o.problemId}`)).json();
      expect(problem).toMatchObject({ category: 'dead_pine', severity: 'urgent', pestRef: id, unitCode: parcel.unit_code });
      // The felled-but-not-disposed tree of the day before is overdue as well (即死即清).
      expect(first.byDuty.disposal).toBeGreaterThanOrEqual(1);
      clock = new Date(T0);
    });

    it('registers a tree from a 松树异常死亡 problem reported on patrol, linking the two once', async () => {
      const reported = await call('POST', '/api/problems', { id: 'prob-deadpine1', category: 'dead_pine', description: '林道旁 3 株松树针叶变红', lon: here[0], lat: here[1], photos: [] });
      expect(reported.statusCode).toBe(201);
      const body = { id: 'tree-fromprob', lon: here[0], lat: here[1], source: 'patrol', foundAt: hours(-1), person: '护林员', problemId: 'prob-deadpine1' };
      expect((await call('POST', '/api/pests/dead-trees', body)).statusCode).toBe(201);
      expect((await call('GET', '/api/problems/prob-deadpine1')).json().pestRef).toBe('tree-fromprob');
      const twice = await call('POST', '/api/pests/dead-trees', { ...body, id: 'tree-fromprob2' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().errors[0]).toMatchObject({ field: '/body/problemId', message: '该问题已登记过疫木' });
      const fire = await call('POST', '/api/problems', { id: 'prob-nopine01', category: 'four_chaos', description: '乱搭建', lon: here[0], lat: here[1], photos: [] });
      expect(fire.statusCode).toBe(201);
      const wrong = await call('POST', '/api/pests/dead-trees', { ...body, id: 'tree-fromprob3', problemId: 'prob-nopine01' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors[0].field).toBe('/body/problemId');
      expect((await call('GET', '/api/pests/dead-trees/tree-fromprob3')).statusCode).toBe(404); // nothing half-written
    });

    it('another county does not see the tree', async () => {
      expect((await call('GET', `/api/pests/dead-trees/${id}`, undefined, other)).statusCode).toBe(404);
      expect((await call('GET', '/api/pests/dead-trees', undefined, other)).json().total).toBe(0);
    });
  });

  describe('a 小班 with 140 dead pines (the done-when)', () => {
    it('imports the list from CSV, checking each row, and writes only on commit', async () => {
      clock = new Date(T0);
      const pts = pointsInParcel(140, 7);
      const rows = [['编号', '经度', '纬度', '树种', '胸径', '状态', '发现日期'], ...pts.map((p, i) => [`UAV-${String(i + 1).padStart(3, '0')}`, String(p[0]), String(p[1]), '马尾松', '18', i % 10 === 0 ? '濒死' : '枯死', '2026-10-15'])];
      const bad = [...rows, ['UAV-001', String(pts[0]![0]), String(pts[0]![1]), '马尾松', '18', '枯死', '2026-10-15'], ['UAV-999', '200', '29', '', '', '', '']];
      const check = await call('POST', '/api/pests/dead-trees/import', { fileName: '无人机疫木清单.csv', contentBase64: csv(bad), source: 'drone' });
      expect(check.statusCode).toBe(200);
      expect(check.json()).toMatchObject({ accepted: 140, rejected: 2, committed: false });
      expect(check.json().rows[140].findings[0].message).toContain('与第');
      expect(check.json().rows[141].findings[0].field).toBe('经度');
      expect((await call('GET', `/api/pests/dead-trees?parcel=${parcel.id}&source=drone`)).json().total).toBe(0);
      const commit = await call('POST', '/api/pests/dead-trees/import', { fileName: '无人机疫木清单.csv', contentBase64: csv(rows), source: 'drone', commit: true });
      expect(commit.json()).toMatchObject({ accepted: 140, created: 140, committed: true });
      const again = await call('POST', '/api/pests/dead-trees/import', { fileName: '无人机疫木清单.csv', contentBase64: csv(rows.slice(0, 3)), source: 'drone' });
      expect(again.json()).toMatchObject({ accepted: 0, rejected: 2 });
    });

    it('asks for 100 samples first, then 2 more (5 % of the other 40, rounded up) after 100 negatives', async () => {
      // The parcel also holds the two trees registered above (one positive): move them out of the way for this check.
      await f.store.db.updateTable('dead_trees').set({ parcel_id: null }).where('source', '=', 'patrol').execute();
      let plan = (await call('GET', `/api/pests/sampling/${parcel.id}?year=2026`)).json();
      expect(plan.parcel).toMatchObject({ deadTrees: 140, sampled: 0 });
      expect(plan.parcel.plan).toMatchObject({ status: 'sample', stage: 'first', required: 100, nextBatch: 100 });
      const drone = plan.trees.filter((t: { source: string }) => t.source === 'drone');
      for (const t of drone.slice(0, 100)) {
        const s = await call('POST', `/api/pests/dead-trees/${t.id}/steps`, { version: t.version, step: 'sampled', at: hours(-3), person: '采样组' });
        expect(s.statusCode).toBe(200);
        const res = await call('POST', `/api/pests/dead-trees/${t.id}/steps`, { version: s.json().version, step: 'result', at: hours(-1), person: '实验室', outcome: 'negative' });
        expect(res.statusCode).toBe(200);
      }
      plan = (await call('GET', `/api/pests/sampling/${parcel.id}?year=2026`)).json();
      expect(plan.parcel).toMatchObject({ deadTrees: 140, sampled: 100, negatives: 100, positives: 0 });
      expect(plan.parcel.plan).toMatchObject({ status: 'sample', stage: 'follow_up', required: 102, nextBatch: 2 });
      expect(plan.parcel.plan.explanation).toContain('5%');
      const list = (await call('GET', '/api/pests/sampling?year=2026')).json();
      expect(list.parcels.find((p: { parcelId: string }) => p.parcelId === parcel.id).plan.nextBatch).toBe(2);
      expect(list.totals.sample).toBeGreaterThanOrEqual(1);
      // A negative result puts the tree under 其他原因, still to be cleared
      const negative = (await call('GET', `/api/pests/dead-trees/${drone[0].id}`)).json();
      expect(negative).toMatchObject({ cause: 'other', done: false, outstanding: ['felled', 'disposed', 'stump_treated'] });
    });

    it('imports GeoJSON points too, and the map colours trees by lifecycle', async () => {
      const pts = pointsInParcel(3, 11);
      const fc = { type: 'FeatureCollection', features: pts.map((p, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { 编号: `RS-${i}`, 树种: '马尾松' } })) };
      const r = await call('POST', '/api/pests/dead-trees/import', { fileName: '遥感异常.geojson', contentBase64: Buffer.from(JSON.stringify(fc)).toString('base64'), source: 'remote_sensing', foundOn: '2026-10-18', commit: true });
      expect(r.json()).toMatchObject({ created: 3 });
      const broken = await call('POST', '/api/pests/dead-trees/import', { fileName: 'x.geojson', contentBase64: Buffer.from('{"type":"Feature"}').toString('base64'), source: 'remote_sensing' });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().errors[0].field).toBe('/body/contentBase64');
      const map = (await call('GET', '/api/pests/dead-trees/map?year=2026')).json();
      expect(map.features.length).toBe(146); // 140 + 3 imported, the two registered by hand and the one from a problem
      const states = new Set(map.features.map((x: { properties: { state: string } }) => x.properties.state));
      expect(states).toEqual(new Set(['found', 'result', 'disposed', 'felled']));
    });
  });
});

describe.each(testEngines())('pest rule versions on $name', (engine) => {
  let f: AppFixture;
  let admin: string;
  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', new Date(T0), { activity: false }), now: () => new Date(T0) });
    admin = await f.login('admin', 'admin123');
  });
  afterAll(() => f?.close());
  const post = (url: string, body: unknown) => f.app.inject({ method: 'POST', url, headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('serves the shipped defaults and refuses a bad version naming the field', async () => {
    const overview = (await f.app.inject({ method: 'GET', url: '/api/rules/pest_rules', headers: { cookie: admin } })).json();
    expect(overview.inForce).toMatchObject({ sampling: { largeParcelFirstSample: 100, followUpPercent: 5 }, epidemic: { clearYearsForRemoval: 2 }, wildlife: { dailyReportCutoff: '15:00' } });
    const body = structuredClone(overview.defaults);
    body.sampling.smallParcelFirstSample = 500;
    const bad = await post('/api/rules/pest_rules', { effectiveFrom: '2026-10-20', body });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/body/body/sampling/smallParcelFirstSample');
    body.sampling.smallParcelFirstSample = 10;
    body.epidemic.clearYearsForRemoval = 3;
    expect((await post('/api/rules/pest_rules', { effectiveFrom: '2026-10-20', body })).statusCode).toBe(201);
    expect((await f.app.inject({ method: 'GET', url: '/api/rules/pest_rules', headers: { cookie: admin } })).json().inForce.epidemic.clearYearsForRemoval).toBe(3);
  });

  it('takes a next year\'s holiday calendar, refusing a weekday listed as a 调休 working day', async () => {
    const overview = (await f.app.inject({ method: 'GET', url: '/api/rules/working_calendar', headers: { cookie: admin } })).json();
    expect(overview.inForce.years).toEqual([2024, 2025, 2026]);
    const body = { ...overview.defaults, years: [...overview.defaults.years, 2027], workdays: [...overview.defaults.workdays, '2027-01-04'] };
    const bad = await post('/api/rules/working_calendar', { effectiveFrom: '2026-11-05', body });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^\/body\/body\/workdays\/\d+$/);
    body.workdays = overview.defaults.workdays;
    body.holidays = [...overview.defaults.holidays, '2027-01-01'];
    expect((await post('/api/rules/working_calendar', { effectiveFrom: '2026-11-05', body })).statusCode).toBe(201);
  });
});

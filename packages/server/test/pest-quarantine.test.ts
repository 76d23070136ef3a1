import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { defaultPestRules, interiorPoint, shortUnitName, unitKindOf } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo, DEMO_ADMIN } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { ParcelRepository } from '../src/ledger/parcel-repository.ts';
import { UnitRepository } from '../src/units/repository.ts';
import type { Store } from '../src/db/connect.ts';

// Issue 7 §5–§6. DOMAIN.md §6: 成灾率 (‰) = disaster area ÷ (有林地 + 未成林造林地) × 1000, host death → the whole
// 小班, target from rule kind pest_rules (2‰ by default); other pests as occurrences; 《松材线虫病防治技术方案》:
// no pine wood out of an epidemic point (疫点) without 除害处理; DOMAIN.md §4: logging in an epidemic point needs
// the pest approval (the ledger's permit rule, checked here from the quarantine side).
const COUNTY = '500242000000';
const T1 = '500242101000'; // 龙潭镇
const V1 = '500242101200'; // 包家村
const mu = (m2: number) => (m2 * 15) / 10_000;

describe.each(testEngines())('pest disaster rate and quarantine on $name', (engine) => {
  let now = new Date('2026-05-06T02:00:00Z');
  let f: AppFixture;
  let staff: string;
  let chief: string;
  let outsider: string;
  let T2 = '';
  let V2 = '';
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  // The ledger of 2025 (m²): 龙潭镇 有林地 9,600,000 + 未成林 400,000 = 10,000,000 (p4 其他灌木林地 is outside the base);
  // the second town 有林地 4,950,000 + 未成林 50,000 = 5,000,000; the county 15,000,000.
  const ledger = (v1: string, v2: string) => [
    ['p1', v1, '0111', 9_090_000], ['p2', v1, '0113', 500_000], ['p3', v1, '0141', 400_000], ['p4', v1, '0132', 5_000_000], ['p5', v1, '0111', 10_000],
    ['q1', v2, '0111', 4_920_000], ['q2', v2, '0141', 50_000], ['q3', v2, '0111', 30_000],
  ] as const;

  async function prepare(store: Store) {
    await buildDemo(store, '500242', now, { activity: false });
    const auth = new AuthService(store, defaultSettings);
    await auth.createUser({ username: 'pest-staff', name: '森防站', password: 'staff1234', roles: ['staff'], scopeUnitCode: COUNTY, actorId: null });
    await new UnitRepository(store.db, store.spatial).insertMany([{ code: '500113000000', name: '巴南区', shortName: shortUnitName('巴南区'), level: 'county', kind: unitKindOf('巴南区'), parentCode: '500000000000', areaM2: null, geometry: null }], now.toISOString());
    await auth.createUser({ username: 'banan-staff', name: '巴南森防站', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500113000000', actorId: null });
    const towns = await store.db.selectFrom('units').select('code').where('level', '=', 'town').where('code', 'like', '500242%').where('code', '!=', T1).orderBy('code').execute();
    T2 = towns[0]!.code;
    V2 = (await store.db.selectFrom('units').select('code').where('parent_code', '=', T2).orderBy('code').executeTakeFirstOrThrow()).code;
    const g = await store.db.selectFrom('units').select('geom_json').where('code', '=', V1).executeTakeFirstOrThrow();
    const [x, y] = interiorPoint(JSON.parse(g.geom_json!) as MultiPolygon)!;
    const square = (i: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[x + i * 0.001, y], [x + i * 0.001 + 0.0005, y], [x + i * 0.001 + 0.0005, y + 0.0005], [x + i * 0.001, y + 0.0005], [x + i * 0.001, y]]]] });
    await new ParcelRepository(store.db, store.spatial).insertMany(ledger(V1, V2).map(([no, unitCode, landClass, areaM2], i) => ({
      id: no, year: 2025, parcelNo: no, unitCode, landClass, forestCategory: '22', authorityLevel: null, origin: 'planted' as const, dominantSpecies: '马尾松',
      ageGroup: '4', canopyClosure: 0.6, volumeM3: 500, ownerType: '集体', owner: '示例', areaM2, geometry: square(i), importBatch: null,
    })), now.toISOString());
    // The dead-tree register (read only by the rate): two positives in p5 (once whole), one at 01:00 on 1 January
    // Shanghai time (still 2025 in UTC terms: 2024-12-31T17:00Z), one at 00:30 on 1 January 2026 (q3, counts in 2026),
    // a negative in q1 (never), and a positive the register could not place in a 小班.
    const tree = (id: string, unitCode: string, parcelId: string | null, foundAt: string, positive = true) => ({
      id, unit_code: unitCode, parcel_id: parcelId, parcel_no: parcelId, lon: x, lat: y, condition: 'dead', source: 'survey', found_at: foundAt, found_by: '普查队',
      state: 'result', cause: positive ? 'diseased' : 'other', done: 0, outcome: positive ? 'positive' : 'negative', first_in_county: 0, version: 1, created_at: foundAt, updated_at: foundAt,
    });
    await store.db.insertInto('dead_trees').values([
      tree('dt-a', V1, 'p5', '2025-06-10T02:00:00.000Z'), tree('dt-b', V1, 'p5', '2025-08-01T02:00:00.000Z'), tree('dt-c', V1, 'p5', '2024-12-31T17:00:00.000Z'),
      tree('dt-d', V2, 'q3', '2025-12-31T16:30:00.000Z'), tree('dt-e', V2, 'q1', '2025-05-01T02:00:00.000Z', false), tree('dt-f', V2, null, '2025-07-01T02:00:00.000Z'),
    ]).execute();
  }

  beforeAll(async () => {
    f = await openApp(engine, { prepare, now: () => now });
    staff = await f.login('pest-staff', 'staff1234');
    chief = await f.login(`chief-${T1}`);
    outsider = await f.login('banan-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  describe('other pest occurrences (DOMAIN.md §6)', () => {
    it('refuses bad input with 4xx naming the field, and a chief', async () => {
      const ok = { unitCode: V1, pest: 'pine_caterpillar', observedOn: '2025-07-01', areaMu: 30, disasterAreaMu: 15, severity: 'moderate' };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...ok, disasterAreaMu: 31 }, '/body/disasterAreaMu'],
        [{ ...ok, hostDeath: true }, '/body/parcelId'],
        [{ ...ok, pest: 'pine_wilt' }, '/body/pest'],
        [{ ...ok, observedOn: '2025-02-30' }, '/body/observedOn'],
        [{ ...ok, observedOn: '2026-06-01' }, '/body/observedOn'],
        [{ ...ok, pest: 'other' }, '/body/pestName'],
        [{ ...ok, unitCode: COUNTY }, '/body/unitCode'],
        [{ ...ok, parcelId: 'p1', areaMu: mu(9_090_000) + 1, disasterAreaMu: 1 }, '/body/areaMu'],
        [{ ...ok, parcelId: 'q1' }, '/body/unitCode'], // q1 lies in another village
      ];
      for (const [body, field] of cases) {
        const r = await call('POST', '/api/pests/occurrences', staff, body);
        expect(r.statusCode, JSON.stringify(body)).toBe(400);
        expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await call('POST', '/api/pests/occurrences', chief, ok)).statusCode).toBe(403);
      expect(await f.store.db.selectFrom('pest_occurrences').select('id').execute()).toHaveLength(0);
    });

    it('records occurrences with area and severity, the 小班 taking its village and host', async () => {
      const o1 = await call('POST', '/api/pests/occurrences', staff, { parcelId: 'p1', pest: 'pine_caterpillar', observedOn: '2025-07-01', areaMu: 30, disasterAreaMu: 15, severity: 'moderate', surveyor: '王五' });
      expect(o1.statusCode).toBe(201);
      expect(o1.json()).toMatchObject({ unitCode: V1, unitName: '包家村', parcelNo: 'p1', pestName: '松毛虫', host: '马尾松', year: 2025, severity: 'moderate', hostDeath: false });
      expect(o1.json().disasterAreaM2).toBeCloseTo(10_000, 6);
      const more = [
        { unitCode: V2, pest: 'cypress_tussock_moth', observedOn: '2025-05-20', areaMu: 45, disasterAreaMu: 3, severity: 'light', host: '柏木' }, // no 小班: 2,000 m²
        { parcelId: 'p5', pest: 'pine_sawfly', observedOn: '2025-09-01', areaMu: 10, disasterAreaMu: 1.5, severity: 'light' }, // p5 counts whole anyway
        { parcelId: 'q3', pest: 'cypress_tussock_moth', observedOn: '2025-08-15', areaMu: 40, disasterAreaMu: 1, severity: 'severe', hostDeath: true }, // q3 whole
      ];
      for (const b of more) expect((await call('POST', '/api/pests/occurrences', staff, b)).statusCode).toBe(201);
      const list = await call('GET', `/api/pests/occurrences?year=2025&unit=${T1}`, chief);
      expect(list.json().total).toBe(2);
      expect(list.json().items.map((o: { pestName: string }) => o.pestName)).toEqual(['松叶蜂', '松毛虫']);
      expect((await call('GET', '/api/pests/occurrences?pest=cypress_tussock_moth', staff)).json().total).toBe(2);
    });
  });

  describe('disaster rate (DOMAIN.md §6)', () => {
    it('matches the hand computation per county and town, the host-death 小班 whole, against the 2‰ target', async () => {
      const r = await call('GET', '/api/pests/disaster-rate?year=2025', staff);
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({ year: 2025, unitCode: COUNTY, ledgerYear: 2025, targetPerMille: 2, deadTreesWithoutParcel: 1, occurrences: 4 });
      // 龙潭镇: p5 whole 10,000 (three positives, 1 January 01:00 included) + p1 10,000 = 20,000 of 10,000,000 → 2‰, met exactly.
      const t1 = body.children.find((c: { unitCode: string }) => c.unitCode === T1);
      expect(t1).toMatchObject({ unitName: '龙潭镇', forestAreaM2: 9_600_000, unforestedAreaM2: 400_000, baseAreaM2: 10_000_000, hostDeathParcels: 1, meetsTarget: true });
      expect(t1.disasterAreaM2).toBeCloseTo(20_000, 6);
      expect(t1.ratePerMille).toBeCloseTo(2, 9);
      // Second town: q3 whole 30,000 (host killed) + 2,000 without 小班 = 32,000 of 5,000,000 → 6.4‰; the negative in q1 and the
      // positive found 00:30 on 1 January 2026 do not count.
      const t2 = body.children.find((c: { unitCode: string }) => c.unitCode === T2);
      expect(t2).toMatchObject({ forestAreaM2: 4_950_000, unforestedAreaM2: 50_000, hostDeathParcels: 1, meetsTarget: false });
      expect(t2.disasterAreaM2).toBeCloseTo(32_000, 6);
      expect(t2.ratePerMille).toBeCloseTo(6.4, 9);
      // County: 52,000 of 15,000,000.
      expect(body.total).toMatchObject({ baseAreaM2: 15_000_000, hostDeathParcels: 2, meetsTarget: false });
      expect(body.total.ratePerMille).toBeCloseTo((52_000 / 15_000_000) * 1000, 9);
      expect(body.children.filter((c: { ratePerMille: number | null }) => c.ratePerMille !== null)).toHaveLength(2); // other towns have no forest in this ledger
      const town = (await call('GET', `/api/pests/disaster-rate?year=2025&unit=${T1}`, chief)).json();
      expect(town.children.map((c: { unitCode: string; ratePerMille: number }) => [c.unitCode, Math.round(c.ratePerMille * 1000) / 1000])).toEqual([[V1, 2]]);
    });

    it('takes the target from rule kind pest_rules for each year of the series', async () => {
      const admin = await f.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
      const v = await call('POST', '/api/rules/pest_rules', admin, { effectiveFrom: '2026-06-01', body: { ...defaultPestRules, disaster: { targetPerMille: 7 } }, note: '测试' });
      expect(v.statusCode).toBe(201);
      const s = await call('GET', '/api/pests/disaster-rate/series?from=2025&to=2026', staff);
      expect(s.statusCode).toBe(200);
      const [y25, y26] = s.json().years;
      expect(y25).toMatchObject({ year: 2025, targetPerMille: 2 });
      // 2026: only q3 (the positive of 00:30 on 1 January) whole, 30,000 of 15,000,000 = 2‰, measured against 7‰; ledger of 2025.
      expect(y26).toMatchObject({ year: 2026, ledgerYear: 2025, targetPerMille: 7, occurrences: 0 });
      expect(y26.total.ratePerMille).toBeCloseTo(2, 9);
      expect(y26.total.meetsTarget).toBe(true);
      expect(y26.children.find((c: { unitCode: string }) => c.unitCode === T2).ratePerMille).toBeCloseTo(6, 9);
      expect((await call('GET', '/api/pests/disaster-rate/series?from=2026&to=2025', staff)).json().errors[0].field).toBe('/querystring/to');
      expect((await call('GET', '/api/pests/disaster-rate/series?from=2010&to=2025', staff)).json().errors[0].field).toBe('/querystring/from');
    });
  });

  describe('quarantine (《松材线虫病防治技术方案》, DOMAIN.md §4 and §6)', () => {
    let approvedPermit = '';
    let earlyPermit = '';
    const permit = (over: Record<string, unknown> = {}) => ({
      parcelId: 'p1', applicant: '李四', cuttingType: 'main', cuttingMethod: 'clear', species: '马尾松', areaMu: 5, volumeM3: 20, cuttingFrom: '2026-05-10', cuttingTo: '2026-06-30', ...over,
    });
    const cert = (consignments: Record<string, unknown>[], over: Record<string, unknown> = {}) => ({
      unitCode: T1, shipOn: '2026-05-08', validFrom: '2026-05-07', validTo: '2026-05-20', consignor: '龙潭木材加工厂', consignee: '秀山某板材公司',
      destination: '重庆市秀山县', carrier: '酉阳顺达物流', vehicleNo: '渝H·12345', consignments, ...over,
    });
    const logs = (over: Record<string, unknown> = {}) => ({ product: 'pine_logs', species: '马尾松', quantity: 18.5, quantityUnit: 'm3', treatment: 'none', ...over });

    it('the logging permit in an epidemic point needs the pest approval (the ledger rule holds)', async () => {
      now = new Date('2026-01-05T02:00:00Z');
      const quota = await call('PUT', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff, { totalM3: 1000, items: [{ forestClass: 'commercial', origin: 'planted', cuttingType: 'main', volumeM3: 500 }] });
      expect(quota.statusCode).toBe(200);
      const early = await call('POST', '/api/ledger/logging/permits', staff, permit({ cuttingFrom: '2026-01-06', cuttingTo: '2026-02-28' }));
      expect(early.statusCode).toBe(201); // before the town became an epidemic point: no approval needed then
      earlyPermit = early.json().permitNo;
      expect((await call('POST', '/api/pests/epidemic-points', staff, { unitCode: T1, declaredOn: '2026-01-10', documentNo: '酉林检〔2026〕1号' })).statusCode).toBe(201);
      now = new Date('2026-05-06T02:00:00Z');
      const refused = await call('POST', '/api/ledger/logging/permits', staff, permit());
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['/body/pestApproval']);
      const approved = await call('POST', '/api/ledger/logging/permits', staff, permit({ pestApproval: '酉林检〔2026〕8号' }));
      expect(approved.statusCode).toBe(201);
      approvedPermit = approved.json().permitNo;
    });

    it('refuses bad applications with 4xx naming the field, writing nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [cert([logs()], { validTo: '2026-05-01' }), '/body/validTo'],
        [cert([logs()], { shipOn: '2026-05-30' }), '/body/shipOn'],
        [cert([logs({ treatment: 'heat' })]), '/body/consignments/0/treatmentNote'],
        [cert([logs({ quantityUnit: 'barrels' })]), '/body/consignments/0/quantityUnit'],
        [cert([]), '/body/consignments'],
        [cert([logs({ originUnitCode: V2 })]), '/body/consignments/0/originUnitCode'],
        [cert([logs({ permitNo: '500242-2026-9999' })]), '/body/consignments/0/permitNo'],
        [cert([logs()], { unitCode: COUNTY }), '/body/unitCode'],
        [cert([logs()], { validFrom: '2026-02-30' }), '/body/validFrom'],
        [cert([logs()], { extra: 1 }), '/body/extra'],
      ];
      for (const [body, field] of cases) {
        const r = await call('POST', '/api/pests/quarantine/certificates', staff, body);
        expect(r.statusCode, JSON.stringify(body)).toBe(400);
        expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await call('POST', '/api/pests/quarantine/certificates', chief, cert([logs()]))).statusCode).toBe(403);
      expect(await f.store.db.selectFrom('quarantine_certificates').select('id').execute()).toHaveLength(0);
    });

    it('refuses untreated pine wood from an epidemic-point town and records the refusal with its reason', async () => {
      const check = await call('POST', '/api/pests/quarantine/certificates/check', staff, cert([logs({ permitNo: approvedPermit })]));
      expect(check.statusCode).toBe(200);
      expect(check.json().refusals.map((r: { code: string }) => r.code)).toEqual(['epidemic_untreated']);
      expect(await f.store.db.selectFrom('quarantine_certificates').select('id').execute()).toHaveLength(0);
      const r = await call('POST', '/api/pests/quarantine/certificates', staff, cert([logs({ permitNo: approvedPermit }), { product: 'bamboo', species: '楠竹', quantity: 3, quantityUnit: 't', treatment: 'none' }]));
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ status: 'refused', certificateNo: null, unitName: '龙潭镇' });
      expect(r.json().refusals).toEqual([{ code: 'epidemic_untreated', field: 'consignments/0/treatment', message: '第 1 批松原木产自松材线虫病疫点（龙潭镇），2026-05-08 调运前须经除害处理（热处理、熏蒸或粉碎），未处理的不得调出' }]);
      expect(r.json().consignments[0]).toMatchObject({ permitNo: approvedPermit, pestApproval: '酉林检〔2026〕8号', originUnitCode: V1, originParcelNo: 'p1', epidemicPoint: '龙潭镇' });
      expect(r.json().consignments[1]).toMatchObject({ product: 'bamboo', quantity: 3, quantityUnit: 't', originUnitCode: T1, epidemicPoint: '龙潭镇' });
    });

    it('issues the certificate for the same wood once treated, and numbers it', async () => {
      const r = await call('POST', '/api/pests/quarantine/certificates', staff, cert([logs({ permitNo: approvedPermit, treatment: 'heat', treatmentNote: '2026-05-07 窑内热处理，木材中心 56℃ 持续 30 分钟' })]));
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ status: 'issued', certificateNo: '500242-2026-D0001', refusals: [], carrier: '酉阳顺达物流', vehicleNo: '渝H·12345' });
      expect(r.json().consignments[0]).toMatchObject({ treatment: 'heat', treatmentNote: '2026-05-07 窑内热处理，木材中心 56℃ 持续 30 分钟', epidemicPoint: '龙潭镇' });
      expect((await call('GET', `/api/pests/quarantine/certificates/${r.json().id}`, chief)).json().consignments[0].permitNo).toBe(approvedPermit);
    });

    it('refuses wood cut in the epidemic point under a permit without the pest approval, even treated', async () => {
      const r = await call('POST', '/api/pests/quarantine/certificates', staff, cert([logs({ permitNo: earlyPermit, treatment: 'fumigation', treatmentNote: '硫酰氟熏蒸 24 小时' })]));
      expect(r.json()).toMatchObject({ status: 'refused', certificateNo: null });
      expect(r.json().refusals.map((x: { code: string; field: string }) => [x.code, x.field])).toEqual([['permit_without_approval', 'consignments/0/permitNo']]);
    });

    it('issues untreated pine wood from a town that is no epidemic point', async () => {
      const r = await call('POST', '/api/pests/quarantine/certificates', staff, cert([logs({ originParcelId: 'q1' })], { unitCode: T2 }));
      expect(r.json()).toMatchObject({ status: 'issued', certificateNo: '500242-2026-D0002' });
      expect(r.json().consignments[0]).toMatchObject({ originUnitCode: V2, originParcelNo: 'q1', epidemicPoint: null });
      const refused = await call('GET', '/api/pests/quarantine/certificates?status=refused&year=2026', staff);
      expect(refused.json().total).toBe(2);
      expect((await call('GET', `/api/pests/quarantine/certificates?unit=${T2}`, staff)).json().total).toBe(1);
    });

    it('records origin quarantine, and a certificate may rest only on a passed one', async () => {
      const bad = await call('POST', '/api/pests/quarantine/origin-inspections', staff, { unitCode: V1, siteName: '包家村苗圃', siteKind: 'nursery', subject: '柏木苗', inspectedOn: '2026-04-20', inspector: '赵六', result: 'failed' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['/body/pestsFound']);
      const failed = await call('POST', '/api/pests/quarantine/origin-inspections', staff, { unitCode: V1, siteName: '包家村苗圃', siteKind: 'nursery', subject: '柏木苗', quantity: 20000, quantityUnit: 'plants', inspectedOn: '2026-04-20', inspector: '赵六', result: 'failed', pestsFound: '蜀柏毒蛾幼虫', measures: '就地除害处理后复检' });
      expect(failed.statusCode).toBe(201);
      expect(failed.json()).toMatchObject({ inspectionNo: '500242-2026-C0001', result: 'failed', unitName: '包家村' });
      const passed = await call('POST', '/api/pests/quarantine/origin-inspections', staff, { unitCode: V1, siteName: '包家村苗圃', siteKind: 'nursery', subject: '柏木苗', inspectedOn: '2026-05-02', inspector: '赵六', result: 'passed', validUntil: '2026-06-30' });
      expect(passed.json().inspectionNo).toBe('500242-2026-C0002');
      const seedlings = { product: 'seedlings', species: '柏木苗', quantity: 5000, quantityUnit: 'plants', treatment: 'none', originUnitCode: V1 };
      const onFailed = await call('POST', '/api/pests/quarantine/certificates', staff, cert([seedlings], { originInspectionId: failed.json().id }));
      expect(onFailed.statusCode).toBe(400);
      expect(onFailed.json().errors[0].field).toBe('/body/originInspectionId');
      const ok = await call('POST', '/api/pests/quarantine/certificates', staff, cert([seedlings], { originInspectionId: passed.json().id }));
      expect(ok.json()).toMatchObject({ status: 'issued', originInspectionNo: '500242-2026-C0002' }); // not pine: the epidemic point does not stop it
      expect((await call('GET', '/api/pests/quarantine/origin-inspections?result=failed', chief)).json().total).toBe(1);
    });
  });

  it("keeps another county's user out: 404 on records and units, empty lists", async () => {
    const occurrence = (await f.store.db.selectFrom('pest_occurrences').select('id').executeTakeFirstOrThrow()).id;
    const certificate = (await f.store.db.selectFrom('quarantine_certificates').select('id').executeTakeFirstOrThrow()).id;
    const inspection = (await f.store.db.selectFrom('quarantine_origin_inspections').select('id').executeTakeFirstOrThrow()).id;
    for (const url of [`/api/pests/occurrences/${occurrence}`, `/api/pests/quarantine/certificates/${certificate}`, `/api/pests/quarantine/origin-inspections/${inspection}`,
      `/api/pests/disaster-rate?year=2025&unit=${T1}`, `/api/pests/occurrences?unit=${T1}`]) {
      expect((await call('GET', url, outsider)).statusCode, url).toBe(404);
    }
    expect((await call('GET', '/api/pests/occurrences', outsider)).json().total).toBe(0);
    expect((await call('GET', '/api/pests/quarantine/certificates', outsider)).json().total).toBe(0);
    const theirs = await call('POST', '/api/pests/occurrences', outsider, { unitCode: V1, pest: 'pine_caterpillar', observedOn: '2025-07-01', areaMu: 1, disasterAreaMu: 0, severity: 'light' });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().errors[0].field).toBe('/body/unitCode');
    // A town chief sees the town's records but not the other town's.
    expect((await call('GET', `/api/pests/quarantine/certificates?unit=${T2}`, chief)).statusCode).toBe(404);
  });
});

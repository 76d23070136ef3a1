import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import ExcelJS from 'exceljs';
import { defaultPestRules, interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo, DEMO_ADMIN } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { ParcelRepository } from '../src/ledger/parcel-repository.ts';
import { UnitRepository } from '../src/units/repository.ts';
import type { Store } from '../src/db/connect.ts';

// Issue 7 §3–§4 and DOMAIN.md §6: pine wilt survey campaigns by the pine 小班 grid with progress per town, the national
// summary table (松材线虫病疫情普查汇总表) and its Excel export, and the epidemic point board — removal (拔除/摘牌) may be
// applied for after the configured run of clear years (2 by default), 疫区 from its towns, and the plan's targets.
const COUNTY = '500242000000';
const TOWN_A = '500242101000'; // 龙潭镇
const TOWN_B = '500242102000'; // 麻旺镇
const VILLAGE_A = '500242101200'; // 包家村, 龙潭镇
const VILLAGE_B = '500242102200'; // 长兴村, 麻旺镇
const OTHER_COUNTY = '500241000000'; // 秀山, not in the demo

let now = new Date('2026-10-15T02:00:00Z');
let serial = 0;

/** A row of the dead-tree register as the other engineer's service writes it (this module only reads them). */
async function deadTree(store: Store, unitCode: string, parcelNo: string | null, foundAt: string, outcome: 'positive' | 'negative' | null): Promise<string> {
  const id = `dt-${serial++}`;
  await store.db.insertInto('dead_trees').values({
    id, unit_code: unitCode, parcel_id: null, parcel_no: parcelNo, lon: 108.7, lat: 28.8, species: '马尾松', dbh_cm: null, condition: 'dead', source: 'survey', source_ref: null,
    import_batch: null, found_at: foundAt, found_by: '测试', state: outcome ? 'result' : 'found', cause: outcome === 'positive' ? 'diseased' : outcome === 'negative' ? 'other' : 'unexplained',
    done: 0, sample_no: null, sampled_at: null, lab_received_at: null, result_at: outcome ? foundAt : null, outcome, first_in_county: 0, phone_reported_at: null,
    written_report_at: null, felled_at: null, disposed_at: null, disposal_method: null, stump_treated_at: null, version: 1, created_by: null, created_at: foundAt, updated_at: foundAt,
  }).execute();
  return id;
}

describe.each(testEngines())('pine wilt surveys and epidemic points on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let townChief: string;
  let outsider: string;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const campaigns: Record<string, string> = {};
  const record = (campaign: string, parcelId: string, surveyedOn: string, extra: Record<string, unknown> = {}) =>
    call('POST', `/api/pests/surveys/campaigns/${campaign}/records`, staff, { records: [{ parcelId, surveyedOn, ...extra }] });
  const board = async (query = '') => {
    const r = await call('GET', `/api/pests/epidemic/board${query}`, staff);
    expect(r.statusCode).toBe(200);
    return r.json();
  };
  const town = (b: { towns: { townCode: string }[] }, code: string) => b.towns.find((t) => t.townCode === code) as unknown as Record<string, unknown> & { label: string; removal: string; clearYears: number; history: { year: number; record: string }[] };

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', now, { activity: false });
        const auth = new AuthService(store, defaultSettings);
        await auth.createUser({ username: 'pest-staff', name: '森防站', password: 'staff1234', roles: ['staff'], scopeUnitCode: COUNTY, actorId: null });
        await new UnitRepository(store.db, store.spatial).insertMany([{ code: OTHER_COUNTY, name: '秀山土家族苗族自治县', shortName: '秀山县', level: 'county', kind: '县', parentCode: '500000000000', areaM2: null, geometry: null }], now.toISOString());
        await auth.createUser({ username: 'xiushan-staff', name: '秀山森防站', password: 'staff1234', roles: ['staff'], scopeUnitCode: OTHER_COUNTY, actorId: null });
        // The 2024 ledger: pine 小班 (马尾松, 湿地松) and one 杉木 小班, with round areas for the hand-computed table.
        const parcels: [string, string, string, string, number][] = [
          ['A01', VILLAGE_A, '马尾松', 'p-A01', 20_000], ['A02', VILLAGE_A, '马尾松', 'p-A02', 30_000], ['A03', VILLAGE_A, '杉木', 'p-A03', 15_000],
          ['B01', VILLAGE_B, '湿地松', 'p-B01', 40_000], ['B02', VILLAGE_B, '马尾松', 'p-B02', 10_000],
        ];
        const rows = [];
        for (const [i, [no, unit, species, id, area]] of parcels.entries()) {
          const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', unit).executeTakeFirstOrThrow();
          const [x, y] = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
          const d = 0.0005, cx = x + i * 0.0011;
          const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[cx - d, y - d], [cx + d, y - d], [cx + d, y + d], [cx - d, y + d], [cx - d, y - d]]]] };
          rows.push({ id, year: 2024, parcelNo: no, unitCode: unit, landClass: '0111', forestCategory: null, authorityLevel: null, origin: null, dominantSpecies: species, ageGroup: null,
            canopyClosure: null, volumeM3: null, ownerType: null, owner: null, areaM2: area, geometry, importBatch: null });
        }
        await new ParcelRepository(store.db, store.spatial).insertMany(rows, now.toISOString());
      },
      now: () => now,
    });
    staff = await f.login('pest-staff', 'staff1234');
    townChief = await f.login(`chief-${TOWN_A}`);
    outsider = await f.login('xiushan-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  describe('campaigns', () => {
    it('refuses bad campaigns with a 4xx naming the field, and writes nothing', async () => {
      const base = { unitCode: COUNTY, year: 2026, season: 'autumn', startsOn: '2026-09-01', endsOn: '2026-11-30' };
      const field = async (body: Record<string, unknown>, status = 400) => {
        const r = await call('POST', '/api/pests/surveys/campaigns', staff, body);
        expect(r.statusCode).toBe(status);
        return [...new Set(r.json().errors.map((e: { field: string }) => e.field))];
      };
      expect(await field({ ...base, startsOn: '2026-08-01' })).toEqual(['/body/startsOn']);
      expect(await field({ ...base, season: 'spring', startsOn: '2026-04-01', endsOn: '2026-09-15' })).toEqual(['/body/endsOn']);
      expect(await field({ ...base, endsOn: '2026-02-30' })).toEqual(['/body/endsOn']);
      expect(await field({ ...base, endsOn: '2025-11-30' })).toEqual(['/body/endsOn']);
      expect(await field({ ...base, unitCode: VILLAGE_A })).toEqual(['/body/unitCode']);
      expect(await field({ ...base, unitCode: OTHER_COUNTY })).toEqual(['/body/unitCode']);
      expect(await field({ ...base, season: 'summer' })).toEqual(['/body/season']);
      expect(await field({ ...base, pineSpecies: [] })).toEqual(['/body/pineSpecies']);
      expect((await call('POST', '/api/pests/surveys/campaigns', townChief, base)).statusCode).toBe(403);
      expect((await call('GET', '/api/pests/surveys/campaigns', staff)).json()).toEqual([]);
    });

    it('deploys spring and autumn campaigns on the ledger\'s pine 小班 grid, once per unit, year and season', async () => {
      for (const [key, body] of Object.entries({
        autumn2024: { year: 2024, season: 'autumn', startsOn: '2024-09-01', endsOn: '2024-11-30' },
        autumn2025: { year: 2025, season: 'autumn', startsOn: '2025-09-01', endsOn: '2025-11-30' },
        spring2026: { year: 2026, season: 'spring', startsOn: '2026-03-01', endsOn: '2026-05-31' },
        autumn2026: { year: 2026, season: 'autumn', startsOn: '2026-09-01', endsOn: '2026-11-30' },
      })) {
        const r = await call('POST', '/api/pests/surveys/campaigns', staff, { unitCode: COUNTY, ...body });
        expect(r.statusCode).toBe(201);
        campaigns[key] = r.json().id;
      }
      const autumn = (await call('GET', `/api/pests/surveys/campaigns/${campaigns.autumn2026}`, staff)).json();
      expect(autumn).toMatchObject({ name: '酉阳土家族苗族自治县2026年松材线虫病秋季专项普查', ledgerYear: 2024, phase: 'open', progress: { gridParcels: 4, surveyedParcels: 0, share: 0 } });
      expect(autumn.pineSpecies).toContain('湿地松');
      const again = await call('POST', '/api/pests/surveys/campaigns', staff, { unitCode: COUNTY, year: 2026, season: 'autumn', startsOn: '2026-09-02', endsOn: '2026-11-30' });
      expect(again.statusCode).toBe(409);
      expect((await call('GET', '/api/pests/surveys/campaigns?year=2026', staff)).json().map((c: { season: string }) => c.season)).toEqual(['autumn', 'spring']);
    });
  });

  describe('survey records and progress per town', () => {
    it('refuses impossible records naming the record and field, all or nothing', async () => {
      const c = campaigns.autumn2026!;
      const post = (records: unknown[]) => call('POST', `/api/pests/surveys/campaigns/${c}/records`, staff, { records });
      const errors = async (records: unknown[]) => (await post(records)).json().errors.map((e: { field: string }) => e.field);
      expect(await errors([{ parcelId: 'p-A01', surveyedOn: '2026-08-31' }])).toEqual(['/body/records/0/surveyedOn']);
      expect(await errors([{ parcelId: 'p-A01', surveyedOn: '2026-10-20' }])).toEqual(['/body/records/0/surveyedOn']); // after today
      expect(await errors([{ parcelId: 'p-A01', surveyedOn: '2026-09-31' }])).toEqual(['/body/records/0/surveyedOn']);
      expect(await errors([{ parcelId: 'p-A01', surveyedOn: '2026-09-10' }, { parcelId: 'p-A03', surveyedOn: '2026-09-10' }])).toEqual(['/body/records/1/pineAreaM2']);
      expect(await errors([{ parcelId: 'p-A01', surveyedOn: '2026-09-10', pineAreaM2: 25_000 }])).toEqual(['/body/records/0/pineAreaM2']);
      expect(await errors([{ parcelId: 'p-A01', surveyedOn: '2026-09-10', occurrenceAreaM2: 21_000 }])).toEqual(['/body/records/0/occurrenceAreaM2']);
      expect(await errors([{ parcelId: 'nope', surveyedOn: '2026-09-10' }])).toEqual(['/body/records/0/parcelId']);
      expect((await call('GET', `/api/pests/surveys/campaigns/${c}`, staff)).json().progress.surveyedParcels).toBe(0);
    });

    it('counts surveyed pine 小班 per town, a non-pine 小班 as extra, and lets a town chief see only his town', async () => {
      const c = campaigns.autumn2026!;
      const r = await call('POST', `/api/pests/surveys/campaigns/${c}/records`, staff, { records: [
        { parcelId: 'p-A01', surveyedOn: '2026-09-10', occurrenceAreaM2: 12_000, note: '3 株枯死' },
        { parcelId: 'p-A03', surveyedOn: '2026-09-11', pineAreaM2: 5_000 },
        { parcelId: 'p-B01', surveyedOn: '2026-09-12' },
      ] });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ recorded: 3 });
      const detail = (await call('GET', `/api/pests/surveys/campaigns/${c}`, staff)).json();
      expect(detail.towns.map((t: Record<string, unknown>) => [t.unitName, t.gridParcels, t.surveyedParcels, t.outstandingParcels, t.extraParcels, t.share, t.complete])).toEqual([
        ['龙潭镇', 2, 1, 1, 1, 0.5, false], ['麻旺镇', 2, 1, 1, 0, 0.5, false],
      ]);
      expect(detail.progress).toMatchObject({ gridParcels: 4, surveyedParcels: 2, gridAreaM2: 100_000, surveyedAreaM2: 60_000 });
      const outstanding = (await call('GET', `/api/pests/surveys/campaigns/${c}/parcels?status=outstanding`, staff)).json();
      expect(outstanding.items.map((p: { parcelNo: string }) => p.parcelNo)).toEqual(['A02', 'B02']);
      const mine = (await call('GET', `/api/pests/surveys/campaigns/${c}`, townChief)).json();
      expect(mine.towns.map((t: { unitCode: string }) => t.unitCode)).toEqual([TOWN_A]);
      expect((await call('POST', `/api/pests/surveys/campaigns/${c}/records`, townChief, { records: [{ parcelId: 'p-B02', surveyedOn: '2026-09-12' }] })).json().errors[0].field).toBe('/body/records/0/parcelId');
      // a record can be withdrawn
      expect((await record(c, 'p-B02', '2026-09-13')).statusCode).toBe(200);
      expect((await call('DELETE', `/api/pests/surveys/campaigns/${c}/records/p-B02`, staff, {})).json()).toEqual({ removed: true });
      expect((await call('GET', `/api/pests/surveys/campaigns/${c}`, staff)).json().progress.surveyedParcels).toBe(2);
    });
  });

  describe('the national summary table', () => {
    it('sums the surveyed 小班 and the register\'s dead pines per town (hand-computed)', async () => {
      const c = campaigns.autumn2026!;
      await deadTree(f.store, VILLAGE_A, 'A01', '2026-09-10T01:00:00.000Z', 'positive');
      await deadTree(f.store, VILLAGE_A, 'A01', '2026-09-10T01:05:00.000Z', 'negative');
      await deadTree(f.store, VILLAGE_A, 'A01', '2026-09-30T16:30:00.000Z', null); // 2026-10-01 in Shanghai: untested, neither 病死 nor 其他
      await deadTree(f.store, VILLAGE_A, 'A01', '2026-08-31T15:59:00.000Z', 'positive'); // 2026-08-31 23:59 Shanghai: before the campaign
      await deadTree(f.store, VILLAGE_B, 'B01', '2026-09-12T03:00:00.000Z', 'negative');
      await deadTree(f.store, VILLAGE_B, 'B01', '2026-09-12T03:10:00.000Z', 'negative');
      await deadTree(f.store, VILLAGE_B, 'B02', '2026-09-12T03:10:00.000Z', 'positive'); // B02 not surveyed: not in the table
      const s = (await call('GET', `/api/pests/surveys/campaigns/${c}/summary`, staff)).json();
      // 龙潭镇: A01 (20 000 m², infected, 发生 12 000 entered) + A03 (5 000 m² of pine, clear)
      // 麻旺镇: B01 (40 000 m², two negatives: clear)
      expect(s.rows).toEqual([
        { unitCode: TOWN_A, unitName: '龙潭镇', pineAreaM2: 25_000, infectedParcels: 1, occurrenceAreaM2: 12_000, clearParcels: 1, clearAreaM2: 5_000, deadPines: 3, deadDiseased: 1, deadOther: 1 },
        { unitCode: TOWN_B, unitName: '麻旺镇', pineAreaM2: 40_000, infectedParcels: 0, occurrenceAreaM2: 0, clearParcels: 1, clearAreaM2: 40_000, deadPines: 2, deadDiseased: 0, deadOther: 2 },
      ]);
      expect(s.total).toEqual({ unitCode: COUNTY, unitName: '酉阳土家族苗族自治县', pineAreaM2: 65_000, infectedParcels: 1, occurrenceAreaM2: 12_000, clearParcels: 2, clearAreaM2: 45_000, deadPines: 5, deadDiseased: 1, deadOther: 3 });
      const villages = (await call('GET', `/api/pests/surveys/campaigns/${c}/summary?level=village`, staff)).json();
      expect(villages.rows.map((r: { unitCode: string }) => r.unitCode)).toEqual([VILLAGE_A, VILLAGE_B]);
      expect((await call('GET', `/api/pests/surveys/campaigns/${c}/summary?level=county`, staff)).json().errors[0].field).toBe('/querystring/level');
    });

    it('exports the table as .xlsx in 亩, which parses back to the same numbers', async () => {
      const r = await call('GET', `/api/pests/surveys/campaigns/${campaigns.autumn2026}/summary.xlsx`, staff);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('松材线虫病疫情普查汇总表');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('普查汇总表')!;
      const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(row(3)).toEqual(['行政区划代码', '单位名称', '松林面积', '疫情小班数', '发生面积', '无疫情小班数', '无疫情小班面积', '死亡松树总数', '其中：病死', '其中：其他原因']);
      expect(row(4)).toEqual([TOWN_A, '龙潭镇', 37.5, 1, 18, 1, 7.5, 3, 1, 1]);
      expect(row(5)).toEqual([TOWN_B, '麻旺镇', 60, 0, 0, 1, 60, 2, 0, 2]);
      expect(row(6)).toEqual([COUNTY, '合计（酉阳土家族苗族自治县）', 97.5, 1, 18, 2, 67.5, 5, 1, 3]);
      // the board's tests start from a register without these 2026 findings
      await f.store.db.deleteFrom('dead_trees').execute();
    });
  });

  describe('the epidemic point board', () => {
    it('shows 可申请拔除（摘牌） for a point with two complete clear autumn surveys, and not for one detected in the latest year (done-when)', async () => {
      expect((await call('POST', '/api/pests/epidemic-points', staff, { unitCode: TOWN_A, declaredOn: '2023-04-01', documentNo: '渝林检〔2023〕5号' })).statusCode).toBe(201);
      expect((await call('POST', '/api/pests/epidemic-points', staff, { unitCode: TOWN_B, declaredOn: '2024-03-01' })).statusCode).toBe(201);
      // before any survey: no clear year yet
      expect(town(await board(), TOWN_A)).toMatchObject({ isPoint: true, removal: 'not_yet', clearYears: 0 });
      // the autumn surveys of 2024 and 2025 cover every pine 小班 of both towns
      for (const [c, day] of [[campaigns.autumn2024!, '2024-10-08'], [campaigns.autumn2025!, '2025-10-08']] as const) {
        const r = await call('POST', `/api/pests/surveys/campaigns/${c}/records`, staff, { records: ['p-A01', 'p-A02', 'p-B01', 'p-B02'].map((parcelId) => ({ parcelId, surveyedOn: day })) });
        expect(r.statusCode).toBe(200);
      }
      const positive2025 = await deadTree(f.store, VILLAGE_B, 'B02', '2025-10-09T02:00:00.000Z', 'positive');
      const b = await board();
      const a = town(b, TOWN_A);
      expect(a).toMatchObject({ isPoint: true, removal: 'may_apply', clearYears: 2, clearYearList: [2025, 2024], yearsToGo: 0 });
      expect(a.label).toBe('连续 2 年未发现疫情，可申请拔除（摘牌）');
      expect(a.periods).toMatchObject([{ declaredOn: '2023-04-01', documentNo: '渝林检〔2023〕5号', removedOn: null }]);
      // 2026: the autumn survey is half done — no record yet, so the run is counted back from 2025
      expect(a.history.map((h) => [h.year, h.record])).toEqual([[2026, 'none'], [2025, 'clear'], [2024, 'clear'], [2023, 'none']]);
      const bTown = town(b, TOWN_B);
      expect(bTown).toMatchObject({ isPoint: true, removal: 'not_yet', lastDetectionYear: 2025, clearYears: 0 });
      expect(bTown.label).toBe('2025 年仍有疫情，暂不可申请拔除');
      expect(b.county).toMatchObject({ isEpidemicArea: true, label: '疫区：2 个疫点，其中 1 个可申请拔除', mayApplyTowns: [TOWN_A] });
      expect(b.clearYearsForRemoval).toBe(2);
      // a detection in 龙潭镇 in the latest surveyed year takes the standing away
      const positiveA = await deadTree(f.store, VILLAGE_A, 'A02', '2025-07-01T02:00:00.000Z', 'positive');
      const after = town(await board(), TOWN_A);
      expect(after).toMatchObject({ removal: 'not_yet', clearYears: 0, lastDetectionYear: 2025 });
      expect(after.label).toBe('2025 年仍有疫情，暂不可申请拔除');
      await f.store.db.deleteFrom('dead_trees').where('id', 'in', [positiveA, positive2025]).execute();
      // a survey marked infected by its lab report counts as a detection too
      expect((await record(campaigns.autumn2025!, 'p-A02', '2025-10-08', { infected: true, note: '省检测中心报告' })).statusCode).toBe(200);
      expect(town(await board(), TOWN_A).removal).toBe('not_yet');
      expect((await record(campaigns.autumn2025!, 'p-A02', '2025-10-08')).statusCode).toBe(200);
      expect(town(await board(), TOWN_A).removal).toBe('may_apply');
      // a survey that missed one 小班 is no record for the year: the run breaks
      expect((await call('DELETE', `/api/pests/surveys/campaigns/${campaigns.autumn2024}/records/p-A02`, staff, {})).statusCode).toBe(200);
      expect(town(await board(), TOWN_A)).toMatchObject({ removal: 'not_yet', clearYears: 1, label: '连续 1 年未发现疫情，还需 1 年方可申请拔除' });
      expect((await record(campaigns.autumn2024!, 'p-A02', '2024-10-08')).statusCode).toBe(200);
    });

    it('follows the configured run of clear years (rule kind pest_rules), never a constant', async () => {
      const admin = await f.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
      const body = { ...defaultPestRules, epidemic: { clearYearsForRemoval: 3 } };
      expect((await call('POST', '/api/rules/pest_rules', admin, { effectiveFrom: '2026-11-01', body, note: '省林业局通知' })).statusCode).toBe(201);
      expect(town(await board(), TOWN_A).removal).toBe('may_apply');
      const later = await board('?asOf=2026-11-02');
      expect(later.clearYearsForRemoval).toBe(3);
      expect(town(later, TOWN_A)).toMatchObject({ removal: 'not_yet', yearsToGo: 1 });
    });

    it('tracks the plan\'s targets: points removed this year, earlier removals kept free', async () => {
      const put = (body: Record<string, unknown>) => call('PUT', '/api/pests/epidemic/targets', staff, body);
      const r = await put({ unitCode: COUNTY, year: 2026, kind: 'remove_points', count: 2, source: '2026 年工作要点：拔除疫点 3 个' });
      expect(r.json()).toMatchObject({ created: true });
      expect((await put({ unitCode: COUNTY, year: 2026, kind: 'remove_points', count: 3, source: '2026 年工作要点：拔除疫点 3 个' })).json()).toEqual({ id: r.json().id, created: false });
      expect((await put({ unitCode: COUNTY, year: 2026, kind: 'keep_free', count: 2 })).statusCode).toBe(200);
      expect((await put({ unitCode: COUNTY, year: 2026, kind: 'keep_free', count: -1 })).json().errors[0].field).toBe('/body/count');
      expect((await put({ unitCode: VILLAGE_A, year: 2026, kind: 'keep_free', count: 1 })).json().errors[0].field).toBe('/body/unitCode');
      expect((await call('PUT', '/api/pests/epidemic/targets', townChief, { unitCode: TOWN_A, year: 2026, kind: 'keep_free', count: 1 })).statusCode).toBe(403);
      const points = (await call('GET', '/api/pests/epidemic-points', staff)).json();
      const a = points.find((p: { unitCode: string }) => p.unitCode === TOWN_A);
      expect((await call('POST', `/api/pests/epidemic-points/${a.id}/removal`, staff, { removedOn: '2026-10-10' })).statusCode).toBe(200);
      const b = await board();
      expect(b.targets.map((t: { label: string; met: boolean }) => [t.label, t.met])).toEqual([['拔除疫点 1/3 个', false], ['巩固已拔除疫点 0/2 个', false]]);
      expect(town(b, TOWN_A)).toMatchObject({ isPoint: false, removal: 'not_a_point', label: '已拔除（2026-10-10）' });
      expect(b.county.label).toBe('疫区：1 个疫点均可申请拔除'); // 麻旺镇: its 2025 positive was withdrawn above, two clear years
      // next year the removal counts towards keeping points free
      const next = await board('?asOf=2027-03-01&year=2027');
      expect(next.targets).toEqual([]);
      expect((await put({ unitCode: COUNTY, year: 2027, kind: 'keep_free', count: 1 })).statusCode).toBe(200);
      expect((await board('?asOf=2027-03-01&year=2027')).targets[0]).toMatchObject({ achieved: 1, met: true, towns: [TOWN_A] });
    });
  });

  describe('scope', () => {
    it('gives another county\'s user 404 on this county\'s campaigns and board, and a town chief only his town', async () => {
      const c = campaigns.autumn2026!;
      for (const url of [`/api/pests/surveys/campaigns/${c}`, `/api/pests/surveys/campaigns/${c}/summary`, `/api/pests/surveys/campaigns/${c}/summary.xlsx`, `/api/pests/surveys/campaigns/${c}/parcels`, `/api/pests/epidemic/board?unit=${COUNTY}`]) {
        expect((await call('GET', url, outsider)).statusCode, url).toBe(404);
      }
      expect((await call('POST', `/api/pests/surveys/campaigns/${c}/records`, outsider, { records: [{ parcelId: 'p-A01', surveyedOn: '2026-09-10' }] })).statusCode).toBe(404);
      expect((await call('DELETE', `/api/pests/surveys/campaigns/${c}/records/p-A01`, outsider, {})).statusCode).toBe(404);
      expect((await call('GET', '/api/pests/surveys/campaigns', outsider)).json()).toEqual([]);
      const targets = (await board()).targets;
      expect((await call('DELETE', `/api/pests/epidemic/targets/${targets[0].id}`, outsider, {})).statusCode).toBe(404);
      const mine = (await call('GET', '/api/pests/epidemic/board', townChief)).json();
      expect(mine.county).toBeNull();
      expect(mine.towns.map((t: { townCode: string }) => t.townCode)).toEqual([TOWN_A]);
      expect((await call('GET', `/api/pests/epidemic/board?unit=${TOWN_B}`, townChief)).statusCode).toBe(404);
      expect((await call('GET', `/api/pests/epidemic/board?unit=${VILLAGE_A}`, staff)).json().errors[0].field).toBe('/querystring/unit');
      expect((await call('GET', '/api/pests/epidemic/board?asOf=2026-02-30', staff)).json().errors[0].field).toBe('/querystring/asOf');
      const summary = (await call('GET', `/api/pests/surveys/campaigns/${c}/summary`, townChief)).json();
      expect(summary.rows.map((r: { unitCode: string }) => r.unitCode)).toEqual([TOWN_A]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { ellipsoidalArea, interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { ParcelRepository } from '../src/ledger/parcel-repository.ts';
import { LoggingService } from '../src/ledger/logging-service.ts';
import { createServices } from '../src/services.ts';

// Issue 5 §3 and DOMAIN.md §4: the logging quota per unit × 森林类别 × 起源 × 采伐类型 with a total cap; a permit
// consumes standing volume from exactly one cell and is refused when it would exceed it, when it is commercial
// logging of natural forest, or when its parcel lies in an epidemic point without the pest approval;
// overdue re-planting becomes a problem.
const VILLAGE = '500242101200'; // 包家村, 龙潭镇
const TOWN = '500242101000';
const COUNTY = '500242000000';

describe.each(testEngines())('logging quota and permits on $name', (engine) => {
  let now = new Date('2026-05-06T02:00:00Z');
  let f: AppFixture;
  let staff: string;
  let chief: string;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const parcel = (no: string) => `p-${no}`;
  const permit = (over: Record<string, unknown> = {}) => ({
    parcelId: parcel('001'), applicant: '张三', cuttingType: 'main', cuttingMethod: 'clear', species: '杉木', areaMu: 5, volumeM3: 40,
    cuttingFrom: '2026-05-10', cuttingTo: '2026-06-30', ...over,
  });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', now, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'forestry-staff', name: '资源股', password: 'staff1234', roles: ['staff'], scopeUnitCode: COUNTY, actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', VILLAGE).executeTakeFirstOrThrow();
        const [x, y] = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
        const square = (i: number): MultiPolygon => {
          const cx = x + i * 0.0011;
          const d = 0.0005;
          return { type: 'MultiPolygon', coordinates: [[[[cx - d, y - d], [cx + d, y - d], [cx + d, y + d], [cx - d, y + d], [cx - d, y - d]]]] };
        };
        const p = (i: number, no: string, forestCategory: string | null, origin: 'natural' | 'planted' | null, volumeM3: number | null) => ({
          id: parcel(no), year: 2026, parcelNo: no, unitCode: VILLAGE, landClass: '0111', forestCategory, authorityLevel: null, origin,
          dominantSpecies: '杉木', ageGroup: '4', canopyClosure: 0.6, volumeM3, ownerType: '集体', owner: '包家村一组', areaM2: ellipsoidalArea(square(i)),
          geometry: square(i), importBatch: null,
        });
        await new ParcelRepository(store.db, store.spatial).insertMany([
          p(0, '001', '22', 'planted', 300), p(1, '002', '21', 'planted', 300), p(2, '003', '12', 'natural', 200), p(3, '004', null, 'planted', 100),
        ], now.toISOString());
      },
      now: () => now,
    });
    staff = await f.login('forestry-staff', 'staff1234');
    chief = await f.login(`chief-${TOWN}`);
  });
  afterAll(() => f?.close());

  it('sets a county quota, refusing item caps beyond the total and a chief who tries', async () => {
    const body = {
      totalM3: 100,
      items: [
        { forestClass: 'commercial', origin: 'planted', cuttingType: 'main', volumeM3: 60 },
        { forestClass: 'public_welfare', origin: 'natural', cuttingType: 'tending', volumeM3: 30 },
      ],
    };
    const tooMuch = await call('PUT', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff, { ...body, totalM3: 80 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors).toEqual([{ field: '/body/items', message: '分项限额之和 90 m³ 超过总限额 80 m³' }]);
    expect((await call('PUT', `/api/ledger/logging/quotas/${COUNTY}/2026`, await f.login(`chief-${COUNTY}`), body)).statusCode).toBe(403);
    expect((await call('PUT', `/api/ledger/logging/quotas/${COUNTY}/2026`, chief, body)).statusCode).toBe(404); // a town chief does not see the county's quota
    const set = await call('PUT', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff, body);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ unitName: '酉阳土家族苗族自治县', totalM3: 100, usedM3: 0 });
    expect(set.json().items).toHaveLength(2);
  });

  it('checks a permit without writing: the cell it draws from and what is left', async () => {
    const r = await call('POST', '/api/ledger/logging/permits/check', staff, permit());
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ year: 2026, quotaUnitCode: COUNTY, cell: { label: '商品林·人工·主伐', capM3: 60, usedM3: 0, leftM3: 60 }, refusals: [] });
    expect(await f.store.db.selectFrom('logging_permits').select('id').execute()).toHaveLength(0);
  });

  it('issues permits from the cell and refuses the one that would exceed it, naming the cell, its cap and what is left', async () => {
    const first = await call('POST', '/api/ledger/logging/permits', staff, permit());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ permitNo: '500242-2026-0001', forestClass: 'commercial', origin: 'planted', status: 'issued', replantDeadline: '2027-12-31', replanting: 'pending' });
    expect(first.json().areaM2).toBeCloseTo(5 * 10000 / 15, 6);
    const over = await call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('002'), volumeM3: 20.5 }));
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([{ field: '/body/volumeM3', message: '超出采伐限额：酉阳土家族苗族自治县2026 年“商品林·人工·主伐”分项限额 60 m³，已用 40 m³，剩余 20 m³，本证申请 20.5 m³' }]);
    const fits = await call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('002'), volumeM3: 20 }));
    expect(fits.statusCode).toBe(201);
    expect(fits.json().permitNo).toBe('500242-2026-0002');
    const quota = (await call('GET', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff)).json();
    expect(quota.usedM3).toBe(60);
    expect(quota.items.find((i: { cuttingType: string }) => i.cuttingType === 'main')).toMatchObject({ usedM3: 60, permits: 2 });
  });

  it('of two permits racing for the last of a cell, exactly one is issued', async () => {
    await call('PUT', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff, {
      totalM3: 200, items: [
        { forestClass: 'commercial', origin: 'planted', cuttingType: 'main', volumeM3: 60 },
        { forestClass: 'commercial', origin: 'planted', cuttingType: 'regeneration', volumeM3: 50 },
        { forestClass: 'public_welfare', origin: 'natural', cuttingType: 'tending', volumeM3: 30 },
      ],
    });
    const race = await Promise.all([
      call('POST', '/api/ledger/logging/permits', staff, permit({ cuttingType: 'regeneration', volumeM3: 30 })),
      call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('002'), cuttingType: 'regeneration', volumeM3: 30 })),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    const cell = (await call('GET', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff)).json().items.find((i: { cuttingType: string }) => i.cuttingType === 'regeneration');
    expect(cell.usedM3).toBe(30);
  });

  it('refuses commercial logging of natural forest, a parcel without 森林类别, and more volume than the parcel holds', async () => {
    const natural = await call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('003') }));
    expect(natural.statusCode).toBe(400);
    expect(natural.json().errors[0]).toEqual({ field: '/body/cuttingType', message: '天然林禁止商业性采伐：天然林小班不得办理主伐' });
    const tending = await call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('003'), cuttingType: 'tending', cuttingMethod: 'selective', volumeM3: 10 }));
    expect(tending.statusCode).toBe(201);
    expect(tending.json()).toMatchObject({ forestClass: 'public_welfare', origin: 'natural', replanting: 'not_required' });
    const noCategory = await call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('004') }));
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().errors[0].field).toBe('/body/parcelId');
    const bigger = await call('POST', '/api/ledger/logging/permits/check', staff, permit({ parcelId: parcel('003'), cuttingType: 'tending', volumeM3: 195 }));
    expect(bigger.json().refusals.map((r: { code: string }) => r.code)).toEqual(['parcel_volume', 'cell_exceeded', 'total_exceeded']);
  });

  it('refuses a parcel in an epidemic point until the pest approval number is given', async () => {
    const declared = await call('POST', '/api/pests/epidemic-points', staff, { unitCode: TOWN, declaredOn: '2025-10-01', documentNo: '渝林检〔2025〕3号' });
    expect(declared.statusCode).toBe(201);
    expect((await call('POST', '/api/pests/epidemic-points', staff, { unitCode: TOWN, declaredOn: '2026-01-01' })).statusCode).toBe(409);
    expect((await call('POST', '/api/pests/epidemic-points', staff, { unitCode: VILLAGE, declaredOn: '2026-01-01' })).json().errors[0].field).toBe('/body/unitCode');
    const refused = await call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('003'), cuttingType: 'tending', cuttingMethod: 'selective', volumeM3: 5 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: '/body/pestApproval', message: '小班位于松材线虫病疫点（龙潭镇），须先取得林业有害生物防治检疫机构的采伐审批，并填写审批文号' }]);
    const approved = await call('POST', '/api/ledger/logging/permits', staff, permit({ parcelId: parcel('003'), cuttingType: 'tending', cuttingMethod: 'selective', volumeM3: 5, pestApproval: '酉林检〔2026〕8号' }));
    expect(approved.statusCode).toBe(201);
    expect(approved.json().pestApproval).toBe('酉林检〔2026〕8号');
    const removed = await call('POST', `/api/pests/epidemic-points/${declared.json().id}/removal`, staff, { removedOn: '2026-05-01' });
    expect(removed.statusCode).toBe(200);
    expect((await call('POST', '/api/ledger/logging/permits/check', staff, permit({ parcelId: parcel('003'), cuttingType: 'tending', cuttingMethod: 'selective', volumeM3: 5 }))).json().epidemicPoint).toBeNull();
  });

  it('names bad fields and impossible dates with a 400, never a 500', async () => {
    const bad = await call('POST', '/api/ledger/logging/permits', staff, permit({ cuttingTo: '2026-02-30', areaMu: -1 }));
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('/body/areaMu');
    const date = await call('POST', '/api/ledger/logging/permits', staff, permit({ cuttingTo: '2026-02-30' }));
    expect(date.json().errors).toEqual([{ field: '/body/cuttingTo', message: '日期无效' }]);
    const order = await call('POST', '/api/ledger/logging/permits', staff, permit({ cuttingFrom: '2026-07-01', cuttingTo: '2026-06-01' }));
    expect(order.json().errors[0].field).toBe('/body/cuttingTo');
    expect((await call('PUT', `/api/ledger/logging/quotas/${VILLAGE}/2026`, staff, { totalM3: 1, items: [] })).json().errors[0].field).toBe('/params/unitCode');
    // a cap below what permits already consumed
    const below = await call('PUT', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff, { totalM3: 200, items: [{ forestClass: 'commercial', origin: 'planted', cuttingType: 'main', volumeM3: 10 }] });
    expect(below.statusCode).toBe(400);
    expect(below.json().errors.map((e: { field: string }) => e.field)).toContain('/body/items/0/volumeM3');
  });

  it('lists permits in scope only, with Excel export', async () => {
    const list = (await call('GET', '/api/ledger/logging/permits?year=2026', staff)).json();
    expect(list.total).toBe(5);
    const other = await f.login('chief-500242102000'); // another town's chief
    expect((await call('GET', '/api/ledger/logging/permits?year=2026', other)).json().total).toBe(0);
    expect((await call('GET', `/api/ledger/logging/permits/${list.items[0].id}`, other)).statusCode).toBe(404);
    const xlsx = await call('GET', '/api/ledger/logging/permits.xlsx?year=2026', staff);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('returns a revoked permit’s volume to its cell', async () => {
    const list = (await call('GET', '/api/ledger/logging/permits?year=2026&q=0002', staff)).json();
    const revoked = await call('POST', `/api/ledger/logging/permits/${list.items[0].id}/revoke`, staff, { reason: '申请人放弃采伐' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokeReason: '申请人放弃采伐' });
    const cell = (await call('GET', `/api/ledger/logging/quotas/${COUNTY}/2026`, staff)).json().items.find((i: { cuttingType: string }) => i.cuttingType === 'main');
    expect(cell.usedM3).toBe(40);
    expect((await call('POST', `/api/ledger/logging/permits/${list.items[0].id}/revoke`, staff, { reason: 'again' })).statusCode).toBe(409);
  });

  it('opens one problem per permit whose re-planting is overdue, and none once re-planted', async () => {
    const permits = (await call('GET', '/api/ledger/logging/permits?year=2026&status=issued', staff)).json().items as { id: string; permitNo: string; cuttingType: string }[];
    const main = permits.find((p) => p.permitNo === '500242-2026-0001')!;
    const regen = permits.find((p) => p.cuttingType === 'regeneration')!;
    // planting before the cutting began is refused; later, the regeneration permit is re-planted on its whole felled
    // area (5 亩), the main one only on 2 亩
    const early = await call('POST', `/api/ledger/logging/permits/${regen.id}/replantings`, chief, { plantedOn: '2026-05-06', areaMu: 5, species: '杉木' });
    expect(early.json().errors).toEqual([{ field: '/body/plantedOn', message: '更新日期不能早于采伐开始日期 2026-05-10' }]);
    now = new Date('2026-07-15T02:00:00Z');
    chief = await f.login(`chief-${TOWN}`); // a new session at the new time
    expect((await call('POST', `/api/ledger/logging/permits/${regen.id}/replantings`, chief, { plantedOn: '2026-07-10', areaMu: 5, species: '杉木' })).json().replanting).toBe('done');
    expect((await call('POST', `/api/ledger/logging/permits/${main.id}/replantings`, chief, { plantedOn: '2026-07-10', areaMu: 2, species: '杉木' })).json()).toMatchObject({ replanting: 'pending' });
    const services = createServices(f.store, defaultSettings, () => now);
    const logging: LoggingService = services.logging;
    expect(await logging.openOverdueReplanting('2027-12-31T10:00:00Z')).toEqual({ opened: 0 });
    expect(await logging.openOverdueReplanting('2028-01-01T10:00:00Z')).toEqual({ opened: 1 });
    expect(await logging.openOverdueReplanting('2028-01-02T10:00:00Z')).toEqual({ opened: 0 }); // once
    const problem = await f.store.db.selectFrom('problems').selectAll().where('external_ref', '=', 'logging-permit:500242-2026-0001').executeTakeFirstOrThrow();
    expect(problem).toMatchObject({ unit_code: VILLAGE, status: 'reported', parcel_ref: parcel('001'), category: 'other' });
    expect(problem.title).toBe('采伐迹地逾期未更新：包家村 001 小班');
    expect(problem.description).toContain('已登记更新 2.00 亩');
    now = new Date('2028-01-02T02:00:00Z');
    expect((await call('GET', `/api/ledger/logging/permits/${main.id}`, await f.login('forestry-staff', 'staff1234'))).json()).toMatchObject({ replanting: 'overdue', replantProblemId: problem.id });
    now = new Date('2026-05-06T02:00:00Z');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoParcels } from '../src/demo/demo-parcels.ts';

// Issue 5 §8: the parcel table filtered by 地类, 森林类别, 起源 and unit, and the same rows as an Excel file.
const NOW = new Date('2024-05-06T02:00:00Z');
const TOWN = '500242101000'; // 龙潭镇

describe.each(testEngines())('parcel list filters and export on $name', (engine) => {
  let f: AppFixture;
  let chief: string;
  const get = (url: string) => f.app.inject({ method: 'GET', url, headers: { cookie: chief } });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => { await buildDemo(store, '500242', NOW, { activity: false }); await buildDemoParcels(store, '500242000000', 2024, 3000); },
      now: () => NOW,
    });
    chief = await f.login(`chief-${TOWN}`);
  });
  afterAll(() => f?.close());

  const expected = async (where: { forest_category?: string | null; origin?: string | null; land_class?: string }) => {
    let q = f.store.db.selectFrom('parcels').select(['parcel_no', 'unit_code']).where('unit_code', 'like', '500242101%').where('year', '=', 2024);
    if (where.land_class) q = q.where('land_class', '=', where.land_class);
    if (where.forest_category !== undefined) q = where.forest_category === null ? q.where('forest_category', 'is', null) : q.where('forest_category', '=', where.forest_category);
    if (where.origin !== undefined) q = where.origin === null ? q.where('origin', 'is', null) : q.where('origin', '=', where.origin);
    return (await q.execute()).length;
  };

  it('filters by forest category, origin and land class within the viewer scope', async () => {
    const all = (await get('/api/ledger/parcels?year=2024&limit=1')).json();
    expect(all.total).toBe(await expected({}));
    expect(all.total).toBeGreaterThan(50);
    const natural = (await get('/api/ledger/parcels?year=2024&limit=1&origin=natural&forestCategory=11')).json();
    expect(natural.total).toBe(await expected({ origin: 'natural', forest_category: '11' }));
    expect(natural.total).toBeGreaterThan(0);
    const unset = (await get('/api/ledger/parcels?year=2024&limit=500&forestCategory=none')).json();
    expect(unset.total).toBe(await expected({ forest_category: null }));
    expect(unset.items.every((p: { landClass: string }) => !p.landClass.startsWith('01'))).toBe(true);
    const bad = await get('/api/ledger/parcels?year=2024&origin=wild');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('origin');
  });

  it('exports exactly the filtered rows to Excel, and nothing outside the scope', async () => {
    const res = await get('/api/ledger/parcels.xlsx?year=2024&landClass=0111&origin=planted');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['小班号', '区划代码', '区划', '地类代码', '地类']);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(await expected({ land_class: '0111', origin: 'planted' }));
    expect(rows.every((r) => r[4] === '0111' && r[5] === '乔木林地' && r[8] === '人工' && String(r[2]).startsWith('500242101'))).toBe(true);
    const first = await f.store.db.selectFrom('parcels').select(['parcel_no', 'area_m2']).where('unit_code', '=', String(rows[0]![2])).where('parcel_no', '=', String(rows[0]![1])).where('year', '=', 2024).executeTakeFirstOrThrow();
    expect(rows[0]![13]).toBeCloseTo(first.area_m2 / 10_000, 2); // 公顷
    expect(rows[0]![14]).toBeCloseTo((first.area_m2 * 15) / 10_000, 1); // 亩
    expect((await get('/api/ledger/parcels.xlsx?year=2024&unit=500242102000')).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import ExcelJS from 'exceljs';
import { ellipsoidalArea, interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { ParcelRepository } from '../src/ledger/parcel-repository.ts';

// Issue 5 §6 and DOMAIN.md §8: compensation for public-welfare forest at 16 元/亩/年 by default, built per payee from
// the ledger, publicly posted for 7 days with objections, approved after the posting, an Excel file for the bank;
// a parcel is never paid twice for the same year — refused by the database itself.
const VILLAGE = '500242101200';
const TOWN = '500242101000';

describe.each(testEngines())('compensation payments on $name', (engine) => {
  let now = new Date('2026-11-02T02:00:00Z');
  let f: AppFixture;
  let staff: string;
  const areas: Record<string, number> = {};
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', now, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'forestry-staff', name: '资源股', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', VILLAGE).executeTakeFirstOrThrow();
        const [x, y] = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
        const square = (i: number, d: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[x + i * 0.004 - d, y - d], [x + i * 0.004 + d, y - d], [x + i * 0.004 + d, y + d], [x + i * 0.004 - d, y + d], [x + i * 0.004 - d, y - d]]]] });
        const p = (i: number, no: string, forestCategory: string, owner: string | null, d = 0.001) => {
          const geometry = square(i, d);
          areas[no] = ellipsoidalArea(geometry);
          return {
            id: `p-${no}`, year: 2026, parcelNo: no, unitCode: VILLAGE, landClass: '0111', forestCategory, authorityLevel: null, origin: 'natural' as const,
            dominantSpecies: '马尾松', ageGroup: null, canopyClosure: 0.6, volumeM3: null, ownerType: '集体', owner, areaM2: areas[no]!, geometry, importBatch: null,
          };
        };
        await new ParcelRepository(store.db, store.spatial).insertMany([
          p(0, '001', '11', '冉家富'), p(1, '002', '12', '冉家富', 0.0015), p(2, '003', '12', '包家村一组'), p(3, '004', '22', '冉家富'), p(4, '005', '11', null),
        ], now.toISOString());
      },
      now: () => now,
    });
    staff = await f.login('forestry-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  let batchId = '';
  it('previews a batch per payee from the public-welfare parcels at 16 元/亩 (hand computation)', async () => {
    const r = await call('GET', `/api/compensation/preview?unitCode=${TOWN}&year=2026`);
    expect(r.statusCode).toBe(200);
    const p = r.json();
    const fen = (no: string) => Math.round(((areas[no]! * 15) / 10000) * 1600);
    expect(p.rates).toEqual({ '11': 1600, '12': 1600 });
    expect(p.lines.map((l: { parcelNo: string }) => l.parcelNo)).toEqual(['001', '002', '003']); // 004 is 商品林; 005 has no owner
    expect(p.withoutOwner).toBe(1);
    expect(p.payees).toEqual([
      { payee: '冉家富', parcels: 2, areaM2: areas['001']! + areas['002']!, amountFen: fen('001') + fen('002') },
      { payee: '包家村一组', parcels: 1, areaM2: areas['003']!, amountFen: fen('003') },
    ]);
    expect(p.totalFen).toBe(fen('001') + fen('002') + fen('003'));
    expect(fen('002')).toBeGreaterThan(fen('001')); // the bigger square pays more
  });

  it('creates the batch once: the same parcels for the same year are refused', async () => {
    const made = await call('POST', '/api/compensation/batches', { unitCode: TOWN, year: 2026 });
    expect(made.statusCode).toBe(201);
    batchId = made.json().id;
    expect(made.json()).toMatchObject({ status: 'draft', lineCount: 3, payees: 2, title: '龙潭镇2026年度森林生态效益补偿', linesWithoutAccount: 3 });
    const again = await call('POST', '/api/compensation/batches', { unitCode: VILLAGE, year: 2026 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('包家村的公益林小班 2026 年度已全部列入其他补偿批次');
    // A different year is a different payment.
    expect((await call('GET', `/api/compensation/preview?unitCode=${VILLAGE}&year=2027`)).json().lines).toHaveLength(3);
  });

  it('refuses a second line for the same parcel and year in the database itself, and allows it once the first batch is cancelled', async () => {
    const line = await f.store.db.selectFrom('compensation_lines').selectAll().where('parcel_no', '=', '001').executeTakeFirstOrThrow();
    const other = { ...line, id: 'dup-line', batch_id: batchId };
    await expect(f.store.db.insertInto('compensation_lines').values(other).execute()).rejects.toThrow(/unique|UNIQUE/);
    // an inactive line (a cancelled batch's) does not count
    await f.store.db.insertInto('compensation_lines').values({ ...other, active: 0 }).execute();
    await f.store.db.deleteFrom('compensation_lines').where('id', '=', 'dup-line').execute();
  });

  it('posts for 7 days, takes and resolves objections, approves only after the posting, then exports for the bank', async () => {
    expect((await call('POST', `/api/compensation/batches/${batchId}/approve`, {})).json().message).toBe('只有公示后的批次可以审定');
    const posted = (await call('POST', `/api/compensation/batches/${batchId}/post`, {})).json();
    expect(posted).toMatchObject({ status: 'posted', postingFrom: '2026-11-02', postingTo: '2026-11-08' });
    const line003 = posted.lines.find((l: { parcelNo: string }) => l.parcelNo === '003');
    const line001 = posted.lines.find((l: { parcelNo: string }) => l.parcelNo === '001');
    const objected = await call('POST', `/api/compensation/batches/${batchId}/objections`, { lineId: line003.id, raisedBy: '包家村一组 冉光荣', content: '003 小班实际面积更大' });
    expect(objected.statusCode).toBe(201);
    await call('POST', `/api/compensation/batches/${batchId}/objections`, { lineId: line001.id, raisedBy: '冉家贵', content: '001 小班是我家的' });
    now = new Date('2026-11-09T02:00:00Z');
    staff = await f.login('forestry-staff', 'staff1234');
    expect((await call('POST', `/api/compensation/batches/${batchId}/objections`, { raisedBy: '某人', content: '迟到的异议' })).json().message).toBe('公示已于 2026-11-08 结束');
    expect((await call('POST', `/api/compensation/batches/${batchId}/approve`, {})).json().message).toBe('还有 2 条异议未处理');
    const detail = (await call('GET', `/api/compensation/batches/${batchId}`)).json();
    const [o003, o001] = detail.objections;
    const corrected = await call('POST', `/api/compensation/batches/${batchId}/objections/${o003.id}/resolution`, { upheld: true, resolution: '经核实面积为 5 亩', areaMu: 5 });
    expect(corrected.json().lines.find((l: { parcelNo: string }) => l.parcelNo === '003')).toMatchObject({ amountFen: 8000, note: expect.stringContaining('更正为 5.00 亩') });
    await call('POST', `/api/compensation/batches/${batchId}/objections/${o001.id}/resolution`, { upheld: false, resolution: '林权证登记为冉家富' });
    // accounts: one payee, all of its lines
    const withAccount = (await call('PATCH', `/api/compensation/batches/${batchId}/lines/${line001.id}`, { bankAccount: '6228480000000001', idNumber: '50024219800101123x' })).json();
    expect(withAccount.lines.filter((l: { payee: string; bankAccount: string }) => l.payee === '冉家富' && l.bankAccount === '6228480000000001')).toHaveLength(2);
    expect((await call('PATCH', `/api/compensation/batches/${batchId}/lines/${line001.id}`, { bankAccount: '12ab' })).json().errors[0].field).toBe('/body/bankAccount');
    const approved = (await call('POST', `/api/compensation/batches/${batchId}/approve`, {})).json();
    expect(approved.status).toBe('approved');
    expect((await call('POST', `/api/compensation/batches/${batchId}/pay`, {})).json().message).toBe('有 1 户缺少银行账号，补全后才能发放');
    await call('PATCH', `/api/compensation/batches/${batchId}/lines/${line003.id}`, { bankAccount: '6228480000000002' });
    const bank = await call('GET', `/api/compensation/batches/${batchId}/bank.xlsx`);
    expect(bank.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bank.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[1]).toEqual(['序号', '户名', '身份证号', '银行账号', '面积(亩)', '标准(元/亩)', '金额(元)', '小班']);
    expect(rows[2]!.slice(1, 4)).toEqual(['冉家富', '50024219800101123X', '6228480000000001']);
    expect(rows[3]!.slice(1, 7)).toEqual(['包家村一组', '', '6228480000000002', 5, '16.00', 80]);
    expect((await call('POST', `/api/compensation/batches/${batchId}/pay`, {})).json().status).toBe('paid');
    expect((await call('POST', `/api/compensation/batches/${batchId}/cancel`, {})).json().message).toBe('已发放的批次不能作废');
    const posting = await call('GET', `/api/compensation/batches/${batchId}/posting.xlsx`);
    const pbook = new ExcelJS.Workbook();
    await pbook.xlsx.load(posting.rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(pbook.worksheets[0]!.getSheetValues())).toContain('500242********123X');
    now = new Date('2026-11-02T02:00:00Z');
  });

  it('frees the parcels of a cancelled batch for a new one, and keeps batches to staff of the unit', async () => {
    const made = (await call('POST', '/api/compensation/batches', { unitCode: VILLAGE, year: 2027 })).json();
    expect(made.lineCount).toBe(3);
    expect((await call('POST', '/api/compensation/batches', { unitCode: VILLAGE, year: 2027 })).statusCode).toBe(409);
    expect((await call('POST', `/api/compensation/batches/${made.id}/cancel`, {})).json().status).toBe('cancelled');
    expect((await call('POST', '/api/compensation/batches', { unitCode: VILLAGE, year: 2027 })).statusCode).toBe(201);
    const chief = await f.login(`chief-${TOWN}`);
    expect((await call('POST', '/api/compensation/batches', { unitCode: VILLAGE, year: 2028 }, chief)).statusCode).toBe(403);
    const other = await f.login('chief-500242102000');
    expect((await call('GET', `/api/compensation/batches/${made.id}`, undefined, other)).statusCode).toBe(404);
    expect((await call('GET', '/api/compensation/batches', undefined, other)).json()).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import type { MultiPolygon, Position } from 'geojson';
import { ellipsoidalArea, interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { encodeGbk, prjGk, writeShapefileZip } from './fixtures/write-shapefile.ts';

// Issue 5 §1: parcels (小班) from a zipped Shapefile in Gauss-Krüger CM 108°E with GBK attributes: codes checked
// against DOMAIN.md §3, the village found from the geometry, areas on the ellipsoid, nothing written until confirmed.
const NOW = new Date('2024-05-06T02:00:00Z');
const gk = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

describe.each(testEngines())('parcel import on $name', (engine) => {
  let f: AppFixture;
  let admin: string;
  let centre: [number, number];
  const post = (payload: unknown) => f.app.inject({ method: 'POST', url: '/api/ledger/parcels/imports', headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', NOW, { activity: false }), now: () => NOW });
    admin = await f.login('admin', 'admin123');
    const v = await f.store.db.selectFrom('units').select('geom_json').where('code', '=', '500242101200').executeTakeFirstOrThrow();
    centre = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
  });
  afterAll(() => f?.close());

  // Squares of ~100 m a side next to each other around the village's inner point, clockwise (shapefile outer rings).
  const square = (i: number, at: [number, number] = centre): Position[] => {
    const [x, y] = [at[0] + (i % 3) * 0.0011, at[1] + Math.floor(i / 3) * 0.001];
    const d = 0.0005;
    return [[x - d, y - d], [x - d, y + d], [x + d, y + d], [x + d, y - d], [x - d, y - d]];
  };
  const fields = [
    { name: '林班', type: 'C' as const, length: 6 }, { name: '小班号', type: 'C' as const, length: 6 }, { name: '地类', type: 'C' as const, length: 6 },
    { name: '森林类别', type: 'C' as const, length: 4 }, { name: '起源', type: 'C' as const, length: 6 }, { name: '优势树种', type: 'C' as const, length: 12 },
    { name: '郁闭度', type: 'N' as const, length: 6 }, { name: '蓄积', type: 'N' as const, length: 10 },
  ];
  const rows = () => [
    { ring: square(0), a: { 林班: '3', 小班号: '001', 地类: '0111', 森林类别: '11', 起源: '天然', 优势树种: '马尾松', 郁闭度: 0.7, 蓄积: 120.5 } },
    { ring: square(1), a: { 林班: '3', 小班号: '002', 地类: '0113', 森林类别: '12', 起源: '人工', 优势树种: '毛竹', 郁闭度: 0.8, 蓄积: 0 } },
    { ring: square(2), a: { 林班: '3', 小班号: '003', 地类: '0210', 森林类别: '', 起源: '', 优势树种: '', 郁闭度: 0, 蓄积: 0 } },
    { ring: square(3), a: { 林班: '3', 小班号: '004', 地类: '9999', 森林类别: '11', 起源: '天然', 优势树种: '', 郁闭度: 0.5, 蓄积: 0 } },
    { ring: square(4), a: { 林班: '3', 小班号: '001', 地类: '0111', 森林类别: '22', 起源: '人工', 优势树种: '杉木', 郁闭度: 0.6, 蓄积: 40 } },
    { ring: square(0, [107.0, 29.0]), a: { 林班: '9', 小班号: '001', 地类: '0111', 森林类别: '11', 起源: '天然', 优势树种: '', 郁闭度: 0.5, 蓄积: 0 } },
  ];
  const zip = () => writeShapefileZip({
    records: rows().map((r) => ({ rings: [r.ring.map((p) => proj4('EPSG:4326', gk, p))], attributes: r.a })), fields, encode: encodeGbk, prj: prjGk(108, 500000),
  });

  it('checks every parcel and writes nothing on a dry run', async () => {
    const r = await post({ fileName: '小班.zip', contentBase64: Buffer.from(zip()).toString('base64'), year: 2024 });
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report).toMatchObject({ accepted: 3, rejected: 3, committed: false, created: 0 });
    expect(report.crs).toContain('108');
    expect(report.rows.map((x: { ok: boolean }) => x.ok)).toEqual([true, true, true, false, false, false]);
    expect(report.rows[3].findings[0]).toMatchObject({ field: '地类', message: expect.stringContaining('9999') });
    expect(report.rows[4].findings[0].message).toContain('与第 1 行小班号重复');
    expect(report.rows[5].findings[0].message).toContain('不在您管辖');
    expect(report.rows[0]).toMatchObject({ parcelNo: '3-001', unitCode: '500242101200', unitName: '包家村' });
    expect(await f.store.db.selectFrom('parcels').select('id').execute()).toHaveLength(0);
  });

  it('writes the accepted parcels with their ellipsoidal areas and spatial index on confirmation, once', async () => {
    const done = (await post({ fileName: '小班.zip', contentBase64: Buffer.from(zip()).toString('base64'), year: 2024, commit: true })).json();
    expect(done).toMatchObject({ committed: true, created: 3 });
    const stored = await f.store.db.selectFrom('parcels').selectAll().orderBy('parcel_no').execute();
    expect(stored.map((p) => [p.parcel_no, p.land_class, p.forest_category, p.origin, p.dominant_species, p.unit_code])).toEqual([
      ['3-001', '0111', '11', 'natural', '马尾松', '500242101200'],
      ['3-002', '0113', '12', 'planted', '毛竹', '500242101200'],
      ['3-003', '0210', null, null, null, '500242101200'],
    ]);
    const expected = ellipsoidalArea({ type: 'Polygon', coordinates: [[...square(0)].reverse()] });
    expect(Math.abs(stored[0]!.area_m2 - expected) / expected).toBeLessThan(1e-6); // reprojection round trip
    expect(stored[0]!.area_m2).toBeGreaterThan(9_000); // ~107 m × ~111 m
    expect(stored[0]!.volume_m3).toBe(120.5);
    const indexed = engine.name === 'sqlite'
      ? await f.store.db.selectFrom('parcels_rtree' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
      : (await (await import('kysely')).sql<{ n: number }>`select count(*)::int as n from parcels where geom is not null`.execute(f.store.db)).rows[0];
    expect(Number((indexed as { n: number }).n)).toBe(3);
    if (engine.name === 'postgres') {
      // Done-when of issue 5: an independent ellipsoidal computation — PostGIS geography (GeographicLib) — agrees within 0.1 %.
      const { sql } = await import('kysely');
      const byPostgis = (await sql<{ parcel_no: string; a: number; g: number }>`select parcel_no, area_m2 as a, st_area(geom::geography) as g from parcels order by parcel_no`.execute(f.store.db)).rows;
      expect(byPostgis).toHaveLength(3);
      for (const r of byPostgis) expect(Math.abs(r.a - Number(r.g)) / Number(r.g)).toBeLessThan(0.001);
    }
    const again = (await post({ fileName: '小班.zip', contentBase64: Buffer.from(zip()).toString('base64'), year: 2024, commit: true })).json();
    expect(again).toMatchObject({ created: 0 });
    expect(again.rows[0].findings[0].message).toContain('2024 年度已有该小班');
  });

  it('sums areas by land class and computes forest coverage by the DOMAIN.md §3 formula, per village', async () => {
    const stats = (await f.app.inject({ method: 'GET', url: '/api/ledger/statistics?unit=500242101000&year=2024', headers: { cookie: admin } })).json();
    const stored = await f.store.db.selectFrom('parcels').select(['land_class', 'area_m2']).orderBy('parcel_no').execute();
    const village = await f.store.db.selectFrom('units').select('area_m2').where('code', '=', '500242101200').executeTakeFirstOrThrow();
    expect(stats.parcels).toBe(3);
    expect(stats.byLandClass.map((r: { key: string }) => r.key).sort()).toEqual(['0111', '0113', '0210']);
    // 乔木林地 at canopy 0.7 and 竹林地 count; 耕地 does not
    const forest = stored[0]!.area_m2 + stored[1]!.area_m2;
    expect(stats.coverage.forestAreaM2).toBeCloseTo(forest, 6);
    // Done-when of issue 5: the town's coverage figure against a hand computation — (0111 at canopy ≥ 0.2 + 0113) ÷ the town's land area.
    const town = await f.store.db.selectFrom('units').select('area_m2').where('code', '=', '500242101000').executeTakeFirstOrThrow();
    expect(stats.coverage.landAreaM2).toBeCloseTo(town.area_m2!, 3);
    expect(stats.coverage.coverage).toBeCloseTo(forest / town.area_m2!, 12);
    const child = stats.children.find((c: { unitCode: string }) => c.unitCode === '500242101200');
    expect(child.coverage).toBeCloseTo(forest / village.area_m2!, 12);
    expect(stats.byOrigin.find((r: { key: string | null }) => r.key === 'natural').areaM2).toBeCloseTo(stored[0]!.area_m2, 6);
    const list = (await f.app.inject({ method: 'GET', url: '/api/ledger/parcels?year=2024&landClass=0113', headers: { cookie: admin } })).json();
    expect(list.items.map((p: { parcelNo: string; unitName: string }) => [p.parcelNo, p.unitName])).toEqual([['3-002', '包家村']]);
    const otherTown = await f.login('chief-500242102000');
    const hidden = (await f.app.inject({ method: 'GET', url: '/api/ledger/parcels?year=2024', headers: { cookie: otherTown } })).json();
    expect(hidden.total).toBe(0);
    expect((await f.app.inject({ method: 'GET', url: '/api/ledger/statistics?unit=500242101000&year=2024', headers: { cookie: otherTown } })).statusCode).toBe(404);
  });

  it('adds the registered 四旁树 and shelterbelt crown area to forest coverage (DOMAIN.md §3), once per place', async () => {
    const put = (unit: string, body: unknown) => f.app.inject({ method: 'PUT', url: `/api/ledger/scattered-trees/${unit}/2024`, headers: { cookie: admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect((await put('500242101200', { crownAreaM2: 12_000, shelterbeltM2: 3_000, treeCount: 1_800 })).statusCode).toBe(200);
    // the town cannot also be registered while its villages are
    expect((await put('500242101000', { crownAreaM2: 1 })).statusCode).toBe(409);
    expect((await put('500242000000', { crownAreaM2: 1 })).json().errors[0].field).toBe('/params/unitCode');
    const stats = (await f.app.inject({ method: 'GET', url: '/api/ledger/statistics?unit=500242101000&year=2024', headers: { cookie: admin } })).json();
    const stored = await f.store.db.selectFrom('parcels').select(['area_m2']).where('year', '=', 2024).orderBy('parcel_no').execute();
    const [village, town] = await Promise.all(['500242101200', '500242101000'].map((c) => f.store.db.selectFrom('units').select('area_m2').where('code', '=', c).executeTakeFirstOrThrow()));
    const forest = stored[0]!.area_m2 + stored[1]!.area_m2;
    expect(stats.coverage.scatteredTreesM2).toBe(15_000);
    expect(stats.coverage.coverage).toBeCloseTo((forest + 15_000) / town!.area_m2!, 12);
    expect(stats.children.find((c: { unitCode: string }) => c.unitCode === '500242101200').coverage).toBeCloseTo((forest + 15_000) / village!.area_m2!, 12);
    const list = (await f.app.inject({ method: 'GET', url: '/api/ledger/scattered-trees?year=2024', headers: { cookie: admin } })).json();
    expect(list).toEqual([expect.objectContaining({ unitCode: '500242101200', unitName: '包家村', crownAreaM2: 12_000, shelterbeltM2: 3_000, treeCount: 1_800 })]);
    await f.store.db.deleteFrom('scattered_trees').execute();
  });

  it('compares two yearly versions: land class changes, added and removed parcels, area per land class', async () => {
    // The 2025 update: 3-001 was felled (→ 0161 采伐迹地), 3-003 is no longer in the ledger, 3-004 is new.
    const next = [
      { ring: square(0), a: { 林班: '3', 小班号: '001', 地类: '0161', 森林类别: '11', 起源: '天然', 优势树种: '', 郁闭度: 0, 蓄积: 0 } },
      { ring: square(1), a: { 林班: '3', 小班号: '002', 地类: '0113', 森林类别: '12', 起源: '人工', 优势树种: '毛竹', 郁闭度: 0.8, 蓄积: 0 } },
      { ring: square(3), a: { 林班: '3', 小班号: '004', 地类: '0141', 森林类别: '12', 起源: '人工', 优势树种: '', 郁闭度: 0, 蓄积: 0 } },
    ];
    const file = writeShapefileZip({ records: next.map((r) => ({ rings: [r.ring.map((p) => proj4('EPSG:4326', gk, p))], attributes: r.a })), fields, encode: encodeGbk, prj: prjGk(108, 500000) });
    expect((await post({ fileName: '2025.zip', contentBase64: Buffer.from(file).toString('base64'), year: 2025, commit: true })).json()).toMatchObject({ created: 3 });
    const diff = (await f.app.inject({ method: 'GET', url: '/api/ledger/changes?unit=500242101200&from=2024&to=2025', headers: { cookie: admin } })).json();
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(diff.changes.map((c: { parcelNo: string; kind: string; fields?: string[] }) => [c.parcelNo, c.kind, c.fields ?? null])).toEqual([
      ['3-001', 'changed', ['landClass']], ['3-003', 'removed', null], ['3-004', 'added', null],
    ]);
    const felled = diff.landClasses.find((r: { landClass: string }) => r.landClass === '0161');
    expect(felled.fromM2).toBe(0);
    expect(felled.toM2).toBeGreaterThan(9_000);
    expect((await f.app.inject({ method: 'GET', url: '/api/ledger/changes?from=2024&to=2024', headers: { cookie: admin } })).statusCode).toBe(400);
  });

  it('joins an Excel or a GBK CSV attribute table to the geometry by 林班-小班 and reports what did not join', async () => {
    // The geometry carries only the numbers; the attributes come from the inventory's table.
    const shapes = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { LBH: '8', XBH: '001' }, geometry: { type: 'Polygon', coordinates: [[...square(6)]] } },
      { type: 'Feature', properties: { LBH: '8', XBH: '002' }, geometry: { type: 'Polygon', coordinates: [[...square(7)]] } },
      { type: 'Feature', properties: { LBH: '8', XBH: '003', DL: '0111' }, geometry: { type: 'Polygon', coordinates: [[...square(8)]] } },
    ] };
    const header = ['林班', '小班号', '地类', '森林类别', '起源', '优势树种', '郁闭度', '蓄积'];
    const lines = [['8', '001', '0111', '21', '人工', '杉木', '0.65', '95.5'], ['8', '002', '0131', '11', '天然', '', '', ''], ['8', '009', '0111', '22', '人工', '柏木', '0.5', '40']];
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('小班属性表');
    sheet.addRow(['包家村 2026 年小班属性表']);
    sheet.addRow(header);
    for (const l of lines) sheet.addRow(l.map((v, i) => (i >= 6 && v ? Number(v) : v)));
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const csv = encodeGbk([header, ...lines].map((l) => l.join(',')).join('\r\n'));
    for (const table of [{ fileName: '属性表.xlsx', bytes: xlsx }, { fileName: '属性表.csv', bytes: Buffer.from(csv) }]) {
      const r = await post({
        fileName: '图形.geojson', contentBase64: Buffer.from(JSON.stringify(shapes)).toString('base64'), year: 2026,
        attributes: { fileName: table.fileName, contentBase64: table.bytes.toString('base64') },
      });
      expect(r.statusCode).toBe(200);
      const report = r.json();
      expect(report.attributes).toEqual({ fileName: table.fileName, rows: 3, matched: 2, unmatched: [table.fileName.endsWith('xlsx') ? 5 : 4] });
      expect(report.rows.map((x: { parcelNo: string; landClass: string | null; ok: boolean }) => [x.parcelNo, x.landClass, x.ok])).toEqual([
        ['8-001', '0111', true], ['8-002', '0131', true], ['8-003', '0111', true],
      ]);
      expect(report.rows[2].findings[0]).toMatchObject({ severity: 'warning', message: '属性表中没有小班 8-003' });
      expect(report.fileFindings.map((x: { message: string }) => x.message).join()).toContain('属性表中 1 行没有对应的小班图形');
    }
    const done = (await post({
      fileName: '图形.geojson', contentBase64: Buffer.from(JSON.stringify(shapes)).toString('base64'), year: 2026, commit: true,
      attributes: { fileName: '属性表.csv', contentBase64: Buffer.from(csv).toString('base64') },
    })).json();
    expect(done).toMatchObject({ committed: true, created: 3 });
    const stored = await f.store.db.selectFrom('parcels').select(['parcel_no', 'forest_category', 'origin', 'dominant_species', 'canopy_closure', 'volume_m3']).where('year', '=', 2026).orderBy('parcel_no').execute();
    expect(stored[0]).toEqual({ parcel_no: '8-001', forest_category: '21', origin: 'planted', dominant_species: '杉木', canopy_closure: 0.65, volume_m3: 95.5 });
    const bad = await post({ fileName: '图形.geojson', contentBase64: Buffer.from(JSON.stringify(shapes)).toString('base64'), year: 2026, attributes: { fileName: 'a.txt', contentBase64: 'AA==' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: '/body/attributes', message: '属性表须为 Excel (.xlsx) 或 CSV (.csv) 文件' });
  });

  it('measures forest land inside the rangers’ management grids and lists the parcels outside them', async () => {
    const get = async () => (await f.app.inject({ method: 'GET', url: '/api/ledger/responsibility?unit=500242101000&year=2024', headers: { cookie: admin } })).json();
    const forest = await f.store.db.selectFrom('parcels').select(['parcel_no', 'area_m2']).where('year', '=', 2024).where('land_class', 'in', ['0111', '0113']).orderBy('parcel_no').execute();
    const before = await get();
    // The demo's grids tile each village: both forest parcels (3-001, 3-002) lie wholly inside; 耕地 3-003 is not forest land.
    expect(before).toMatchObject({ unitCode: '500242101000', parcels: 2, gaps: [], gapCount: 0 });
    expect(before.forestM2).toBeCloseTo(forest[0]!.area_m2 + forest[1]!.area_m2, 6);
    expect(before.share).toBeCloseTo(1, 6);
    expect(before.children).toHaveLength(1);
    expect(before.children[0]).toMatchObject({ unitCode: '500242101200', unitName: '包家村' });
    // Without the village's grids nobody is answerable for them.
    await f.store.db.deleteFrom('areas').where('unit_code', '=', '500242101200').where('kind', '=', 'grid').execute();
    const after = await get();
    expect(after.share).toBe(0);
    expect(after.gaps.map((g: { parcelNo: string }) => g.parcelNo).sort()).toEqual(['3-001', '3-002']);
    expect(after.gaps[0].uncoveredM2).toBeCloseTo(after.gaps[0].areaM2, 6);
  });

  it('keeps the ledger to administrators and bureau staff', async () => {
    const chief = await f.login('chief-500242101000');
    const r = await f.app.inject({ method: 'POST', url: '/api/ledger/parcels/imports', headers: { cookie: chief, 'content-type': 'application/json' }, payload: JSON.stringify({ fileName: 'a.zip', contentBase64: 'AA==', year: 2024 }) });
    expect(r.statusCode).toBe(403);
  });
});

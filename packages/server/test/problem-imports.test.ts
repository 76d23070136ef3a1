import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import proj4 from 'proj4';
import { encodeGbk, prjGk, writeShapefileZip } from './fixtures/write-shapefile.ts';

// Issue 4 §4 and "done when": an imported patch file of 50 patches produces 50 problems in the right towns;
// an inspection ledger from Excel is checked row by row and nothing is written until confirmed.
const NOW = new Date('2024-05-06T02:00:00Z');

describe.each(testEngines())('problem imports on $name', (engine) => {
  let f: AppFixture;
  let chief: string;
  let villages: { code: string; point: [number, number] }[];
  const post = (url: string, payload: unknown) =>
    f.app.inject({ method: 'POST', url, headers: { cookie: chief, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', NOW, { activity: false }), now: () => NOW });
    chief = await f.login('chief-500242000000');
    // 50 villages spread over the county's towns, each with a point inside it
    const rows = await f.store.db.selectFrom('units').select(['code', 'geom_json']).where('level', '=', 'village').where('code', 'like', '500242%').orderBy('code').execute();
    const step = Math.floor(rows.length / 50);
    villages = Array.from({ length: 50 }, (_, i) => rows[i * step]!).map((r) => ({ code: r.code, point: interiorPoint(JSON.parse(r.geom_json!) as MultiPolygon)! }));
  });
  afterAll(() => f?.close());

  const patchFile = (count: number) => ({
    type: 'FeatureCollection',
    features: villages.slice(0, count).map((v, i) => {
      const [x, y] = v.point;
      const d = 0.0004; // a patch of about 40 m × 45 m around the village's inner point
      return {
        type: 'Feature',
        properties: { 图斑编号: `WP2024-${String(i + 1).padStart(3, '0')}`, 变化类型: i % 2 ? '毁林开垦' : '违法占用林地建设' },
        geometry: { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] },
      };
    }),
  });
  const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

  it('checks 50 satellite patches without writing, then creates one problem per patch in the right village and town', async () => {
    const dry = await post('/api/problems/imports', { kind: 'patches', fileName: 'patches.geojson', contentBase64: base64(patchFile(50)) });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ accepted: 50, rejected: 0, committed: false, created: 0 });
    expect((await f.store.db.selectFrom('problems').select('id').execute()).length).toBe(0);

    const done = (await post('/api/problems/imports', { kind: 'patches', fileName: 'patches.geojson', contentBase64: base64(patchFile(50)), commit: true })).json();
    expect(done).toMatchObject({ accepted: 50, committed: true, created: 50 });
    const made = await f.store.db.selectFrom('problems').select(['external_ref', 'unit_code', 'source', 'needs_field_check', 'geom_json', 'category']).execute();
    expect(made).toHaveLength(50);
    for (const [i, v] of villages.entries()) {
      const p = made.find((m) => m.external_ref === `WP2024-${String(i + 1).padStart(3, '0')}`)!;
      expect(p.unit_code).toBe(v.code);
      expect(p.unit_code.slice(0, 9)).toBe(v.code.slice(0, 9)); // the right town
      expect(p).toMatchObject({ source: 'satellite_patch', needs_field_check: 1, category: 'encroachment' });
      expect(JSON.parse(p.geom_json!).type).toBe('Polygon');
    }
    // the same file again: every row is a duplicate, nothing is written
    const again = (await post('/api/problems/imports', { kind: 'patches', fileName: 'patches.geojson', contentBase64: base64(patchFile(50)), commit: true })).json();
    expect(again).toMatchObject({ accepted: 0, rejected: 50, created: 0 });
    expect(again.rows[0].findings[0].message).toContain('已导入过');
  });

  it('reads the same kind of patches from a zipped GBK Shapefile in Gauss-Krüger CM 108°E', async () => {
    const gk = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const records = villages.slice(0, 10).map((v, i) => {
      const [x, y] = v.point;
      const d = 0.0004;
      const cw = [[x - d, y - d], [x - d, y + d], [x + d, y + d], [x + d, y - d], [x - d, y - d]].map((p) => proj4('EPSG:4326', gk, p));
      return { rings: [cw], attributes: { TBBH: `SHP-${i + 1}`, 变化类型: '毁林开垦' } };
    });
    const zip = writeShapefileZip({ records, fields: [{ name: 'TBBH', type: 'C', length: 16 }, { name: '变化类型', type: 'C', length: 20 }], encode: encodeGbk, prj: prjGk(108, 500000) });
    const r = (await post('/api/problems/imports', { kind: 'patches', fileName: '图斑.zip', contentBase64: Buffer.from(zip).toString('base64'), commit: true })).json();
    expect(r).toMatchObject({ accepted: 10, created: 10 });
    expect(r.rows.map((x: { unitCode: string }) => x.unitCode)).toEqual(villages.slice(0, 10).map((v) => v.code));
    expect(r.rows[0].title).toBe('卫片图斑 SHP-1（毁林开垦）');
  });

  it('reports bad patches row by row: no number, not a polygon, outside the county, projected without a CRS', async () => {
    const file = patchFile(3);
    delete (file.features[0]!.properties as Record<string, unknown>)['图斑编号'];
    (file.features[1] as { geometry: unknown }).geometry = { type: 'Point', coordinates: villages[1]!.point };
    file.features[2]!.geometry.coordinates = [[[100, 30], [100.001, 30], [100.001, 30.001], [100, 30.001], [100, 30]]];
    const r = (await post('/api/problems/imports', { kind: 'patches', fileName: 'bad.geojson', contentBase64: base64(file), commit: true })).json();
    expect(r).toMatchObject({ accepted: 0, rejected: 3, created: 0 });
    expect(r.rows.map((x: { findings: { message: string }[] }) => x.findings.map((y) => y.message).join('；'))).toEqual([
      expect.stringContaining('缺少图斑编号'), expect.stringContaining('须为面'), expect.stringContaining('不在您管辖'),
    ]);
    const projected = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 图斑编号: 'X1' }, geometry: { type: 'Polygon', coordinates: [[[36500000, 3190000], [36500100, 3190000], [36500100, 3190100], [36500000, 3190000]]] } }] };
    const p = (await post('/api/problems/imports', { kind: 'patches', fileName: 'p.geojson', contentBase64: base64(projected) })).json();
    expect(p.fileFindings[0].message).toContain('没有声明坐标系');
  });

  it('imports an inspection ledger from Excel only when confirmed, with a reason for every rejected row', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('问题台账');
    sheet.addRow(['中央生态环境保护督察反馈问题整改台账']);
    sheet.addRow(['问题编号', '问题描述', '问题类别', '经度', '纬度', '区划代码', '整改时限', '紧急程度']);
    sheet.addRow(['DC-001', '某石材厂违法占用林地 12 亩', '毁林占地', villages[0]!.point[0], villages[0]!.point[1], '', '2024-06-30', '较重']);
    sheet.addRow(['DC-002', '保护区内违规修建农家乐', '乱搭建', '', '', villages[1]!.code, new Date(Date.UTC(2024, 7, 15)), '']);
    sheet.addRow(['DC-003', '', '其他', villages[2]!.point[0], villages[2]!.point[1], '', '', '']);
    sheet.addRow(['DC-004', '无位置的问题', '其他', '', '', '', '下月底', '']);
    const contentBase64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const dry = (await post('/api/problems/imports', { kind: 'ledger', source: 'inspection', fileName: '督察台账.xlsx', contentBase64 })).json();
    expect(dry).toMatchObject({ accepted: 2, rejected: 2, committed: false });
    expect(dry.rows[0]).toMatchObject({ row: 3, ok: true, unitCode: villages[0]!.code, category: 'encroachment' });
    expect(dry.rows[1]).toMatchObject({ row: 4, ok: true, unitCode: villages[1]!.code, category: 'four_chaos' });
    expect(dry.rows[2].findings[0].message).toBe('问题描述为空');
    expect(dry.rows[3].findings.map((x: { field: string }) => x.field).sort()).toEqual(['整改时限', '经度'].sort());
    expect(await f.store.db.selectFrom('problems').select('id').where('source', '=', 'inspection').execute()).toHaveLength(0);

    const done = (await post('/api/problems/imports', { kind: 'ledger', source: 'inspection', fileName: '督察台账.xlsx', contentBase64, commit: true })).json();
    expect(done).toMatchObject({ committed: true, created: 2 });
    const rows = await f.store.db.selectFrom('problems').select(['external_ref', 'deadline_at', 'severity']).where('source', '=', 'inspection').orderBy('external_ref').execute();
    expect(rows).toEqual([
      { external_ref: 'DC-001', deadline_at: '2024-06-30T15:59:59.000Z', severity: 'serious' },
      { external_ref: 'DC-002', deadline_at: '2024-08-15T15:59:59.000Z', severity: 'general' },
    ]);
  });

  it('refuses an unreadable file and people without the right to import', async () => {
    const bad = await post('/api/problems/imports', { kind: 'ledger', fileName: 'x.xlsx', contentBase64: Buffer.from('not excel').toString('base64') });
    expect(bad.statusCode).toBe(400);
    const ranger = await f.login('ranger-500242101200-1');
    const r = await f.app.inject({ method: 'POST', url: '/api/problems/imports', headers: { cookie: ranger, 'content-type': 'application/json' }, payload: JSON.stringify({ kind: 'patches', fileName: 'a.geojson', contentBase64: base64(patchFile(1)) }) });
    expect(r.statusCode).toBe(403);
  });
});

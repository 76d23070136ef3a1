import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import proj4 from 'proj4';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { readFeatureFile } from './read-features.ts';
import { signedArea } from './check-geometry.ts';
import { encodeGbk, prjCgcs2000, prjGk, writeShapefileFiles, writeShapefileZip, type ShapefileOptions } from '../../test/fixtures/write-shapefile.ts';

// Issue 4 §4 / issue 5 §1: patch and parcel files as GeoJSON or zipped Shapefile, in CGCS2000 lon/lat or a
// CGCS2000 Gauss-Krüger zone (EPSG:4545 = 3° CM 108°E; EPSG:4524 = 3° zone 36, zone number in the easting),
// reprojected to lon/lat. proj4 is the independent reference for the projection.
const gk = (cm: number, fe: number) => `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${fe} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
const utf8 = (s: string) => new TextEncoder().encode(s);
const json = (doc: unknown) => utf8(JSON.stringify(doc));
// A square around (lon, lat), clockwise as shapefiles want outer rings.
const squareCw = (lon: number, lat: number, d = 0.001): Position[] => [[lon - d, lat - d], [lon - d, lat + d], [lon + d, lat + d], [lon + d, lat - d], [lon - d, lat - d]];
const fields = [{ name: '图斑编号', type: 'C' as const, length: 20 }, { name: '乡镇', type: 'C' as const, length: 20 }, { name: 'MJ', type: 'N' as const, length: 10 }];
const layer = (rings: Position[][], more: Partial<ShapefileOptions> = {}): ShapefileOptions => ({
  records: [{ rings, attributes: { 图斑编号: 'T1', 乡镇: '龙潭镇', MJ: 1 } }], fields, encode: utf8, prj: prjCgcs2000, cpg: 'UTF-8', ...more,
});
const codes = (list: { code: string }[]) => list.map((f) => f.code);
const outer = (g: Polygon | MultiPolygon | null) => (g as Polygon).coordinates[0]!;

describe('readFeatureFile: GeoJSON', () => {
  it('reads GeoJSON in CGCS2000 lon/lat as is, with outer rings counter-clockwise', async () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 图斑编号: 'A1' }, geometry: { type: 'Polygon', coordinates: [squareCw(108.7, 28.8)] } }] };
    const r = await readFeatureFile(json(fc), 'a.geojson');
    expect(r.findings).toEqual([]);
    expect(r.crs).toMatchObject({ kind: 'geographic', epsg: 4490 });
    expect(r.features[0]!.properties).toEqual({ 图斑编号: 'A1' });
    const ring = outer(r.features[0]!.geometry);
    expect(signedArea(ring)).toBeGreaterThan(0);
    expect(ring[0]).toEqual(squareCw(108.7, 28.8)[0]); // untouched
    expect(ring[1]).toEqual(squareCw(108.7, 28.8)[3]); // rewound: east along the bottom first
  });

  it('reprojects GeoJSON that names EPSG:4545 (CGCS2000 3° GK CM 108°E), in either spelling', async () => {
    const ring = squareCw(108.9, 29.1).map((p) => proj4('EPSG:4326', gk(108, 500000), p));
    for (const name of ['urn:ogc:def:crs:EPSG::4545', 'EPSG:4545']) {
      const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] };
      const r = await readFeatureFile(json(fc), 'b.json');
      expect(r.findings).toEqual([]);
      expect(r.crs).toMatchObject({ kind: 'gauss-kruger', epsg: 4545 });
      const back = outer(r.features[0]!.geometry);
      expect(back[0]![0]).toBeCloseTo(108.899, 7);
      expect(back[0]![1]).toBeCloseTo(29.099, 7);
    }
  });

  it('says the CRS is missing when coordinates are metres, and that it is wrong when a GK file holds degrees', async () => {
    const metres = squareCw(108.9, 29.1).map((p) => proj4('EPSG:4326', gk(108, 500000), p));
    const missing = await readFeatureFile(json({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [metres] } }), 'm.geojson');
    expect(codes(missing.findings)).toEqual(['missing_crs']);
    expect(missing.findings[0]!.message).toContain('没有声明坐标系');
    expect(codes(missing.features[0]!.findings)).toEqual(['looks_projected']);
    const degrees = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4545' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [squareCw(108.9, 29.1)] } }] };
    expect(codes((await readFeatureFile(json(degrees), 'd.geojson')).findings)).toEqual(['crs_mismatch']);
  });

  it('refuses Xian 80 and unknown CRSs, and reports malformed features per row instead of throwing', async () => {
    const named = (name: string) => json({ type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [{ type: 'Feature', properties: {}, geometry: null }] });
    expect((await readFeatureFile(named('EPSG:4610'), 'x.geojson')).findings[0]!.message).toContain('西安 80');
    expect((await readFeatureFile(named('EPSG:3857'), 'x.geojson')).findings[0]).toMatchObject({ code: 'unsupported_crs', message: expect.stringContaining('EPSG:3857') });
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: null, geometry: null },
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[108, 28], [108.1, 28.1]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: 'oops' } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[108, 28], [108.1, 28], [108.1, 28.1]]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[108, 28], [108.1, 28], [108.1, 28.1], [108, 28.1]]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [squareCw(2.35, 48.85)] } },
        'not a feature',
      ],
    };
    const r = await readFeatureFile(json(fc), 'rows.geojson');
    expect(r.features.map((f) => codes(f.findings))).toEqual([
      ['no_geometry'], ['not_polygon'], ['bad_geometry'], ['empty'], ['bad_ring'], ['ring_not_closed'], ['outside_china'], ['bad_feature'],
    ]);
    expect(r.features[1]!.findings[0]!.message).toContain('线');
    expect(r.features[6]!.geometry).not.toBeNull(); // a warning keeps the geometry
    expect(r.features.map((f) => f.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(codes((await readFeatureFile(utf8('{"type":'), 'x.json')).findings)).toEqual(['bad_json']);
    expect(codes((await readFeatureFile(json({ type: 'FeatureCollection', features: [] }), 'x.json')).findings)).toEqual(['no_features']);
  });
});

describe('readFeatureFile: zipped Shapefile', () => {
  it('reads a GBK shapefile (no .cpg) in GK CM 108°E from a zip sub-folder, against known points', async () => {
    // On the meridian: easting 500 000 is longitude 108 exactly; off it, proj4 gives the reference.
    const onMeridian: Position[] = [[500000, 3320000], [499800, 3320200], [500200, 3320200], [500000, 3320000]];
    const offMeridian = squareCw(109.4, 28.3).map((p) => proj4('EPSG:4326', gk(108, 500000), p));
    const zip = writeShapefileZip({
      folder: '图斑/2024', records: [{ rings: [onMeridian], attributes: { 图斑编号: 'WP-001', 乡镇: '龙潭镇', MJ: 12.5 } }, { rings: [offMeridian], attributes: { 图斑编号: 'WP-002', 乡镇: '麻旺镇', MJ: 3 } }],
      fields, encode: encodeGbk, prj: prjGk(108, 500000), cpg: null,
    });
    const r = await readFeatureFile(zip, 'patches.zip');
    expect(r.findings).toEqual([]);
    expect(r.encoding).toBe('gbk');
    expect(r.crs).toEqual({ kind: 'gauss-kruger', epsg: 4545, description: 'CGCS2000 3 度带高斯-克吕格 中央经线 108°E（EPSG:4545）' });
    expect(r.features.map((f) => f.properties)).toEqual([{ 图斑编号: 'WP-001', 乡镇: '龙潭镇', MJ: 12.5 }, { 图斑编号: 'WP-002', 乡镇: '麻旺镇', MJ: 3 }]);
    const a = outer(r.features[0]!.geometry);
    expect(a[0]![0]).toBe(108);
    expect(a[0]![1]).toBeCloseTo(proj4(gk(108, 500000), 'EPSG:4326', [500000, 3320000])[1]!, 7);
    const expected = squareCw(109.4, 28.3);
    for (const p of outer(r.features[1]!.geometry)) expect(expected.some((q) => Math.abs(q[0]! - p[0]!) < 1e-7 && Math.abs(q[1]! - p[1]!) < 1e-7)).toBe(true);
  });

  it('reads zone-prefixed eastings (EPSG:4524, false easting 36 500 000)', async () => {
    const ring = squareCw(107.6, 29.5).map((p) => proj4('EPSG:4326', gk(108, 36_500_000), p));
    const r = await readFeatureFile(writeShapefileZip(layer([ring], { prj: prjGk(108, 36500000) })), 'x.zip');
    expect(r.crs).toMatchObject({ kind: 'gauss-kruger', epsg: 4524 });
    const p = outer(r.features[0]!.geometry)[0]!;
    expect(p[0]).toBeCloseTo(107.599, 7);
    expect(p[1]).toBeCloseTo(29.499, 7);
  });

  it('decodes attributes by the .cpg (GBK, 936, UTF-8), else UTF-8 when valid, else GBK', async () => {
    const attributes = { 图斑编号: '渝酉-0001', 乡镇: '龙潭镇', MJ: 2 };
    const read = async (encode: (s: string) => Uint8Array, cpg: string | null) => {
      const r = await readFeatureFile(writeShapefileZip({ ...layer([squareCw(108.8, 28.8)]), records: [{ rings: [squareCw(108.8, 28.8)], attributes }], encode, cpg }), 'e.zip');
      return { encoding: r.encoding, properties: r.features[0]!.properties, findings: codes(r.findings) };
    };
    for (const cpg of ['GBK', '936', 'ANSI 936\r\n', 'gb2312', null]) {
      expect(await read(encodeGbk, cpg)).toEqual({ encoding: 'gbk', properties: attributes, findings: [] });
    }
    // '图斑编号' is 12 bytes in UTF-8, cut to dBase's 10 by the writer (as by ArcGIS), so the name reads back as '图斑编'.
    const cut = { 图斑编: '渝酉-0001', 乡镇: '龙潭镇', MJ: 2 };
    for (const cpg of ['UTF-8', '65001', null]) expect(await read(utf8, cpg)).toEqual({ encoding: 'utf-8', properties: cut, findings: [] });
    expect((await read(encodeGbk, 'no-such-code')).findings).toEqual(['unknown_cpg']);
  });

  it('groups holes with their outer ring and makes a multi-part record a MultiPolygon, in RFC 7946 winding', async () => {
    const shell = squareCw(108.5, 28.5, 0.01);
    const hole = squareCw(108.5, 28.5, 0.002).reverse(); // counter-clockwise in a shapefile = a hole
    const other = squareCw(108.6, 28.6, 0.003);
    const r = await readFeatureFile(writeShapefileZip(layer([other, hole, shell])), 'm.zip');
    const g = r.features[0]!.geometry as MultiPolygon;
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates.map((rings) => rings.length)).toEqual([1, 2]);
    const [withHole] = g.coordinates.filter((rings) => rings.length === 2);
    expect(signedArea(withHole![0]!)).toBeGreaterThan(0); // outer counter-clockwise
    expect(signedArea(withHole![1]!)).toBeLessThan(0); // hole clockwise
    expect(Math.abs(withHole![1]![0]![0]! - 108.5)).toBeCloseTo(0.002, 9);
  });

  it('flags a bow-tie, a null shape and a deleted record per row', async () => {
    const bow: Position[] = [[108, 28], [108.01, 28.01], [108.01, 28], [108, 28.01], [108, 28]];
    const r = await readFeatureFile(writeShapefileZip({
      ...layer([]),
      records: [{ rings: [bow], attributes: { 图斑编号: 'B', 乡镇: '', MJ: 0 } }, { rings: null, attributes: { 图斑编号: 'N', 乡镇: '', MJ: 0 } }, { rings: [squareCw(108, 28)], attributes: { 图斑编号: 'D', 乡镇: '', MJ: 0 }, deleted: true }],
    }), 'b.zip');
    expect(r.findings).toEqual([]);
    expect(r.features.map((f) => codes(f.findings))).toEqual([['self_intersection'], ['no_geometry'], ['deleted_record']]);
    expect(r.features[0]!.geometry).not.toBeNull();
  });

  it('refuses point and line layers, a missing .prj or .dbf, an archive without or with several .shp', async () => {
    const pts = await readFeatureFile(writeShapefileZip(layer([[[108, 28]]], { shapeType: 1 })), 'p.zip');
    expect(pts.findings[0]).toMatchObject({ code: 'not_polygon', message: expect.stringContaining('点图层') });
    expect(codes(pts.features[0]!.findings)).toEqual(['not_polygon']);
    const lines = await readFeatureFile(writeShapefileZip(layer([[[108, 28], [108.1, 28.1]]], { shapeType: 3 })), 'l.zip');
    expect(lines.findings[0]!.message).toContain('线图层');
    const noPrj = await readFeatureFile(writeShapefileZip(layer([squareCw(108, 28)], { prj: null })), 'n.zip');
    expect(noPrj.findings).toEqual([{ severity: 'error', code: 'no_prj', message: expect.stringContaining('layer.prj') }]);
    expect(noPrj.features).toEqual([]);
    const files = writeShapefileFiles(layer([squareCw(108, 28)]));
    delete files['layer.dbf'];
    expect(codes((await readFeatureFile(zipSync(files), 'd.zip')).findings)).toEqual(['no_dbf']);
    expect(codes((await readFeatureFile(zipSync({ 'readme.txt': utf8('hi') }), 'e.zip')).findings)).toEqual(['no_shp']);
    const two = zipSync({ ...writeShapefileFiles(layer([squareCw(108, 28)], { name: '小班' })), ...writeShapefileFiles(layer([squareCw(108, 28)], { name: '图斑' })) });
    expect((await readFeatureFile(two, 't.zip')).findings[0]).toMatchObject({ code: 'many_shp', message: expect.stringContaining('小班.shp、图斑.shp') });
    // macOS resource forks beside the layer are not a second layer.
    const mac = zipSync({ ...writeShapefileFiles(layer([squareCw(108, 28)])), '__MACOSX/._layer.shp': utf8('x') });
    expect((await readFeatureFile(mac, 'mac.zip')).findings).toEqual([]);
  });

  it('says when the coordinates contradict the .prj', async () => {
    const metres = squareCw(108.9, 29.1).map((p) => proj4('EPSG:4326', gk(108, 500000), p));
    expect(codes((await readFeatureFile(writeShapefileZip(layer([metres])), 'a.zip')).findings)).toEqual(['crs_mismatch']);
    expect(codes((await readFeatureFile(writeShapefileZip(layer([squareCw(108.9, 29.1)], { prj: prjGk(108, 500000) })), 'b.zip')).findings)).toEqual(['crs_mismatch']);
  });

  it('refuses unsupported projections, naming them', async () => {
    const xian = prjGk(108, 500000).replace('SPHEROID["CGCS2000",6378137.0,298.257222101]', 'SPHEROID["Xian_1980",6378140.0,298.257]').replace('D_China_2000', 'D_Xian_1980');
    expect((await readFeatureFile(writeShapefileZip(layer([squareCw(108, 28)], { prj: xian })), 'x.zip')).findings[0]).toMatchObject({ code: 'unsupported_crs', message: expect.stringContaining('西安 80') });
  });
});

describe('readFeatureFile: limits and formats', () => {
  it('refuses an oversized upload and a layer that unzips beyond the cap (zip bomb)', async () => {
    const limits = { maxFileBytes: 1024 * 1024, maxUnzippedBytes: 1024 * 1024 };
    expect(codes((await readFeatureFile(new Uint8Array(1024 * 1024 + 1), 'big.zip', limits)).findings)).toEqual(['too_large']);
    const files = writeShapefileFiles(layer([squareCw(108, 28)]));
    const bomb = zipSync({ ...files, 'layer.dbf': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const r = await readFeatureFile(bomb, 'bomb.zip', limits);
    expect(r.findings).toEqual([{ severity: 'error', code: 'zip_too_large', message: '图层解压后为 8 MB，超过上限 1 MB，请分批导入' }]);
  });

  it('refuses other formats and broken archives', async () => {
    expect(codes((await readFeatureFile(utf8('hello'), 'x.kml')).findings)).toEqual(['unsupported_format']);
    expect(codes((await readFeatureFile(utf8('not a zip'), 'x.zip')).findings)).toEqual(['bad_zip']);
  });
});

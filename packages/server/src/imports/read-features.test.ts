import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import type { Polygon, Position } from 'geojson';
import { readFeatureFile } from './read-features.ts';
import { encodeGbk, prjCgcs2000, prjGk, writeShapefileZip } from '../../test/fixtures/write-shapefile.ts';

// Issue 4 §4 / issue 5 §1: patch and parcel files as GeoJSON or zipped Shapefile, CGCS2000 geographic or
// Gauss-Krüger 3-degree zones (EPSG:4545 = CM 108°E; EPSG:4527-style with the zone number in the easting),
// reprojected to lon/lat. proj4 is the independent reference for the projection.
const gk = (cm: number, fe: number) => `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${fe} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
const utf8 = (s: string) => new TextEncoder().encode(s);
// A square around (lon, lat), clockwise as shapefiles want outer rings.
const squareCw = (lon: number, lat: number, d = 0.001): Position[] => [[lon - d, lat - d], [lon - d, lat + d], [lon + d, lat + d], [lon + d, lat - d], [lon - d, lat - d]];
const fields = [{ name: '图斑编号', type: 'C' as const, length: 20 }, { name: '乡镇', type: 'C' as const, length: 20 }, { name: 'MJ', type: 'N' as const, length: 10 }];

describe('readFeatureFile', () => {
  it('reads GeoJSON in CGCS2000 lon/lat as is, with outer rings counter-clockwise', async () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 图斑编号: 'A1' }, geometry: { type: 'Polygon', coordinates: [squareCw(108.7, 28.8)] } }] };
    const r = await readFeatureFile(utf8(JSON.stringify(fc)), 'a.geojson');
    expect(r.findings).toEqual([]);
    expect(r.crs.epsg).toBe(4490);
    const ring = (r.features[0]!.geometry as Polygon).coordinates[0]!;
    expect(ring[0]![0]).toBeCloseTo(108.699, 9);
    expect(ring[1]![0]).toBeCloseTo(108.701, 9); // rewound to counter-clockwise: east along the bottom first
    expect(ring[1]![1]).toBeCloseTo(28.799, 9);
  });

  it('reprojects GeoJSON that names EPSG:4545 (CGCS2000 GK CM 108°E)', async () => {
    const ring = squareCw(108.9, 29.1).map((p) => proj4('EPSG:4326', gk(108, 500000), p));
    const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4545' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] };
    const r = await readFeatureFile(utf8(JSON.stringify(fc)), 'b.json');
    expect(r.crs).toMatchObject({ kind: 'gauss-kruger', epsg: 4545 });
    const back = (r.features[0]!.geometry as Polygon).coordinates[0]!;
    expect(back[0]![0]).toBeCloseTo(108.899, 7);
    expect(back[0]![1]).toBeCloseTo(29.099, 7);
  });

  it('reads a GBK shapefile in GK CM 108°E from a zip sub-folder; a point on the meridian comes back exactly on it', async () => {
    const onMeridian = squareCw(108.0, 30.0, 0.002).map((p) => proj4('EPSG:4326', gk(108, 500000), p));
    const offMeridian = squareCw(109.4, 28.3).map((p) => proj4('EPSG:4326', gk(108, 500000), p));
    const zip = writeShapefileZip({
      folder: '图斑', records: [{ rings: [onMeridian], attributes: { 图斑编号: 'WP-001', 乡镇: '龙潭镇', MJ: 12.5 } }, { rings: [offMeridian], attributes: { 图斑编号: 'WP-002', 乡镇: '麻旺镇', MJ: 3 } }],
      fields, encode: encodeGbk, prj: prjGk(108, 500000), cpg: null,
    });
    const r = await readFeatureFile(zip, 'patches.zip');
    expect(r.findings).toEqual([]);
    expect(r.crs).toMatchObject({ kind: 'gauss-kruger', epsg: 4545 });
    expect(r.features.map((f) => f.properties)).toEqual([{ 图斑编号: 'WP-001', 乡镇: '龙潭镇', MJ: 12.5 }, { 图斑编号: 'WP-002', 乡镇: '麻旺镇', MJ: 3 }]);
    const a = (r.features[0]!.geometry as Polygon).coordinates[0]!;
    const xs = a.map((p) => p[0]!);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(108.0, 9);
    const b = (r.features[1]!.geometry as Polygon).coordinates[0]!;
    const expected = squareCw(109.4, 28.3);
    for (const p of b) expect(expected.some((q) => Math.abs(q[0]! - p[0]!) < 1e-7 && Math.abs(q[1]! - p[1]!) < 1e-7)).toBe(true);
  });

  it('reads zone-prefixed eastings (false easting 36 500 000) and UTF-8 attributes named by the .cpg', async () => {
    const ring = squareCw(107.6, 29.5).map((p) => proj4('EPSG:4326', gk(108, 36_500_000), p));
    const zip = writeShapefileZip({ records: [{ rings: [ring], attributes: { 图斑编号: '编号-甲', 乡镇: '涪洋镇', MJ: 1 } }], fields, encode: utf8, prj: prjGk(108, 36500000), cpg: 'UTF-8' });
    const r = await readFeatureFile(zip, 'x.zip');
    expect(r.features[0]!.properties['乡镇']).toBe('涪洋镇');
    const p = (r.features[0]!.geometry as Polygon).coordinates[0]![0]!;
    expect(p[0]).toBeCloseTo(107.599, 7);
    expect(p[1]).toBeCloseTo(29.499, 7);
  });

  it('groups holes with their outer ring and makes a multi-part record a MultiPolygon', async () => {
    const outer = squareCw(108.5, 28.5, 0.01);
    const hole = squareCw(108.5, 28.5, 0.002).reverse(); // counter-clockwise in a shapefile = a hole
    const other = squareCw(108.6, 28.6, 0.003);
    const zip = writeShapefileZip({ records: [{ rings: [outer, hole, other], attributes: { 图斑编号: 'M1', 乡镇: '', MJ: 0 } }], fields, encode: utf8, prj: prjCgcs2000, cpg: 'UTF-8' });
    const g = (await readFeatureFile(zip, 'm.zip')).features[0]!.geometry!;
    expect(g.type).toBe('MultiPolygon');
    expect((g as { coordinates: Position[][][] }).coordinates.map((rings) => rings.length)).toEqual([2, 1]);
  });

  it('flags a bow-tie, refuses points, and never guesses a missing CRS', async () => {
    const bow: Position[] = [[108, 28], [108.01, 28.01], [108.01, 28], [108, 28.01], [108, 28]];
    const r = await readFeatureFile(writeShapefileZip({ records: [{ rings: [bow], attributes: { 图斑编号: 'B', 乡镇: '', MJ: 0 } }], fields, encode: utf8, prj: prjCgcs2000 }), 'b.zip');
    expect(r.features[0]!.findings.map((f) => f.code)).toContain('self_intersection');
    const pts = await readFeatureFile(writeShapefileZip({ shapeType: 1, records: [{ rings: [[[108, 28]]], attributes: { 图斑编号: 'P', 乡镇: '', MJ: 0 } }], fields, encode: utf8, prj: prjCgcs2000 }), 'p.zip');
    expect(pts.findings.map((f) => f.code)).toContain('not_polygon');
    const noPrj = await readFeatureFile(writeShapefileZip({ records: [{ rings: [squareCw(108, 28)], attributes: { 图斑编号: 'N', 乡镇: '', MJ: 0 } }], fields, encode: utf8, prj: null }), 'n.zip');
    expect(noPrj.findings[0]!.code).toBe('no_prj');
    const { zipSync } = await import('fflate');
    expect((await readFeatureFile(zipSync({ 'readme.txt': utf8('hi') }), 'e.zip')).findings[0]!.code).toBe('no_shp');
    expect((await readFeatureFile(utf8('hello'), 'x.kml')).findings[0]!.code).toBe('unsupported_format');
  });
});

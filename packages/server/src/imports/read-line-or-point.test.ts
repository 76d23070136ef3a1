import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import type { LineString, Point } from 'geojson';
import { readFeatureFile, readLineOrPointFile } from './read-features.ts';
import { prjGk, writeShapefileZip } from '../../test/fixtures/write-shapefile.ts';

// Issue 6 §7: fire-prevention works come as lines (firebreaks, trails) and points (towers, tanks), in GeoJSON or a
// zipped Shapefile, lon/lat or CGCS2000 Gauss-Krüger (EPSG:4545 = 3° CM 108°E) — proj4 is the independent reference.
const gk = (cm: number, fe: number) => `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${fe} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
const json = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));
const feature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry });

describe('readLineOrPointFile: GeoJSON', () => {
  it('reads lines and points in lon/lat and refuses polygons and one-point lines record by record', async () => {
    const fc = { type: 'FeatureCollection', features: [
      feature({ type: 'LineString', coordinates: [[108.7, 28.8], [108.71, 28.81]] }, { 名称: '隔离带' }),
      feature({ type: 'Point', coordinates: [108.75, 28.85] }),
      feature({ type: 'Polygon', coordinates: [[[108.7, 28.8], [108.71, 28.8], [108.71, 28.81], [108.7, 28.8]]] }),
      feature({ type: 'LineString', coordinates: [[108.7, 28.8], [108.7, 28.8]] }),
    ] };
    const r = await readLineOrPointFile(json(fc), 'works.geojson');
    expect(r.findings).toEqual([]);
    expect(r.features.map((f) => f.geometry?.type ?? f.findings[0]!.code)).toEqual(['LineString', 'Point', 'not_line_or_point', 'degenerate_line']);
    expect(r.features[0]!.properties).toEqual({ 名称: '隔离带' });
  });

  it('reprojects a line that names EPSG:4545 to lon/lat', async () => {
    const lonLat = [[108.9, 29.1], [108.92, 29.11]];
    const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4545' } },
      features: [feature({ type: 'LineString', coordinates: lonLat.map((p) => proj4('EPSG:4326', gk(108, 500000), p)) })] };
    const r = await readLineOrPointFile(json(fc), 'works.json');
    const line = r.features[0]!.geometry as LineString;
    line.coordinates.forEach((p, i) => { expect(p[0]).toBeCloseTo(lonLat[i]![0]!, 8); expect(p[1]).toBeCloseTo(lonLat[i]![1]!, 8); });
  });

  it('leaves the polygon reader as it was: a line is still refused there', async () => {
    const r = await readFeatureFile(json({ type: 'FeatureCollection', features: [feature({ type: 'LineString', coordinates: [[108.7, 28.8], [108.71, 28.81]] })] }), 'a.geojson');
    expect(r.features[0]!.findings[0]!.code).toBe('not_polygon');
  });
});

describe('readLineOrPointFile: zipped Shapefile', () => {
  it('reads a PolyLine layer in Gauss-Krüger as lines in lon/lat', async () => {
    const lonLat = [[108.9, 29.1], [108.92, 29.11], [108.93, 29.13]];
    const zip = writeShapefileZip({ records: [{ rings: [lonLat.map((p) => proj4('EPSG:4326', gk(108, 500000), p))], attributes: { MC: 'A' } }],
      fields: [{ name: 'MC', type: 'C', length: 10 }], encode: (s) => new TextEncoder().encode(s), prj: prjGk(108, 500000), cpg: 'UTF-8', shapeType: 3 });
    const r = await readLineOrPointFile(zip, 'lines.zip');
    expect(r.findings).toEqual([]);
    const g = r.features[0]!.geometry as LineString; // one part comes out as a LineString
    expect(g.type).toBe('LineString');
    expect(g.coordinates[2]![1]).toBeCloseTo(29.13, 8);
  });

  it('reads a Point layer, and a polygon layer is a file-level error', async () => {
    const base = { fields: [{ name: 'MC', type: 'C' as const, length: 10 }], encode: (s: string) => new TextEncoder().encode(s), prj: prjGk(108, 500000), cpg: 'UTF-8' };
    const p = proj4('EPSG:4326', gk(108, 500000), [108.95, 29.2]);
    const points = await readLineOrPointFile(writeShapefileZip({ ...base, records: [{ rings: [[p]], attributes: { MC: 'T' } }], shapeType: 1 }), 'points.zip');
    expect((points.features[0]!.geometry as Point).coordinates[0]).toBeCloseTo(108.95, 8);
    const square = [[p[0]! - 10, p[1]! - 10], [p[0]! - 10, p[1]! + 10], [p[0]! + 10, p[1]! + 10], [p[0]! + 10, p[1]! - 10], [p[0]! - 10, p[1]! - 10]];
    const polygons = await readLineOrPointFile(writeShapefileZip({ ...base, records: [{ rings: [square], attributes: { MC: 'X' } }] }), 'areas.zip');
    expect(polygons.findings.map((f) => f.code)).toContain('not_line_or_point');
  });
});

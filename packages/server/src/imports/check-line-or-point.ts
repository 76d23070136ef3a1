import type { Position } from 'geojson';
import type { ImportedFeature, LinearOrPoint } from './feature-file.ts';
import type { Finding } from './findings.ts';
import type { ShapefileLayerKind } from './read-shapefile.ts';

const china = { west: 73, east: 136, south: 3, north: 54 };
const typeNames: Record<string, string> = { Polygon: '面', MultiPolygon: '多面', MultiPoint: '多点', GeometryCollection: '几何集合' };

/**
 * One record's geometry checked as a line (LineString/MultiLineString, each part at least two distinct points)
 * or a point, brought to lon/lat by `project` (null when the file is lon/lat already).
 */
export function checkLineOrPoint(row: number, properties: Record<string, unknown>, geometry: unknown, project: ((p: Position) => Position) | null): ImportedFeature<LinearOrPoint> {
  const findings: Finding[] = [];
  const out = (g: LinearOrPoint | null): ImportedFeature<LinearOrPoint> => ({ row, properties, geometry: g, findings });
  const reject = (code: string, message: string) => {
    findings.push({ severity: 'error', code, message });
    return out(null);
  };
  if (geometry === null || geometry === undefined) return reject('no_geometry', '没有几何图形');
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (typeof g !== 'object' || typeof g.type !== 'string') return reject('bad_geometry', '几何图形无效（缺少 type）');
  if (g.type !== 'Point' && g.type !== 'LineString' && g.type !== 'MultiLineString') {
    return reject('not_line_or_point', `几何类型为${typeNames[g.type] ?? ''}（${g.type}），须为线（LineString/MultiLineString）或点（Point）`);
  }
  const parts: unknown = g.type === 'Point' ? [[g.coordinates]] : g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(parts) || !parts.every((p) => Array.isArray(p) && p.every(isPosition))) return reject('bad_geometry', '几何图形的坐标结构无效');
  const list = parts as Position[][];
  if (!list.length || list.some((p) => !p.length)) return reject('empty', '几何图形为空');
  if (!project && list.flat().some((p) => Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90)) return reject('looks_projected', '坐标超出经纬度范围');
  const lonLat = list.map((part) => part.map((p) => (project ? project(p) : [p[0]!, p[1]!])));
  if (g.type !== 'Point' && lonLat.some((part) => part.length < 2 || part.every((p) => p[0] === part[0]![0] && p[1] === part[0]![1]))) {
    return reject('degenerate_line', '线至少要有两个不同的点');
  }
  if (lonLat.flat().some((p) => p[0]! < china.west || p[0]! > china.east || p[1]! < china.south || p[1]! > china.north)) {
    findings.push({ severity: 'warning', code: 'outside_china', message: '部分坐标在中国范围以外，请核对坐标系' });
  }
  if (g.type === 'Point') return out({ type: 'Point', coordinates: lonLat[0]![0]! });
  return out(lonLat.length === 1 ? { type: 'LineString', coordinates: lonLat[0]! } : { type: 'MultiLineString', coordinates: lonLat });
}

/** Shapefile line (PolyLine) and point layers read through the same check. */
export const lineOrPointLayer: ShapefileLayerKind<LinearOrPoint> = {
  accepts: ['LineString', 'Point'],
  wrongLayer: (name) => ({ code: 'not_line_or_point', message: `图层是${name}图层，请导入线（PolyLine）或点（Point）图层` }),
  feature(row, shape, props, project) {
    if (shape.type === 'null') return checkLineOrPoint(row, props, null, null);
    if (shape.type === 'point') return checkLineOrPoint(row, props, { type: 'Point', coordinates: shape.position }, project);
    if (shape.type === 'line') return checkLineOrPoint(row, props, { type: 'MultiLineString', coordinates: shape.parts }, project);
    return checkLineOrPoint(row, props, { type: shape.type === 'other' ? shape.shapeType : 'Polygon' }, null);
  },
  coordinates: (shape) => (shape.type === 'line' ? shape.parts : shape.type === 'point' ? shape.position : null),
};

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { ImportedFeature } from './feature-file.ts';
import type { Finding } from './findings.ts';
import { ringsCross } from './self-intersections.ts';

/** China's rough extent in lon/lat; beyond it the CRS was most likely read wrongly. */
const china = { west: 73, east: 136, south: 3, north: 54 };

const typeNames: Record<string, string> = {
  Point: '点', MultiPoint: '多点', LineString: '线', MultiLineString: '多线', GeometryCollection: '几何集合',
};

/**
 * One record's geometry checked and brought to lon/lat polygons in RFC 7946 winding (outer rings counter-
 * clockwise, holes clockwise). `geometry` is whatever the file held; `project` turns a file position into
 * lon/lat (null when the file is lon/lat already). Problems are findings; the geometry is kept when it is still
 * usable (a self-intersecting ring is returned with an error, so a report can show where it is).
 */
export function checkGeometry(row: number, properties: Record<string, unknown>, geometry: unknown, project: ((p: Position) => Position) | null): ImportedFeature {
  const findings: Finding[] = [];
  const out = (g: Polygon | MultiPolygon | null): ImportedFeature => ({ row, properties, geometry: g, findings });
  const reject = (code: string, message: string) => {
    findings.push({ severity: 'error', code, message });
    return out(null);
  };
  if (geometry === null || geometry === undefined) return reject('no_geometry', '没有几何图形');
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (typeof g !== 'object' || typeof g.type !== 'string') return reject('bad_geometry', '几何图形无效（缺少 type）');
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return reject('not_polygon', `几何类型为${typeNames[g.type] ?? ''}（${g.type}），须为面（Polygon/MultiPolygon）`);
  }
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(parts) || !parts.every(isRingList)) return reject('bad_geometry', '几何图形的坐标结构无效');
  if (!parts.length || parts.some((rings) => !rings.length)) return reject('empty', '几何图形为空');
  const rings = parts.flat();
  for (const ring of rings) {
    if (ring.length < 4) return reject('bad_ring', '边界点数不足（至少 4 个，且首尾相同）');
    const [a, b] = [ring[0]!, ring[ring.length - 1]!];
    if (a[0] !== b[0] || a[1] !== b[1]) return reject('ring_not_closed', '边界未闭合（首尾坐标不同）');
    if (!project && ring.some((p) => Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90)) return reject('looks_projected', '坐标超出经纬度范围');
  }
  const lonLat = parts.map((rs) => rs.map((ring) => (project ? ring.map(project) : ring.map((p) => [p[0]!, p[1]!]))));
  // A crossing first: a symmetric bow-tie has a net signed area of zero without being degenerate.
  if (lonLat.some(ringsCross)) findings.push({ severity: 'error', code: 'self_intersection', message: '边界自相交（或内环与外环相交）' });
  else if (lonLat.some((rs) => rs.some((ring) => signedArea(ring) === 0))) return reject('degenerate_ring', '边界面积为零（各点共线或重合）');
  if (lonLat.flat(2).some((p) => p[0]! < china.west || p[0]! > china.east || p[1]! < china.south || p[1]! > china.north)) {
    findings.push({ severity: 'warning', code: 'outside_china', message: '部分坐标在中国范围以外，请核对坐标系' });
  }
  const wound = lonLat.map((rs) => rs.map((ring, i) => ((signedArea(ring) > 0) === (i === 0) ? ring : [...ring].reverse())));
  return out(wound.length === 1 ? { type: 'Polygon', coordinates: wound[0]! } : { type: 'MultiPolygon', coordinates: wound });
}

/** The signed area (shoelace) in the coordinates' own units; positive = counter-clockwise. */
export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return s / 2;
}

/** Whether every position in nested coordinate arrays could be lon/lat degrees (a projected file's cannot). */
export function looksLikeDegrees(coordinates: unknown): boolean {
  if (isPosition(coordinates)) return Math.abs(coordinates[0]!) <= 180 && Math.abs(coordinates[1]!) <= 90;
  return Array.isArray(coordinates) && coordinates.every(looksLikeDegrees);
}

function isRingList(value: unknown): value is Position[][] {
  return Array.isArray(value) && value.every((ring) => Array.isArray(ring) && ring.every(isPosition));
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

import type { MultiPolygon, Polygon, Position } from 'geojson';
import { err, ok, type Result } from '../result.ts';

export interface GeometryProblem {
  path: string; // JSON pointer inside the geometry, e.g. /coordinates/0/3
  message: string;
}

/**
 * Checks a Polygon or MultiPolygon as users and importers send it (DOMAIN.md §3: CGCS2000 lon/lat) and
 * returns it as a MultiPolygon, the one shape the database stores. Every problem found is listed.
 */
export function toMultiPolygon(geometry: Polygon | MultiPolygon): Result<MultiPolygon, GeometryProblem[]> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const base = geometry.type === 'Polygon' ? ['/coordinates'] : polygons.map((_, i) => `/coordinates/${i}`);
  const problems: GeometryProblem[] = [];
  polygons.forEach((rings, p) => {
    const prefix = geometry.type === 'Polygon' ? base[0]! : base[p]!;
    if (rings.length === 0) problems.push({ path: prefix, message: '多边形至少需要一个外环' });
    rings.forEach((ring, r) => checkRing(ring, `${prefix}/${r}`, problems));
  });
  if (polygons.length === 0) problems.push({ path: '/coordinates', message: '几何为空' });
  return problems.length ? err(problems) : ok({ type: 'MultiPolygon', coordinates: polygons });
}

function checkRing(ring: Position[], path: string, problems: GeometryProblem[]): void {
  if (ring.length < 4) {
    problems.push({ path, message: '环至少需要 4 个坐标（首尾相同）' });
    return;
  }
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i]!;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
      problems.push({ path: `${path}/${i}`, message: '坐标超出经纬度范围（经度 ±180，纬度 ±90）' });
      return;
    }
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) problems.push({ path, message: '环未闭合：首尾坐标应相同' });
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) problems.push({ path, message: '环至少需要 3 个不同的点' });
}

import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Finding } from './findings.ts';

export type { Finding };

export interface ImportedFeature {
  row: number; // 1-based record number in the file
  properties: Record<string, unknown>;
  geometry: Polygon | MultiPolygon | null;
  findings: Finding[];
}

export interface ReadFeaturesResult {
  crs: { kind: 'geographic' | 'gauss-kruger'; epsg: number | null; description: string };
  features: ImportedFeature[];
  findings: Finding[];
}

export const maxImportBytes = 200 * 1024 * 1024;
const geographic = { kind: 'geographic' as const, epsg: 4490, description: 'CGCS2000 经纬度' };

/**
 * Polygon features from an uploaded file, in CGCS2000 lon/lat with row-by-row findings (the patch import of
 * issue 4 and the parcel import of issue 5). GeoJSON here; Shapefile archives in read-shapefile.ts.
 */
export async function readFeatureFile(bytes: Uint8Array, fileName: string): Promise<ReadFeaturesResult> {
  if (bytes.length > maxImportBytes) return failed(`文件超过 ${maxImportBytes / 1024 / 1024} MB`, 'too_large');
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return readGeoJson(bytes);
  if (lower.endsWith('.zip')) {
    const { readShapefileZip } = await import('./read-shapefile.ts');
    return readShapefileZip(bytes);
  }
  return failed('只支持 GeoJSON（.geojson/.json）或 Shapefile 压缩包（.zip）', 'unsupported_format');
}

function failed(message: string, code: string): ReadFeaturesResult {
  return { crs: geographic, features: [], findings: [{ severity: 'error', code, message }] };
}

function readGeoJson(bytes: Uint8Array): ReadFeaturesResult {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return failed('不是有效的 GeoJSON（须为 UTF-8 编码的 JSON）', 'bad_json');
  }
  const d = (doc ?? {}) as { type?: string; features?: Feature[]; crs?: { properties?: { name?: string } } };
  const list: Feature[] = d.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d.type === 'Feature' ? [doc as Feature] : [];
  if (!list.length) return failed('文件中没有要素（须为 FeatureCollection 或 Feature）', 'no_features');
  const crsName = d.crs?.properties?.name ?? '';
  const epsg = /EPSG:{1,2}(\d{4,5})/i.exec(crsName)?.[1];
  const findings: Finding[] = [];
  let project: ((p: Position) => Position) | null = null;
  let crs: ReadFeaturesResult['crs'] = geographic;
  if (epsg && !['4490', '4326', '4610', '4214'].includes(epsg)) {
    const gk = gaussKrugerOfEpsg(Number(epsg));
    if (!gk) return failed(`不支持的坐标系 EPSG:${epsg}（支持 CGCS2000 经纬度及 3 度带高斯-克吕格投影）`, 'unsupported_crs');
    crs = { kind: 'gauss-kruger', epsg: Number(epsg), description: gk.description };
    project = gk.inverse;
  }
  const features = list.map((f, i): ImportedFeature => checkGeometry(i + 1, (f?.properties ?? {}) as Record<string, unknown>, f?.geometry ?? null, project));
  if (!project && features.some((f) => f.findings.some((x) => x.code === 'looks_projected'))) {
    findings.push({ severity: 'error', code: 'missing_crs', message: '坐标看起来是投影坐标（米），但文件没有声明坐标系（crs）；请导出为 CGCS2000 经纬度或注明 EPSG 编号' });
  }
  return { crs, features, findings };
}

/** Checks one record's geometry and brings it to lon/lat polygons with outer rings counter-clockwise. */
export function checkGeometry(row: number, properties: Record<string, unknown>, geometry: Geometry | null, project: ((p: Position) => Position) | null): ImportedFeature {
  const findings: Finding[] = [];
  const out = (g: Polygon | MultiPolygon | null): ImportedFeature => ({ row, properties, geometry: g, findings });
  if (!geometry) {
    findings.push({ severity: 'error', code: 'no_geometry', message: '没有几何图形' });
    return out(null);
  }
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    findings.push({ severity: 'error', code: 'not_polygon', message: `几何类型为 ${geometry.type}，须为面（Polygon/MultiPolygon）` });
    return out(null);
  }
  const parts = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).map((rings) =>
    rings.map((ring) => (project ? ring.map(project) : ring.map((p) => [p[0]!, p[1]!]))),
  );
  if (!parts.length) {
    findings.push({ severity: 'error', code: 'empty', message: '几何图形为空' });
    return out(null);
  }
  for (const rings of parts) {
    for (const ring of rings) {
      if (ring.length < 4 || ring.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
        findings.push({ severity: 'error', code: 'bad_ring', message: '边界点数不足（至少 4 个且首尾相同）或含无效坐标' });
        return out(null);
      }
      const [a, b] = [ring[0]!, ring[ring.length - 1]!];
      if (a[0] !== b[0] || a[1] !== b[1]) {
        findings.push({ severity: 'error', code: 'ring_not_closed', message: '边界未闭合（首尾坐标不同）' });
        return out(null);
      }
      if (ring.some((p) => Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90)) {
        findings.push({ severity: 'error', code: 'looks_projected', message: '坐标超出经纬度范围' });
        return out(null);
      }
      if (selfIntersects(ring)) findings.push({ severity: 'error', code: 'self_intersection', message: '边界自相交' });
    }
  }
  const all = parts.flat(2);
  if (all.some((p) => p[0]! < 73 || p[0]! > 136 || p[1]! < 3 || p[1]! > 54)) findings.push({ severity: 'warning', code: 'outside_china', message: '部分坐标在中国范围以外，请核对坐标系' });
  const wound = parts.map((rings) => rings.map((ring, i) => (signedArea(ring) > 0) === (i === 0) ? ring : [...ring].reverse()));
  return out(wound.length === 1 ? { type: 'Polygon', coordinates: wound[0]! } : { type: 'MultiPolygon', coordinates: wound });
}

export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return s / 2;
}

/** Whether two non-adjacent edges of a ring cross (O(n²) for small rings, a sweep would do for large ones). */
function selfIntersects(ring: Position[]): boolean {
  const n = ring.length - 1;
  if (n > 5000) return false; // left to the engine's validity check for very large rings
  const cross = (a: Position, b: Position, c: Position) => (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const [p1, p2, p3, p4] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      const d1 = cross(p3, p4, p1), d2 = cross(p3, p4, p2), d3 = cross(p1, p2, p3), d4 = cross(p1, p2, p4);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    }
  }
  return false;
}

/** CGCS2000 3-degree Gauss-Krüger zones: EPSG 4534–4554 (no zone prefix), 4513–4533 (zone number prefixed). */
export function gaussKrugerOfEpsg(epsg: number): { description: string; inverse: (p: Position) => Position } | null {
  if (epsg >= 4534 && epsg <= 4554) {
    const cm = 75 + (epsg - 4534) * 3;
    return { description: `CGCS2000 3 度带高斯-克吕格 中央经线 ${cm}°E`, inverse: gaussKrugerInverse(cm, 500_000) };
  }
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = 25 + (epsg - 4513);
    const cm = zone * 3;
    return { description: `CGCS2000 3 度带高斯-克吕格 第 ${zone} 带（带号加前缀）中央经线 ${cm}°E`, inverse: gaussKrugerInverse(cm, zone * 1_000_000 + 500_000) };
  }
  return null;
}

/** Inverse transverse Mercator (scale 1) on the CGCS2000 ellipsoid: easting/northing in metres → lon/lat degrees. */
export function gaussKrugerInverse(centralMeridian: number, falseEasting: number): (p: Position) => Position {
  const a = 6378137, f = 1 / 298.257222101;
  const e2 = f * (2 - f), ep2 = e2 / (1 - e2);
  const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
  const lon0 = (centralMeridian * Math.PI) / 180;
  return ([x, y]) => {
    const m = y!;
    const mu = m / (a * (1 - e2 / 4 - (3 * e2 * e2) / 64 - (5 * e2 ** 3) / 256));
    const phi1 = mu + ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) + ((21 * e1 * e1) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu)
      + ((151 * e1 ** 3) / 96) * Math.sin(6 * mu) + ((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
    const s = Math.sin(phi1), c = Math.cos(phi1), t = Math.tan(phi1);
    const n1 = a / Math.sqrt(1 - e2 * s * s);
    const r1 = (a * (1 - e2)) / (1 - e2 * s * s) ** 1.5;
    const t1 = t * t, c1 = ep2 * c * c;
    const d = (x! - falseEasting) / n1;
    const lat = phi1 - ((n1 * t) / r1) * (d * d / 2 - ((5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * d ** 4) / 24
      + ((61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * d ** 6) / 720);
    const lon = lon0 + (d - ((1 + 2 * t1 + c1) * d ** 3) / 6 + ((5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * d ** 5) / 120) / c;
    return [(lon * 180) / Math.PI, (lat * 180) / Math.PI];
  };
}

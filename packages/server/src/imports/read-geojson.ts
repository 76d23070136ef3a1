import type { Position } from 'geojson';
import { checkGeometry, looksLikeDegrees } from './check-geometry.ts';
import { fileError, type GeometryCheck, type ImportCrs, type ImportedFeature, type ReadFeaturesResult } from './feature-file.ts';
import type { Finding, Parsed } from './findings.ts';
import { gaussKrugerInverse, gaussKrugerOfEpsg } from './gauss-kruger.ts';

interface GeoJsonCrs {
  crs: ImportCrs;
  inverse: ((p: Position) => Position) | null;
}

const cgcs2000: GeoJsonCrs = { crs: { kind: 'geographic', epsg: 4490, description: 'CGCS2000 经纬度' }, inverse: null };
const wgs84: GeoJsonCrs = { crs: { kind: 'geographic', epsg: 4326, description: 'WGS84 经纬度（按 CGCS2000 使用，两者相差通常不到 1 米）' }, inverse: null };

/**
 * A GeoJSON FeatureCollection (or one Feature) in UTF-8. Coordinates are lon/lat unless the (pre-RFC 7946)
 * `crs` member names a CGCS2000 Gauss-Krüger EPSG code, in which case they are reprojected like a Shapefile's.
 */
export function readGeoJson(bytes: Uint8Array): ReadFeaturesResult {
  return readGeoJsonWith(bytes, checkGeometry);
}

/** The same, each record's geometry checked by `check` (polygons by default; lines and points for works). */
export function readGeoJsonWith<G>(bytes: Uint8Array, check: GeometryCheck<G>): ReadFeaturesResult<G> {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fileError<G>('bad_json', '不是有效的 GeoJSON（须为 UTF-8 编码的 JSON）');
  }
  const d = isObject(doc) ? doc : {};
  const list: unknown[] = d.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d.type === 'Feature' ? [doc] : [];
  if (!list.length) return fileError<G>('no_features', '文件中没有要素（须为含要素的 FeatureCollection 或单个 Feature）');
  const crs = crsOfGeoJson(d.crs);
  if (!crs.ok) return fileError<G>(crs.code, crs.message);
  const { inverse } = crs.value;
  const features = list.map((f, i): ImportedFeature<G> => {
    if (!isObject(f) || f.type !== 'Feature') {
      return { row: i + 1, properties: {}, geometry: null, findings: [{ severity: 'error', code: 'bad_feature', message: '不是 GeoJSON 要素（Feature）' }] };
    }
    return check(i + 1, isObject(f.properties) ? f.properties : {}, f.geometry, inverse);
  });
  const findings: Finding[] = [];
  if (!inverse && features.some((f) => f.findings.some((x) => x.code === 'looks_projected'))) {
    findings.push({ severity: 'error', code: 'missing_crs', message: '坐标看起来是投影坐标（米），但文件没有声明坐标系（crs）；请导出为 CGCS2000 经纬度，或注明 EPSG 编号（如 EPSG:4545）' });
  }
  const coordinates = list.flatMap((f) => (isObject(f) && isObject(f.geometry) ? [f.geometry.coordinates] : []));
  if (inverse && coordinates.length && coordinates.every(looksLikeDegrees)) {
    findings.push({ severity: 'error', code: 'crs_mismatch', message: `文件声明为投影坐标系（${crs.value.crs.description}），但坐标看起来是经纬度；请核对 crs` });
  }
  return { crs: crs.value.crs, encoding: 'utf-8', features, findings };
}

/** The `crs` member: absent → lon/lat; `{ type: 'name', properties: { name } }` with an EPSG code or CRS84. */
function crsOfGeoJson(crs: unknown): Parsed<GeoJsonCrs> {
  if (crs === undefined || crs === null) return { ok: true, value: cgcs2000 };
  const name = isObject(crs) && isObject(crs.properties) && typeof crs.properties.name === 'string' ? crs.properties.name : null;
  const fail = (message: string): Parsed<GeoJsonCrs> => ({ ok: false, code: 'unsupported_crs', message });
  if (name === null) return fail('无法识别 GeoJSON 的 crs 成员（须为 {"type":"name","properties":{"name":"EPSG:…"}}）');
  if (/CRS:?84$/i.test(name)) return { ok: true, value: wgs84 };
  const code = /EPSG:(?:[\d.]*:)?(\d{4,5})$/i.exec(name.trim())?.[1];
  const epsg = code === undefined ? null : Number(code);
  if (epsg === 4490) return { ok: true, value: cgcs2000 };
  if (epsg === 4326) return { ok: true, value: wgs84 };
  if (epsg === 4610) return fail('坐标系为西安 80 经纬度（EPSG:4610），请先转换为 CGCS2000');
  if (epsg === 4214) return fail('坐标系为北京 54 经纬度（EPSG:4214），请先转换为 CGCS2000');
  const zone = epsg === null ? null : gaussKrugerOfEpsg(epsg);
  if (!zone) return fail(`不支持的坐标系「${name}」（支持 CGCS2000 或 WGS84 经纬度，以及 CGCS2000 高斯-克吕格投影 EPSG:4491–4554）`);
  return { ok: true, value: { crs: { kind: 'gauss-kruger', epsg: zone.epsg, description: zone.description }, inverse: gaussKrugerInverse(zone.centralMeridian, zone.falseEasting) } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

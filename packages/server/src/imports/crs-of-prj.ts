import type { Position } from 'geojson';
import type { ImportCrs } from './feature-file.ts';
import type { Parsed } from './findings.ts';
import { gaussKrugerInverse, gaussKrugerZone } from './gauss-kruger.ts';

export interface PrjCrs {
  crs: ImportCrs;
  inverse: ((p: Position) => Position) | null; // null: already lon/lat
}

type Datum = 'cgcs2000' | 'wgs84';

/**
 * The coordinate system of a Shapefile's .prj (WKT 1 as ESRI or GDAL write it, or WKT 2): CGCS2000 or WGS84
 * lon/lat, or a CGCS2000 Gauss-Krüger projection. The datum is told by the ellipsoid's axis and flattening, and
 * the projection by its own central_meridian and false_easting, so a renamed or local zone (任意带) still reads.
 */
export function crsOfPrj(wkt: string): Parsed<PrjCrs> {
  const text = wkt.trim();
  const fail = (message: string): Parsed<PrjCrs> => ({ ok: false, code: 'unsupported_crs', message });
  const root = /^([A-Z_]+)\s*\[\s*"([^"]*)"/i.exec(text);
  if (!root) return fail('无法识别 .prj 中的坐标系（不是 WKT 格式）');
  const [keyword, name] = [root[1]!.toUpperCase(), root[2]!];
  const geographic = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'].includes(keyword);
  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(keyword);
  if (!geographic && !projected) return fail(`不支持的坐标系类型 ${keyword}「${name}」（须为经纬度或高斯-克吕格投影）`);
  const datum = datumOf(text);
  if (!datum.ok) return fail(datum.message);
  if (geographic) {
    const crs: ImportCrs = datum.value === 'cgcs2000'
      ? { kind: 'geographic', epsg: 4490, description: 'CGCS2000 经纬度' }
      : { kind: 'geographic', epsg: 4326, description: 'WGS84 经纬度（按 CGCS2000 使用，两者相差通常不到 1 米）' };
    return { ok: true, value: { crs, inverse: null } };
  }
  if (datum.value !== 'cgcs2000') return fail(`投影坐标系「${name}」基于 WGS84；只支持 CGCS2000 高斯-克吕格投影，请先转换`);
  const method = /(?:PROJECTION|METHOD)\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '';
  if (!/Gauss|Transverse[ _]Mercator/i.test(method)) return fail(`不支持的投影「${method || name}」：只支持高斯-克吕格（横轴墨卡托）投影`);
  const cm = parameter(text, ['central_meridian', 'longitude_of_natural_origin', 'longitude_of_origin']);
  const fe = parameter(text, ['false_easting']) ?? 0;
  const fn = parameter(text, ['false_northing']) ?? 0;
  const k = parameter(text, ['scale_factor', 'scale_factor_at_natural_origin']) ?? 1;
  const lat0 = parameter(text, ['latitude_of_origin', 'latitude_of_natural_origin']) ?? 0;
  if (cm === null) return fail(`投影「${name}」缺少中央经线（central_meridian）`);
  if (Math.abs(k - 1) > 1e-9 || lat0 !== 0 || fn !== 0) {
    return fail(`投影「${name}」的比例因子为 ${k}、起始纬度为 ${lat0}、北偏为 ${fn}：只支持比例因子 1、起始纬度 0、北偏 0 的高斯-克吕格投影`);
  }
  const units = [...text.matchAll(/(?:LENGTHUNIT|UNIT)\s*\[\s*"([^"]*)"\s*,\s*([-\d.eE+]+)/gi)];
  const unit = units[units.length - 1];
  if (unit && Math.abs(Number(unit[2]) - 1) > 1e-12) return fail(`投影「${name}」的长度单位为「${unit[1]}」，只支持米`);
  const width = /3[ _-]?degree/i.test(name) ? 3 : /(?:Gauss[ _-]?Kruger|GK)[ _]CM/i.test(name) ? 6 : null;
  const zone = gaussKrugerZone(cm, fe, width);
  return { ok: true, value: { crs: { kind: 'gauss-kruger', epsg: zone.epsg, description: zone.description }, inverse: gaussKrugerInverse(cm, fe) } };
}

/** CGCS2000 and WGS84 by their ellipsoids (GRS80: 1/f 298.257222101; WGS84: 298.257223563), else by name. */
function datumOf(text: string): Parsed<Datum> {
  const datumName = /DATUM\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '';
  const ellipsoid = /(?:SPHEROID|ELLIPSOID)\s*\[\s*"([^"]*)"\s*,\s*([-\d.eE+]+)\s*,\s*([-\d.eE+]+)/i.exec(text);
  const names = `${datumName} ${ellipsoid?.[1] ?? ''}`;
  const cgcsName = /CGCS|China[ _]?Geodetic|China[ _]2000/i.test(names);
  const wgsName = /WGS[ _]?(?:19)?84|World[ _]Geodetic[ _]System[ _]1984/i.test(names);
  const unsupported = (what: string): Parsed<Datum> => ({ ok: false, code: 'unsupported_crs', message: `坐标系基准为${what}，请先转换为 CGCS2000` });
  if (ellipsoid) {
    const [a, invF] = [Number(ellipsoid[2]), Number(ellipsoid[3])];
    if (a === 6378140) return unsupported(`西安 80（${datumName || ellipsoid[1]}）`);
    if (a === 6378245) return unsupported(`北京 54（${datumName || ellipsoid[1]}）`);
    if (a === 6378137 && Math.abs(invF - 298.257222101) < 1e-6 && cgcsName) return { ok: true, value: 'cgcs2000' };
    if (a === 6378137 && Math.abs(invF - 298.257223563) < 1e-6 && wgsName) return { ok: true, value: 'wgs84' };
    return unsupported(`「${datumName || ellipsoid[1]}」（椭球长半轴 ${a}，扁率倒数 ${invF}）`);
  }
  if (cgcsName) return { ok: true, value: 'cgcs2000' };
  if (wgsName) return { ok: true, value: 'wgs84' };
  return unsupported(`「${datumName || '未注明'}」`);
}

/** A numeric PARAMETER by any of its WKT 1 or WKT 2 names (case, spaces and underscores ignored). */
function parameter(text: string, names: string[]): number | null {
  for (const m of text.matchAll(/PARAMETER\s*\[\s*"([^"]*)"\s*,\s*([-\d.eE+]+)/gi)) {
    if (names.includes(m[1]!.toLowerCase().replace(/[ _]+/g, '_'))) return Number(m[2]);
  }
  return null;
}

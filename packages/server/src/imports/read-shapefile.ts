import { unzipSync } from 'fflate';
import type { Position } from 'geojson';
import { checkGeometry, gaussKrugerInverse, signedArea, type ImportedFeature, type ReadFeaturesResult } from './read-features.ts';
import type { Finding } from './findings.ts';

const maxUnzippedBytes = 1024 * 1024 * 1024;

/**
 * A zipped Shapefile (.shp + .dbf + .prj, optional .cpg) as polygon features in CGCS2000 lon/lat. The .prj is
 * required (a CRS is never guessed); Gauss-Krüger zones are reprojected from the WKT's own central meridian and
 * false easting. Attribute text is decoded by the .cpg, else UTF-8 when valid, else GBK (as Chinese GIS exports).
 */
export function readShapefileZip(bytes: Uint8Array): ReadFeaturesResult {
  const fail = (code: string, message: string): ReadFeaturesResult => ({ crs: { kind: 'geographic', epsg: null, description: '未知' }, features: [], findings: [{ severity: 'error', code, message }] });
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > maxUnzippedBytes) throw new Error('too_big');
        return /\.(shp|shx|dbf|prj|cpg)$/i.test(f.name) && !f.name.startsWith('__MACOSX/');
      },
    });
  } catch (e) {
    return e instanceof Error && e.message === 'too_big' ? fail('zip_too_large', '压缩包解压后超过 1 GB') : fail('bad_zip', '无法解压：不是有效的 zip 文件');
  }
  const shps = Object.keys(entries).filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0) return fail('no_shp', '压缩包中没有 .shp 文件');
  if (shps.length > 1) return fail('many_shp', `压缩包中有多个 .shp 文件（${shps.join('、')}），请每次只导入一个图层`);
  const base = shps[0]!.slice(0, -4);
  const sibling = (ext: string) => Object.entries(entries).find(([n]) => n.toLowerCase() === `${base}.${ext}`.toLowerCase())?.[1];
  const dbf = sibling('dbf');
  const prj = sibling('prj');
  if (!dbf) return fail('no_dbf', `缺少属性表 ${base}.dbf`);
  if (!prj) return fail('no_prj', `缺少坐标系文件 ${base}.prj：请随 Shapefile 一并打包，不猜测坐标系`);
  const crs = crsOfPrj(new TextDecoder('utf-8').decode(prj));
  if ('error' in crs) return fail('unsupported_crs', crs.error);
  const cpg = sibling('cpg');
  const records = readDbf(dbf, cpg ? new TextDecoder('utf-8').decode(cpg).trim() : null);
  if ('error' in records) return fail('bad_dbf', records.error);
  const shapes = readShp(shps[0]! in entries ? entries[shps[0]!]! : new Uint8Array());
  if ('error' in shapes) return fail('bad_shp', shapes.error);
  const findings: Finding[] = [];
  if (records.rows.length !== shapes.length) findings.push({ severity: 'error', code: 'count_mismatch', message: `图形数（${shapes.length}）与属性记录数（${records.rows.length}）不一致` });
  const features: ImportedFeature[] = shapes.map((shape, i) => {
    const props = records.rows[i] ?? {};
    if (shape.type === 'null') return checkGeometry(i + 1, props, null, null);
    if (shape.type === 'other') return checkGeometry(i + 1, props, { type: 'Point', coordinates: [0, 0] }, null);
    return checkGeometry(i + 1, props, { type: 'MultiPolygon', coordinates: groupRings(shape.rings) }, crs.inverse);
  });
  // A point or line layer is refused as a whole, with the reason on every row.
  if (shapes.some((s) => s.type === 'other')) findings.push({ severity: 'error', code: 'not_polygon', message: '图层不是面图层（点或线），请导入面（Polygon）图层' });
  return { crs: crs.crs, features, findings };
}

/** Shapefile rings: clockwise outer rings, each followed by its counter-clockwise holes (matched by containment). */
function groupRings(rings: Position[][]): Position[][][] {
  const polygons: Position[][][] = [];
  const holes: Position[][] = [];
  for (const ring of rings) (signedArea(ring) < 0 ? polygons.push([ring]) : holes.push(ring));
  if (!polygons.length) return holes.map((h) => [h]); // wrongly wound data: take every ring as an outer ring
  for (const hole of holes) {
    const [x, y] = [hole[0]![0]!, hole[0]![1]!];
    const owner = polygons.find((p) => inRing(p[0]!, x, y)) ?? polygons[polygons.length - 1]!;
    owner.push(hole);
  }
  return polygons;
}

function inRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi, xj, yj] = [ring[i]![0]!, ring[i]![1]!, ring[j]![0]!, ring[j]![1]!];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

type Shape = { type: 'polygon'; rings: Position[][] } | { type: 'null' } | { type: 'other' };

function readShp(b: Uint8Array): Shape[] | { error: string } {
  if (b.length < 100) return { error: '.shp 文件过短' };
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (v.getInt32(0, false) !== 9994) return { error: '.shp 文件头无效' };
  const out: Shape[] = [];
  let o = 100;
  while (o + 8 <= b.length) {
    const len = v.getInt32(o + 4, false) * 2;
    const start = o + 8;
    if (start + len > b.length || len < 4) return { error: `.shp 第 ${out.length + 1} 条记录不完整` };
    const type = v.getInt32(start, true);
    if (type === 0) out.push({ type: 'null' });
    else if (type === 5 || type === 15 || type === 25) {
      const parts = v.getInt32(start + 36, true), points = v.getInt32(start + 40, true);
      const pts = start + 44 + parts * 4;
      if (parts < 0 || points < 0 || pts + points * 16 > start + len) return { error: `.shp 第 ${out.length + 1} 条记录不完整` };
      const index = Array.from({ length: parts }, (_, i) => v.getInt32(start + 44 + i * 4, true));
      const rings = index.map((from, i) => {
        const to = i + 1 < parts ? index[i + 1]! : points;
        const ring: Position[] = [];
        for (let k = from; k < to; k++) ring.push([v.getFloat64(pts + k * 16, true), v.getFloat64(pts + k * 16 + 8, true)]);
        return ring;
      });
      out.push({ type: 'polygon', rings });
    } else out.push({ type: 'other' });
    o = start + len;
  }
  return out;
}

function decoderFor(cpg: string | null, sample: Uint8Array[]): { decode(bytes: Uint8Array): string } {
  const c = (cpg ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (['UTF8', '65001'].includes(c)) return new TextDecoder('utf-8');
  if (['GBK', '936', 'CP936', 'GB2312', 'ANSI936', 'GB18030'].includes(c)) return new TextDecoder('gb18030');
  try {
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const s of sample) strict.decode(s);
    return new TextDecoder('utf-8');
  } catch {
    return new TextDecoder('gb18030');
  }
}

function readDbf(b: Uint8Array, cpg: string | null): { rows: Record<string, unknown>[] } | { error: string } {
  if (b.length < 33) return { error: '.dbf 文件过短' };
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = v.getUint32(4, true), headerLength = v.getUint16(8, true), recordLength = v.getUint16(10, true);
  const fields: { name: Uint8Array; type: string; length: number }[] = [];
  for (let o = 32; o + 32 <= headerLength && b[o] !== 0x0d; o += 32) {
    const raw = b.subarray(o, o + 11);
    const end = raw.indexOf(0);
    fields.push({ name: raw.subarray(0, end < 0 ? 11 : end), type: String.fromCharCode(b[o + 11]!), length: b[o + 16]! });
  }
  if (headerLength + count * recordLength > b.length + 1) return { error: '.dbf 记录不完整' };
  const samples: Uint8Array[] = fields.map((f) => f.name);
  for (let r = 0; r < Math.min(count, 200); r++) samples.push(b.subarray(headerLength + r * recordLength, headerLength + (r + 1) * recordLength));
  const decode = decoderFor(cpg, samples);
  const names = fields.map((f) => decode.decode(f.name).trim());
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < count; r++) {
    let o = headerLength + r * recordLength + 1; // skip the deletion flag
    const row: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      const text = decode.decode(b.subarray(o, o + f.length)).replace(/\0/g, '').trim();
      o += f.length;
      if (f.type === 'N' || f.type === 'F') row[names[i]!] = text === '' || Number.isNaN(Number(text)) ? null : Number(text);
      else if (f.type === 'L') row[names[i]!] = /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
      else if (f.type === 'D') row[names[i]!] = /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
      else row[names[i]!] = text;
    });
    rows.push(row);
  }
  return { rows };
}

/** The coordinate system of a .prj: geographic, or a Gauss-Krüger zone on CGCS2000 read from its parameters. */
export function crsOfPrj(wkt: string): { crs: ReadFeaturesResult['crs']; inverse: ((p: Position) => Position) | null } | { error: string } {
  const text = wkt.trim();
  const param = (name: string) => {
    const m = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*(-?[\\d.eE+]+)`, 'i').exec(text);
    return m ? Number(m[1]) : null;
  };
  const cgcs = /2000|CGCS|China_Geodetic|China Geodetic/i.test(text);
  if (/^GEOGCS|^GEOGCRS/i.test(text)) {
    if (!cgcs && !/WGS[ _]?84/i.test(text)) return { error: `不支持的地理坐标系：${text.slice(0, 80)}…（请使用 CGCS2000）` };
    return { crs: { kind: 'geographic', epsg: cgcs ? 4490 : 4326, description: cgcs ? 'CGCS2000 经纬度' : 'WGS84 经纬度（按 CGCS2000 处理，差异在厘米级）' }, inverse: null };
  }
  if (/^PROJCS|^PROJCRS/i.test(text)) {
    if (!cgcs) return { error: '投影坐标系不是基于 CGCS2000（如西安80、北京54），请先转换为 CGCS2000' };
    if (!/Transverse_Mercator|Gauss/i.test(text)) return { error: '只支持高斯-克吕格（横轴墨卡托）投影' };
    const cm = param('central_meridian'), fe = param('false_easting') ?? 500_000, scale = param('scale_factor') ?? 1, lat0 = param('latitude_of_origin') ?? 0;
    if (cm === null) return { error: '.prj 缺少中央经线（central_meridian）' };
    if (Math.abs(scale - 1) > 1e-9 || lat0 !== 0) return { error: '只支持比例因子为 1、起始纬度为 0 的高斯-克吕格投影' };
    const zoned = fe > 1_000_000;
    return {
      crs: { kind: 'gauss-kruger', epsg: zoned ? 4513 + Math.round(cm / 3) - 25 : 4534 + Math.round((cm - 75) / 3), description: `CGCS2000 高斯-克吕格 中央经线 ${cm}°E${zoned ? '（带号加前缀）' : ''}` },
      inverse: gaussKrugerInverse(cm, fe),
    };
  }
  return { error: '无法识别 .prj 中的坐标系' };
}

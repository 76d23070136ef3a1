import { unzipSync } from 'fflate';
import { checkGeometry, looksLikeDegrees } from './check-geometry.ts';
import { crsOfPrj } from './crs-of-prj.ts';
import type { Position } from 'geojson';
import { fileError, sizeText, type ImportedFeature, type Polygonal, type ReadFeaturesResult } from './feature-file.ts';
import type { Finding } from './findings.ts';
import { groupShapefileRings } from './group-rings.ts';
import { readDbf } from './read-dbf.ts';
import { readShp, type ShpRecord } from './read-shp.ts';

const layerTypeNames: Record<string, string> = { Point: '点', MultiPoint: '多点', LineString: '线', Polygon: '面', MultiPatch: '多面体' };
const fileErrorOf = <G>(code: string, message: string): ReadFeaturesResult<G> => fileError<G>(code, message);

/**
 * A zipped Shapefile (.shp + .dbf + .prj, optional .shx and .cpg, possibly in a sub-folder) as polygon features
 * in CGCS2000 lon/lat. Exactly one layer per archive. The .prj is required: a CRS is never guessed. Only the
 * chosen layer's files are inflated, and not when their declared sizes add up to more than `maxUnzippedBytes`
 * (fflate inflates into a buffer of the declared size, so a lying header cannot grow it).
 */
export function readShapefileZip(bytes: Uint8Array, maxUnzippedBytes: number): ReadFeaturesResult {
  return readShapefileZipWith(bytes, maxUnzippedBytes, polygonLayer);
}

/** What one kind of layer accepts and how its records become features. */
export interface ShapefileLayerKind<G> {
  /** Layer types (header shape types, GeoJSON-style names) accepted. */
  accepts: string[];
  /** The file-level error for another layer type. */
  wrongLayer: (typeName: string) => { code: string; message: string };
  feature: (row: number, shape: ShpRecord, properties: Record<string, unknown>, project: ((p: Position) => Position) | null) => ImportedFeature<G>;
  /** The coordinates of a record (for the lon/lat-versus-projected check), null when it has none. */
  coordinates: (shape: ShpRecord) => unknown;
}

const polygonLayer: ShapefileLayerKind<Polygonal> = {
  accepts: ['Polygon'],
  wrongLayer: (name) => ({ code: 'not_polygon', message: `图层是${name}图层，请导入面（Polygon）图层` }),
  feature(row, shape, props, project) {
    if (shape.type === 'null') return checkGeometry(row, props, null, null);
    if (shape.type !== 'polygon') return checkGeometry(row, props, { type: shape.type === 'other' ? shape.shapeType : shape.type === 'line' ? 'LineString' : 'Point' }, null);
    const grouped = groupShapefileRings(shape.rings);
    const feature = checkGeometry(row, props, { type: 'MultiPolygon', coordinates: grouped.polygons }, project);
    if (grouped.rewound) feature.findings.push({ severity: 'warning', code: 'ring_orientation', message: '边界环的方向不符合 Shapefile 规范（外环应为顺时针），已按包含关系确定外环与内环' });
    return feature;
  },
  coordinates: (shape) => (shape.type === 'polygon' ? shape.rings : null),
};

/** The same for any kind of layer (polygons by default; lines and points for works). */
export function readShapefileZipWith<G>(bytes: Uint8Array, maxUnzippedBytes: number, kind: ShapefileLayerKind<G>): ReadFeaturesResult<G> {
  const fileError = fileErrorOf<G>;
  const listed: { name: string; size: number }[] = [];
  try {
    unzipSync(bytes, { filter: (f) => (listed.push({ name: f.name, size: f.originalSize }), false) });
  } catch {
    return fileError('bad_zip', '无法解压：不是有效的 zip 文件');
  }
  const useful = listed.filter((f) => !f.name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(f.name));
  const shps = useful.filter((f) => /\.shp$/i.test(f.name));
  if (shps.length === 0) return fileError('no_shp', '压缩包中没有 .shp 文件（须为 Shapefile 图层的 .shp、.dbf、.prj 等文件打包成的 zip）');
  if (shps.length > 1) return fileError('many_shp', `压缩包中有 ${shps.length} 个 .shp 文件（${shps.map((f) => displayName(f.name)).join('、')}），请每次只导入一个图层`);
  const base = shps[0]!.name.slice(0, -4).toLowerCase();
  const layer = useful.filter((f) => /\.(shp|shx|dbf|prj|cpg)$/i.test(f.name) && f.name.slice(0, -4).toLowerCase() === base);
  const declared = layer.reduce((sum, f) => sum + f.size, 0);
  if (declared > maxUnzippedBytes) return fileError('zip_too_large', `图层解压后为 ${sizeText(declared)}，超过上限 ${sizeText(maxUnzippedBytes)}，请分批导入`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => layer.some((l) => l.name === f.name) });
  } catch {
    return fileError('bad_zip', '无法解压：zip 文件已损坏');
  }
  const file = (ext: string) => Object.entries(entries).find(([n]) => n.slice(-4).toLowerCase() === `.${ext}`)?.[1];
  const [shp, dbf, prj, cpg] = [file('shp')!, file('dbf'), file('prj'), file('cpg')];
  const shown = displayName(shps[0]!.name.slice(0, -4));
  if (!dbf) return fileError('no_dbf', `缺少属性表 ${shown}.dbf`);
  if (!prj) return fileError('no_prj', `缺少坐标系文件 ${shown}.prj：请随 Shapefile 一并打包（不猜测坐标系）`);
  const crs = crsOfPrj(new TextDecoder('utf-8').decode(prj));
  if (!crs.ok) return fileError(crs.code, crs.message);
  const shapes = readShp(shp);
  if (!shapes.ok) return fileError(shapes.code, shapes.message);
  const table = readDbf(dbf, cpg ? new TextDecoder('utf-8').decode(cpg) : null);
  if (!table.ok) return fileError(table.code, table.message);

  const findings: Finding[] = [...table.value.findings];
  const { layerType, records } = shapes.value;
  const rows = table.value.rows;
  if (!kind.accepts.includes(layerType) && layerType !== 'Null') findings.push({ severity: 'error', ...kind.wrongLayer(layerTypeNames[layerType] ?? layerType) });
  if (records.length === 0) findings.push({ severity: 'error', code: 'no_features', message: '图层中没有要素' });
  if (rows.length !== records.length) findings.push({ severity: 'error', code: 'count_mismatch', message: `图形数（${records.length}）与属性记录数（${rows.length}）不一致` });
  const features = records.map((shape, i): ImportedFeature<G> => {
    const row = rows[i];
    const props = row?.values ?? {};
    const feature = kind.feature(i + 1, shape, props, crs.value.inverse);
    if (row?.deleted) feature.findings.push({ severity: 'error', code: 'deleted_record', message: '该记录在属性表中已标记为删除' });
    return feature;
  });
  const polygons = records.flatMap((r) => { const c = kind.coordinates(r); return c === null ? [] : [c]; });
  if (!crs.value.inverse && features.some((f) => f.findings.some((x) => x.code === 'looks_projected'))) {
    findings.push({ severity: 'error', code: 'crs_mismatch', message: '.prj 为经纬度坐标系，但坐标看起来是投影坐标（米）；请核对 .prj' });
  }
  if (crs.value.inverse && polygons.length && polygons.every(looksLikeDegrees)) {
    findings.push({ severity: 'error', code: 'crs_mismatch', message: `.prj 为投影坐标系（${crs.value.crs.description}），但坐标看起来是经纬度；请核对 .prj` });
  }
  return { crs: crs.value.crs, encoding: table.value.encoding, features, findings };
}

/** A zip entry name for people: names stored without the UTF-8 flag (Windows zips in China) are usually GBK. */
function displayName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

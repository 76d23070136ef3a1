import type { Position } from 'geojson';
import type { Parsed } from './findings.ts';

/**
 * One .shp record (file coordinates, as written): the rings of a polygon, the parts of a polyline, a point, no
 * shape, or another kind of shape.
 */
export type ShpRecord =
  | { type: 'polygon'; rings: Position[][] }
  | { type: 'line'; parts: Position[][] }
  | { type: 'point'; position: Position }
  | { type: 'null' }
  | { type: 'other'; shapeType: string };

const shapeTypeNames: Record<number, string> = {
  1: 'Point', 11: 'Point', 21: 'Point', 8: 'MultiPoint', 18: 'MultiPoint', 28: 'MultiPoint',
  3: 'LineString', 13: 'LineString', 23: 'LineString', 31: 'MultiPatch',
};
const polygonTypes = new Set([5, 15, 25]); // Polygon, PolygonZ, PolygonM: same layout up to the points; Z/M ignored
const lineTypes = new Set([3, 13, 23]); // PolyLine(Z/M): the polygon's layout, its parts open lines
const pointTypes = new Set([1, 11, 21]); // Point(Z/M): x, y first

/**
 * The records of a .shp file (ESRI Shapefile Technical Description, 1998), read in file order without the .shx.
 * `layerType` is the shape type of the header, as a GeoJSON-style name ('Polygon', 'Point', …).
 */
export function readShp(b: Uint8Array): Parsed<{ layerType: string; records: ShpRecord[] }> {
  const fail = (message: string): Parsed<{ layerType: string; records: ShpRecord[] }> => ({ ok: false, code: 'bad_shp', message });
  if (b.length < 100) return fail('.shp 文件过短');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (v.getInt32(0, false) !== 9994) return fail('.shp 文件头无效');
  const headerType = v.getInt32(32, true);
  const layerType = polygonTypes.has(headerType) ? 'Polygon' : headerType === 0 ? 'Null' : (shapeTypeNames[headerType] ?? `类型 ${headerType}`);
  const records: ShpRecord[] = [];
  let o = 100;
  while (o + 8 <= b.length) {
    const n = records.length + 1;
    const len = v.getInt32(o + 4, false) * 2;
    const start = o + 8;
    if (len < 4 || start + len > b.length) return fail(`.shp 第 ${n} 条记录不完整`);
    const type = v.getInt32(start, true);
    if (type === 0) records.push({ type: 'null' });
    else if (pointTypes.has(type)) {
      if (len < 20) return fail(`.shp 第 ${n} 条记录不完整`);
      records.push({ type: 'point', position: [v.getFloat64(start + 4, true), v.getFloat64(start + 12, true)] });
    } else if (!polygonTypes.has(type) && !lineTypes.has(type)) records.push({ type: 'other', shapeType: shapeTypeNames[type] ?? `类型 ${type}` });
    else {
      if (len < 44) return fail(`.shp 第 ${n} 条记录不完整`);
      const parts = v.getInt32(start + 36, true), points = v.getInt32(start + 40, true);
      const pts = start + 44 + parts * 4;
      if (parts < 0 || points < 0 || pts + points * 16 > start + len) return fail(`.shp 第 ${n} 条记录不完整`);
      const index = Array.from({ length: parts }, (_, i) => v.getInt32(start + 44 + i * 4, true));
      if (index.some((from, i) => from < 0 || from > (index[i + 1] ?? points))) return fail(`.shp 第 ${n} 条记录的部件索引无效`);
      const rings = index.map((from, i) => {
        const ring: Position[] = [];
        for (let k = from, to = index[i + 1] ?? points; k < to; k++) ring.push([v.getFloat64(pts + k * 16, true), v.getFloat64(pts + k * 16 + 8, true)]);
        return ring;
      });
      records.push(lineTypes.has(type) ? { type: 'line', parts: rings } : { type: 'polygon', rings });
    }
    o = start + len;
  }
  return { ok: true, value: { layerType, records } };
}

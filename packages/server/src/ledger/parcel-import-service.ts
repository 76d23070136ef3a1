import { randomUUID } from 'node:crypto';
import type { MultiPolygon } from 'geojson';
import {
  ellipsoidalArea, indexAttributeTable, interiorPoint, isInScope, matchAttributeRow, mergeAttributes, parcelColumns, parcelKeyOf, readParcelAttributes,
  squareMetresToMu, type AttributeIndex, type ParcelAttributes,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { forbidden, invalid, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { readFeatureFile, type Finding } from '../imports/read-features.ts';
import { readTable } from '../imports/read-table.ts';
import { unitAtPoint } from '../problems/locate.ts';
import { ParcelRepository, type NewParcel } from './parcel-repository.ts';

export interface ParcelImportRow {
  row: number;
  ok: boolean;
  parcelNo: string | null;
  landClass: string | null;
  unitCode: string | null;
  unitName: string | null;
  areaMu: number | null;
  findings: { severity: 'error' | 'warning'; field?: string; message: string }[];
}

export interface ParcelImportReport {
  fileName: string;
  year: number;
  crs: string;
  fileFindings: Finding[];
  rows: ParcelImportRow[];
  accepted: number;
  rejected: number;
  committed: boolean;
  created: number;
  /** The attribute table joined to the geometry, when one was sent. */
  attributes: { fileName: string; rows: number; matched: number; unmatched: number[] } | null;
}

const MAX_ROWS = 200_000;

/**
 * Parcel import (issue 5 §1): GeoJSON or zipped Shapefile (CGCS2000 or Gauss-Krüger, reprojected), attributes
 * checked against the inventory codes, the village found from the geometry when the file does not give it,
 * areas on the ellipsoid; a row-by-row report, and nothing written unless `commit`.
 */
export class ParcelImportService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    /** Told the year after parcels of it were written (the map tiles of that year are rebuilt). */
    private readonly onChange: (year: number) => void = () => {},
  ) {}

  async run(viewer: Viewer, input: { fileName: string; content: Uint8Array; year: number; commit: boolean; attributes?: { fileName: string; content: Uint8Array } | undefined }): Promise<ServiceResult<ParcelImportReport>> {
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff')) return forbidden();
    if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) return invalid('/body/year', '年度应为 1990–2100 的整数');
    const read = await readFeatureFile(input.content, input.fileName);
    if (read.features.length > MAX_ROWS) return invalid('/body/content', `小班过多（${read.features.length}），一次最多导入 ${MAX_ROWS} 个`);
    let table: AttributeIndex | null = null;
    const fileFindings: Finding[] = [...read.findings];
    if (input.attributes) {
      const numberHeadings = new Set(parcelColumns.parcelNo.map((h) => h.toUpperCase()));
      const t = await readTable(input.attributes.content, input.attributes.fileName, (hs) => hs.some((h) => numberHeadings.has(h.replace(/\s+/g, '').toUpperCase())), MAX_ROWS);
      if (!t.ok) return invalid('/body/attributes', t.message);
      table = indexAttributeTable(t.value.rows);
      for (const f of table.findings) fileFindings.push({ severity: 'warning', code: 'attributes.row', message: f.message });
    }
    const db = this.store.db;
    const names = new Map<string, string>();
    const nameOf = async (code: string) => {
      if (!names.has(code)) names.set(code, (await db.selectFrom('units').select('short_name').where('code', '=', code).executeTakeFirst())?.short_name ?? code);
      return names.get(code)!;
    };
    const rows: ParcelImportRow[] = [];
    const accepted: NewParcel[] = [];
    const seen = new Map<string, number>();
    const candidates: { row: ParcelImportRow; attrs: ParcelAttributes | null; geometry: MultiPolygon | null }[] = [];
    const locate = async (geometry: MultiPolygon) => {
      const p = interiorPoint(geometry);
      return p ? ((await unitAtPoint(db, this.store.spatial, viewer.scopePrefix, p[0], p[1]))?.code ?? null) : null;
    };
    for (const f of read.features) {
      const geometry: MultiPolygon | null = f.geometry ? (f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry) : null;
      const joinFindings: ParcelImportRow['findings'] = [];
      let props = f.properties;
      if (table) {
        const key = parcelKeyOf(props);
        if (key.parcelNo) {
          let match = matchAttributeRow(table, key.parcelNo, key.unitCode);
          // The number repeats in several villages of the table: the parcel's own position says which.
          if (match.kind === 'ambiguous' && geometry) match = matchAttributeRow(table, key.parcelNo, await locate(geometry));
          if (match.kind === 'matched') {
            props = mergeAttributes(props, match.row);
            table.used.add(match.row.row);
          } else if (match.kind === 'missing') joinFindings.push({ severity: 'warning', field: '属性表', message: `属性表中没有小班 ${key.parcelNo}` });
          else joinFindings.push({ severity: 'error', field: '属性表', message: `属性表第 ${match.rows.join('、')} 行都是小班 ${key.parcelNo}，无法确定是哪一行，请在属性表加“村代码”列` });
        }
      }
      const attrs = readParcelAttributes(props);
      const findings: ParcelImportRow['findings'] = [...f.findings.map((x) => ({ severity: x.severity, message: x.message })), ...joinFindings, ...attrs.findings];
      const row: ParcelImportRow = { row: f.row, ok: false, parcelNo: attrs.value?.parcelNo ?? null, landClass: attrs.value?.landClass ?? null, unitCode: null, unitName: null, areaMu: null, findings };
      if (geometry) {
        const area = ellipsoidalArea(geometry);
        row.areaMu = Math.round(squareMetresToMu(area) * 100) / 100;
        let unit = attrs.value?.unitCode ?? null;
        if (unit && !isInScope(unit, viewer.scopeCode)) {
          findings.push({ severity: 'error', field: '村代码', message: `区划 ${unit} 不在您的管辖范围内` });
          unit = null;
        } else if (!unit) {
          unit = await locate(geometry);
          if (!unit) findings.push({ severity: 'error', field: '位置', message: '小班不在您管辖的区划范围内' });
        }
        if (unit) [row.unitCode, row.unitName] = [unit, await nameOf(unit)];
      }
      if (row.unitCode && row.parcelNo) {
        const key = `${row.unitCode}|${row.parcelNo}`;
        const first = seen.get(key);
        if (first !== undefined) findings.push({ severity: 'error', field: '小班号', message: `与第 ${first} 行小班号重复` });
        else seen.set(key, row.row);
      }
      candidates.push({ row, attrs: attrs.value, geometry });
    }
    const existing = await new ParcelRepository(db, this.store.spatial).existingNumbers(input.year, [...new Set(candidates.map((c) => c.row.unitCode).filter((u): u is string => !!u))]);
    for (const c of candidates) {
      if (c.row.unitCode && c.row.parcelNo && existing.has(`${c.row.unitCode}|${c.row.parcelNo}`)) c.row.findings.push({ severity: 'error', field: '小班号', message: `${input.year} 年度已有该小班` });
      c.row.ok = !c.row.findings.some((x) => x.severity === 'error') && !!c.attrs && !!c.geometry && !!c.row.unitCode;
      rows.push(c.row);
      if (c.row.ok) {
        const { unitCode: _given, ...rest } = c.attrs!;
        void _given;
        accepted.push({ ...rest, id: randomUUID(), year: input.year, unitCode: c.row.unitCode!, areaM2: ellipsoidalArea(c.geometry!), geometry: c.geometry!, importBatch: null });
      }
    }
    let attributes: ParcelImportReport['attributes'] = null;
    if (table && input.attributes) {
      const rowsOfTable = [...table.byParcel.values()].flat().map((r) => r.row);
      const unmatched = rowsOfTable.filter((r) => !table.used.has(r)).sort((a, b) => a - b);
      attributes = { fileName: input.attributes.fileName, rows: table.size, matched: table.used.size, unmatched };
      if (unmatched.length) {
        fileFindings.push({ severity: 'warning', code: 'attributes.unmatched', message: `属性表中 ${unmatched.length} 行没有对应的小班图形（第 ${unmatched.slice(0, 20).join('、')}${unmatched.length > 20 ? ' 等' : ''} 行），未导入` });
      }
    }
    const report: ParcelImportReport = {
      fileName: input.fileName, year: input.year, crs: read.crs.description, fileFindings, rows,
      accepted: accepted.length, rejected: rows.length - accepted.length, committed: false, created: 0, attributes,
    };
    if (!input.commit || !accepted.length || fileFindings.some((f) => f.severity === 'error')) return success(report);
    const batch = randomUUID();
    const at = this.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await new ParcelRepository(trx, this.store.spatial).insertMany(accepted.map((p) => ({ ...p, importBatch: batch })), at);
      await recordAudit(trx, { userId: viewer.userId === 'cli' ? null : viewer.userId, action: 'create', entity: 'parcel_import', entityId: batch, after: { fileName: input.fileName, attributes: input.attributes?.fileName ?? null, year: input.year, created: accepted.length } }, at);
    });
    this.onChange(input.year);
    return success({ ...report, committed: true, created: accepted.length });
  }
}

import { randomUUID } from 'node:crypto';
import type { MultiPolygon } from 'geojson';
import { ellipsoidalArea, interiorPoint, isInScope, readParcelAttributes, squareMetresToMu, type ParcelAttributes } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { forbidden, invalid, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { readFeatureFile, type Finding } from '../imports/read-features.ts';
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

  async run(viewer: Viewer, input: { fileName: string; content: Uint8Array; year: number; commit: boolean }): Promise<ServiceResult<ParcelImportReport>> {
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff')) return forbidden();
    if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) return invalid('/body/year', '年度应为 1990–2100 的整数');
    const read = await readFeatureFile(input.content, input.fileName);
    if (read.features.length > MAX_ROWS) return invalid('/body/content', `小班过多（${read.features.length}），一次最多导入 ${MAX_ROWS} 个`);
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
    for (const f of read.features) {
      const attrs = readParcelAttributes(f.properties);
      const findings: ParcelImportRow['findings'] = [...f.findings.map((x) => ({ severity: x.severity, message: x.message })), ...attrs.findings];
      const geometry: MultiPolygon | null = f.geometry ? (f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry) : null;
      const row: ParcelImportRow = { row: f.row, ok: false, parcelNo: attrs.value?.parcelNo ?? null, landClass: attrs.value?.landClass ?? null, unitCode: null, unitName: null, areaMu: null, findings };
      if (geometry) {
        const area = ellipsoidalArea(geometry);
        row.areaMu = Math.round(squareMetresToMu(area) * 100) / 100;
        let unit = attrs.value?.unitCode ?? null;
        if (unit && !isInScope(unit, viewer.scopeCode)) {
          findings.push({ severity: 'error', field: '村代码', message: `区划 ${unit} 不在您的管辖范围内` });
          unit = null;
        } else if (!unit) {
          const p = interiorPoint(geometry);
          unit = p ? ((await unitAtPoint(db, this.store.spatial, viewer.scopePrefix, p[0], p[1]))?.code ?? null) : null;
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
    const report: ParcelImportReport = {
      fileName: input.fileName, year: input.year, crs: read.crs.description, fileFindings: read.findings, rows,
      accepted: accepted.length, rejected: rows.length - accepted.length, committed: false, created: 0,
    };
    if (!input.commit || !accepted.length || read.findings.some((f) => f.severity === 'error')) return success(report);
    const batch = randomUUID();
    const at = this.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await new ParcelRepository(trx, this.store.spatial).insertMany(accepted.map((p) => ({ ...p, importBatch: batch })), at);
      await recordAudit(trx, { userId: viewer.userId === 'cli' ? null : viewer.userId, action: 'create', entity: 'parcel_import', entityId: batch, after: { fileName: input.fileName, year: input.year, created: accepted.length } }, at);
    });
    this.onChange(input.year);
    return success({ ...report, committed: true, created: accepted.length });
  }
}

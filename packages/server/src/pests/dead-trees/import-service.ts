import { randomUUID } from 'node:crypto';
import {
  deadTreeColumns, deadTreeImportFieldNames, isInScope, parseDeadTreeRow, type DeadTreeImportField, type DeadTreeImportRow,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { forbidden, invalid, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { readTable, textOf } from '../../imports/read-table.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import { shanghaiDate } from '../../rules/service.ts';
import { DeadTreeRepository } from './repository.ts';
import { canRecordDeadTrees, newTreeRow, parcelAtPoint, type DeadTreeSource } from './service.ts';

const MAX_ROWS = 20_000;

export interface DeadTreeImportFinding {
  severity: 'error' | 'warning';
  field?: string;
  message: string;
}

export interface DeadTreeImportRowReport {
  row: number;
  ok: boolean;
  findings: DeadTreeImportFinding[];
  lon: number | null;
  lat: number | null;
  ref: string | null;
  unitCode: string | null;
  unitName: string | null;
  parcelNo: string | null;
}

export interface DeadTreeImportReport {
  fileName: string;
  rows: DeadTreeImportRowReport[];
  accepted: number;
  rejected: number;
  committed: boolean;
  created: number;
  batchId: string | null;
}

interface RawRow {
  row: number;
  cells: Partial<Record<DeadTreeImportField, string>>;
}

/** GeoJSON points: the position from the geometry, the other fields from the properties by the same column names. */
function readPoints(bytes: Uint8Array): { ok: true; rows: RawRow[] } | { ok: false; message: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: '文件不是有效的 UTF-8 GeoJSON' };
  }
  const features = (doc as { type?: string; features?: unknown[] })?.type === 'FeatureCollection' ? (doc as { features: unknown[] }).features : null;
  if (!Array.isArray(features)) return { ok: false, message: 'GeoJSON 应为 FeatureCollection（点要素集合）' };
  if (features.length > MAX_ROWS) return { ok: false, message: `一次最多导入 ${MAX_ROWS} 株，文件中有 ${features.length} 个要素` };
  const rows: RawRow[] = features.map((f, i) => {
    const feature = f as { geometry?: { type?: string; coordinates?: unknown[] } | null; properties?: Record<string, unknown> | null };
    const props = feature.properties ?? {};
    const headers = Object.keys(props);
    const { columns } = deadTreeColumns(headers);
    const cells: Partial<Record<DeadTreeImportField, string>> = {};
    for (const [field, index] of Object.entries(columns) as [DeadTreeImportField, number][]) cells[field] = textOf(props[headers[index]!]);
    const g = feature.geometry;
    if (g?.type === 'Point' && Array.isArray(g.coordinates)) {
      cells.lon = String(g.coordinates[0] ?? '');
      cells.lat = String(g.coordinates[1] ?? '');
    } else {
      cells.lon = '';
      cells.lat = '';
    }
    return { row: i + 1, cells };
  });
  return { ok: true, rows };
}

/**
 * Lists of dead pines — the survey's field sheets, a drone flight's or a remote-sensing interpretation — as CSV,
 * Excel or GeoJSON points (issue 7 §1). Every row is checked and reported (position outside the viewer's
 * territory, bad values, a number already imported from the same source or repeated in the file); nothing is
 * written unless `commit` is set, and then the accepted rows in one transaction, each found in its village and 小班.
 */
export class DeadTreeImportService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async run(viewer: Viewer, input: { fileName: string; content: Uint8Array; commit: boolean; source: DeadTreeSource; foundOn?: string | undefined; person?: string | undefined }): Promise<ServiceResult<DeadTreeImportReport>> {
    if (!canRecordDeadTrees(viewer)) return forbidden();
    let raw: RawRow[];
    if (/\.(geo)?json$/i.test(input.fileName)) {
      const r = readPoints(input.content);
      if (!r.ok) return invalid('/body/contentBase64', r.message);
      raw = r.rows;
    } else {
      const table = await readTable(input.content, input.fileName, (hs) => deadTreeColumns(hs).missing.length === 0, MAX_ROWS, '未找到表头：前 10 行中须有一行列名含“经度”和“纬度”');
      if (!table.ok) return invalid(table.code === 'table.format' ? '/body/fileName' : '/body/contentBase64', table.message.replace('属性表', '疫木清单'));
      const { columns } = deadTreeColumns(table.value.headers);
      raw = table.value.rows.map((r) => {
        const cells: Partial<Record<DeadTreeImportField, string>> = {};
        for (const [field, i] of Object.entries(columns) as [DeadTreeImportField, number][]) cells[field] = r.values[table.value.headers[i]!] ?? '';
        return { row: r.row, cells };
      });
    }
    const now = this.now();
    const defaultFoundAt = input.foundOn ? new Date(Date.parse(`${input.foundOn}T12:00:00+08:00`)).toISOString() : now.toISOString();
    if (Date.parse(defaultFoundAt) > now.getTime() + 12 * 3_600_000) return invalid('/body/foundOn', '发现日期不能晚于今天');
    const defaultPerson = input.person?.trim() || viewer.username;
    const repo = new DeadTreeRepository(this.store.db);
    const refs = raw.map((r) => r.cells.ref?.trim()).filter((r): r is string => !!r);
    const taken = await repo.sourceRefsTaken(input.source, refs);
    const rows: DeadTreeImportRowReport[] = [];
    const accepted: { report: DeadTreeImportRowReport; tree: DeadTreeImportRow; parcel: { id: string; parcelNo: string } | null }[] = [];
    const names = new Map<string, string>();
    const refRows = new Map<string, number>();
    for (const r of raw) {
      const parsed = parseDeadTreeRow(r.cells);
      const report: DeadTreeImportRowReport = { row: r.row, ok: false, findings: [], lon: null, lat: null, ref: null, unitCode: null, unitName: null, parcelNo: null };
      rows.push(report);
      if (!parsed.ok) {
        report.findings.push(...parsed.error.map((e) => ({ severity: 'error' as const, field: deadTreeImportFieldNames[e.field], message: e.message })));
        continue;
      }
      const t = parsed.value;
      Object.assign(report, { lon: t.lon, lat: t.lat, ref: t.ref });
      const foundAt = t.foundAt ?? defaultFoundAt;
      if (Date.parse(foundAt) > now.getTime()) report.findings.push({ severity: 'error', field: '发现时间', message: '发现时间晚于现在' });
      if (t.ref && taken.has(t.ref)) report.findings.push({ severity: 'error', field: '编号', message: `编号 ${t.ref} 已从同一来源导入过` });
      if (t.ref && refRows.has(t.ref)) report.findings.push({ severity: 'error', field: '编号', message: `编号 ${t.ref} 与第 ${refRows.get(t.ref)} 行重复` });
      if (t.ref && !refRows.has(t.ref)) refRows.set(t.ref, r.row);
      const unit = await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, t.lon, t.lat);
      let parcel: { id: string; parcelNo: string } | null = null;
      if (!unit || !isInScope(unit.code, viewer.scopeCode)) report.findings.push({ severity: 'error', field: '位置', message: '该点不在您管辖的区划范围内' });
      else {
        report.unitCode = unit.code;
        if (!names.has(unit.code)) names.set(unit.code, (await this.store.db.selectFrom('units').select('short_name').where('code', '=', unit.code).executeTakeFirst())?.short_name ?? unit.code);
        report.unitName = names.get(unit.code)!;
        parcel = await parcelAtPoint(this.store.db, this.store, t.lon, t.lat, Number(shanghaiDate(foundAt).slice(0, 4)));
        report.parcelNo = parcel?.parcelNo ?? null;
        if (!parcel) report.findings.push({ severity: 'warning', field: '位置', message: '该点不在一本账的任何小班内，不计入小班取样' });
      }
      if (!t.species) report.findings.push({ severity: 'warning', field: '树种', message: '未填树种' });
      report.ok = !report.findings.some((x) => x.severity === 'error');
      if (report.ok) accepted.push({ report, tree: { ...t, foundAt, person: t.person ?? defaultPerson }, parcel });
    }
    const result: DeadTreeImportReport = { fileName: input.fileName, rows, accepted: accepted.length, rejected: rows.length - accepted.length, committed: false, created: 0, batchId: null };
    if (!input.commit || !accepted.length) return success(result);
    const batchId = randomUUID();
    const at = now.toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      const r = new DeadTreeRepository(trx);
      const trees = accepted.map((a) => newTreeRow({
        id: randomUUID(), unitCode: a.report.unitCode!, parcel: a.parcel, lon: a.tree.lon, lat: a.tree.lat, species: a.tree.species, dbhCm: a.tree.dbhCm,
        condition: a.tree.condition, source: input.source, sourceRef: a.tree.ref, importBatch: batchId, foundAt: a.tree.foundAt!, foundBy: a.tree.person!, createdBy: viewer.userId,
      }, at));
      await r.insertMany(trees);
      await r.insertSteps(trees.map((t) => ({
        id: randomUUID(), tree_id: t.id, step: 'found', at: t.found_at, person: t.found_by, user_id: viewer.userId, lon: t.lon, lat: t.lat, photo_file_id: null,
        data: JSON.stringify({ condition: t.condition, source: input.source, importBatch: batchId }), note: `导入自 ${input.fileName}`, created_at: at,
      })));
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'dead_tree_import', entityId: batchId, after: { fileName: input.fileName, source: input.source, created: trees.length } }, at);
    });
    return success({ ...result, committed: true, created: accepted.length, batchId });
  }
}

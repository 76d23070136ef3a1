import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  ellipsoidalArea, interiorPoint, isInScope, problemCategoryNames, squareMetresToMu, type ProblemCategory, type ProblemSeverity, type ProblemSource,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { forbidden, invalid, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { cellsOf, textOf } from '../imports/read-table.ts';
import { readFeatureFile } from '../imports/read-features.ts';
import { ProblemRepository } from './repository.ts';
import { unitAtPoint } from './locate.ts';
import type { ProblemService } from './service.ts';
import { categoryFromText, deadlineFromCell, mapHeaders, patchKindKeys, patchRefKeys, severityFromText } from './import-rows.ts';

export type ImportKind = 'patches' | 'ledger';

export interface ImportFinding {
  severity: 'error' | 'warning';
  message: string;
  field?: string;
}

export interface ImportRowReport {
  row: number;
  ok: boolean;
  findings: ImportFinding[];
  externalRef: string | null;
  title: string | null;
  category: ProblemCategory | null;
  unitCode: string | null;
  unitName: string | null;
  lon: number | null;
  lat: number | null;
  areaMu: number | null;
}

export interface ImportReport {
  kind: ImportKind;
  source: ProblemSource;
  fileName: string;
  fileFindings: ImportFinding[];
  rows: ImportRowReport[];
  accepted: number;
  rejected: number;
  committed: boolean;
  created: number;
  batchId: string | null;
}

interface Candidate {
  report: ImportRowReport;
  severity: ProblemSeverity;
  description: string;
  geometry: Polygon | MultiPolygon | null;
  deadlineAt: string | null;
}

const MAX_ROWS = 20_000;

/**
 * Imports that feed the loop (issue 4 §4): satellite change patches (one problem per patch, each needing field
 * verification) and inspection feedback ledgers from Excel. Every row is checked and reported; nothing is written
 * unless `commit` is set, and then the accepted rows are written in one transaction.
 */
export class ProblemImportService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly problems: ProblemService,
  ) {}

  async run(viewer: Viewer, input: { kind: ImportKind; source?: ProblemSource; fileName: string; content: Uint8Array; commit: boolean }): Promise<ServiceResult<ImportReport>> {
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief')) return forbidden();
    const source: ProblemSource = input.kind === 'patches' ? 'satellite_patch' : (input.source ?? 'inspection');
    if (input.kind === 'ledger' && source !== 'inspection' && source !== 'reserve_ledger') return invalid('/body/source', '台账来源应为环保督察反馈或保护地人类活动台账');
    const parsed = input.kind === 'patches' ? await this.readPatches(input.content, input.fileName) : await this.readLedger(input.content, input.fileName);
    if (!parsed.ok) return parsed;
    const { candidates, fileFindings } = parsed.value;
    await this.locate(viewer, source, candidates);
    const accepted = candidates.filter((c) => c.report.ok);
    const report: ImportReport = {
      kind: input.kind, source, fileName: input.fileName, fileFindings, rows: candidates.map((c) => c.report),
      accepted: accepted.length, rejected: candidates.length - accepted.length, committed: false, created: 0, batchId: null,
    };
    if (!input.commit || fileFindings.some((f) => f.severity === 'error') || !accepted.length) return success(report);
    const batchId = randomUUID();
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      for (const c of accepted) {
        const r = c.report;
        await this.problems.insertProblem(trx, {
          id: randomUUID(), category: r.category!, severity: c.severity, source, title: r.title!, description: c.description,
          lon: r.lon!, lat: r.lat!, geometry: c.geometry, unitCode: r.unitCode!, reportedAt: at, reporterUserId: viewer.userId,
          reporterPersonId: viewer.personId, reporterName: null, reporterPhone: null, patrolId: null, parcelRef: null, fireRef: null, pestRef: null,
          externalRef: r.externalRef, needsFieldCheck: source === 'satellite_patch', importBatch: batchId, deadlineAt: c.deadlineAt,
        }, [], viewer.userId, at);
      }
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'problem_import', entityId: batchId, after: { kind: input.kind, source, fileName: input.fileName, created: accepted.length } }, at);
    });
    return success({ ...report, committed: true, created: accepted.length, batchId });
  }

  private async readPatches(content: Uint8Array, fileName: string): Promise<ServiceResult<{ candidates: Candidate[]; fileFindings: ImportFinding[] }>> {
    const read = await readFeatureFile(content, fileName);
    const fileFindings: ImportFinding[] = read.findings.map((f) => ({ severity: f.severity, message: f.message }));
    if (read.features.length > MAX_ROWS) return invalid('/body/content', `图斑过多（${read.features.length}），一次最多导入 ${MAX_ROWS} 个`);
    const candidates = read.features.map((feature): Candidate => {
      const props = feature.properties;
      const pick = (keys: string[]) => {
        for (const k of keys) if (props[k] !== undefined && props[k] !== null && String(props[k]).trim() !== '') return String(props[k]).trim();
        return null;
      };
      const findings: ImportFinding[] = feature.findings.map((f) => ({ severity: f.severity, message: f.message, ...(f.field ? { field: f.field } : {}) }));
      const ref = pick(patchRefKeys);
      if (!ref) findings.push({ severity: 'error', field: '图斑编号', message: '缺少图斑编号（图斑编号 / TBBH / 编号）' });
      const kindText = pick(patchKindKeys) ?? '';
      const category = categoryFromText(kindText) ?? 'encroachment';
      const geometry = feature.geometry;
      const point = geometry ? interiorPoint(geometry) : null;
      const areaMu = geometry ? Math.round(squareMetresToMu(ellipsoidalArea(geometry)) * 100) / 100 : null;
      const title = ref ? `卫片图斑 ${ref}${kindText ? `（${kindText}）` : ''}` : null;
      return {
        report: { row: feature.row, ok: false, findings, externalRef: ref, title, category, unitCode: null, unitName: null, lon: point?.[0] ?? null, lat: point?.[1] ?? null, areaMu },
        severity: 'general',
        description: `卫片/森林督查变化图斑${ref ? ` ${ref}` : ''}，面积约 ${areaMu ?? '—'} 亩${kindText ? `，变化类型：${kindText}` : ''}。须实地核实并附现场照片。`,
        geometry, deadlineAt: null,
      };
    });
    return success({ candidates, fileFindings });
  }

  private async readLedger(content: Uint8Array, fileName: string): Promise<ServiceResult<{ candidates: Candidate[]; fileFindings: ImportFinding[] }>> {
    if (!/\.xlsx$/i.test(fileName)) return invalid('/body/fileName', '台账须为 Excel .xlsx 文件');
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(Buffer.from(content) as unknown as ArrayBuffer);
    } catch {
      return invalid('/body/content', '无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密');
    }
    const sheet = book.worksheets[0];
    if (!sheet) return invalid('/body/content', '文件中没有工作表');
    // The header is the first of the top 10 rows that names a description column.
    let headerRow = 0;
    let columns: ReturnType<typeof mapHeaders> = {};
    for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
      const headers = cellsOf(sheet.getRow(r)).map((v) => textOf(v));
      const mapped = mapHeaders(headers);
      if (mapped.description !== undefined) [headerRow, columns] = [r, mapped];
      if (headerRow) break;
    }
    if (!headerRow) return invalid('/body/content', '未找到表头：须有“问题描述”列（以及“经度/纬度”或“区划代码”列）');
    const fileFindings: ImportFinding[] = [];
    if (columns.lon === undefined && columns.unitCode === undefined) fileFindings.push({ severity: 'error', message: '缺少位置列：须有“经度、纬度”或“区划代码”' });
    if (sheet.rowCount - headerRow > MAX_ROWS) return invalid('/body/content', `行数过多，一次最多导入 ${MAX_ROWS} 行`);
    const candidates: Candidate[] = [];
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const cells = cellsOf(sheet.getRow(r));
      if (cells.every((c) => textOf(c) === '')) continue;
      const cell = (f: keyof typeof columns) => (columns[f] === undefined ? '' : textOf(cells[columns[f]!]));
      const findings: ImportFinding[] = [];
      const description = cell('description');
      if (!description) findings.push({ severity: 'error', field: '问题描述', message: '问题描述为空' });
      const categoryText = cell('category');
      let category = categoryFromText(categoryText);
      if (!category) {
        if (categoryText) findings.push({ severity: 'warning', field: '问题类别', message: `无法识别的类别“${categoryText}”，按“其他”导入` });
        category = 'other';
      }
      const severity = severityFromText(cell('severity'));
      if (!severity) findings.push({ severity: 'error', field: '紧急程度', message: `紧急程度应为 一般/较重/紧急（实为“${cell('severity')}”）` });
      let lon: number | null = null, lat: number | null = null;
      if (cell('lon') || cell('lat')) {
        lon = Number(cell('lon'));
        lat = Number(cell('lat'));
        if (!(lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54)) {
          findings.push({ severity: 'error', field: '经度', message: `经纬度无效（${cell('lon')}, ${cell('lat')}）` });
          lon = lat = null;
        }
      }
      const code = cell('unitCode');
      if (code && !/^\d{12}$/.test(code)) findings.push({ severity: 'error', field: '区划代码', message: `区划代码应为 12 位数字（实为“${code}”）` });
      if (lon === null && !code && !findings.some((f) => f.field === '经度')) findings.push({ severity: 'error', field: '经度', message: '没有位置：请填经纬度或区划代码' });
      const deadlineText = columns.deadline === undefined ? null : cells[columns.deadline];
      const deadlineAt = deadlineText === null || textOf(deadlineText) === '' ? null : deadlineFromCell(deadlineText instanceof Date ? deadlineText : textOf(deadlineText));
      if (deadlineText !== null && textOf(deadlineText) !== '' && !deadlineAt) findings.push({ severity: 'error', field: '整改时限', message: `整改时限不是日期（“${textOf(deadlineText)}”）` });
      const ref = cell('externalRef') || null;
      if (!ref) findings.push({ severity: 'error', field: '问题编号', message: '缺少问题编号' });
      candidates.push({
        report: {
          row: r, ok: false, findings, externalRef: ref, title: cell('title') || (description ? description.slice(0, 40) : null), category,
          unitCode: code && /^\d{12}$/.test(code) ? code : null, unitName: null, lon, lat, areaMu: null,
        },
        severity: severity ?? 'general', description, geometry: null, deadlineAt,
      });
    }
    return success({ candidates, fileFindings });
  }

  /** Finds each row's unit (from the point, else from the code) within the viewer's scope, and flags duplicates. */
  private async locate(viewer: Viewer, source: ProblemSource, candidates: Candidate[]): Promise<void> {
    const db = this.store.db;
    const refs = candidates.map((c) => c.report.externalRef).filter((r): r is string => !!r);
    const existing = await new ProblemRepository(db).existingExternalRefs(source, refs);
    const seen = new Map<string, number>();
    const names = new Map<string, string>();
    for (const c of candidates) {
      const r = c.report;
      if (r.externalRef) {
        if (existing.has(r.externalRef)) r.findings.push({ severity: 'error', field: '编号', message: `编号 ${r.externalRef} 已导入过` });
        const first = seen.get(r.externalRef);
        if (first !== undefined) r.findings.push({ severity: 'error', field: '编号', message: `编号 ${r.externalRef} 与第 ${first} 行重复` });
        else seen.set(r.externalRef, r.row);
      }
      if (r.lon !== null && r.lat !== null) {
        const unit = await unitAtPoint(db, this.store.spatial, viewer.scopePrefix, r.lon, r.lat);
        if (!unit || !isInScope(unit.code, viewer.scopeCode)) r.findings.push({ severity: 'error', field: '位置', message: '位置不在您管辖的区划范围内' });
        else r.unitCode = unit.code;
      } else if (r.unitCode) {
        const unit = await db.selectFrom('units').select(['code', 'geom_json']).where('code', '=', r.unitCode).executeTakeFirst();
        if (!unit || !isInScope(unit.code, viewer.scopeCode)) {
          r.findings.push({ severity: 'error', field: '区划代码', message: `区划 ${r.unitCode} 不存在或不在您的管辖范围内` });
          r.unitCode = null;
        } else {
          const p = unit.geom_json ? interiorPoint(JSON.parse(unit.geom_json) as MultiPolygon) : null;
          if (!p) r.findings.push({ severity: 'error', field: '区划代码', message: `区划 ${r.unitCode} 没有边界，无法定位，请填经纬度` });
          else [r.lon, r.lat] = p;
        }
      }
      if (r.unitCode && !names.has(r.unitCode)) {
        const u = await db.selectFrom('units').select('short_name').where('code', '=', r.unitCode).executeTakeFirst();
        names.set(r.unitCode, u?.short_name ?? r.unitCode);
      }
      r.unitName = r.unitCode ? names.get(r.unitCode)! : null;
      r.ok = !r.findings.some((f) => f.severity === 'error') && r.unitCode !== null && r.lon !== null;
      if (r.category && !r.title) r.title = problemCategoryNames[r.category];
    }
  }
}

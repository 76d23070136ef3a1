import { randomUUID } from 'node:crypto';
import {
  infrastructureConditionNames, infrastructureConditions, infrastructureKindInfo, infrastructureKinds, infrastructureStatusNames, infrastructureStatuses,
  type InfrastructureCondition, type InfrastructureKind, type InfrastructureStatus,
} from '@linzhang/domain';
import { forbidden, invalid, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { readLineOrPointFile } from '../../imports/read-features.ts';
import { canEditInfrastructure, type FireInfrastructureService, type PreparedItem } from './service.ts';

export interface WorkImportFinding {
  severity: 'error' | 'warning';
  message: string;
  field?: string;
}

export interface WorkImportRow {
  row: number;
  ok: boolean;
  findings: WorkImportFinding[];
  kind: InfrastructureKind | null;
  name: string | null;
  unitCode: string | null;
  unitName: string | null;
  lengthM: number | null;
}

export interface WorkImportReport {
  fileName: string;
  crs: string;
  fileFindings: WorkImportFinding[];
  rows: WorkImportRow[];
  accepted: number;
  rejected: number;
  committed: boolean;
  created: number;
  batchId: string | null;
}

const MAX_ROWS = 5000;
/** The body fields a work's checks name, as the attribute they come from in a file. */
const fieldNames: Record<string, string> = { '/body/geometry': '几何', '/body/capacityM3': '容量', '/body/builtYear': '建成年份', '/body/name': '名称' };
// Attribute names as bureaus write them (Chinese column names, pinyin initials of Shapefile fields, or ours).
const keys = {
  kind: ['kind', '类型', '设施类型', 'LX'],
  name: ['name', '名称', '设施名称', 'MC'],
  status: ['status', '状态', 'ZT'],
  builtYear: ['builtYear', '建成年份', '建设年份', 'JSNF'],
  condition: ['condition', '完好状况', 'WHZK'],
  capacityM3: ['capacityM3', '容量', '容量立方米', 'RL'],
  note: ['note', '备注', 'BZ'],
};
const aliases: Record<string, InfrastructureKind> = {
  隔离带: 'firebreak', 防火隔离带: 'firebreak', 生物防火隔离带: 'firebreak', 防火通道: 'fire_trail', 防火道路: 'fire_trail', 蓄水池: 'water_tank', 消防水池: 'water_tank',
  管网: 'water_tank', 检查站: 'checkpoint', 防火检查站: 'checkpoint', 卡口: 'smart_checkpoint', 智能卡口: 'smart_checkpoint', 瞭望塔: 'watchtower', 视频监控: 'video_point',
  视频监控点: 'video_point', 视频监控点位: 'video_point',
};

function kindOf(text: string): InfrastructureKind | null {
  if ((infrastructureKinds as readonly string[]).includes(text)) return text as InfrastructureKind;
  return aliases[text] ?? infrastructureKinds.find((k) => infrastructureKindInfo[k].name === text) ?? null;
}
const named = <T extends string>(list: readonly T[], names: Record<T, string>, text: string): T | null =>
  (list as readonly string[]).includes(text) ? (text as T) : (list.find((v) => names[v] === text) ?? null);

/**
 * Works from a GeoJSON file or a zipped Shapefile (lines and points, reprojected from Gauss-Krüger like the parcel
 * import), each record checked as a work entered by hand would be; a report row by row, and nothing written
 * unless `commit` is set, then every accepted row in one transaction.
 */
export class InfrastructureImportService {
  constructor(private readonly works: FireInfrastructureService) {}

  async run(viewer: Viewer, input: { fileName: string; content: Uint8Array; kind?: InfrastructureKind | undefined; status?: InfrastructureStatus | undefined; commit: boolean }): Promise<ServiceResult<WorkImportReport>> {
    if (!canEditInfrastructure(viewer)) return forbidden();
    const read = await readLineOrPointFile(input.content, input.fileName);
    if (read.features.length > MAX_ROWS) return invalid('/body/contentBase64', `要素过多（${read.features.length}），一次最多导入 ${MAX_ROWS} 个`);
    const fileFindings: WorkImportFinding[] = read.findings.map((f) => ({ severity: f.severity, message: f.message }));
    const prepared: PreparedItem[] = [];
    const rows: WorkImportRow[] = [];
    for (const feature of read.features) {
      const findings: WorkImportFinding[] = feature.findings.map((f) => ({ severity: f.severity, message: f.message }));
      const pick = (list: string[]) => {
        for (const k of list) {
          const v = feature.properties[k];
          if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
        }
        return null;
      };
      const kindText = pick(keys.kind);
      const kind = kindText ? kindOf(kindText) : (input.kind ?? null);
      if (!kind) findings.push({ severity: 'error', field: '类型', message: kindText ? `无法识别的设施类型「${kindText}」` : '缺少设施类型（类型 / kind），也未指定默认类型' });
      const name = pick(keys.name);
      if (!name) findings.push({ severity: 'error', field: '名称', message: '缺少名称（名称 / name / MC）' });
      const statusText = pick(keys.status);
      const status = statusText ? named(infrastructureStatuses, infrastructureStatusNames, statusText) : (input.status ?? 'built');
      if (!status) findings.push({ severity: 'error', field: '状态', message: `无法识别的状态「${statusText}」（规划、在建、已建成、停用）` });
      const conditionText = pick(keys.condition);
      const condition: InfrastructureCondition | null = conditionText ? named(infrastructureConditions, infrastructureConditionNames, conditionText) : null;
      if (conditionText && !condition) findings.push({ severity: 'error', field: '完好状况', message: `无法识别的完好状况「${conditionText}」（完好、一般、损坏）` });
      const number = (list: string[], field: string, integer: boolean): number | undefined => {
        const text = pick(list);
        if (text === null) return undefined;
        const n = Number(text);
        if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
          findings.push({ severity: 'error', field, message: `${field}「${text}」不是有效的${integer ? '年份' : '正数'}` });
          return undefined;
        }
        return n;
      };
      const builtYear = number(keys.builtYear, '建成年份', true);
      const capacityM3 = number(keys.capacityM3, '容量', false);
      const row: WorkImportRow = { row: feature.row, ok: false, findings, kind, name, unitCode: null, unitName: null, lengthM: null };
      rows.push(row);
      if (!feature.geometry || !kind || !name || !status || findings.some((f) => f.severity === 'error')) continue;
      const checked = await this.works.prepare(viewer, {
        kind, name, geometry: feature.geometry, status, builtYear, capacityM3, ...(condition ? { condition } : {}), note: pick(keys.note) ?? undefined,
      });
      if (!checked.ok) {
        const errors = checked.error.kind === 'invalid' ? checked.error.errors : [];
        for (const e of errors) findings.push({ severity: 'error', field: fieldNames[e.field] ?? e.field, message: e.message });
        continue;
      }
      row.ok = true;
      row.unitCode = checked.value.unit_code;
      row.unitName = checked.value.unit_name;
      row.lengthM = checked.value.length_m;
      prepared.push(checked.value);
    }
    const report: WorkImportReport = {
      fileName: input.fileName, crs: read.crs.description, fileFindings, rows, accepted: prepared.length, rejected: rows.length - prepared.length,
      committed: false, created: 0, batchId: null,
    };
    if (!input.commit || fileFindings.some((f) => f.severity === 'error') || !prepared.length) return success(report);
    const batchId = randomUUID();
    const created = await this.works.insertPrepared(viewer, prepared, batchId, input.fileName);
    return success({ ...report, committed: true, created, batchId });
  }
}

import { randomUUID } from 'node:crypto';
import { geodesicDistance, hotspotColumns, isInScope, parseHotspotRow, type HotspotField } from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { forbidden, invalid, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { readTable } from '../../imports/read-table.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import { FireRepository } from './repository.ts';
import { canHandleFires, type FireAlarmService } from './service.ts';

/** A hotspot this close in space and time to a known fire (or an earlier row) is the same fire. */
export const hotspotDuplicateMetres = 1000;
export const hotspotDuplicateMinutes = 60;
const MAX_ROWS = 5000;

export interface HotspotFinding {
  severity: 'error' | 'warning';
  field?: string;
  message: string;
}

export interface HotspotRowReport {
  row: number;
  ok: boolean;
  findings: HotspotFinding[];
  lon: number | null;
  lat: number | null;
  at: string | null;
  confidence: string | null;
  frp: number | null;
  satellite: string | null;
  unitCode: string | null;
  unitName: string | null;
  duplicateOf: string | null; // the fire record (or "第 n 行") it repeats
}

export interface HotspotImportReport {
  fileName: string;
  rows: HotspotRowReport[];
  accepted: number;
  rejected: number;
  committed: boolean;
  created: number;
  batchId: string | null;
}

const fieldNames: Record<HotspotField, string> = { lat: '纬度', lon: '经度', acq_date: '日期', acq_time: '时间', confidence: '置信度', frp: '辐射功率', satellite: '卫星' };

/**
 * Satellite hotspots (FIRMS-style CSV or .xlsx) become fire records of source 'satellite' (issue 6 §6): each row is
 * checked and reported — outside the viewer's territory, bad values, a duplicate of a known fire within 1 km and
 * 1 h — and nothing is written unless `commit` is set; then the accepted rows are written in one transaction.
 */
export class HotspotImportService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly fires: FireAlarmService,
  ) {}

  async run(viewer: Viewer, input: { fileName: string; content: Uint8Array; commit: boolean }): Promise<ServiceResult<HotspotImportReport>> {
    if (!canHandleFires(viewer)) return forbidden();
    const table = await readTable(input.content, input.fileName, (hs) => hotspotColumns(hs).missing.length === 0, MAX_ROWS);
    if (!table.ok) {
      return invalid(table.code === 'table.format' ? '/body/fileName' : '/body/contentBase64', table.code === 'table.no_header'
        ? '未找到表头：须有 latitude、longitude、acq_date、acq_time 列（或 纬度、经度、日期、时间）' : table.message.replace('属性表', '热点文件'));
    }
    const { columns } = hotspotColumns(table.value.headers);
    const now = this.now();
    const rows: HotspotRowReport[] = [];
    const accepted: HotspotRowReport[] = [];
    const names = new Map<string, string>();
    const repo = new FireRepository(this.store.db);
    for (const r of table.value.rows) {
      const cells: Partial<Record<HotspotField, string>> = {};
      for (const [field, i] of Object.entries(columns) as [HotspotField, number][]) cells[field] = r.values[table.value.headers[i]!] ?? '';
      const parsed = parseHotspotRow(cells);
      const report: HotspotRowReport = { row: r.row, ok: false, findings: [], lon: null, lat: null, at: null, confidence: null, frp: null, satellite: null, unitCode: null, unitName: null, duplicateOf: null };
      rows.push(report);
      if (!parsed.ok) {
        report.findings.push(...parsed.error.map((e) => ({ severity: 'error' as const, field: fieldNames[e.field], message: e.message })));
        continue;
      }
      const h = parsed.value;
      Object.assign(report, { lon: h.lon, lat: h.lat, at: h.at, confidence: h.confidence, frp: h.frp, satellite: h.satellite });
      if (Date.parse(h.at) > now.getTime()) report.findings.push({ severity: 'error', field: '时间', message: '观测时间晚于现在' });
      const unit = await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, h.lon, h.lat);
      if (!unit || !isInScope(unit.code, viewer.scopeCode)) report.findings.push({ severity: 'error', field: '位置', message: '热点不在您管辖的区划范围内' });
      else {
        report.unitCode = unit.code;
        if (!names.has(unit.code)) names.set(unit.code, (await this.store.db.selectFrom('units').select('short_name').where('code', '=', unit.code).executeTakeFirst())?.short_name ?? unit.code);
        report.unitName = names.get(unit.code)!;
      }
      const t = Date.parse(h.at), window = hotspotDuplicateMinutes * 60_000, d = 0.02;
      const known = (await repo.near([h.lon - d, h.lat - d, h.lon + d, h.lat + d], new Date(t - window).toISOString(), new Date(t + window + 1).toISOString()))
        .find((k) => geodesicDistance([k.lon, k.lat], [h.lon, h.lat]) <= hotspotDuplicateMetres);
      const earlier = accepted.find((a) => Math.abs(Date.parse(a.at!) - t) <= window && geodesicDistance([a.lon!, a.lat!], [h.lon, h.lat]) <= hotspotDuplicateMetres);
      if (known) {
        report.duplicateOf = known.id;
        report.findings.push({ severity: 'error', field: '位置', message: `与已有火情（${known.discovered_at.slice(0, 16).replace('T', ' ')} UTC）相距 1 公里、1 小时以内，视为同一火情` });
      } else if (earlier) {
        report.duplicateOf = `第 ${earlier.row} 行`;
        report.findings.push({ severity: 'error', field: '位置', message: `与第 ${earlier.row} 行的热点相距 1 公里、1 小时以内，视为同一火情` });
      }
      if (h.confidence && /^(l|low|低)$/i.test(h.confidence)) report.findings.push({ severity: 'warning', field: '置信度', message: '低置信度热点，请重点核实' });
      report.ok = !report.findings.some((x) => x.severity === 'error');
      if (report.ok) accepted.push(report);
    }
    const result: HotspotImportReport = { fileName: input.fileName, rows, accepted: accepted.length, rejected: rows.length - accepted.length, committed: false, created: 0, batchId: null };
    if (!input.commit || !accepted.length) return success(result);
    const batchId = randomUUID();
    const at = now.toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      for (const a of accepted) {
        const text = `卫星热点（${a.satellite ?? '卫星未注明'}，置信度 ${a.confidence ?? '—'}${a.frp !== null ? `，辐射功率 ${a.frp} MW` : ''}），观测时间 ${a.at}，须实地核实。`;
        await this.fires.openRecord(trx, {
          id: randomUUID(), unitCode: a.unitCode!, lon: a.lon!, lat: a.lat!, source: 'satellite', sourceRef: `${a.lat},${a.lon},${a.at}`,
          sourceData: { satellite: a.satellite, confidence: a.confidence, frp: a.frp, batchId }, title: `卫星热点 ${a.unitName}`, description: text,
          discoveredAt: a.at!, reportedAt: at, person: '卫星热点导入', reporterUserId: viewer.userId, reporterName: '卫星热点导入', reporterPhone: null, note: input.fileName,
        }, viewer.userId, at);
      }
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'fire_hotspot_import', entityId: batchId, after: { fileName: input.fileName, created: accepted.length } }, at);
    });
    return success({ ...result, committed: true, created: accepted.length, batchId });
  }
}

import ExcelJS from 'exceljs';
import {
  isInScope, problemStatistics, scopePrefix, unitLevelOf, type ProblemCategory, type ProblemStatisticsRow, type ProblemStatus, type UnitLevel,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { ProblemRepository } from './repository.ts';
import { ancestorAt } from './notify.ts';

const childLevel: Record<UnitLevel, UnitLevel> = { province: 'county', county: 'town', town: 'village', village: 'village' };
const localDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

export interface ProblemStatisticsReport {
  unitCode: string;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD, inclusive
  asOf: string;
  rows: ProblemStatisticsRow[]; // one per child unit with problems
  total: ProblemStatisticsRow;
}

/** Issue 4 §6: counts, on-time rate, time to close and case investigation rate per unit and period. */
export class ProblemStatisticsService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async report(viewer: Viewer, input: { unit?: string; from?: string; to?: string }): Promise<ServiceResult<ProblemStatisticsReport>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const asOf = this.now().toISOString();
    const today = localDate(asOf);
    const from = input.from ?? `${today.slice(0, 4)}-01-01`;
    const to = input.to ?? today;
    const rows = await new ProblemRepository(this.store.db).forStatistics(
      scopePrefix(unitCode), new Date(Date.parse(`${from}T00:00:00+08:00`)).toISOString(), new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString(),
    );
    const level = childLevel[unitLevelOf(unitCode)];
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = ancestorAt(r.unit_code, level);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const codes = [...groups.keys(), unitCode];
    const names = new Map((await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', codes).execute()).map((u) => [u.code, u.short_name]));
    const stats = (list: typeof rows) => problemStatistics(list.map((r) => ({
      category: r.category as ProblemCategory, status: r.status as ProblemStatus, reportedAt: r.reported_at, deadlineAt: r.deadline_at,
      handledAt: r.handled_at, closedAt: r.closed_at, escalationCount: r.escalation_count,
    })), asOf);
    const out = [...groups.entries()].map(([code, list]) => ({ unitCode: code, unitName: names.get(code) ?? code, ...stats(list) })).sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    return success({ unitCode, from, to, asOf, rows: out, total: { unitCode, unitName: names.get(unitCode) ?? unitCode, ...stats(rows) } });
  }

  async workbook(viewer: Viewer, input: { unit?: string; from?: string; to?: string }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const result = await this.report(viewer, input);
    if (!result.ok) return result;
    const r = result.value;
    const pct = (v: number | null) => (v === null ? '—' : Math.round(v * 1000) / 10);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('问题办理统计');
    sheet.addRow([`问题办理统计（${r.total.unitName}）  ${r.from} 至 ${r.to}，截至 ${localDate(r.asOf)}`]);
    sheet.mergeCells(1, 1, 1, 12);
    sheet.getRow(1).font = { bold: true, size: 14 };
    sheet.addRow(['区划', '区划代码', '上报', '未处置', '已销号', '不予受理', '逾期', '督办', '按期办结率（%）', '平均办结时长（小时）', '涉林案件', '涉林案件查处率（%）']).font = { bold: true };
    const line = (s: ProblemStatisticsRow) => [s.unitName, s.unitCode, s.reported, s.open, s.closed, s.dismissed, s.overdue, s.escalated, pct(s.onTimeRate), s.meanHoursToClose === null ? '—' : Math.round(s.meanHoursToClose * 10) / 10, s.cases, pct(s.caseInvestigationRate)];
    for (const s of r.rows) sheet.addRow(line(s));
    sheet.addRow(['合计', ...line(r.total).slice(1)]).font = { bold: true };
    sheet.columns.forEach((c, i) => { c.width = [14, 16, 8, 8, 8, 10, 8, 8, 14, 18, 10, 18][i]; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: `问题办理统计-${r.unitCode}-${r.from}-${r.to}.xlsx` });
  }
}

import ExcelJS from 'exceljs';
import { periodOf, scopePrefix } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { inScope, type Viewer } from '../auth/viewer.ts';
import { PatrolRepository } from './repository.ts';
import { ProblemRepository } from '../problems/repository.ts';

export type EffortGrouping = 'person' | 'village' | 'town';

export interface EffortLine {
  key: string;
  name: string; // the person's name, or the village's or town's short name
  unitCode: string;
  unitName: string;
  patrols: number;
  valid: number;
  flagged: number;
  distanceKm: number;
  hours: number;
  problemsFound: number; // problems reported from patrols (SMART-style)
}

export interface EffortReport {
  unitCode: string;
  from: string;
  to: string;
  groupBy: EffortGrouping;
  rows: EffortLine[];
  totals: Omit<EffortLine, 'key' | 'name' | 'unitCode' | 'unitName'>;
}

const groupNames: Record<EffortGrouping, string> = { person: '人员', village: '村（社区）', town: '镇街' };
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Patrol effort per person, village or town and period (issue 3 §5), on screen and as an Excel workbook. */
export class EffortService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async report(viewer: Viewer, input: { unit?: string; from?: string; to?: string; groupBy?: EffortGrouping }): Promise<ServiceResult<EffortReport>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!inScope(viewer, unitCode)) return notFound();
    const month = periodOf(this.now().getTime(), 'month');
    const from = input.from ? new Date(Date.parse(input.from)).toISOString() : month.start;
    const to = input.to ? new Date(Date.parse(input.to)).toISOString() : month.end;
    if (from >= to) return invalid('/querystring/to', '结束时间应晚于开始时间');
    const groupBy = input.groupBy ?? 'village';
    const raw = await new PatrolRepository(this.store.db).effort(scopePrefix(unitCode), from, to, groupBy);
    const found = await new ProblemRepository(this.store.db).foundOnPatrol(scopePrefix(unitCode), from, to, groupBy);
    // Someone who reported problems but whose patrols fall outside the period still shows, with no patrols.
    for (const [key, f] of found) {
      if (!raw.some((r) => r.key === key)) raw.push({ key, unitCode: f.unitCode, personId: f.personId, patrols: 0, valid: 0, flagged: 0, distanceM: 0, durationS: 0 });
    }

    // Names for the keys, from the register (one query each for people and units).
    const unitCodes = [...new Set(raw.map((r) => (groupBy === 'town' ? `${r.key}000` : r.unitCode)))];
    const personIds = groupBy === 'person' ? raw.map((r) => r.key).filter((k) => k !== 'null') : [];
    const units = unitCodes.length ? await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', unitCodes).execute() : [];
    const people = personIds.length ? await this.store.db.selectFrom('people').select(['id', 'name']).where('id', 'in', personIds).execute() : [];
    const unitName = new Map(units.map((u) => [u.code, u.short_name]));
    const personName = new Map(people.map((p) => [p.id, p.name]));

    const rows: EffortLine[] = raw.map((r) => {
      const code = groupBy === 'town' ? `${r.key}000` : r.unitCode;
      return {
        key: r.key,
        name: groupBy === 'person' ? (personName.get(r.key) ?? '（无人员）') : (unitName.get(code) ?? code),
        unitCode: code,
        unitName: unitName.get(code) ?? code,
        patrols: r.patrols,
        valid: r.valid,
        flagged: r.flagged,
        distanceKm: round(r.distanceM / 1000, 2),
        hours: round(r.durationS / 3600, 1),
        problemsFound: found.get(r.key)?.count ?? 0,
      };
    });
    rows.sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.name.localeCompare(b.name, 'zh-CN'));
    const totals = rows.reduce(
      (t, r) => ({ patrols: t.patrols + r.patrols, valid: t.valid + r.valid, flagged: t.flagged + r.flagged, distanceKm: round(t.distanceKm + r.distanceKm, 2), hours: round(t.hours + r.hours, 1), problemsFound: t.problemsFound + r.problemsFound }),
      { patrols: 0, valid: 0, flagged: 0, distanceKm: 0, hours: 0, problemsFound: 0 },
    );
    return success({ unitCode, from, to, groupBy, rows, totals });
  }

  /** The same report as an .xlsx workbook, with Chinese headings and the period in the title row. */
  async workbook(viewer: Viewer, input: Parameters<EffortService['report']>[1]): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const result = await this.report(viewer, input);
    if (!result.ok) return result;
    const r = result.value;
    const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
    const lastDay = local(new Date(Date.parse(r.to) - 1).toISOString());
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('巡林成效');
    sheet.addRow([`巡林成效统计（按${groupNames[r.groupBy]}）  ${local(r.from)} 至 ${lastDay}`]);
    sheet.mergeCells(1, 1, 1, 9);
    sheet.getRow(1).font = { bold: true, size: 14 };
    const header = sheet.addRow([groupNames[r.groupBy], '区划', '区划代码', '巡林次数', '有效次数', '异常提示次数', '里程（公里）', '时长（小时）', '发现问题数']);
    header.font = { bold: true };
    for (const line of r.rows) sheet.addRow([line.name, line.unitName, line.unitCode, line.patrols, line.valid, line.flagged, line.distanceKm, line.hours, line.problemsFound]);
    const total = sheet.addRow(['合计', '', '', r.totals.patrols, r.totals.valid, r.totals.flagged, r.totals.distanceKm, r.totals.hours, r.totals.problemsFound]);
    total.font = { bold: true };
    sheet.columns.forEach((c, i) => { c.width = [16, 14, 16, 10, 10, 12, 12, 12, 10][i]; });
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    return success({ buffer, filename: `巡林成效-${r.unitCode}-${local(r.from)}-${lastDay}.xlsx` });
  }
}

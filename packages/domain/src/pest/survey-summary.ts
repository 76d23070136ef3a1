import { err, ok, type Result } from '../result.ts';
import type { PestFinding } from './pest-rules.ts';

// DOMAIN.md §6 survey: the national pine-wilt summary table (松材线虫病疫情普查汇总表) has one row per
// administrative unit — 行政区划代码, 松林面积, 疫情小班数, 发生面积, 无疫情小班数, 无疫情小班面积, 死亡松树总数, of
// which 病死 and 其他原因 — summed from the 小班-level survey records. Areas stay in m² here (the project's unit);
// pages show them in 亩 with units/area-units.ts.

export interface ParcelSurveyRecord {
  parcelCode: string; // 小班 code
  unitCode: string; // 12-digit code of the village (or town) the 小班 lies in
  pineAreaM2: number; // 松林面积 of the 小班
  infected: boolean; // 疫情小班: the nematode was found in it
  occurrenceAreaM2: number; // 发生面积 (0 for a 小班 without infection)
  deadPines: number; // 死亡松树总数
  deadDiseased: number; // of which 病死 (tested positive)
  deadOther: number; // of which 其他原因 (tested negative); untested deaths are neither
}

export type SurveySummaryLevel = 'county' | 'town' | 'village';

export interface SurveySummaryRow {
  unitCode: string;
  pineAreaM2: number;
  infectedParcels: number;
  occurrenceAreaM2: number;
  clearParcels: number;
  clearAreaM2: number;
  deadPines: number;
  deadDiseased: number;
  deadOther: number;
}

export type SurveyFindingCode = 'bad_unit' | 'bad_number' | 'duplicate_parcel' | 'dead_parts_exceed_total' | 'diseased_in_clear_parcel' | 'occurrence_exceeds_pine_area' | 'occurrence_in_clear_parcel';

/** The code of the unit at `level` that a 12-digit code lies in. */
export const summaryUnitCode = (code: string, level: SurveySummaryLevel): string => (level === 'county' ? `${code.slice(0, 6)}000000` : level === 'town' ? `${code.slice(0, 9)}000` : code);

function checkRecords(records: readonly ParcelSurveyRecord[]): PestFinding<SurveyFindingCode>[] {
  const out: PestFinding<SurveyFindingCode>[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const at = (f: string) => `${i}/${f}`;
    if (!/^\d{12}$/.test(r.unitCode)) out.push({ code: 'bad_unit', field: at('unitCode'), message: '行政区划代码应为 12 位数字' });
    for (const f of ['pineAreaM2', 'occurrenceAreaM2'] as const) if (!Number.isFinite(r[f]) || r[f] < 0) out.push({ code: 'bad_number', field: at(f), message: '面积应为不小于 0 的数' });
    for (const f of ['deadPines', 'deadDiseased', 'deadOther'] as const) if (!Number.isInteger(r[f]) || r[f] < 0) out.push({ code: 'bad_number', field: at(f), message: '株数应为不小于 0 的整数' });
    if (seen.has(r.parcelCode)) out.push({ code: 'duplicate_parcel', field: at('parcelCode'), message: `小班 ${r.parcelCode} 重复` });
    seen.add(r.parcelCode);
    if (r.deadDiseased + r.deadOther > r.deadPines) out.push({ code: 'dead_parts_exceed_total', field: at('deadPines'), message: `小班 ${r.parcelCode} 病死与其他原因死亡株数之和超过死亡松树总数` });
    if (!r.infected && r.deadDiseased > 0) out.push({ code: 'diseased_in_clear_parcel', field: at('infected'), message: `小班 ${r.parcelCode} 有病死松树，应为疫情小班` });
    if (!r.infected && r.occurrenceAreaM2 > 0) out.push({ code: 'occurrence_in_clear_parcel', field: at('occurrenceAreaM2'), message: `小班 ${r.parcelCode} 无疫情，发生面积应为 0` });
    if (r.occurrenceAreaM2 > r.pineAreaM2) out.push({ code: 'occurrence_exceeds_pine_area', field: at('occurrenceAreaM2'), message: `小班 ${r.parcelCode} 发生面积大于松林面积` });
  });
  return out;
}

const emptyRow = (unitCode: string): SurveySummaryRow => ({ unitCode, pineAreaM2: 0, infectedParcels: 0, occurrenceAreaM2: 0, clearParcels: 0, clearAreaM2: 0, deadPines: 0, deadDiseased: 0, deadOther: 0 });

function add(row: SurveySummaryRow, r: ParcelSurveyRecord) {
  row.pineAreaM2 += r.pineAreaM2;
  if (r.infected) {
    row.infectedParcels++;
    row.occurrenceAreaM2 += r.occurrenceAreaM2;
  } else {
    row.clearParcels++;
    row.clearAreaM2 += r.pineAreaM2;
  }
  row.deadPines += r.deadPines;
  row.deadDiseased += r.deadDiseased;
  row.deadOther += r.deadOther;
}

/** One row per unit at `level` (ordered by code) and the total, or the findings when a record is impossible. */
export function surveySummary(records: readonly ParcelSurveyRecord[], level: SurveySummaryLevel): Result<{ rows: SurveySummaryRow[]; total: Omit<SurveySummaryRow, 'unitCode'> }, PestFinding<SurveyFindingCode>[]> {
  const findings = checkRecords(records);
  if (findings.length) return err(findings);
  const rows = new Map<string, SurveySummaryRow>();
  const total = emptyRow('');
  for (const r of records) {
    const code = summaryUnitCode(r.unitCode, level);
    const row = rows.get(code) ?? emptyRow(code);
    rows.set(code, row);
    add(row, r);
    add(total, r);
  }
  const { unitCode: _unused, ...totals } = total;
  return ok({ rows: [...rows.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode)), total: totals });
}

import { err, ok, type Result } from '../result.ts';
import type { PestFinding } from './pest-rules.ts';
import { isCalendarDate } from './shanghai-dates.ts';
import type { WildlifeStation } from './wildlife-daily-report.ts';

// DOMAIN.md §7 陆生野生动物疫源疫病监测: a daily report is either a zero report (零报告: nothing abnormal found) or a
// report of what was seen — never both. A report says how many animals of a species were seen and how many of them
// died abnormally (其中异常死亡); abnormal deaths are problem reports (§2), handled by the server.

export interface WildlifeObservation {
  species: string; // 物种
  count: number; // 数量（只）, the dead included
  dead: number; // 其中异常死亡（只）
  note?: string | null | undefined;
}

export interface WildlifeReportDraft {
  date: string; // the day reported on, YYYY-MM-DD Shanghai
  zero: boolean;
  observations: readonly WildlifeObservation[];
}

export type WildlifeReportFindingCode = 'date_invalid' | 'date_future' | 'station_inactive' | 'zero_with_observations' | 'observations_missing' | 'count_invalid' | 'dead_exceeds_count' | 'species_repeated';

/** Checks a daily report against its station and today's date (Shanghai); empty = fine. `field` is a JSON pointer into the draft. */
export function checkWildlifeReport(draft: WildlifeReportDraft, station: Pick<WildlifeStation, 'activeFrom' | 'activeTo'>, today: string): PestFinding<WildlifeReportFindingCode>[] {
  const out: PestFinding<WildlifeReportFindingCode>[] = [];
  if (!isCalendarDate(draft.date)) out.push({ code: 'date_invalid', field: '/date', message: '日期无效' });
  else if (draft.date > today) out.push({ code: 'date_future', field: '/date', message: '不能报告今天以后的日期' });
  else if (draft.date < station.activeFrom || (station.activeTo !== null && draft.date > station.activeTo)) {
    out.push({ code: 'station_inactive', field: '/date', message: `该站点在 ${draft.date} 未启用监测（启用期 ${station.activeFrom} 至 ${station.activeTo ?? '今'}）` });
  }
  if (draft.zero && draft.observations.length) out.push({ code: 'zero_with_observations', field: '/observations', message: '零报告不能同时填写观测记录：请去掉“零报告”或清空观测记录' });
  if (!draft.zero && !draft.observations.length) out.push({ code: 'observations_missing', field: '/observations', message: '未发现异常时请选择“零报告”，否则至少填写一条观测记录' });
  const seen = new Set<string>();
  draft.observations.forEach((o, i) => {
    if (!Number.isInteger(o.count) || o.count < 1) out.push({ code: 'count_invalid', field: `/observations/${i}/count`, message: '数量应为不小于 1 的整数' });
    if (!Number.isInteger(o.dead) || o.dead < 0) out.push({ code: 'count_invalid', field: `/observations/${i}/dead`, message: '异常死亡数应为不小于 0 的整数' });
    else if (o.dead > o.count) out.push({ code: 'dead_exceeds_count', field: `/observations/${i}/dead`, message: '异常死亡数不能大于观测数量' });
    const key = o.species.trim();
    if (seen.has(key)) out.push({ code: 'species_repeated', field: `/observations/${i}/species`, message: `物种“${key}”重复，请合并为一条` });
    seen.add(key);
  });
  return out;
}

/** The abnormal deaths of a report, by species (for the problem it becomes); empty when there are none. */
export const abnormalDeaths = (observations: readonly WildlifeObservation[]): { species: string; dead: number }[] =>
  observations.filter((o) => o.dead > 0).map((o) => ({ species: o.species.trim(), dead: o.dead }));

/** How far ahead of the server a phone's clock may be before its time is refused rather than taken as now. */
export const reportClockSkewMs = 5 * 60_000;

/**
 * DOMAIN.md §7 (the cut-off decides 迟报): the submission time of a daily report made on a phone and sent later from its
 * outbox is when it was made, `madeAt`, not when the signal came back. It may not be before the day reported on (00:00
 * Shanghai), nor more than `reportClockSkewMs` ahead of `now`; a little ahead counts as now. Without `madeAt`, now.
 */
export function reportSubmittedAt(date: string, madeAt: string | undefined, now: string): Result<string, { field: '/madeAt'; message: string }> {
  if (madeAt === undefined) return ok(now);
  const made = Date.parse(madeAt);
  if (!(made >= Date.parse(`${date}T00:00:00+08:00`))) return err({ field: '/madeAt', message: `填写时间不能早于 ${date} 0 时` });
  if (made > Date.parse(now) + reportClockSkewMs) return err({ field: '/madeAt', message: '填写时间不能晚于现在（请检查手机时间）' });
  return ok(new Date(Math.min(made, Date.parse(now))).toISOString());
}

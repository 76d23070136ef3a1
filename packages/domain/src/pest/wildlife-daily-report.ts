import { defaultPestRules, type PestRules } from './pest-rules.ts';
import { addDays, daysBetween, shanghaiDate, shanghaiInstant } from './shanghai-dates.ts';

// DOMAIN.md §7 陆生野生动物疫源疫病监测: every monitoring station reports daily, including a zero report when nothing
// was found (日报告、零报告) [C]; the cut-off time is configurable, by default 15:00 the same day, Shanghai [U]. A day
// is missing only once its cut-off has passed; a missing report is flagged to the station's supervisor.

export interface WildlifeStation {
  id: string;
  name: string;
  activeFrom: string; // YYYY-MM-DD, first day it must report
  activeTo: string | null; // last day it must report
  supervisorId: string | null; // who is told of a missing report
}

export interface WildlifeDailyReport {
  stationId: string;
  date: string; // the day reported on, YYYY-MM-DD
  submittedAt: string; // ISO instant
  zero: boolean; // 零报告: nothing abnormal found
}

/**
 * The wildlife rules in force: one set, or the set of each day (a versioned rule may change the cut-off from a date
 * on, and each day is judged by its own).
 */
export type WildlifeRulesOf = PestRules['wildlife'] | ((date: string) => PestRules['wildlife']);
const rulesOn = (rules: WildlifeRulesOf, date: string): PestRules['wildlife'] => (typeof rules === 'function' ? rules(date) : rules);

/** The cut-off instant of a day's report. */
export const wildlifeReportCutoff = (date: string, rules: WildlifeRulesOf = defaultPestRules.wildlife): string => shanghaiInstant(date, rulesOn(rules, date).dailyReportCutoff);

export interface MissingWildlifeReport {
  stationId: string;
  stationName: string;
  supervisorId: string | null;
  date: string;
  cutoffAt: string;
}

/** The first report of each station and day that was known at `asOf` (submitted no later than it). */
function reportsKnown(reports: readonly WildlifeDailyReport[], asOf: string): Map<string, WildlifeDailyReport> {
  const byKey = new Map<string, WildlifeDailyReport>();
  const now = Date.parse(asOf);
  for (const r of reports) {
    if (Date.parse(r.submittedAt) > now) continue;
    const key = `${r.stationId}|${r.date}`;
    const seen = byKey.get(key);
    if (!seen || Date.parse(r.submittedAt) < Date.parse(seen.submittedAt)) byKey.set(key, r);
  }
  return byKey;
}

const activeOn = (s: WildlifeStation, date: string) => s.activeFrom <= date && (s.activeTo === null || date <= s.activeTo);

/** Station-days from `from` (YYYY-MM-DD) whose cut-off has passed at `asOf` without a report, by station then day. */
export function missingWildlifeReports(stations: readonly WildlifeStation[], reports: readonly WildlifeDailyReport[], from: string, asOf: string, rules: WildlifeRulesOf = defaultPestRules.wildlife): MissingWildlifeReport[] {
  const known = reportsKnown(reports, asOf);
  const out: MissingWildlifeReport[] = [];
  const last = shanghaiDate(asOf);
  for (const s of stations) {
    for (let d = from; d <= last; d = addDays(d, 1)) {
      if (!activeOn(s, d) || known.has(`${s.id}|${d}`)) continue;
      const cutoffAt = wildlifeReportCutoff(d, rules);
      if (Date.parse(asOf) >= Date.parse(cutoffAt)) out.push({ stationId: s.id, stationName: s.name, supervisorId: s.supervisorId, date: d, cutoffAt });
    }
  }
  return out;
}

export type WildlifeReportDayState = 'reported' | 'late' | 'missing' | 'pending' | 'future' | 'inactive';
export const wildlifeReportDayStateNames: Record<WildlifeReportDayState, string> = { reported: '已报告', late: '迟报', missing: '缺报', pending: '待报告', future: '—', inactive: '未启用' };

export interface WildlifeReportDay {
  date: string;
  state: WildlifeReportDayState;
  zero: boolean | null; // for a reported day: was it a zero report
}

export interface WildlifeReportGap {
  from: string;
  to: string;
  days: number;
}

/** One station's days from `from` to `to` (inclusive) as a calendar view at `asOf`, with its runs of missing days. */
export function wildlifeReportCalendar(station: WildlifeStation, reports: readonly WildlifeDailyReport[], from: string, to: string, asOf: string, rules: WildlifeRulesOf = defaultPestRules.wildlife): { days: WildlifeReportDay[]; gaps: WildlifeReportGap[] } {
  const known = reportsKnown(reports, asOf);
  const days: WildlifeReportDay[] = [];
  const gaps: WildlifeReportGap[] = [];
  const now = Date.parse(asOf);
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const cutoff = Date.parse(wildlifeReportCutoff(d, rules));
    const report = known.get(`${station.id}|${d}`);
    let state: WildlifeReportDayState;
    if (!activeOn(station, d)) state = 'inactive';
    else if (report) state = Date.parse(report.submittedAt) > cutoff ? 'late' : 'reported';
    else if (now >= cutoff) state = 'missing';
    else state = d > shanghaiDate(asOf) ? 'future' : 'pending';
    days.push({ date: d, state, zero: report ? report.zero : null });
    if (state === 'missing') {
      const gap = gaps[gaps.length - 1];
      if (gap && daysBetween(gap.to, d) === 1) {
        gap.to = d;
        gap.days++;
      } else gaps.push({ from: d, to: d, days: 1 });
    }
  }
  return { days, gaps };
}

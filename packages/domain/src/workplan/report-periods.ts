import { periodsBetween } from '../time/periods.ts';

// Issue 8 §2: a plan target's progress reports are due every month, quarter or half-year of the plan's year, up to
// its due date; a period is late once it has ended (Asia/Shanghai) without a report.

export const reportSchedules = ['month', 'quarter', 'half'] as const;
export type ReportSchedule = (typeof reportSchedules)[number];
export const reportScheduleNames: Record<ReportSchedule, string> = { month: '每月', quarter: '每季度', half: '每半年' };

/** How a report period is written: 2024-05, 2024-Q2, 2024-H2. */
export const reportPeriodPattern: Record<ReportSchedule, RegExp> = { month: /^(\d{4})-(0[1-9]|1[0-2])$/, quarter: /^(\d{4})-Q[1-4]$/, half: /^(\d{4})-H[12]$/ };

/** When a report period begins, as an instant with the Asia/Shanghai offset (`2024-04-01T00:00:00+08:00`). */
export function reportPeriodStart(key: string, every: ReportSchedule): string {
  const year = key.slice(0, 4);
  const month = every === 'month' ? key.slice(5, 7) : every === 'quarter' ? String((Number(key.slice(6)) - 1) * 3 + 1).padStart(2, '0') : key.endsWith('H2') ? '07' : '01';
  return `${year}-${month}-01T00:00:00+08:00`;
}

/** The scheduled periods of a plan year that ended by `asOf` (an instant), those begun by the due date (a day). */
export function endedReportPeriods(year: number, every: ReportSchedule, dueOn: string, asOf: string): string[] {
  const start = new Date(Date.parse(`${year}-01-01T00:00:00+08:00`)).toISOString();
  const dueEnd = Date.parse(`${dueOn}T00:00:00+08:00`) + 86_400_000;
  const yearEnd = Date.parse(`${year + 1}-01-01T00:00:00+08:00`);
  const last = new Date(Math.min(dueEnd, yearEnd) - 1).toISOString();
  return periodsBetween(start, last, every).filter((p) => Date.parse(p.end) <= Date.parse(asOf) && Date.parse(p.start) < dueEnd).map((p) => p.key);
}

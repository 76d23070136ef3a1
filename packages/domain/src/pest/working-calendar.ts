import { addDays, isCalendarDate, isoWeekday } from './shanghai-dates.ts';
import type { PestRuleFinding } from './pest-rules.ts';

// Working days in China: Monday–Friday, except the public holidays, plus the weekend days declared working days
// (调休上班). The State Council publishes each year's arrangement the November before, so the calendar is data a
// county can extend, never a formula. Used by the lab's "5 working days" (DOMAIN.md §6).

export interface WorkingCalendar {
  /** Years the data covers; outside them only weekends are known and the answer says so. */
  years: readonly number[];
  holidays: readonly string[]; // YYYY-MM-DD 放假 days that fall on weekdays or weekends alike
  workdays: readonly string[]; // YYYY-MM-DD weekend days declared working days (调休上班)
  source: string;
}

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/**
 * The official arrangements for 2024, 2025 and 2026 (国务院办公厅《关于……部分节假日安排的通知》):
 * 2024 国办发明电〔2023〕7号, 2025 国办发明电〔2024〕12号 (the first year with the extra 除夕 and 5月2日 holidays),
 * 2026 国办发明电〔2025〕7号 (4 November 2025). Holidays are the full 放假 runs as announced, weekends included.
 */
export const chinaWorkingCalendar2024to2026: WorkingCalendar = {
  years: [2024, 2025, 2026],
  holidays: [
    // 2024
    '2024-01-01', ...range('2024-02-10', '2024-02-17'), ...range('2024-04-04', '2024-04-06'), ...range('2024-05-01', '2024-05-05'),
    ...range('2024-06-08', '2024-06-10'), ...range('2024-09-15', '2024-09-17'), ...range('2024-10-01', '2024-10-07'),
    // 2025
    '2025-01-01', ...range('2025-01-28', '2025-02-04'), ...range('2025-04-04', '2025-04-06'), ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'), ...range('2025-10-01', '2025-10-08'),
    // 2026
    ...range('2026-01-01', '2026-01-03'), ...range('2026-02-15', '2026-02-23'), ...range('2026-04-04', '2026-04-06'), ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'), ...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07'),
  ],
  workdays: [
    '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
    '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
    '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
  ],
  source: '国务院办公厅关于 2024 年（国办发明电〔2023〕7号）、2025 年（国办发明电〔2024〕12号）、2026 年（国办发明电〔2025〕7号）部分节假日安排的通知',
};

export const calendarCovers = (calendar: WorkingCalendar, date: string): boolean => calendar.years.includes(Number(date.slice(0, 4)));

/** True when `date` is a working day under the calendar (outside its years: Monday–Friday). */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.includes(date)) return false;
  if (calendar.workdays.includes(date)) return true;
  return isoWeekday(date) <= 5;
}

/**
 * The `n`th working day after `date` (the day itself not counted), and whether every day stepped over lies in
 * the calendar's years — when not, a holiday may be missing and the answer is only a weekday count.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): { date: string; covered: boolean } {
  let d = date;
  let covered = calendarCovers(calendar, date);
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (!calendarCovers(calendar, d)) covered = false;
    if (isWorkingDay(d, calendar)) left--;
  }
  return { date: d, covered };
}

/** What is wrong with calendar data (empty = fine): real dates, within the stated years, no day both ways. */
export function checkWorkingCalendar(calendar: WorkingCalendar): PestRuleFinding[] {
  const out: PestRuleFinding[] = [];
  calendar.years.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 2000 || y > 2100) out.push({ path: `/years/${i}`, message: '年份应为 2000–2100 的整数' });
  });
  const holidays = new Set(calendar.holidays);
  calendar.holidays.forEach((d, i) => {
    if (!isCalendarDate(d)) out.push({ path: `/holidays/${i}`, message: '应为 YYYY-MM-DD 格式的日期' });
    else if (!calendarCovers(calendar, d)) out.push({ path: `/holidays/${i}`, message: `${d} 不在所列年份内` });
  });
  calendar.workdays.forEach((d, i) => {
    if (!isCalendarDate(d)) out.push({ path: `/workdays/${i}`, message: '应为 YYYY-MM-DD 格式的日期' });
    else if (!calendarCovers(calendar, d)) out.push({ path: `/workdays/${i}`, message: `${d} 不在所列年份内` });
    else if (holidays.has(d)) out.push({ path: `/workdays/${i}`, message: `${d} 同时列为放假日和调休上班日` });
    else if (isoWeekday(d) <= 5) out.push({ path: `/workdays/${i}`, message: `${d} 本是工作日，无需列为调休上班日` });
  });
  if (!calendar.source.trim()) out.push({ path: '/source', message: '请注明依据（国务院办公厅通知文号）' });
  return out;
}

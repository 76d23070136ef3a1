// Calendar-date arithmetic for the pest rules. Dates are YYYY-MM-DD in Asia/Shanghai; China keeps UTC+8 without
// daylight saving (see time/periods.ts), so a local date is the UTC date of the instant shifted by 8 h.

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** True for a real calendar date written YYYY-MM-DD (2025-02-29 is refused). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** True for an ISO instant that Date can read. */
export const isInstant = (s: string): boolean => !Number.isNaN(Date.parse(s));

/** The Shanghai calendar date of an instant. */
export const shanghaiDate = (instant: string): string => new Date(Date.parse(instant) + OFFSET_MS).toISOString().slice(0, 10);

/** The instant (ISO, UTC) of a Shanghai wall-clock time `HH:MM` on a date; `24:00` is the next midnight. */
export function shanghaiInstant(date: string, time = '00:00'): string {
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + ((h ?? 0) * 60 + (m ?? 0)) * 60_000).toISOString();
}

/** The date `n` calendar days after (or before, when negative) `date`. */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Whole calendar days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** Day of the week, Monday = 1 … Sunday = 7. */
export const isoWeekday = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Month 1–12 of a date. */
export const monthOf = (date: string): number => Number(date.slice(5, 7));

/**
 * The same day `n` months later; a day the target month lacks becomes its last day (2024-12-31 + 2 months =
 * 2025-02-28), which is how people count "every two months".
 */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m0 = Number(date.slice(5, 7)) - 1 + n;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m0 / 12);
  const tm = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ty, tm, Math.min(d, last))).toISOString().slice(0, 10);
}

/** True when month 1–12 lies in a window of months that may wrap the year end (11 → 4 = Nov–Apr). */
export const monthInWindow = (month: number, window: { startMonth: number; endMonth: number }): boolean =>
  window.startMonth <= window.endMonth ? month >= window.startMonth && month <= window.endMonth : month >= window.startMonth || month <= window.endMonth;

/** True for a wall-clock time written HH:MM, 00:00–23:59. */
export const isClockTime = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

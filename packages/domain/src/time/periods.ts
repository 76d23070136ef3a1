// DOMAIN.md §1: periods are calendar periods in Asia/Shanghai — ISO week (Mon–Sun), month, quarter, half
// year, year. China has kept UTC+8 without daylight saving since 1991, so local time is UTC + 8 h exactly.
export const periodKinds = ['week', 'month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period {
  kind: PeriodKind;
  key: string; // 2024-W05, 2024-03, 2024-Q1, 2024-H1, 2024
  start: string; // ISO instant (UTC) of the first moment
  end: string; // ISO instant (UTC) of the first moment after the period
}

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Shanghai local midnight of a local calendar date, as a UTC instant. */
const localMidnight = (y: number, m0: number, d: number): number => Date.UTC(y, m0, d) - OFFSET_MS;
const iso = (ms: number): string => new Date(ms).toISOString();

function isoWeek(localMs: number): { year: number; week: number; mondayLocal: number } {
  const date = new Date(localMs);
  const dayIndex = (date.getUTCDay() + 6) % 7; // Monday = 0
  const mondayLocal = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - dayIndex * DAY_MS;
  const thursday = new Date(mondayLocal + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week, mondayLocal };
}

/** The period of a kind that contains an instant (ISO string or epoch ms). */
export function periodOf(instant: string | number, kind: PeriodKind): Period {
  const utc = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(utc)) throw new Error(`not an instant: ${String(instant)}`);
  const local = new Date(utc + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  switch (kind) {
    case 'week': {
      const w = isoWeek(utc + OFFSET_MS);
      const start = w.mondayLocal - OFFSET_MS;
      return { kind, key: `${w.year}-W${String(w.week).padStart(2, '0')}`, start: iso(start), end: iso(start + 7 * DAY_MS) };
    }
    case 'month':
      return { kind, key: `${y}-${String(m + 1).padStart(2, '0')}`, start: iso(localMidnight(y, m, 1)), end: iso(localMidnight(y, m + 1, 1)) };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { kind, key: `${y}-Q${q + 1}`, start: iso(localMidnight(y, q * 3, 1)), end: iso(localMidnight(y, q * 3 + 3, 1)) };
    }
    case 'half': {
      const h = m < 6 ? 0 : 1;
      return { kind, key: `${y}-H${h + 1}`, start: iso(localMidnight(y, h * 6, 1)), end: iso(localMidnight(y, h * 6 + 6, 1)) };
    }
    case 'year':
      return { kind, key: `${y}`, start: iso(localMidnight(y, 0, 1)), end: iso(localMidnight(y + 1, 0, 1)) };
  }
}

/** Every period of a kind that overlaps [from, to), in order. */
export function periodsBetween(from: string, to: string, kind: PeriodKind): Period[] {
  const out: Period[] = [];
  let cursor = Date.parse(from);
  const stop = Date.parse(to);
  while (cursor < stop) {
    const p = periodOf(cursor, kind);
    out.push(p);
    cursor = Date.parse(p.end);
  }
  return out;
}

import { yearScore } from './assessment-scheme.ts';

// Issue 8 §3 (DOMAIN.md §1): a county assesses its towns by quarter on 100 points; the year is the mean of its
// quarters. Dates are calendar days in Asia/Shanghai (YYYY-MM-DD).

export type AssessmentPeriod = { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 } | { kind: 'year'; year: number };

/** `2026-Q3` or `2026`; anything else is null. */
export function parseAssessmentPeriod(period: string): AssessmentPeriod | null {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return { kind: 'quarter', year: Number(q[1]), quarter: Number(q[2]) as 1 | 2 | 3 | 4 };
  const y = /^(\d{4})$/.exec(period);
  return y ? { kind: 'year', year: Number(y[1]) } : null;
}

/** A quarter's first and last day. */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const m = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, m + 2, 0)).getUTCDate();
  return { from: `${year}-${String(m).padStart(2, '0')}-01`, to: `${year}-${String(m + 2).padStart(2, '0')}-${String(last).padStart(2, '0')}` };
}

/** The quarters of a year begun by `today` (its first day counts). */
export function quartersBegun(year: number, today: string): number[] {
  return [1, 2, 3, 4].filter((q) => quarterRange(year, q).from <= today);
}

/** Whether a quarter is over on `today`: its last day has passed. */
export function quarterEnded(year: number, quarter: number, today: string): boolean {
  return quarterRange(year, quarter).to < today;
}

export interface QuarterScoreRow {
  subjectId: string;
  total: number;
  items: { key: string; points: number; explanation: string }[];
}

/**
 * The year's rows from its quarters' rows (in quarter order): each subject of the last quarter, its total and each
 * item's points the means over the quarters it was scored in, each item's explanation saying so; the rest of a row
 * (its evidence) is the last quarter's.
 */
export function yearOfQuarters<R extends QuarterScoreRow>(quarters: readonly { period: string; rows: readonly R[] }[]): (R & { quarters: { period: string; total: number }[] })[] {
  const last = quarters[quarters.length - 1];
  if (!last) return [];
  return last.rows.map((row) => {
    const mine = quarters.flatMap((q) => {
      const found = q.rows.find((x) => x.subjectId === row.subjectId);
      return found ? [{ period: q.period, row: found }] : [];
    });
    return {
      ...row,
      total: yearScore(mine.map((x) => x.row.total)) ?? 0,
      items: row.items.map((it) => ({
        ...it,
        points: Math.round((mine.reduce((sum, x) => sum + (x.row.items.find((y) => y.key === it.key)?.points ?? 0), 0) / mine.length) * 100) / 100,
        explanation: `${mine.length} 个季度平均；末季度：${it.explanation}`,
      })),
      quarters: mine.map((x) => ({ period: x.period, total: x.row.total })),
    };
  });
}

import { periodOf, periodsBetween, type Period, type PeriodKind } from '../time/periods.ts';

export type DutyStatus = 'met' | 'behind' | 'missed';

export interface DutyPeriodResult {
  periodKey: string;
  start: string;
  end: string;
  required: number;
  done: number;
  status: DutyStatus; // behind: the period is still running and the duty not yet met; missed: it ended unmet
  remind: boolean; // behind, and the period ends within the reminder window
}

/** How long before a period's end a reminder is due, per period kind (configurable default [U]). */
export const defaultReminderHours: Record<PeriodKind, number> = { week: 48, month: 5 * 24, quarter: 14 * 24, half: 30 * 24, year: 30 * 24 };

/**
 * A person's duty, period by period, from `from` (e.g. the start of the term or of the year) up to the period
 * containing `asOf` (issue 3 §4). `events` are the instants of qualifying acts (valid patrols, reports).
 */
export function dutyCompliance(input: {
  count: number;
  period: PeriodKind;
  events: readonly string[];
  from: string;
  asOf: string;
  reminderHours?: number;
  /** The periods from `from` to the one containing `asOf`, when the caller has them (many people, one span). */
  periods?: readonly Period[];
}): DutyPeriodResult[] {
  const asOfMs = Date.parse(input.asOf);
  const periods = input.periods ?? periodsBetween(input.from, periodOf(asOfMs, input.period).end, input.period);
  const reminderMs = (input.reminderHours ?? defaultReminderHours[input.period]) * 3_600_000;
  const starts = periods.map((p) => Date.parse(p.start));
  const counts = new Array<number>(periods.length).fill(0);
  for (const e of input.events) {
    const t = Date.parse(e);
    if (t > asOfMs || t < (starts[0] ?? Infinity)) continue; // what has not happened yet does not count
    // Periods are contiguous: the last one starting at or before t holds it.
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid; else hi = mid - 1;
    }
    if (t < Date.parse(periods[lo]!.end)) counts[lo]! += 1;
  }
  return periods.map((p, i) => {
    const done = counts[i]!;
    const ended = Date.parse(p.end) <= asOfMs;
    const status: DutyStatus = done >= input.count ? 'met' : ended ? 'missed' : 'behind';
    return {
      periodKey: p.key, start: p.start, end: p.end, required: input.count, done, status,
      remind: status === 'behind' && Date.parse(p.end) - asOfMs <= reminderMs,
    };
  });
}

import { periodOf, periodsBetween, type PeriodKind } from '../time/periods.ts';

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
}): DutyPeriodResult[] {
  const asOfMs = Date.parse(input.asOf);
  const current = periodOf(asOfMs, input.period);
  const periods = periodsBetween(input.from, current.end, input.period);
  const reminderMs = (input.reminderHours ?? defaultReminderHours[input.period]) * 3_600_000;
  const counts = new Map<string, number>();
  for (const e of input.events) {
    const t = Date.parse(e);
    if (t > asOfMs) continue; // what has not happened yet does not count
    const key = periodOf(t, input.period).key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return periods.map((p) => {
    const done = counts.get(p.key) ?? 0;
    const ended = Date.parse(p.end) <= asOfMs;
    const status: DutyStatus = done >= input.count ? 'met' : ended ? 'missed' : 'behind';
    return {
      periodKey: p.key, start: p.start, end: p.end, required: input.count, done, status,
      remind: status === 'behind' && Date.parse(p.end) - asOfMs <= reminderMs,
    };
  });
}

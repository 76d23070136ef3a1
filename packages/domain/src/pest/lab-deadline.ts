import { isInScope } from '../units/unit-code.ts';
import type { EpidemicPointPeriod } from './epidemic-points.ts';
import { defaultPestRules, type PestRules } from './pest-rules.ts';
import { addWorkingDays, type WorkingCalendar } from './working-calendar.ts';
import { shanghaiDate, shanghaiInstant } from './shanghai-dates.ts';

// DOMAIN.md §6 Lab (技术方案 2022): a written test result within 5 working days of receiving the sample; a first
// positive in a county with no previous infection is reported by phone within 1 hour and in writing within 1 day
// of its identification. A working-day deadline ends at 24:00 Shanghai time of the last working day.

export interface LabSample {
  id: string;
  receivedAt: string; // ISO instant the lab received the sample
  writtenResultAt: string | null; // 书面检测结果 issued
  outcome: 'positive' | 'negative' | null;
  identifiedAt: string | null; // when the nematode was identified; starts the first-positive clocks
  /** True when the county had no infection before this sample (新发疫情县); only then do the report clocks run. */
  firstInCounty: boolean;
  phoneReportedAt: string | null;
  writtenReportAt: string | null;
}

/**
 * Whether a county had an infection before `date`: an epidemic point of one of its towns declared earlier. When
 * not, a positive identified on `date` is the county's first (新发疫情) and the report clocks run.
 */
export function countyHadInfection(points: readonly EpidemicPointPeriod[], countyCode: string, date: string): boolean {
  return points.some((p) => isInScope(p.unitCode, countyCode) && p.declaredOn < date);
}

export interface LabDeadlines {
  writtenResultDue: string; // ISO instant
  /** False when the 5 working days run past the years the calendar covers (holidays there are unknown). */
  calendarCovered: boolean;
  phoneReportDue: string | null; // first positive in the county only
  writtenReportDue: string | null;
}

const HOUR = 3_600_000;
const plusHours = (instant: string, hours: number): string => new Date(Date.parse(instant) + hours * HOUR).toISOString();

/** The deadlines one sample is held to. */
export function labDeadlines(sample: LabSample, calendar: WorkingCalendar, rules: PestRules['lab'] = defaultPestRules.lab): LabDeadlines {
  const last = addWorkingDays(shanghaiDate(sample.receivedAt), rules.writtenResultWorkingDays, calendar);
  const reportClock = sample.firstInCounty && sample.outcome === 'positive' ? (sample.identifiedAt ?? sample.writtenResultAt) : null;
  return {
    writtenResultDue: shanghaiInstant(last.date, '24:00'),
    calendarCovered: last.covered,
    phoneReportDue: reportClock ? plusHours(reportClock, rules.firstPositivePhoneHours) : null,
    writtenReportDue: reportClock ? plusHours(reportClock, rules.firstPositiveWrittenHours) : null,
  };
}

export type LabDuty = 'written_result' | 'phone_report' | 'written_report';
export const labDutyNames: Record<LabDuty, string> = { written_result: '书面检测结果', phone_report: '新发疫情电话报告', written_report: '新发疫情书面报告' };

export interface LabOverdue {
  sampleId: string;
  duty: LabDuty;
  dueAt: string;
  /** Done, but after the deadline (doneAt set), or still not done at `asOf` (doneAt null). */
  doneAt: string | null;
  overdueHours: number; // how late, at `asOf` when not done
  /** written_result only: false when the working days ran past the calendar's years (holidays there unknown). */
  calendarCovered: boolean;
  message: string;
}

/** Shanghai date and time; a midnight is written as 24:00 of the day before, as deadlines are spoken of. */
function fmt(instant: string): string {
  const time = new Date(Date.parse(instant) + 8 * HOUR).toISOString().slice(11, 16);
  return time === '00:00' ? `${shanghaiDate(new Date(Date.parse(instant) - 1).toISOString())} 24:00` : `${shanghaiDate(instant)} ${time}`;
}

/** What is overdue at `asOf` (or was done late) among the samples, in sample order. */
export function labOverdue(samples: readonly LabSample[], asOf: string, calendar: WorkingCalendar, rules: PestRules['lab'] = defaultPestRules.lab): LabOverdue[] {
  const out: LabOverdue[] = [];
  const now = Date.parse(asOf);
  const consider = (sample: LabSample, duty: LabDuty, dueAt: string | null, recordedAt: string | null, calendarCovered = true) => {
    if (!dueAt) return;
    const doneAt = recordedAt !== null && Date.parse(recordedAt) <= now ? recordedAt : null; // not yet done as of asOf
    const due = Date.parse(dueAt);
    const end = doneAt ? Date.parse(doneAt) : now;
    if (end <= due) return;
    const overdueHours = Math.round(((end - due) / HOUR) * 10) / 10;
    const message = doneAt
      ? `样品 ${sample.id} 的${labDutyNames[duty]}应于 ${fmt(dueAt)} 前完成，实际 ${fmt(doneAt)}，超时 ${overdueHours} 小时`
      : `样品 ${sample.id} 的${labDutyNames[duty]}应于 ${fmt(dueAt)} 前完成，已超时 ${overdueHours} 小时`;
    out.push({ sampleId: sample.id, duty, dueAt, doneAt, overdueHours, calendarCovered, message });
  };
  for (const s of samples) {
    if (Date.parse(s.receivedAt) > now) continue;
    const d = labDeadlines(s, calendar, rules);
    consider(s, 'written_result', d.writtenResultDue, s.writtenResultAt, d.calendarCovered);
    consider(s, 'phone_report', d.phoneReportDue, s.phoneReportedAt);
    consider(s, 'written_report', d.writtenReportDue, s.writtenReportAt);
  }
  return out;
}

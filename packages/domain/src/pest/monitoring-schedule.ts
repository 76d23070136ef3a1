import { squareMetresToMu } from '../units/area-units.ts';
import { defaultPestRules, type PestRules } from './pest-rules.ts';
import { addDays, addMonths, daysBetween } from './shanghai-dates.ts';

// DOMAIN.md §6 Monitoring (技术方案 2022): every 小班 is monitored at least every 2 months; the annual autumn special
// survey 秋季专项普查 runs September–November; lure trees 引诱树 1 per 10 亩. Dates are Shanghai calendar dates.

export interface PestMonitoredParcel {
  code: string;
  /** The day the 2-month clock started for a 小班 never visited (entered the register, or the plan's start). */
  monitoredFrom: string;
}

export interface PestMonitoringVisit {
  parcelCode: string;
  date: string; // YYYY-MM-DD
  kind: 'routine' | 'autumn_survey'; // an autumn survey visit is monitoring too
}

export type PestMonitoringState = 'ok' | 'due' | 'overdue';
export const pestMonitoringStateNames: Record<PestMonitoringState, string> = { ok: '正常', due: '即将到期', overdue: '逾期未监测' };

export interface PestMonitoringDue {
  code: string;
  lastVisit: string | null;
  /** The last day the next visit may fall on: the last visit (or monitoredFrom) plus the interval in months. */
  dueBy: string;
  state: PestMonitoringState;
  overdueDays: number; // days past dueBy at asOf (0 unless overdue)
}

/** The monitoring standing of every 小班 at `asOf` (YYYY-MM-DD), visits after asOf ignored. */
export function pestMonitoringDue(parcels: readonly PestMonitoredParcel[], visits: readonly PestMonitoringVisit[], asOf: string, rules: PestRules['monitoring'] = defaultPestRules.monitoring): PestMonitoringDue[] {
  const last = new Map<string, string>();
  for (const v of visits) if (v.date <= asOf && v.date > (last.get(v.parcelCode) ?? '')) last.set(v.parcelCode, v.date);
  return parcels.map((p) => {
    const lastVisit = last.get(p.code) ?? null;
    const dueBy = addMonths(lastVisit ?? p.monitoredFrom, rules.maxIntervalMonths);
    const state: PestMonitoringState = asOf > dueBy ? 'overdue' : asOf >= addDays(dueBy, -rules.dueSoonDays) ? 'due' : 'ok';
    return { code: p.code, lastVisit, dueBy, state, overdueDays: state === 'overdue' ? daysBetween(dueBy, asOf) : 0 };
  });
}

export interface AutumnSurveyStatus {
  year: number;
  from: string; // first day of the window
  to: string; // last day of the window
  phase: 'not_started' | 'open' | 'closed';
  surveyed: string[]; // 小班 codes with an autumn survey visit in the window
  /** Not yet surveyed: still pending while the window is open, missed once it has closed. */
  outstanding: string[];
  missed: boolean; // the window has closed with 小班 outstanding
}

/** The autumn special survey of `year` at `asOf`. */
export function autumnSurveyStatus(parcels: readonly PestMonitoredParcel[], visits: readonly PestMonitoringVisit[], year: number, asOf: string, rules: PestRules['monitoring'] = defaultPestRules.monitoring): AutumnSurveyStatus {
  const from = `${year}-${String(rules.autumnSurvey.startMonth).padStart(2, '0')}-01`;
  const to = new Date(Date.UTC(year, rules.autumnSurvey.endMonth, 0)).toISOString().slice(0, 10);
  const phase = asOf < from ? 'not_started' : asOf > to ? 'closed' : 'open';
  const done = new Set(visits.filter((v) => v.kind === 'autumn_survey' && v.date >= from && v.date <= to && v.date <= asOf).map((v) => v.parcelCode));
  const surveyed = parcels.filter((p) => done.has(p.code)).map((p) => p.code);
  const outstanding = parcels.filter((p) => !done.has(p.code)).map((p) => p.code);
  return { year, from, to, phase, surveyed, outstanding, missed: phase === 'closed' && outstanding.length > 0 };
}

/**
 * Lure trees 引诱树 a 小班 needs: 1 per 10 亩, rounded UP — a started 10 亩 needs its tree, so a 5-亩 小班 gets 1
 * and a 25-亩 one 3. The area is first rounded to 0.01 亩, so that 100 亩 stored as 66 666.67 m² needs 10, not 11.
 */
export function lureTreesNeeded(areaM2: number, rules: PestRules['monitoring'] = defaultPestRules.monitoring): number {
  if (!Number.isFinite(areaM2) || areaM2 <= 0) return 0;
  const mu = Math.round(squareMetresToMu(areaM2) * 100) / 100;
  return Math.ceil(mu / rules.lureTreeEveryMu - 1e-9);
}

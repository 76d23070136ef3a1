import { isInScope } from '../units/unit-code.ts';
import type { FireBanRules } from './fire-ban-rules.ts';

/** One area's fire danger level on one Shanghai day (observed or forecast). */
export interface DailyLevel {
  unitCode: string;
  date: string; // YYYY-MM-DD
  level: number; // 1–5
  forecast: boolean;
}

/** A run of dangerous days behind a suggestion: per day the highest level and how many areas reached the threshold. */
export interface SuggestionDay {
  date: string;
  level: number;
  areas: number;
  forecast: boolean;
}

export interface FireBanSuggestion {
  startsOn: string;
  endsOn: string;
  /** The areas whose own run made the suggestion; an area under another listed one is left out. */
  unitCodes: string[];
  peakLevel: number;
  days: SuggestionDay[];
}

const DAY = 86_400_000;
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

interface Run { unitCode: string; from: string; to: string }

/** Each area's maximal runs of consecutive days at or above the threshold, at least `minDays` long. */
function runsOf(levels: readonly DailyLevel[], rules: FireBanRules): Run[] {
  const byUnit = new Map<string, Map<string, number>>();
  for (const l of levels) {
    if (l.forecast && !rules.includeForecast) continue;
    if (l.level < rules.minLevel) continue;
    const days = byUnit.get(l.unitCode) ?? new Map<string, number>();
    days.set(l.date, Math.max(days.get(l.date) ?? 0, l.level));
    byUnit.set(l.unitCode, days);
  }
  const runs: Run[] = [];
  for (const [unitCode, days] of byUnit) {
    const dates = [...days.keys()].sort();
    let from = dates[0]!;
    let prev = from;
    for (const date of [...dates.slice(1), null]) {
      if (date !== null && date === addDays(prev, 1)) { prev = date; continue; }
      const length = Math.round((Date.parse(prev) - Date.parse(from)) / DAY) + 1;
      if (length >= rules.minDays) runs.push({ unitCode, from, to: prev });
      if (date !== null) { from = date; prev = date; }
    }
  }
  return runs;
}

/** Drops every code lying under another code of the list (a village under a listed town). */
export function outermostUnits(codes: readonly string[]): string[] {
  const unique = [...new Set(codes)].sort();
  return unique.filter((c) => !unique.some((other) => other !== c && isInScope(c, other)));
}

/**
 * DOMAIN.md §5: a 禁火令 is suggested when an area's fire danger stays at or above `minLevel` for `minDays`
 * consecutive days. Runs of different areas that overlap or touch in time become one suggestion covering all of
 * them, from the earliest start to the latest end, so staff decide on one order per spell of dry weather.
 */
export function suggestFireBans(levels: readonly DailyLevel[], rules: FireBanRules): FireBanSuggestion[] {
  const runs = runsOf(levels, rules).sort((a, b) => a.from.localeCompare(b.from) || a.unitCode.localeCompare(b.unitCode));
  const groups: { from: string; to: string; runs: Run[] }[] = [];
  for (const run of runs) {
    const last = groups[groups.length - 1];
    if (last && run.from <= addDays(last.to, 1)) {
      last.runs.push(run);
      if (run.to > last.to) last.to = run.to;
    } else groups.push({ from: run.from, to: run.to, runs: [run] });
  }
  return groups.map((g) => {
    const units = new Set(g.runs.map((r) => r.unitCode));
    const days: SuggestionDay[] = [];
    for (let date = g.from; date <= g.to; date = addDays(date, 1)) {
      const hits = levels.filter((l) => l.date === date && units.has(l.unitCode) && l.level >= rules.minLevel && (rules.includeForecast || !l.forecast));
      days.push({
        date,
        level: Math.max(0, ...hits.map((h) => h.level)),
        areas: new Set(hits.map((h) => h.unitCode)).size,
        forecast: hits.length > 0 && hits.every((h) => h.forecast),
      });
    }
    return { startsOn: g.from, endsOn: g.to, unitCodes: outermostUnits([...units]), peakLevel: Math.max(...days.map((d) => d.level)), days };
  });
}

import type { TownSurveyYear } from './epidemic-point-status.ts';

// DOMAIN.md §6 epidemic points: the yearly record of each town that clearYearRun / townEpidemicStatus read, derived
// from the surveys and the dead-tree register (computed when asked, never stored, so that a late lab result or a
// survey completed afterwards changes the standing at once). Our reading, stated:
// - a year is DETECTED when the nematode was confirmed in the town that year: a positive dead tree found that year
//   (the year's monitoring as well as the surveys) or a 小班 a survey of that year marked infected;
// - a year is CLEAR only when the town's autumn special survey (秋季专项普查) of that year covered its whole pine
//   parcel grid and nothing was detected — a partly surveyed town has no record for the year, which breaks the run.

export interface TownAutumnSurvey {
  townCode: string;
  year: number;
  complete: boolean; // every pine 小班 of the town's grid surveyed in that year's autumn campaign
}

export interface TownDetection {
  townCode: string;
  year: number;
}

/** The surveyed years of each town: detected, or clear after a complete autumn survey; ordered by town and year. */
export function townSurveyYears(autumn: readonly TownAutumnSurvey[], detections: readonly TownDetection[]): TownSurveyYear[] {
  const key = (town: string, year: number) => `${town}|${year}`;
  const out = new Map<string, TownSurveyYear>();
  for (const d of detections) out.set(key(d.townCode, d.year), { townCode: d.townCode, year: d.year, detected: true });
  for (const a of autumn) {
    const k = key(a.townCode, a.year);
    if (a.complete && !out.has(k)) out.set(k, { townCode: a.townCode, year: a.year, detected: false });
  }
  return [...out.values()].sort((a, b) => a.townCode.localeCompare(b.townCode) || a.year - b.year);
}

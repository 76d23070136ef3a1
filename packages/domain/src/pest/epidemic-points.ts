import { isInScope } from '../units/unit-code.ts';

// DOMAIN.md §6: a pine-wilt epidemic point (疫点) is a town; it stands from its declaration until its removal
// (拔除/摘牌). Issue 5 §3 needs only "is this town an epidemic point on that day"; issue 7 adds the history.

export interface EpidemicPointPeriod {
  unitCode: string; // the town
  declaredOn: string; // YYYY-MM-DD, Asia/Shanghai
  removedOn: string | null; // the day it stopped being one
}

/** The epidemic point period covering `townCode` on `date`, if any. */
export function epidemicPointOn(points: readonly EpidemicPointPeriod[], townCode: string, date: string): EpidemicPointPeriod | null {
  return points.find((p) => p.unitCode === townCode && p.declaredOn <= date && (p.removedOn === null || date < p.removedOn)) ?? null;
}

/** Every epidemic point period standing on `date` in the units under `scopeCode` (a county: its 疫点 towns). */
export function epidemicPointsOn(points: readonly EpidemicPointPeriod[], scopeCode: string, date: string): EpidemicPointPeriod[] {
  return points.filter((p) => isInScope(p.unitCode, scopeCode) && epidemicPointOn([p], p.unitCode, date) !== null);
}

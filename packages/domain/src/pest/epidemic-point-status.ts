import { isInScope } from '../units/unit-code.ts';
import { epidemicPointOn, epidemicPointsOn, type EpidemicPointPeriod } from './epidemic-points.ts';
import { defaultPestRules, type PestRules } from './pest-rules.ts';

// DOMAIN.md §6: an epidemic point 疫点 is a town, an epidemic area 疫区 a county; a point may apply for removal
// (拔除 / 摘牌) after a run of consecutive years without detection — 2 years by default [U].
//
// How the years are counted (our reading, stated): a year counts as clear only when the town has a survey record
// for it (秋季专项普查 plus the year's monitoring) that found nothing; a year with no record breaks the run, since
// absence of a survey is not absence of the disease. The run is counted back from `asOf`'s year when that year's
// record exists, else from the year before (this year's autumn survey may not be done yet), and only years from the
// point's declaration on count. A county is an epidemic area while at least one of its towns is a point.

export interface TownSurveyYear {
  townCode: string;
  year: number;
  detected: boolean; // the nematode was found in the town that year
}

export type RemovalStanding = 'not_a_point' | 'may_apply' | 'not_yet';

export interface TownEpidemicStatus {
  townCode: string;
  isPoint: boolean;
  period: EpidemicPointPeriod | null; // the standing period, or the latest one when the town is no longer a point
  lastDetectionYear: number | null;
  clearYears: number; // consecutive surveyed years without detection, latest first
  clearYearList: number[];
  removal: RemovalStanding;
  yearsToGo: number; // more clear years needed before removal may be applied for (0 when it may)
  label: string;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The run of clear surveyed years of a town ending at `asOf`'s year (or the year before), from `fromYear` on. */
export function clearYearRun(surveys: readonly TownSurveyYear[], townCode: string, asOf: string, fromYear = -Infinity): number[] {
  const byYear = new Map<number, boolean>();
  for (const s of surveys) if (s.townCode === townCode) byYear.set(s.year, (byYear.get(s.year) ?? false) || s.detected);
  let year = byYear.has(yearOf(asOf)) ? yearOf(asOf) : yearOf(asOf) - 1;
  const run: number[] = [];
  while (year >= fromYear && byYear.get(year) === false) run.push(year--);
  return run;
}

/** A town's epidemic point standing on `asOf` (YYYY-MM-DD) and whether it may apply for removal. */
export function townEpidemicStatus(townCode: string, points: readonly EpidemicPointPeriod[], surveys: readonly TownSurveyYear[], asOf: string, rules: PestRules['epidemic'] = defaultPestRules.epidemic): TownEpidemicStatus {
  const standing = epidemicPointOn(points, townCode, asOf);
  const latest = points.filter((p) => p.unitCode === townCode && p.declaredOn <= asOf).sort((a, b) => b.declaredOn.localeCompare(a.declaredOn))[0] ?? null;
  const detections = surveys.filter((s) => s.townCode === townCode && s.detected && s.year <= yearOf(asOf)).map((s) => s.year);
  const lastDetectionYear = detections.length ? Math.max(...detections) : null;
  const clearYearList = clearYearRun(surveys, townCode, asOf, standing ? yearOf(standing.declaredOn) : -Infinity);
  const base = { townCode, isPoint: !!standing, period: standing ?? latest, lastDetectionYear, clearYears: clearYearList.length, clearYearList };
  if (!standing) return { ...base, removal: 'not_a_point', yearsToGo: 0, label: latest?.removedOn ? `已拔除（${latest.removedOn}）` : '非疫点' };
  const yearsToGo = Math.max(0, rules.clearYearsForRemoval - clearYearList.length);
  if (yearsToGo === 0) return { ...base, removal: 'may_apply', yearsToGo, label: `连续 ${clearYearList.length} 年未发现疫情，可申请拔除（摘牌）` };
  const label = clearYearList.length ? `连续 ${clearYearList.length} 年未发现疫情，还需 ${yearsToGo} 年方可申请拔除` : lastDetectionYear !== null ? `${lastDetectionYear} 年仍有疫情，暂不可申请拔除` : '尚无无疫情年度记录，暂不可申请拔除';
  return { ...base, removal: 'not_yet', yearsToGo, label };
}

export interface CountyEpidemicStatus {
  countyCode: string;
  isEpidemicArea: boolean; // 疫区: at least one town of the county is a point on asOf
  points: TownEpidemicStatus[]; // the standing points
  mayApplyTowns: string[];
  /** Every standing point may apply for removal: the county's 疫区 could be lifted once they are removed. */
  allPointsMayApply: boolean;
  label: string;
}

/** A county's epidemic area standing from its towns' points on `asOf`. */
export function countyEpidemicStatus(countyCode: string, points: readonly EpidemicPointPeriod[], surveys: readonly TownSurveyYear[], asOf: string, rules: PestRules['epidemic'] = defaultPestRules.epidemic): CountyEpidemicStatus {
  const standing = [...new Set(epidemicPointsOn(points, countyCode, asOf).map((p) => p.unitCode))].sort();
  const statuses = standing.map((t) => townEpidemicStatus(t, points, surveys, asOf, rules));
  const mayApplyTowns = statuses.filter((s) => s.removal === 'may_apply').map((s) => s.townCode);
  const isEpidemicArea = statuses.length > 0;
  const allPointsMayApply = isEpidemicArea && mayApplyTowns.length === statuses.length;
  const label = !isEpidemicArea ? '非疫区' : allPointsMayApply ? `疫区：${statuses.length} 个疫点均可申请拔除` : `疫区：${statuses.length} 个疫点，其中 ${mayApplyTowns.length} 个可申请拔除`;
  return { countyCode, isEpidemicArea, points: statuses, mayApplyTowns, allPointsMayApply, label };
}

/** A plan target (工作要点): remove N points this year, or keep N points removed before the year free of relapse. */
export type EpidemicTarget = { kind: 'remove_points'; count: number } | { kind: 'keep_free'; count: number };

export interface EpidemicTargetProgress {
  target: EpidemicTarget;
  achieved: number;
  met: boolean;
  towns: string[]; // the towns that count towards it
  relapsed: string[]; // keep_free: removed earlier, but a point again or detected this year
  label: string;
}

/** Progress on a plan target within `scopeCode` for `year`, at `asOf` (YYYY-MM-DD). */
export function epidemicTargetProgress(target: EpidemicTarget, scopeCode: string, year: number, points: readonly EpidemicPointPeriod[], surveys: readonly TownSurveyYear[], asOf: string): EpidemicTargetProgress {
  const inScope = points.filter((p) => isInScope(p.unitCode, scopeCode));
  const start = `${year}-01-01`;
  const end = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  if (target.kind === 'remove_points') {
    const towns = [...new Set(inScope.filter((p) => p.removedOn !== null && p.removedOn >= start && p.removedOn <= end).map((p) => p.unitCode))].sort();
    return { target, achieved: towns.length, met: towns.length >= target.count, towns, relapsed: [], label: `拔除疫点 ${towns.length}/${target.count} 个` };
  }
  const removedBefore = [...new Set(inScope.filter((p) => p.removedOn !== null && p.removedOn < start).map((p) => p.unitCode))].sort();
  const relapsed = removedBefore.filter((t) => epidemicPointOn(points, t, end) !== null || surveys.some((s) => s.townCode === t && s.year === year && s.detected));
  const towns = removedBefore.filter((t) => !relapsed.includes(t));
  const label = `巩固已拔除疫点 ${towns.length}/${target.count} 个${relapsed.length ? `，${relapsed.length} 个复发` : ''}`;
  return { target, achieved: towns.length, met: towns.length >= target.count, towns, relapsed, label };
}

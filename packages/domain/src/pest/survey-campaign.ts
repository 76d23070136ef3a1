import { summaryUnitCode, type SurveySummaryLevel } from './survey-summary.ts';
import { defaultPestRules, type PestFinding, type PestRules } from './pest-rules.ts';

// DOMAIN.md §6 survey: the 技术方案 asks for a survey of every pine 小班 — the spring survey and the annual autumn
// special survey (秋季专项普查, Sept–Nov by the rules). A campaign is one such survey of a county or town; its
// parcel grid is the ledger's pine 小班 (松林: a dominant species from a configurable list), and its progress is
// counted per town. Our readings, stated: a spring campaign must end before the autumn window opens; a campaign
// lies within its year; a 小班 surveyed that is not on the grid (say a mixed stand with pines) counts as extra and
// never towards the grid's share.

/** Pine species whose stands count as 松林 unless a campaign says otherwise [U: the usual pines of South China]. */
export const defaultPineSpecies: readonly string[] = ['马尾松', '湿地松', '华山松', '油松', '云南松', '黑松', '火炬松', '思茅松'];

export const isPineStand = (dominantSpecies: string | null | undefined, pineSpecies: readonly string[] = defaultPineSpecies): boolean =>
  !!dominantSpecies && pineSpecies.includes(dominantSpecies.trim());

export const surveySeasons = ['spring', 'autumn'] as const;
export type SurveySeason = (typeof surveySeasons)[number];
export const surveySeasonNames: Record<SurveySeason, string> = { spring: '春季普查', autumn: '秋季专项普查' };

export type CampaignPhase = 'not_started' | 'open' | 'closed';
export const campaignPhaseNames: Record<CampaignPhase, string> = { not_started: '未开始', open: '进行中', closed: '已结束' };

export const campaignPhase = (startsOn: string, endsOn: string, asOf: string): CampaignPhase => (asOf < startsOn ? 'not_started' : asOf > endsOn ? 'closed' : 'open');

export interface SurveyCampaignInput {
  year: number;
  season: SurveySeason;
  startsOn: string; // YYYY-MM-DD
  endsOn: string;
}

export type SurveyCampaignFindingCode = 'outside_year' | 'ends_before_start' | 'outside_autumn_window' | 'spring_too_late';

const monthOf = (date: string) => Number(date.slice(5, 7));

/** What is wrong with a campaign's dates (empty = fine), against the autumn survey window of the rules. */
export function checkSurveyCampaign(c: SurveyCampaignInput, rules: PestRules['monitoring'] = defaultPestRules.monitoring): PestFinding<SurveyCampaignFindingCode>[] {
  const out: PestFinding<SurveyCampaignFindingCode>[] = [];
  for (const f of ['startsOn', 'endsOn'] as const) {
    if (Number(c[f].slice(0, 4)) !== c.year) out.push({ code: 'outside_year', field: f, message: `日期应在 ${c.year} 年内` });
  }
  if (out.length) return out;
  if (c.endsOn < c.startsOn) return [{ code: 'ends_before_start', field: 'endsOn', message: '结束日期不能早于开始日期' }];
  const { startMonth, endMonth } = rules.autumnSurvey;
  if (c.season === 'autumn') {
    for (const f of ['startsOn', 'endsOn'] as const) {
      const m = monthOf(c[f]);
      if (m < startMonth || m > endMonth) out.push({ code: 'outside_autumn_window', field: f, message: `秋季专项普查应在 ${startMonth} 月至 ${endMonth} 月间进行` });
    }
  } else if (monthOf(c.endsOn) >= startMonth) {
    out.push({ code: 'spring_too_late', field: 'endsOn', message: `春季普查应在秋季专项普查期（${startMonth} 月）之前结束` });
  }
  return out;
}

/** The parcel grid of one village in a campaign: how many pine 小班 and how many of them are surveyed. */
export interface VillageSurveyCount {
  unitCode: string; // the village
  gridParcels: number;
  gridAreaM2: number;
  surveyedParcels: number; // of the grid
  surveyedAreaM2: number; // of the grid, by the ledger's area
  extraParcels: number; // surveyed though not on the grid
}

export interface SurveyProgressRow extends VillageSurveyCount {
  outstandingParcels: number;
  share: number; // surveyed ÷ grid (0 when the grid is empty)
  complete: boolean; // a non-empty grid entirely surveyed
}

const progressOf = (c: VillageSurveyCount): SurveyProgressRow => ({
  ...c,
  outstandingParcels: c.gridParcels - c.surveyedParcels,
  share: c.gridParcels ? c.surveyedParcels / c.gridParcels : 0,
  complete: c.gridParcels > 0 && c.surveyedParcels >= c.gridParcels,
});

/** Progress per unit at `level` (normally the town), ordered by code, with the total. */
export function surveyProgress(villages: readonly VillageSurveyCount[], level: SurveySummaryLevel): { rows: SurveyProgressRow[]; total: SurveyProgressRow } {
  const empty = (unitCode: string): VillageSurveyCount => ({ unitCode, gridParcels: 0, gridAreaM2: 0, surveyedParcels: 0, surveyedAreaM2: 0, extraParcels: 0 });
  const sums = new Map<string, VillageSurveyCount>();
  const total = empty('');
  for (const v of villages) {
    const code = summaryUnitCode(v.unitCode, level);
    const row = sums.get(code) ?? empty(code);
    sums.set(code, row);
    for (const target of [row, total]) {
      target.gridParcels += v.gridParcels;
      target.gridAreaM2 += v.gridAreaM2;
      target.surveyedParcels += v.surveyedParcels;
      target.surveyedAreaM2 += v.surveyedAreaM2;
      target.extraParcels += v.extraParcels;
    }
  }
  return { rows: [...sums.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode)).map(progressOf), total: progressOf(total) };
}

import { describe, expect, it } from 'vitest';
import { campaignPhase, checkSurveyCampaign, isPineStand, surveyProgress } from './survey-campaign.ts';

// DOMAIN.md §6 "annual autumn special survey Sept–Nov": a campaign's dates against the configured window.
describe('checkSurveyCampaign', () => {
  it('accepts an autumn campaign inside Sept–Nov and a spring one ending before September', () => {
    expect(checkSurveyCampaign({ year: 2026, season: 'autumn', startsOn: '2026-09-01', endsOn: '2026-11-30' })).toEqual([]);
    expect(checkSurveyCampaign({ year: 2026, season: 'spring', startsOn: '2026-03-01', endsOn: '2026-05-31' })).toEqual([]);
  });
  it('names the field that is wrong', () => {
    const codes = (c: Parameters<typeof checkSurveyCampaign>[0]) => checkSurveyCampaign(c).map((f) => `${f.code}@${f.field}`);
    expect(codes({ year: 2026, season: 'autumn', startsOn: '2026-08-20', endsOn: '2026-12-05' })).toEqual(['outside_autumn_window@startsOn', 'outside_autumn_window@endsOn']);
    expect(codes({ year: 2026, season: 'spring', startsOn: '2026-04-01', endsOn: '2026-09-10' })).toEqual(['spring_too_late@endsOn']);
    expect(codes({ year: 2026, season: 'spring', startsOn: '2026-04-01', endsOn: '2026-03-01' })).toEqual(['ends_before_start@endsOn']);
    expect(codes({ year: 2026, season: 'autumn', startsOn: '2025-09-01', endsOn: '2027-10-01' })).toEqual(['outside_year@startsOn', 'outside_year@endsOn']);
  });
  it('follows a configured autumn window', () => {
    const rules = { maxIntervalMonths: 2, autumnSurvey: { startMonth: 8, endMonth: 10 }, lureTreeEveryMu: 10, dueSoonDays: 14 };
    expect(checkSurveyCampaign({ year: 2026, season: 'autumn', startsOn: '2026-08-15', endsOn: '2026-10-31' }, rules)).toEqual([]);
    expect(checkSurveyCampaign({ year: 2026, season: 'autumn', startsOn: '2026-09-01', endsOn: '2026-11-30' }, rules).map((f) => f.field)).toEqual(['endsOn']);
  });
});

describe('campaignPhase and isPineStand', () => {
  it('is open from the first to the last day inclusive', () => {
    expect([campaignPhase('2026-09-01', '2026-11-30', '2026-08-31'), campaignPhase('2026-09-01', '2026-11-30', '2026-09-01'), campaignPhase('2026-09-01', '2026-11-30', '2026-11-30'), campaignPhase('2026-09-01', '2026-11-30', '2026-12-01')])
      .toEqual(['not_started', 'open', 'open', 'closed']);
  });
  it('counts 马尾松 stands as 松林 by default and follows a configured list', () => {
    expect([isPineStand('马尾松'), isPineStand(' 湿地松 '), isPineStand('杉木'), isPineStand(null)]).toEqual([true, true, false, false]);
    expect(isPineStand('马尾松', ['华山松'])).toBe(false);
  });
});

// DOMAIN.md §6 survey by 小班: the share of the pine 小班 surveyed, per town.
describe('surveyProgress', () => {
  const villages = [
    { unitCode: '500242101001', gridParcels: 4, gridAreaM2: 40_000, surveyedParcels: 4, surveyedAreaM2: 40_000, extraParcels: 1 },
    { unitCode: '500242101002', gridParcels: 6, gridAreaM2: 60_000, surveyedParcels: 2, surveyedAreaM2: 15_000, extraParcels: 0 },
    { unitCode: '500242102001', gridParcels: 0, gridAreaM2: 0, surveyedParcels: 0, surveyedAreaM2: 0, extraParcels: 0 },
  ];
  it('sums the villages into towns with the share and whether the grid is done', () => {
    const p = surveyProgress(villages, 'town');
    expect(p.rows.map((r) => [r.unitCode, r.gridParcels, r.surveyedParcels, r.outstandingParcels, r.share, r.complete])).toEqual([
      ['500242101000', 10, 6, 4, 0.6, false],
      ['500242102000', 0, 0, 0, 0, false], // an empty grid is never "complete": it proves nothing
    ]);
    expect(p.total).toMatchObject({ gridParcels: 10, surveyedParcels: 6, extraParcels: 1, surveyedAreaM2: 55_000 });
    expect(surveyProgress(villages, 'village').rows[0]).toMatchObject({ complete: true, share: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { checkPestRules, defaultPestRules, type PestRules } from './pest-rules.ts';

// DOMAIN.md §6 and §7: the [C] numbers of the 技术方案 2022 and the [U] defaults (Nov–Apr clearing, 2 clear years,
// 2‰, 15:00), kept configurable and checked before a version is saved.
describe('defaultPestRules / checkPestRules', () => {
  it('ships the DOMAIN.md numbers and they pass the check', () => {
    expect(defaultPestRules.sampling).toEqual({ smallParcelMaxDead: 100, smallParcelFirstSample: 10, largeParcelFirstSample: 100, followUpPercent: 5 });
    expect(defaultPestRules.disposal).toMatchObject({ maxStumpHeightCm: 5, maxChipSizeCm: 1, maxChipThicknessCm: 0.6, maxPeelThicknessCm: 0.3, minTreatedBranchDiameterCm: 1, centralisedClearing: { startMonth: 11, endMonth: 4 } });
    expect(defaultPestRules.epidemic.clearYearsForRemoval).toBe(2);
    expect(defaultPestRules.wildlife.dailyReportCutoff).toBe('15:00');
    expect(checkPestRules(defaultPestRules)).toEqual([]);
  });
  it('names every bad value by its JSON pointer', () => {
    const bad: PestRules = {
      ...defaultPestRules,
      sampling: { ...defaultPestRules.sampling, followUpPercent: 0 },
      lab: { ...defaultPestRules.lab, writtenResultWorkingDays: 2.5 },
      disposal: { ...defaultPestRules.disposal, maxChipThicknessCm: 2, centralisedClearing: { startMonth: 13, endMonth: 4 } },
      epidemic: { clearYearsForRemoval: 0 },
      wildlife: { dailyReportCutoff: '25:00' },
      source: '',
    };
    expect(checkPestRules(bad).map((f) => f.path)).toEqual([
      '/sampling/followUpPercent', '/lab/writtenResultWorkingDays', '/disposal/maxChipThicknessCm', '/disposal/centralisedClearing/startMonth',
      '/epidemic/clearYearsForRemoval', '/wildlife/dailyReportCutoff', '/source',
    ]);
  });
});

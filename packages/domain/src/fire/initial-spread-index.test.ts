import { describe, expect, it } from 'vitest';
import { initialSpreadIndex } from './initial-spread-index.ts';
import { publishedFwiSeason } from './fixtures/cffdrs-fwi-01.ts';
import { relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

describe('initial spread index (DOMAIN.md §5, Van Wagner 1987 eqs. 24–26)', () => {
  it('gives the published first row: FFMC 87.6494, 25 km/h → 10.7762', () => {
    expect(initialSpreadIndex(87.6494, 25)).toBeCloseTo(10.7762, 3);
  });

  it('reproduces every published ISI of the cffdrs fwi_01 season from the published FFMC and wind', () => {
    for (const day of publishedFwiSeason()) {
      expect(relativeDifference(initialSpreadIndex(day.ffmc, day.ws), day.isi), `${day.mon}/${day.day}`).toBeLessThan(2e-5);
    }
  });

  it('grows with wind and with dryness', () => {
    expect(initialSpreadIndex(90, 30)).toBeGreaterThan(initialSpreadIndex(90, 10));
    expect(initialSpreadIndex(92, 10)).toBeGreaterThan(initialSpreadIndex(85, 10));
  });
});

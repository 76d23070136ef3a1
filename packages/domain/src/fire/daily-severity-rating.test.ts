import { describe, expect, it } from 'vitest';
import { dailySeverityRating } from './daily-severity-rating.ts';
import { publishedFwiSeason } from './fixtures/cffdrs-fwi-01.ts';
import { relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

describe('daily severity rating (DOMAIN.md §5: DSR = 0.0272 × FWI^1.77)', () => {
  it('reproduces every published DSR of the cffdrs fwi_01 season from the published FWI', () => {
    for (const day of publishedFwiSeason()) {
      expect(relativeDifference(dailySeverityRating(day.fwi), day.dsr), `${day.mon}/${day.day}`).toBeLessThan(2e-5);
    }
  });

  it('is 0 at FWI 0 and 0.0272 at FWI 1', () => {
    expect(dailySeverityRating(0)).toBe(0);
    expect(dailySeverityRating(1)).toBeCloseTo(0.0272, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { buildupIndex } from './buildup-index.ts';
import { publishedFwiSeason } from './fixtures/cffdrs-fwi-01.ts';
import { relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

describe('buildup index (DOMAIN.md §5, Van Wagner 1987 eqs. 27a, 27b)', () => {
  it('gives the published first row: DMC 8.54505, DC 19.014 → 8.49043 (the eq. 27b branch)', () => {
    expect(buildupIndex(8.54505, 19.014)).toBeCloseTo(8.49043, 4);
  });

  it('reproduces every published BUI of the cffdrs fwi_01 season from the published DMC and DC', () => {
    for (const day of publishedFwiSeason()) {
      expect(relativeDifference(buildupIndex(day.dmc, day.dc), day.bui), `${day.mon}/${day.day}`).toBeLessThan(1e-5);
    }
  });

  it('is 0 when both codes are 0 and follows eq. 27a when the DC is large', () => {
    expect(buildupIndex(0, 0)).toBe(0);
    expect(buildupIndex(0, 100)).toBe(0);
    expect(buildupIndex(40, 400)).toBeCloseTo((0.8 * 40 * 400) / (40 + 160), 10);
  });
});

import { describe, expect, it } from 'vitest';
import { fireWeatherIndex } from './fire-weather-index.ts';
import { publishedFwiSeason } from './fixtures/cffdrs-fwi-01.ts';
import { relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

describe('fire weather index (DOMAIN.md §5, Van Wagner 1987 eqs. 28–30)', () => {
  it('gives the published first row: ISI 10.7762, BUI 8.49043 → 10.0362', () => {
    expect(fireWeatherIndex(10.7762, 8.49043)).toBeCloseTo(10.0362, 3);
  });

  it('reproduces every published FWI of the cffdrs fwi_01 season from the published ISI and BUI (both eq. 30 branches)', () => {
    const season = publishedFwiSeason();
    expect(season.some((d) => d.fwi < 1) && season.some((d) => d.fwi > 1)).toBe(true);
    for (const day of season) {
      expect(relativeDifference(fireWeatherIndex(day.isi, day.bui), day.fwi), `${day.mon}/${day.day}`).toBeLessThan(2e-5);
    }
  });

  it('uses eq. 28b above BUI 80 (the two forms meet within 0.1 % there)', () => {
    expect(relativeDifference(fireWeatherIndex(10, 80.0001), fireWeatherIndex(10, 80))).toBeLessThan(1e-3);
    expect(fireWeatherIndex(10, 80.0001)).not.toBe(fireWeatherIndex(10, 80));
    expect(fireWeatherIndex(10, 200)).toBeGreaterThan(fireWeatherIndex(10, 100));
    expect(fireWeatherIndex(0, 50)).toBe(0);
  });
});

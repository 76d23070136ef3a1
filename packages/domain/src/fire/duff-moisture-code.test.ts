import { describe, expect, it } from 'vitest';
import { dmcDayLength } from './day-length.ts';
import { duffMoistureCode } from './duff-moisture-code.ts';
import { publishedDaysWithYesterday, relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

describe('duff moisture code (DOMAIN.md §5, Van Wagner 1987 eqs. 11–16 as cffdrs)', () => {
  it('gives the published first row: 6 → 8.54505 (latitude 40, April)', () => {
    expect(duffMoistureCode(6, { temp: 17, rh: 42, prec: 0 }, 4, 40)).toBeCloseTo(8.54505, 5);
  });

  it('reproduces every day of the cffdrs fwi_01 season from the published day before', () => {
    for (const { day, yesterday } of publishedDaysWithYesterday()) {
      expect(relativeDifference(duffMoistureCode(yesterday.dmc, day, day.mon, day.lat), day.dmc), `${day.mon}/${day.day}`).toBeLessThan(1e-5);
    }
  });

  it('uses the DOMAIN.md §5 day lengths: > 30°N and 10°N < lat ≤ 30°N (both occur in Chongqing)', () => {
    expect([1, 4, 6, 12].map((m) => dmcDayLength(m, 32))).toEqual([6.5, 12.8, 13.9, 6]);
    expect([1, 4, 6, 12].map((m) => dmcDayLength(m, 29))).toEqual([7.9, 9.5, 10.2, 7.8]);
    expect(dmcDayLength(4, 30)).toBe(9.5); // 30°N itself belongs to the southern band
    // cffdrs's other bands: flat 9 near the equator, two southern tables.
    expect(dmcDayLength(7, 0)).toBe(9);
    expect(dmcDayLength(1, -20)).toBe(10.1);
    expect(dmcDayLength(6, -40)).toBe(6.2);
    // Same weather, 29°N vs 31°N in April: the shorter Le gives slower drying.
    const w = { temp: 20, rh: 50, prec: 0 };
    expect(duffMoistureCode(10, w, 4, 29) - 10).toBeCloseTo(((20 + 1.1) * 50 * 1.894 * 9.5) / 1e4, 10);
    expect(duffMoistureCode(10, w, 4, 31) - 10).toBeCloseTo(((20 + 1.1) * 50 * 1.894 * 12.8) / 1e4, 10);
  });

  it('does not dry below −1.1 °C and 1.5 mm or less of rain does not wet', () => {
    expect(duffMoistureCode(10, { temp: -5, rh: 50, prec: 0 }, 4, 40)).toBe(10);
    expect(duffMoistureCode(10, { temp: -5, rh: 50, prec: 1.5 }, 4, 40)).toBe(10);
    expect(duffMoistureCode(10, { temp: -5, rh: 50, prec: 1.6 }, 4, 40)).toBeLessThan(10);
    expect(duffMoistureCode(0, { temp: -5, rh: 100, prec: 100 }, 4, 40)).toBe(0);
  });
});

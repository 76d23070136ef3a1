import { describe, expect, it } from 'vitest';
import { dcDayLengthFactor } from './day-length.ts';
import { droughtCode } from './drought-code.ts';
import { publishedDaysWithYesterday, relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

describe('drought code (DOMAIN.md §5, Van Wagner 1987 eqs. 18–23 as cffdrs)', () => {
  it('gives the published first row: 15 → 19.014 (latitude 40, April)', () => {
    expect(droughtCode(15, { temp: 17, prec: 0 }, 4, 40)).toBeCloseTo(19.014, 6);
  });

  it('reproduces every day of the cffdrs fwi_01 season from the published day before', () => {
    for (const { day, yesterday } of publishedDaysWithYesterday()) {
      expect(relativeDifference(droughtCode(yesterday.dc, day, day.mon, day.lat), day.dc), `${day.mon}/${day.day}`).toBeLessThan(1e-5);
    }
  });

  it('uses the DOMAIN.md §5 Lf above 20°N and cffdrs’s equatorial and southern factors', () => {
    expect(Array.from({ length: 12 }, (_, i) => dcDayLengthFactor(i + 1, 29))).toEqual([-1.6, -1.6, -1.6, 0.9, 3.8, 5.8, 6.4, 5, 2.4, 0.4, -1.6, -1.6]);
    expect(dcDayLengthFactor(7, 20)).toBe(1.4);
    expect(dcDayLengthFactor(1, -35)).toBe(6.4);
  });

  it('never drops below 0, rain of 2.8 mm or less does not wet, winter months do not dry negatively', () => {
    expect(droughtCode(5, { temp: -20, prec: 0 }, 1, 40)).toBe(5);
    expect(droughtCode(100, { temp: 10, prec: 2.8 }, 4, 40)).toBeCloseTo(100 + (0.36 * 12.8 + 0.9) / 2, 10);
    expect(droughtCode(100, { temp: 10, prec: 2.9 }, 4, 40)).toBeLessThan(100);
    expect(droughtCode(1, { temp: -20, prec: 300 }, 1, 40)).toBe(0);
  });
});

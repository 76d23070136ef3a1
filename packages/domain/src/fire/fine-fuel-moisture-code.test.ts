import { describe, expect, it } from 'vitest';
import { fineFuelMoistureCode } from './fine-fuel-moisture-code.ts';
import { ffmcMoistureConstant } from './fwi-codes.ts';
import { publishedDaysWithYesterday, relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

describe('fine fuel moisture code (DOMAIN.md §5, Van Wagner 1987 eqs. 1–10 as cffdrs)', () => {
  it('uses the cffdrs moisture constant 147.27723 (DOMAIN.md §5)', () => {
    expect(ffmcMoistureConstant).toBeCloseTo(147.27723, 5);
  });

  it('gives the published first row: 85 → 87.6494 at 17 °C, 42 %, 25 km/h, 0 mm', () => {
    expect(fineFuelMoistureCode(85, { temp: 17, rh: 42, ws: 25, prec: 0 })).toBeCloseTo(87.6494, 4);
  });

  it('reproduces every day of the cffdrs fwi_01 season from the published day before (drying, wetting, rain)', () => {
    for (const { day, yesterday } of publishedDaysWithYesterday()) {
      expect(relativeDifference(fineFuelMoistureCode(yesterday.ffmc, day), day.ffmc), `${day.mon}/${day.day}`).toBeLessThan(1e-5);
    }
  });

  it('stays within 0–101 and rain never dries', () => {
    expect(fineFuelMoistureCode(101, { temp: 45, rh: 0, ws: 100, prec: 0 })).toBeLessThanOrEqual(101);
    expect(fineFuelMoistureCode(0, { temp: -10, rh: 100, ws: 0, prec: 200 })).toBeGreaterThanOrEqual(0);
    const dry = { temp: 20, rh: 60, ws: 10, prec: 0 };
    expect(fineFuelMoistureCode(88, { ...dry, prec: 5 })).toBeLessThan(fineFuelMoistureCode(88, dry));
    // 0.5 mm is held by the canopy (eq. 2): no wetting effect below it.
    expect(fineFuelMoistureCode(88, { ...dry, prec: 0.5 })).toBe(fineFuelMoistureCode(88, dry));
  });
});

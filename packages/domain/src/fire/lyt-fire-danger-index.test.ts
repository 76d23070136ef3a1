import { describe, expect, it } from 'vitest';
import {
  defaultLytCombination, humidityScore, lytFireDangerIndex, maxTemperatureScore, noRainDaysScore, sameDayRainScore, windForceFromSpeed, windForceScore,
} from './lyt-fire-danger-index.ts';

// DOMAIN.md §5 LY/T 1172-95 score tables, as printed in 吕巍伟 等 2020 表5–表10.
describe('LY/T 1172-95 fire weather index', () => {
  it('scores the daily maximum temperature (表5)', () => {
    expect([-3, 5, 5.1, 10, 12, 15.1, 20, 20.1, 25, 25.1, 38].map(maxTemperatureScore)).toEqual([0, 0, 4, 4, 8, 12, 12, 16, 16, 20, 20]);
  });

  it('scores the 14:00 humidity (表6)', () => {
    expect([100, 65, 64, 55, 54, 45, 44, 35, 34, 25, 24, 5].map(humidityScore)).toEqual([0, 0, 4, 4, 8, 8, 12, 12, 16, 16, 20, 20]);
  });

  it('scores consecutive no-rain days: 5 per day up to 45, 50 from 10 days (表7)', () => {
    expect([0, 1, 2, 9, 10, 30].map(noRainDaysScore)).toEqual([0, 5, 10, 45, 50, 50]);
  });

  it('scores the maximum wind force (表9) and reads forces from 10 m speeds', () => {
    expect([0, 1, 4, 8, 11].map(windForceScore)).toEqual([0, 5, 20, 40, 40]);
    expect([0.1, 0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 40].map(windForceFromSpeed)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12]);
  });

  it('scores the same-day rain (表10)', () => {
    expect([0.1, 9.9, 10, 16.9, 17, 25, 38, 74.9, 75].map(sameDayRainScore)).toEqual([25, 25, 30, 30, 35, 40, 45, 45, 50]);
  });

  it('adds the scores and subtracts the phenology correction (configurable, DOMAIN.md §5 [U])', () => {
    const dry = { maxTemp: 24, rh14: 30, noRainDays: 12, windForce: 3, rainMm: 0 };
    expect(lytFireDangerIndex(dry, 3, defaultLytCombination)).toEqual({ index: 16 + 16 + 50 + 15, scores: { a: 16, b: 16, c: 50, e: 15, f: 0 }, phenology: 0 });
    const spring = { ...defaultLytCombination, phenology: [0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
    expect(lytFireDangerIndex(dry, 3, spring).index).toBe(87);
    expect(lytFireDangerIndex(dry, 4, spring).index).toBe(97);
  });

  it('on a rain day counts no dry days and by default subtracts the rain score; 0.1 mm is no rain', () => {
    const wet = { maxTemp: 24, rh14: 30, noRainDays: 0, windForce: 3, rainMm: 12 };
    expect(lytFireDangerIndex(wet, 5, defaultLytCombination).index).toBe(16 + 16 + 0 + 15 - 30);
    expect(lytFireDangerIndex(wet, 5, { ...defaultLytCombination, rainDay: 'ignore' }).index).toBe(47);
    expect(lytFireDangerIndex({ ...wet, rainMm: 40 }, 5, defaultLytCombination).index).toBe(2);
    expect(lytFireDangerIndex({ ...wet, rainMm: 80, rh14: 90, maxTemp: 8 }, 5, defaultLytCombination).index).toBe(0);
    expect(lytFireDangerIndex({ ...wet, rainMm: 0.1, noRainDays: 4 }, 5, defaultLytCombination).scores).toEqual({ a: 16, b: 16, c: 20, e: 15, f: 0 });
  });
});

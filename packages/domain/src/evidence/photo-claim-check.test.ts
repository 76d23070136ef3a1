import { describe, expect, it } from 'vitest';
import { checkPhotoClaim, defaultPhotoClaimLimits } from './photo-claim-check.ts';

// Issue 4 §1: EXIF time and position compared with the reporter's claim; a mismatch is flagged.
const claim = { at: '2024-05-06T02:00:00Z', lon: 108.77, lat: 28.84 };

describe('checkPhotoClaim', () => {
  it('accepts a photo taken then and there', () => {
    expect(checkPhotoClaim({ takenAt: '2024-05-06T01:30:00Z', lon: 108.771, lat: 28.8405 }, claim)).toEqual([]);
  });
  it('flags a photo from another day and another place', () => {
    const f = checkPhotoClaim({ takenAt: '2024-05-01T02:00:00Z', lon: 108.87, lat: 28.84 }, claim);
    expect(f.map((x) => x.code)).toEqual(['time_mismatch', 'position_mismatch']);
    expect(f[0]!.minutes).toBe(5 * 1440);
    expect(f[1]!.metres).toBeGreaterThan(9_000); // 0.1° of longitude at 28.8°N ≈ 9.76 km
    expect(f[1]!.metres).toBeLessThan(10_000);
  });
  it('says when there is nothing to compare', () => {
    expect(checkPhotoClaim({ takenAt: null, lon: null, lat: null }, claim).map((x) => x.code)).toEqual(['no_time', 'no_position']);
  });
  it('allows exactly the limit (default 120 minutes, 500 m) and flags just past it', () => {
    expect(defaultPhotoClaimLimits).toEqual({ maxMinutes: 120, maxMetres: 500 });
    expect(checkPhotoClaim({ takenAt: '2024-05-06T00:00:00Z', lon: 108.77, lat: 28.84 }, claim)).toEqual([]);
    const late = checkPhotoClaim({ takenAt: '2024-05-06T04:01:00Z', lon: 108.77, lat: 28.84 }, claim);
    expect(late).toEqual([{ code: 'time_mismatch', minutes: 121, message: '拍摄时间与上报时间相差 2.0 小时' }]);
    const north = checkPhotoClaim({ takenAt: claim.at, lon: 108.77, lat: 28.84 + 0.0046 }, claim); // ≈ 510 m
    expect(north.map((x) => x.code)).toEqual(['position_mismatch']);
    expect(north[0]!.message).toMatch(/^拍摄位置距上报位置 5\d\d 米$/);
  });
  it('reports a time without a position, and a position without a time', () => {
    expect(checkPhotoClaim({ takenAt: claim.at, lon: null, lat: null }, claim).map((x) => x.code)).toEqual(['no_position']);
    expect(checkPhotoClaim({ takenAt: null, lon: claim.lon, lat: claim.lat }, claim).map((x) => x.code)).toEqual(['no_time']);
  });
  it('uses the limits it is given', () => {
    expect(checkPhotoClaim({ takenAt: '2024-05-06T01:30:00Z', lon: 108.77, lat: 28.84 }, claim, { maxMinutes: 10, maxMetres: 500 })[0]!.code).toBe('time_mismatch');
  });
});

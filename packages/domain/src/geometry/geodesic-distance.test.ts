import { describe, expect, it } from 'vitest';
import { geodesicDistance } from './geodesic-distance.ts';

describe('geodesicDistance (DOMAIN.md §3: measured on the ellipsoid, not on a sphere)', () => {
  it('gives one degree of longitude on the equator as a·π/180', () => {
    expect(geodesicDistance([0, 0], [1, 0])).toBeCloseTo((6378137 * Math.PI) / 180, 3);
  });
  it('gives one degree of latitude between 28.5° and 29.5°N as the ellipsoid meridian arc (110,835.8 m), not the sphere (111,195 m)', () => {
    const d = geodesicDistance([108.7, 28.5], [108.7, 29.5]);
    expect(d).toBeCloseTo(110_835.78, 1);
  });
  it('is zero for the same point and symmetric', () => {
    expect(geodesicDistance([108.7, 28.8], [108.7, 28.8])).toBe(0);
    expect(geodesicDistance([108.7, 28.8], [108.71, 28.81])).toBeCloseTo(geodesicDistance([108.71, 28.81], [108.7, 28.8]), 9);
  });
});

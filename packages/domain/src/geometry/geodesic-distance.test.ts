import { describe, expect, it } from 'vitest';
import { geodesicDistance, geodesicInterpolate } from './geodesic-distance.ts';

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

describe('geodesicInterpolate (DOMAIN.md §3: along the ellipsoid)', () => {
  it('puts the half-way point at equal geodesic distance from both ends', () => {
    const a: [number, number] = [108.7, 28.5], b: [number, number] = [109.1, 29.2];
    const m = geodesicInterpolate(a, b, 0.5);
    expect(geodesicDistance(a, m)).toBeCloseTo(geodesicDistance(m, b), 3);
    expect(geodesicDistance(a, m) + geodesicDistance(m, b)).toBeCloseTo(geodesicDistance(a, b), 3);
  });
  it('returns the ends at 0 and 1', () => {
    const a: [number, number] = [108.7, 28.5], b: [number, number] = [109.1, 29.2];
    expect(geodesicInterpolate(a, b, 0)[0]).toBeCloseTo(108.7, 9);
    expect(geodesicInterpolate(a, b, 1)[1]).toBeCloseTo(29.2, 9);
  });
});

import { describe, expect, it } from 'vitest';
import { CGCS2000, ellipsoidalArea } from './ellipsoidal-area.ts';

// Closed form for a lat/lon cell on the ellipsoid (authalic latitude). Parallels are not geodesics, so the
// comparison uses cells small enough for that to be below the tolerance.
function cellArea(lat1: number, lat2: number, dLonDeg: number): number {
  const e = Math.sqrt(CGCS2000.f * (2 - CGCS2000.f));
  const b2 = CGCS2000.a ** 2 * (1 - e * e);
  const q = (latDeg: number) => {
    const s = Math.sin((latDeg * Math.PI) / 180);
    return s / (1 - e * e * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
  };
  return (b2 / 2) * ((dLonDeg * Math.PI) / 180) * (q(lat2) - q(lat1));
}

const cell = (lon: number, lat: number, d: number) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];

describe('ellipsoidalArea (DOMAIN.md §3: areas on the CGCS2000 ellipsoid, never on raw degrees)', () => {
  it('matches the closed-form ellipsoidal cell area near 29°N (Youyang) within 1e-6', () => {
    const expected = cellArea(28.8, 28.81, 0.01);
    const got = ellipsoidalArea({ type: 'Polygon', coordinates: [cell(108.7, 28.8, 0.01)] });
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-6);
  });
  it('matches at the equator, where the sphere would be off by about 0.7 %', () => {
    const expected = cellArea(0, 0.01, 0.01);
    const got = ellipsoidalArea({ type: 'Polygon', coordinates: [cell(0, 0, 0.01)] });
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-6);
  });
  it('ignores ring orientation, subtracts holes and sums multipolygons', () => {
    const outer = cell(108, 29, 0.02);
    const hole = cell(108.005, 29.005, 0.01);
    const a = ellipsoidalArea({ type: 'Polygon', coordinates: [outer] });
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [[...outer].reverse()] })).toBeCloseTo(a, 3);
    const h = ellipsoidalArea({ type: 'Polygon', coordinates: [hole] });
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [outer, hole] })).toBeCloseTo(a - h, 3);
    expect(ellipsoidalArea({ type: 'MultiPolygon', coordinates: [[outer], [cell(109, 29, 0.02)]] })).toBeGreaterThan(1.99 * a);
  });
  it('gives 0 for degenerate rings', () => {
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [[[1, 1], [1, 1], [1, 1], [1, 1]]] })).toBe(0);
    expect(ellipsoidalArea({ type: 'MultiPolygon', coordinates: [] })).toBe(0);
  });
});

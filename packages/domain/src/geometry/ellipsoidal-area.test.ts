import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { CGCS2000, ellipsoidalArea } from './ellipsoidal-area.ts';

// Independent check: the closed-form area of a lat/lon rectangle on the ellipsoid, through the authalic
// latitude's q(φ) (Snyder 1987, eq. 3-12): A = (b²/2)·Δλ·(q(φ₂) − q(φ₁)).
function rectangleArea(lat1: number, lat2: number, dLonDeg: number): number {
  const e2 = CGCS2000.f * (2 - CGCS2000.f);
  const e = Math.sqrt(e2);
  const b2 = CGCS2000.a ** 2 * (1 - e2);
  const q = (latDeg: number) => {
    const s = Math.sin((latDeg * Math.PI) / 180);
    return s / (1 - e2 * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
  };
  return (b2 / 2) * ((dLonDeg * Math.PI) / 180) * (q(lat2) - q(lat1));
}

/**
 * A lon/lat rectangle as a closed ring. Edges are geodesics, and a geodesic between two points of a parallel
 * bulges poleward of it, so the parallels are split into `perEdge` pieces to follow them.
 */
function rectangle(lon: number, lat: number, dLon: number, dLat: number, perEdge = 1): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < perEdge; i++) ring.push([lon + (dLon * i) / perEdge, lat]);
  for (let i = 0; i < perEdge; i++) ring.push([lon + dLon - (dLon * i) / perEdge, lat + dLat]);
  return [...ring.slice(0, perEdge), [lon + dLon, lat], ...ring.slice(perEdge), [lon, lat + dLat], [lon, lat]];
}

const relative = (got: number, expected: number) => Math.abs(got - expected) / expected;

describe('ellipsoidalArea: DOMAIN.md §3 "Areas are computed on the ellipsoid (CGCS2000 ≈ GRS80)"', () => {
  it('DOMAIN.md §3 ellipsoid: a 1°×1° cell at the equator with its parallels followed matches the closed form within 1e-6', () => {
    const got = ellipsoidalArea({ type: 'Polygon', coordinates: [rectangle(0, 0, 1, 1, 100)] });
    expect(relative(got, rectangleArea(0, 1, 1))).toBeLessThan(1e-6);
    expect(got).toBeCloseTo(12_308_463_894, -3);
  });

  it('DOMAIN.md §3 ellipsoid: the 4-corner 1°×1° geodesic polygon is the published 12,308,778,361 m² (GeographicLib, PostGIS geography)', () => {
    // That figure is for WGS84; CGCS2000's flattening differs in the 10th digit, about 0.4 m² here.
    const got = ellipsoidalArea({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });
    expect(relative(got, 12_308_778_361.469452)).toBeLessThan(1e-6);
    // Its top edge is a geodesic, not the parallel: 2.55e-5 more than the rectangle.
    expect(relative(got, rectangleArea(0, 1, 1))).toBeGreaterThan(2e-5);
  });

  it('DOMAIN.md §3 ellipsoid, not a sphere: the equatorial cell is about 0.45 % off on the authalic sphere', () => {
    const got = ellipsoidalArea({ type: 'Polygon', coordinates: [rectangle(0, 0, 1, 1, 100)] });
    const R = 6_371_007.2; // authalic radius of GRS80
    const sphere = R * R * (Math.PI / 180) * Math.sin(Math.PI / 180);
    expect(relative(sphere, got)).toBeGreaterThan(0.004);
  });

  it('DOMAIN.md §3 ellipsoid: a 0.01°×0.009° cell (about 1 km²) near 29°N (Youyang) matches the closed form within 1e-6', () => {
    const dLat = 0.009;
    const dLon = 0.01;
    const got = ellipsoidalArea({ type: 'Polygon', coordinates: [rectangle(108.7, 28.8, dLon, dLat)] });
    expect(relative(got, rectangleArea(28.8, 28.8 + dLat, dLon))).toBeLessThan(1e-6);
  });

  it('DOMAIN.md §3 ellipsoid: ignores ring orientation, subtracts holes and sums multipolygons', () => {
    const outer = rectangle(108, 29, 0.02, 0.02);
    const hole = rectangle(108.005, 29.005, 0.01, 0.01);
    const a = ellipsoidalArea({ type: 'Polygon', coordinates: [outer] });
    const h = ellipsoidalArea({ type: 'Polygon', coordinates: [hole] });
    expect(relative(ellipsoidalArea({ type: 'Polygon', coordinates: [[...outer].reverse()] }), a)).toBeLessThan(1e-12);
    expect(relative(ellipsoidalArea({ type: 'Polygon', coordinates: [outer, hole] }), a - h)).toBeLessThan(1e-12);
    expect(relative(ellipsoidalArea({ type: 'Polygon', coordinates: [outer, [...hole].reverse()] }), a - h)).toBeLessThan(1e-12);
    const second = rectangle(109, 29, 0.02, 0.02);
    const b = ellipsoidalArea({ type: 'Polygon', coordinates: [second] });
    expect(relative(ellipsoidalArea({ type: 'MultiPolygon', coordinates: [[outer, hole], [second]] }), a - h + b)).toBeLessThan(1e-12);
  });

  it('DOMAIN.md §3 ellipsoid: an open ring measures as its closed form', () => {
    const closed = rectangle(108, 29, 0.02, 0.02);
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [closed.slice(0, -1)] })).toBeCloseTo(ellipsoidalArea({ type: 'Polygon', coordinates: [closed] }), 6);
  });

  it('DOMAIN.md §3 ellipsoid: degenerate input (empty, fewer than 3 distinct points) has area 0', () => {
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [] })).toBe(0);
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [[]] })).toBe(0);
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [[[1, 1], [1, 1], [1, 1], [1, 1]]] })).toBe(0);
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [[[1, 1], [2, 2], [1, 1]]] })).toBe(0);
    expect(ellipsoidalArea({ type: 'MultiPolygon', coordinates: [] })).toBe(0);
    expect(ellipsoidalArea({ type: 'MultiPolygon', coordinates: [[]] })).toBe(0);
  });
});

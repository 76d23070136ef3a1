import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { ellipsoidalArea, gridCoverageReport } from '@linzhang/domain';
import { countyOutline, mulberry32, partitionRing } from './synthetic-geometry.ts';

const area = (ring: Position[]) => ellipsoidalArea({ type: 'Polygon', coordinates: [ring] });
const relative = (got: number, expected: number) => Math.abs(got - expected) / expected;
const youyang = { centre: [108.77, 28.84] as [number, number], radiusKm: Math.sqrt(5173 / Math.PI) };

describe('synthetic demo geometry: mulberry32', () => {
  it('is a deterministic PRNG in [0, 1) for a seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBe(1000);
    expect(mulberry32(43)()).not.toBe(draws[0]);
  });
});

describe('synthetic demo geometry: countyOutline', () => {
  it('DOMAIN.md §3 ellipsoidal area: draws a closed outline of about the real land area (Youyang 5,173 km²)', () => {
    const ring = countyOutline({ ...youyang, rng: mulberry32(1) });
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(area(ring) / 1e6).toBeGreaterThan(5173 * 0.85);
    expect(area(ring) / 1e6).toBeLessThan(5173 * 1.15);
  });
  it('scales longitude by cos(latitude), so the shape in kilometres is the same at 60°N as at 29°N', () => {
    const extentRatioKm = (lat: number) => {
      const ring = countyOutline({ centre: [100, lat], radiusKm: 30, rng: mulberry32(5) });
      const lons = ring.map((p) => p[0]!);
      const lats = ring.map((p) => p[1]!);
      const eastWest = (Math.max(...lons) - Math.min(...lons)) * Math.cos((lat * Math.PI) / 180);
      return eastWest / (Math.max(...lats) - Math.min(...lats));
    };
    expect(extentRatioKm(60)).toBeGreaterThan(1);
    expect(extentRatioKm(60)).toBeLessThan(1.5);
    expect(extentRatioKm(60)).toBeCloseTo(extentRatioKm(29), 1);
  });
  it('is convex, with edges short enough (≤ 0.005°) for straight-in-degrees cuts to agree with geodesic areas', () => {
    const ring = countyOutline({ ...youyang, rng: mulberry32(1), vertices: 9 });
    const cross = (o: Position, a: Position, b: Position) => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
    // Counter-clockwise throughout; split points are rounded to 1e-9°, a hair off their edge.
    for (let k = 0; k + 2 < ring.length; k++) expect(cross(ring[k]!, ring[k + 1]!, ring[k + 2]!)).toBeGreaterThan(-1e-10);
    for (let k = 0; k + 1 < ring.length; k++) {
      expect(Math.hypot(ring[k + 1]![0]! - ring[k]![0]!, ring[k + 1]![1]! - ring[k]![1]!)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});

describe('synthetic demo geometry: partitionRing (towns → villages → ranger grids, DOMAIN.md §1)', () => {
  const county = countyOutline({ ...youyang, rng: mulberry32(2) });
  const towns = partitionRing(county, 39, mulberry32(3));

  it('DOMAIN.md §3 ellipsoidal area: cuts a ring into n non-empty cells whose areas add up to it within 1e-6', () => {
    expect(towns).toHaveLength(39);
    for (const cell of towns) {
      expect(cell[0]).toEqual(cell[cell.length - 1]);
      expect(area(cell)).toBeGreaterThan(0);
    }
    expect(relative(towns.reduce((s, c) => s + area(c), 0), area(county))).toBeLessThan(1e-6);
  });

  it('DOMAIN.md §3 ellipsoidal area: its cells can be cut again (a town into villages into grids) and still add up within 1e-6', () => {
    const town = towns[0]!;
    const villages = partitionRing(town, 12, mulberry32(4));
    expect(relative(villages.reduce((s, c) => s + area(c), 0), area(town))).toBeLessThan(1e-6);
    const village = villages[5]!;
    const grids = partitionRing(village, 11, mulberry32(5));
    expect(relative(grids.reduce((s, c) => s + area(c), 0), area(village))).toBeLessThan(1e-6);
  });

  it('DOMAIN.md §1 coverage: the cells tile the ring, so the coverage report finds neither overlaps nor gaps', () => {
    const villages = partitionRing(towns[1]!, 15, mulberry32(6));
    const report = gridCoverageReport({
      grids: villages.map((ring, i) => ({ id: String(i), name: `村${i}`, geometry: { type: 'Polygon', coordinates: [ring] } })),
      units: [{ code: '500242101000', name: '镇', geometry: { type: 'Polygon', coordinates: [towns[1]!] } }],
    });
    expect(report.overlaps).toEqual([]);
    expect(report.unchecked).toEqual([]);
    expect(report.uncovered[0]!.uncoveredM2).toBeLessThan(10);
  });

  it('spreads the seeds (Lloyd relaxation) so that cells are of similar size', () => {
    const areas = towns.map(area).sort((a, b) => a - b);
    expect(areas[areas.length - 1]! / areas[0]!).toBeLessThan(4);
  });

  it('returns the ring itself for n = 1 and nothing for n = 0', () => {
    expect(partitionRing(county, 1, mulberry32(1))).toEqual([county]);
    expect(partitionRing(county, 0, mulberry32(1))).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const ring = countyOutline({ centre: [106.75, 29.39], radiusKm: 24, rng: mulberry32(7) });
    expect(countyOutline({ centre: [106.75, 29.39], radiusKm: 24, rng: mulberry32(7) })).toEqual(ring);
    expect(partitionRing(ring, 5, mulberry32(9))).toEqual(partitionRing(ring, 5, mulberry32(9)));
    expect(partitionRing(ring, 5, mulberry32(10))).not.toEqual(partitionRing(ring, 5, mulberry32(9)));
  });
});

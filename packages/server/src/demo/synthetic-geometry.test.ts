import { describe, expect, it } from 'vitest';
import { ellipsoidalArea } from '@linzhang/domain';
import { countyOutline, mulberry32, partitionRing } from './synthetic-geometry.ts';

const area = (ring: number[][]) => ellipsoidalArea({ type: 'Polygon', coordinates: [ring] });

describe('synthetic demo geometry', () => {
  it('draws a county outline of about the real land area (Youyang 5,173 km²)', () => {
    const ring = countyOutline({ centre: [108.77, 28.84], radiusKm: Math.sqrt(5173 / Math.PI), rng: mulberry32(1) });
    expect(area(ring) / 1e6).toBeGreaterThan(5173 * 0.85);
    expect(area(ring) / 1e6).toBeLessThan(5173 * 1.15);
  });
  it('cuts a ring into n non-empty cells whose areas add up to the whole', () => {
    const ring = countyOutline({ centre: [108.77, 28.84], radiusKm: 40, rng: mulberry32(2) });
    const cells = partitionRing(ring, 39, mulberry32(3));
    expect(cells).toHaveLength(39);
    for (const c of cells) expect(area(c)).toBeGreaterThan(0);
    const sum = cells.reduce((s, c) => s + area(c), 0);
    // Edges are geodesics while cut points are interpolated in degrees: agreement to 1e-4, not exactly.
    expect(Math.abs(sum - area(ring)) / area(ring)).toBeLessThan(1e-4);
  });
  it('is deterministic for a seed', () => {
    const ring = countyOutline({ centre: [106.75, 29.39], radiusKm: 24, rng: mulberry32(7) });
    expect(partitionRing(ring, 5, mulberry32(9))).toEqual(partitionRing(ring, 5, mulberry32(9)));
  });
});

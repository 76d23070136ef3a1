import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { gridCoverageReport } from './grid-coverage-report.ts';
import { ellipsoidalArea } from '../geometry/ellipsoidal-area.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const relative = (got: number, expected: number) => Math.abs(got - expected) / expected;

// A village of 0.02° × 0.01° (about 2 km × 1.1 km) near Youyang.
const village = { code: '500242101200', name: '包家村', geometry: rect(108, 28, 108.02, 28.01) };

describe('gridCoverageReport: DOMAIN.md §1 management responsibility areas (管护责任覆盖)', () => {
  it('DOMAIN.md §1 coverage: grids that tile the village exactly leave no overlap and no gap', () => {
    const r = gridCoverageReport({
      grids: [{ id: 'a', name: '一', geometry: rect(108, 28, 108.01, 28.01) }, { id: 'b', name: '二', geometry: rect(108.01, 28, 108.02, 28.01) }],
      units: [village],
    });
    expect(r.overlaps).toEqual([]);
    expect(r.unchecked).toEqual([]);
    expect(r.uncovered).toHaveLength(1);
    expect(r.uncovered[0]!.uncoveredM2).toBeLessThan(1e-3);
    expect(relative(r.uncovered[0]!.unitAreaM2, ellipsoidalArea(village.geometry))).toBeLessThan(1e-12);
  });

  it('DOMAIN.md §1 coverage: two grids overlapping by a known strip, one village half covered', () => {
    // Grid 一 covers 108.000–108.006, grid 二 108.004–108.010: they share 108.004–108.006 and the village's
    // east half (108.010–108.020) is in no grid.
    const a = rect(108, 28, 108.006, 28.01);
    const b = rect(108.004, 28, 108.01, 28.01);
    const r = gridCoverageReport({ grids: [{ id: 'b', name: '二', geometry: b }, { id: 'a', name: '一', geometry: a }], units: [village] });
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]).toMatchObject({ aId: 'a', aName: '一', bId: 'b', bName: '二' });
    expect(relative(r.overlaps[0]!.areaM2, ellipsoidalArea(rect(108.004, 28, 108.006, 28.01)))).toBeLessThan(1e-9);
    const eastHalf = ellipsoidalArea(rect(108.01, 28, 108.02, 28.01));
    expect(r.uncovered[0]).toMatchObject({ unitCode: '500242101200', unitName: '包家村' });
    expect(relative(r.uncovered[0]!.uncoveredM2, eastHalf)).toBeLessThan(1e-9);
    // Not exactly ½: the village's one long top edge bulges (as a geodesic) a hair more than two short ones.
    expect(r.uncovered[0]!.uncoveredShare).toBeCloseTo(0.5, 6);
  });

  it('DOMAIN.md §1 coverage: a village with no grid is wholly uncovered', () => {
    const r = gridCoverageReport({ grids: [], units: [village] });
    expect(r.uncovered[0]!.uncoveredShare).toBe(1);
    expect(r.uncovered[0]!.uncoveredM2).toBe(r.uncovered[0]!.unitAreaM2);
  });

  it('DOMAIN.md §1 coverage: overlaps under minOverlapM2 (default 1 m²) are noise and dropped', () => {
    // A 1e-5° strip (about 1.1 m × 1.1 km ≈ 1,090 m²) of shared boundary.
    const grids = [
      { id: 'a', name: '一', geometry: rect(108, 28, 108.01001, 28.01) },
      { id: 'b', name: '二', geometry: rect(108.01, 28, 108.02, 28.01) },
    ];
    expect(gridCoverageReport({ grids, units: [] }).overlaps).toHaveLength(1);
    expect(gridCoverageReport({ grids, units: [], minOverlapM2: 2000 }).overlaps).toEqual([]);
    const touching = [grids[0]!, { id: 'c', name: '三', geometry: rect(108.01001, 28, 108.02, 28.01) }];
    expect(gridCoverageReport({ grids: touching, units: [] }).overlaps).toEqual([]);
  });

  it('DOMAIN.md §1 coverage: multipolygon grids, holes, and several overlaps sorted largest first', () => {
    const twoParts: MultiPolygon = { type: 'MultiPolygon', coordinates: [rect(108, 28, 108.004, 28.01).coordinates, rect(108.016, 28, 108.02, 28.01).coordinates] };
    const holed: Polygon = { type: 'Polygon', coordinates: [rect(108.002, 28, 108.018, 28.01).coordinates[0]!, rect(108.008, 28.004, 108.012, 28.006).coordinates[0]!] };
    const r = gridCoverageReport({
      grids: [{ id: 'm', name: '两块', geometry: twoParts }, { id: 'h', name: '有洞', geometry: holed }, { id: 'far', name: '远处', geometry: rect(109, 29, 109.01, 29.01) }],
      units: [village],
    });
    // 有洞 meets both parts of 两块 over 0.002° each; the far grid meets nothing.
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]).toMatchObject({ aId: 'h', bId: 'm' });
    const expected = ellipsoidalArea(rect(108.002, 28, 108.004, 28.01)) + ellipsoidalArea(rect(108.016, 28, 108.018, 28.01));
    expect(relative(r.overlaps[0]!.areaM2, expected)).toBeLessThan(1e-9);
    // Only the hole is left uncovered.
    expect(relative(r.uncovered[0]!.uncoveredM2, ellipsoidalArea(rect(108.008, 28.004, 108.012, 28.006)))).toBeLessThan(1e-9);

    const big = gridCoverageReport({
      grids: [{ id: 'x', name: '甲', geometry: rect(108, 28, 108.01, 28.01) }, { id: 'y', name: '乙', geometry: rect(108.001, 28, 108.02, 28.01) }, { id: 'z', name: '丙', geometry: rect(108.019, 28, 108.03, 28.01) }],
      units: [],
    });
    expect(big.overlaps.map((o) => `${o.aId}${o.bId}`)).toEqual(['xy', 'yz']);
  });
});

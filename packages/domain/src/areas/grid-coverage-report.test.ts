import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { gridCoverageReport } from './grid-coverage-report.ts';
import { ellipsoidalArea } from '../geometry/ellipsoidal-area.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

describe('gridCoverageReport (DOMAIN.md §1: every slope in exactly one ranger grid)', () => {
  const village = { code: '500242101200', name: '包家村', geometry: rect(108, 28, 108.02, 28.01) };

  it('reports nothing for grids that tile the village exactly', () => {
    const r = gridCoverageReport({
      grids: [{ id: 'a', name: '一', geometry: rect(108, 28, 108.01, 28.01) }, { id: 'b', name: '二', geometry: rect(108.01, 28, 108.02, 28.01) }],
      units: [village],
    });
    expect(r.overlaps).toEqual([]);
    expect(r.uncovered[0]!.uncoveredM2).toBeLessThan(1);
  });

  it('measures the overlap of two grids and the uncovered half of a village', () => {
    const a = rect(108, 28, 108.006, 28.01);
    const b = rect(108.004, 28, 108.01, 28.01);
    const r = gridCoverageReport({ grids: [{ id: 'b', name: '二', geometry: b }, { id: 'a', name: '一', geometry: a }], units: [village] });
    const expectedOverlap = ellipsoidalArea(rect(108.004, 28, 108.006, 28.01));
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]).toMatchObject({ aId: 'a', bId: 'b' });
    expect(r.overlaps[0]!.areaM2).toBeCloseTo(expectedOverlap, -1);
    const half = ellipsoidalArea(rect(108.01, 28, 108.02, 28.01));
    expect(r.uncovered[0]!.uncoveredM2).toBeCloseTo(half, -1);
    expect(r.uncovered[0]!.uncoveredShare).toBeCloseTo(0.5, 3);
  });

  it('reports a village with no grid as wholly uncovered', () => {
    const r = gridCoverageReport({ grids: [], units: [village] });
    expect(r.uncovered[0]!.uncoveredShare).toBe(1);
  });
});

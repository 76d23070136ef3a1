import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { responsibilityCoverage } from './responsibility-coverage.ts';
import { ellipsoidalArea } from '../geometry/ellipsoidal-area.ts';

// Issue 5 §2: forest land inside the management grids (DOMAIN.md §1 responsibility areas), by hand on squares.
const square = (x: number, y: number, w: number, h = w): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]] });
const parcel = (id: string, g: Polygon, unitCode = '500242101200') => ({ id, parcelNo: id, unitCode, areaM2: ellipsoidalArea(g), geometry: g });

describe('responsibilityCoverage', () => {
  const grid = square(108, 29, 0.01); // one grid ~1 km²
  it('counts a parcel inside the grid as covered, half outside as half, far away as a gap', () => {
    const inside = parcel('a', square(108.001, 29.001, 0.002));
    const half = parcel('b', square(108.009, 29.004, 0.002, 0.002)); // x 108.009–108.011: half outside
    const away = parcel('c', square(108.05, 29.05, 0.002), '500242101201');
    const r = responsibilityCoverage([inside, half, away], [grid]);
    expect(r.byUnit.get('500242101200')!.coveredM2).toBeCloseTo(inside.areaM2 + half.areaM2 / 2, -1);
    expect(r.byUnit.get('500242101201')).toEqual({ forestM2: away.areaM2, coveredM2: 0 });
    expect(r.share).toBeCloseTo((inside.areaM2 + half.areaM2 / 2) / (inside.areaM2 + half.areaM2 + away.areaM2), 3);
    expect(r.gaps.map((g) => g.id)).toEqual(['c', 'b']);
    expect(r.gaps[1]!.uncoveredM2 / half.areaM2).toBeCloseTo(0.5, 3);
  });
  it('covers a parcel split across two adjacent grids completely', () => {
    const p = parcel('d', square(108.009, 29.001, 0.002));
    const r = responsibilityCoverage([p], [grid, square(108.01, 29, 0.01)]);
    expect(r.share).toBeCloseTo(1, 9);
    expect(r.gaps).toEqual([]);
  });
  it('has no share without forest land', () => {
    expect(responsibilityCoverage([], [grid]).share).toBeNull();
  });
});

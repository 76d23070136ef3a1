import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { interiorPoint } from './interior-point.ts';
import { pointInPolygon } from './point-in-polygon.ts';

// Issue 4 §1: a problem drawn as an area (or known only by its unit) is pinned at a point inside it.
describe('interiorPoint', () => {
  it('takes the centroid of a convex shape', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };
    expect(interiorPoint(square)).toEqual([1, 1]);
  });
  it('stays inside a C shape whose centroid falls outside', () => {
    const c: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 1], [1, 1], [1, 9], [10, 9], [10, 10], [0, 10], [0, 0]]] };
    const p = interiorPoint(c)!;
    expect(pointInPolygon(p, c)).toBe(true);
  });
  it('avoids a hole at the centre', () => {
    const ring: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[2, 2], [8, 2], [8, 8], [2, 8], [2, 2]]] };
    expect(pointInPolygon(interiorPoint(ring)!, ring)).toBe(true);
  });
  it('gives null for an empty geometry', () => {
    expect(interiorPoint({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});

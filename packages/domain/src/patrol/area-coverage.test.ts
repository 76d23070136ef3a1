import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { areaCoverage } from './area-coverage.ts';

// Issue 3 §5: share of a responsibility area visited in a period (cells within a set distance of tracks).
const lat0 = 28.8, lon0 = 108.7;
const dLat = 1000 / 111_320;
const dLon = 1000 / (111_320 * Math.cos((28.8045 * Math.PI) / 180));
const square: Polygon = { type: 'Polygon', coordinates: [[[lon0, lat0], [lon0 + dLon, lat0], [lon0 + dLon, lat0 + dLat], [lon0, lat0 + dLat], [lon0, lat0]]] };

describe('areaCoverage', () => {
  it('cuts a 1 km square into 400 cells of 50 m and finds none visited without tracks', () => {
    const c = areaCoverage({ area: square, tracks: [] });
    expect(c.cells).toBe(400);
    expect(c.share).toBe(0);
  });
  it('counts a straight walk across the middle as a band of cells about 100 m wide (reach 50 m)', () => {
    const mid = lat0 + dLat / 2 + 0.1 / 111_320; // just off a cell boundary
    const c = areaCoverage({ area: square, tracks: [[[lon0 - 0.001, mid], [lon0 + dLon + 0.001, mid]]] });
    // Two rows of 20 cells have their centres within 50 m of the line (centres 25 m either side).
    expect(c.visitedCells).toBe(40);
    expect(c.share).toBeCloseTo(0.1, 5);
  });
  it('ignores tracks that never come near, and covers everything when a track sweeps the area', () => {
    expect(areaCoverage({ area: square, tracks: [[[lon0 + 0.1, lat0 + 0.1], [lon0 + 0.2, lat0 + 0.1]]] }).visitedCells).toBe(0);
    const sweep: [number, number][] = [];
    for (let i = 0; i <= 10; i++) {
      const lat = lat0 + (i * dLat) / 10;
      sweep.push(i % 2 ? [lon0 + dLon, lat] : [lon0, lat], i % 2 ? [lon0, lat] : [lon0 + dLon, lat]);
    }
    expect(areaCoverage({ area: square, tracks: [sweep] }).share).toBe(1);
  });
});

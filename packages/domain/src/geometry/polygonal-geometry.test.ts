import { describe, expect, it } from 'vitest';
import { toMultiPolygon } from './polygonal-geometry.ts';

const square = [[108, 28], [108.01, 28], [108.01, 28.01], [108, 28.01], [108, 28]];

describe('toMultiPolygon (DOMAIN.md §3: geometries are CGCS2000 lon/lat, stored as one shape)', () => {
  it('wraps a Polygon as a MultiPolygon', () => {
    const r = toMultiPolygon({ type: 'Polygon', coordinates: [square] });
    expect(r).toEqual({ ok: true, value: { type: 'MultiPolygon', coordinates: [[square]] } });
  });
  it('names the ring that is not closed', () => {
    const r = toMultiPolygon({ type: 'MultiPolygon', coordinates: [[square], [square.slice(0, 4).concat([[108, 28.5]])]] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual([{ path: '/coordinates/1/0', message: '环未闭合：首尾坐标应相同' }]);
  });
  it('rejects coordinates outside lon/lat range and too-short rings', () => {
    const r = toMultiPolygon({ type: 'Polygon', coordinates: [[[200, 28], [108, 28], [108, 29], [200, 28]], [[1, 1], [1, 1], [1, 1]]] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((p) => p.path)).toEqual(['/coordinates/0/0', '/coordinates/1']);
  });
  it('rejects a ring whose points are all on one spot', () => {
    const r = toMultiPolygon({ type: 'Polygon', coordinates: [[[1, 1], [1, 1], [1, 1], [1, 1]]] });
    expect(r.ok).toBe(false);
  });
});

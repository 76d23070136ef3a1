import { describe, expect, it } from 'vitest';
import { AreaIndex } from './area-index.ts';

const square = (id: string, x: number, y: number) => ({
  id, geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

describe('AreaIndex (issue 3 §8: assigning fixes to responsibility areas)', () => {
  it('finds the area containing a point, or none', () => {
    const index = new AreaIndex([square('a', 0, 0), square('b', 1, 0), square('c', 0, 1)]);
    expect(index.locate(0.5, 0.5)).toBe('a');
    expect(index.locate(1.5, 0.5)).toBe('b');
    expect(index.locate(0.5, 1.5)).toBe('c');
    expect(index.locate(1.5, 1.5)).toBeNull(); // outside every area
    expect(new AreaIndex([]).locate(0, 0)).toBeNull();
    expect(index.locate(1.9999, 0.9999)).toBe('b'); // in the last cell of the indexed extent
    expect(index.locate(2.0001, 0.5)).toBeNull();
  });
  it('decides by the polygon, not its box', () => {
    const triangle = { id: 't', geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [2, 0], [0, 2], [0, 0]]] } };
    const index = new AreaIndex([triangle]);
    expect(index.locate(0.5, 0.5)).toBe('t');
    expect(index.locate(1.8, 1.8)).toBeNull();
  });
});

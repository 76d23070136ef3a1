import { describe, expect, it } from 'vitest';
import { pointInPolygon } from './point-in-polygon.ts';

const square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];

describe('pointInPolygon (issue 3: share of a track inside the responsibility area)', () => {
  it('finds points inside, outside and in holes', () => {
    expect(pointInPolygon([5, 1], { type: 'Polygon', coordinates: [square] })).toBe(true);
    expect(pointInPolygon([11, 1], { type: 'Polygon', coordinates: [square] })).toBe(false);
    expect(pointInPolygon([5, 5], { type: 'Polygon', coordinates: [square, hole] })).toBe(false);
    expect(pointInPolygon([25, 5], { type: 'MultiPolygon', coordinates: [[square], [square.map(([x, y]) => [x! + 20, y!])]] })).toBe(true);
  });
});

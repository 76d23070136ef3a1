import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { groupShapefileRings } from './group-rings.ts';

// Shapefile winding: outer rings clockwise, holes counter-clockwise (ESRI Shapefile Technical Description, p. 8).
const cw = (x: number, y: number, d: number): Position[] => [[x - d, y - d], [x - d, y + d], [x + d, y + d], [x + d, y - d], [x - d, y - d]];
const ccw = (x: number, y: number, d: number): Position[] => cw(x, y, d).reverse();

describe('groupShapefileRings', () => {
  it('gives each hole to the outer ring around it, whatever the ring order', () => {
    const [a, b, holeB, holeA] = [cw(0, 0, 1), cw(5, 0, 1), ccw(5, 0, 0.5), ccw(0, 0, 0.5)];
    expect(groupShapefileRings([a, b, holeB, holeA])).toEqual({ polygons: [[a, holeA], [b, holeB]], rewound: false });
  });

  it('gives a hole in an island inside a hole to the island, not to the big outer ring', () => {
    const [outer, lake, island, pond] = [cw(0, 0, 10), ccw(0, 0, 6), cw(0, 0, 4), ccw(0, 0, 1)];
    expect(groupShapefileRings([outer, lake, island, pond]).polygons).toEqual([[outer, lake], [island, pond]]);
  });

  it('keeps a hole touching its outer ring at a vertex with that ring', () => {
    const outer = cw(0, 0, 1);
    const hole: Position[] = [[-1, -1], [0, -0.5], [0, 0], [-1, -1]]; // counter-clockwise, sharing the corner (-1, -1)
    expect(groupShapefileRings([outer, hole]).polygons).toEqual([[outer, hole]]);
  });

  it('nests by containment when the file is wound the other way (outer rings counter-clockwise)', () => {
    const [outer, hole, other] = [ccw(0, 0, 1), cw(0, 0, 0.5), ccw(5, 5, 1)];
    expect(groupShapefileRings([outer, hole, other])).toEqual({ polygons: [[outer, hole], [other]], rewound: true });
  });
});

import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { clipRing, projector, ringArea2, tileBbox, tileGeometry, TILE_EXTENT } from './tile-geometry.ts';

describe('tile geometry', () => {
  const a = { z: 12, x: 3297, y: 1698 };

  it('projects the tile box corners onto the tile edges', () => {
    const [minx, miny, maxx, maxy] = tileBbox(a, 0);
    const p = projector(a);
    expect(p([minx, maxy])[0]).toBeCloseTo(0, 6);
    expect(p([minx, maxy])[1]).toBeCloseTo(0, 6);
    expect(p([maxx, miny])[0]).toBeCloseTo(TILE_EXTENT, 6);
    expect(p([maxx, miny])[1]).toBeCloseTo(TILE_EXTENT, 6);
  });

  it('clips a ring to the box', () => {
    const clipped = clipRing([[-10, -10], [20, -10], [20, 20], [-10, 20]], 0, 10);
    expect(clipped).toHaveLength(4);
    expect(clipped.every(([x, y]) => x >= 0 && x <= 10 && y >= 0 && y <= 10)).toBe(true);
    expect(Math.abs(ringArea2(clipped))).toBe(200);
    expect(clipRing([[20, 20], [30, 20], [30, 30]], 0, 10)).toEqual([]);
  });

  it('winds exteriors positive and holes negative, whatever the input order, and drops what collapses', () => {
    const [minx, miny, maxx, maxy] = tileBbox(a, 0);
    const [cx, cy] = [(minx + maxx) / 2, (miny + maxy) / 2];
    const d = (maxx - minx) / 8;
    // Exterior clockwise and hole counter-clockwise in lon/lat: the reverse of RFC 7946.
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[cx - d, cy - d], [cx - d, cy + d], [cx + d, cy + d], [cx + d, cy - d], [cx - d, cy - d]],
        [[cx - d / 2, cy - d / 2], [cx + d / 2, cy - d / 2], [cx + d / 2, cy + d / 2], [cx - d / 2, cy + d / 2], [cx - d / 2, cy - d / 2]],
      ],
    };
    const rings = tileGeometry(polygon, a)!;
    expect(rings).toHaveLength(2);
    expect(ringArea2(rings[0]!)).toBeGreaterThan(0);
    expect(ringArea2(rings[1]!)).toBeLessThan(0);
    expect(rings[0]![0]).toEqual(rings[0]![rings[0]!.length - 1]); // closed
    const tiny: Polygon = { type: 'Polygon', coordinates: [[[cx, cy], [cx + 1e-9, cy], [cx, cy + 1e-9], [cx, cy]]] };
    expect(tileGeometry(tiny, a)).toBeNull();
    const far: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(tileGeometry(far, a)).toBeNull();
  });
});

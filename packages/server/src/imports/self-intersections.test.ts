import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { ringsCross } from './self-intersections.ts';

const square = (x: number, y: number, d: number): Position[] => [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]];
const circle = (n: number): Position[] => {
  const ring = Array.from({ length: n }, (_, i): Position => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
  return [...ring, ring[0]!];
};

describe('ringsCross', () => {
  it('accepts a simple ring, a hole inside it, and a hole touching it at a vertex', () => {
    expect(ringsCross([square(0, 0, 1)])).toBe(false);
    expect(ringsCross([square(0, 0, 1), square(0, 0, 0.5)])).toBe(false);
    expect(ringsCross([square(0, 0, 1), [[-1, -1], [0, -0.5], [0, 0], [-1, -1]]])).toBe(false);
  });

  it('finds a bow-tie, a crossing closing edge, and a hole crossing its outer ring', () => {
    expect(ringsCross([[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]])).toBe(true);
    expect(ringsCross([[[0, 0], [2, 0], [2, 2], [1, -1], [0, 0]]])).toBe(true);
    expect(ringsCross([square(0, 0, 1), square(1, 0, 0.5)])).toBe(true);
  });

  it('checks rings of 50 000 vertices in well under a second (no vertex cap)', () => {
    const ring = circle(50_000);
    const t = performance.now();
    expect(ringsCross([ring])).toBe(false);
    const spiked = [...ring.slice(0, 10), [-2, 0.0005], ...ring.slice(10)];
    expect(ringsCross([spiked])).toBe(true);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

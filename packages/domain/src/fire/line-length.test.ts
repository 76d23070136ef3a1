import { describe, expect, it } from 'vitest';
import { geodesicDistance } from '../geometry/geodesic-distance.ts';
import { lineLength, lineMidpoint } from './line-length.ts';

describe('lineLength (DOMAIN.md §5: firebreaks and fire trails in km; DOMAIN.md §3: on the ellipsoid)', () => {
  it('gives one degree of latitude at 28.5–29.5°N as the CGCS2000 meridian arc (110,835.8 m), however many vertices it has', () => {
    const coords = Array.from({ length: 11 }, (_, i) => [108.7, 28.5 + i / 10]);
    expect(lineLength({ type: 'LineString', coordinates: coords })).toBeCloseTo(110_835.78, 1);
  });
  it('adds the parts of a MultiLineString and ignores a lone vertex', () => {
    const a = [[108.7, 28.8], [108.71, 28.8]], b = [[108.8, 28.9], [108.8, 28.91]];
    const sum = geodesicDistance([108.7, 28.8], [108.71, 28.8]) + geodesicDistance([108.8, 28.9], [108.8, 28.91]);
    expect(lineLength({ type: 'MultiLineString', coordinates: [a, b, [[109, 29]]] })).toBeCloseTo(sum, 6);
  });
});

describe('lineMidpoint (the unit of a line is the one holding the point half-way along it)', () => {
  it('is half-way by length, not by vertex count', () => {
    // One long segment east, then many short vertices: the mid-point lies on the long one.
    const coords = [[108.7, 28.8], [108.8, 28.8], [108.8, 28.801], [108.8, 28.802], [108.8, 28.803]];
    const m = lineMidpoint({ type: 'LineString', coordinates: coords })!;
    const total = lineLength({ type: 'LineString', coordinates: coords });
    expect(geodesicDistance([108.7, 28.8], m)).toBeCloseTo(total / 2, 0);
    expect(m[0]).toBeGreaterThan(108.74);
    expect(m[0]).toBeLessThan(108.8);
  });
  it('walks a MultiLineString part by part', () => {
    const m = lineMidpoint({ type: 'MultiLineString', coordinates: [[[108.7, 28.8], [108.7, 28.81]], [[109, 28.8], [109, 28.83]]] })!;
    expect(m[0]).toBe(109);
    expect(m[1]).toBeGreaterThan(28.81);
  });
  it('gives the first vertex for a line of no length and null for an empty one', () => {
    expect(lineMidpoint({ type: 'LineString', coordinates: [[108.7, 28.8], [108.7, 28.8]] })).toEqual([108.7, 28.8]);
    expect(lineMidpoint({ type: 'MultiLineString', coordinates: [] })).toBeNull();
  });
});

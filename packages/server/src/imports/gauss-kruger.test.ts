import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { gaussKrugerInverse, gaussKrugerOfEpsg, gaussKrugerZone } from './gauss-kruger.ts';

// CGCS2000 ellipsoid (GB/T 18522-2008 / EPSG:1024): a = 6378137 m, 1/f = 298.257222101.
const a = 6378137, f = 1 / 298.257222101, e2 = f * (2 - f);
const rad = Math.PI / 180;

/** Meridian arc from the equator to `lat`, by Simpson's rule on M(φ) = a(1 − e²)/(1 − e² sin²φ)^3/2: independent of any series. */
function meridianArc(lat: number): number {
  const n = 20_000, h = (lat * rad) / n;
  const m = (phi: number) => (a * (1 - e2)) / (1 - e2 * Math.sin(phi) ** 2) ** 1.5;
  let s = m(0) + m(lat * rad);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * m(i * h);
  return (s * h) / 3;
}

const tmerc = (cm: number, fe: number) => `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${fe} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

describe('gaussKrugerInverse (CGCS2000, scale 1)', () => {
  it('puts a point at easting 500 000 on the central meridian, at the latitude whose meridian arc is its northing (to 1 mm)', () => {
    for (const lat of [18, 29.5, 30, 45, 53]) {
      const [lon, back] = gaussKrugerInverse(108, 500_000)([500_000, meridianArc(lat)]);
      expect(lon).toBe(108);
      expect(Math.abs(back! - lat)).toBeLessThan(1e-8); // 1 mm: the footpoint series' own error
    }
    // On the equator the arc is zero whatever the ellipsoid: (500 000, 0) is exactly (108°E, 0°).
    expect(gaussKrugerInverse(108, 500_000)([500_000, 0])).toEqual([108, 0]);
  });

  it('matches proj4 (exact-series tmerc on GRS80) to 1e-7° off the meridian, out to the edge of a 6° zone', () => {
    for (const [cm, fe] of [[108, 500_000], [108, 36_500_000], [105, 18_500_000]] as const) {
      for (const [dLon, lat] of [[1.4, 28.3], [-1.5, 29.5], [3, 21], [-3, 45], [0.7, 53.5]] as const) {
        const xy = proj4('EPSG:4326', tmerc(cm, fe), [cm + dLon, lat]);
        const [lon, back] = gaussKrugerInverse(cm, fe)(xy);
        expect(Math.abs(lon! - (cm + dLon))).toBeLessThan(1e-7);
        expect(Math.abs(back! - lat)).toBeLessThan(1e-7);
      }
    }
  });
});

describe('CGCS2000 Gauss-Krüger EPSG codes', () => {
  it.each([
    [4545, 108, 500_000], // 3° CM 108°E — Chongqing's Youyang and Banan
    [4534, 75, 500_000],
    [4554, 135, 500_000],
    [4524, 108, 36_500_000], // 3° zone 36, zone number prefixed
    [4527, 117, 39_500_000],
    [4513, 75, 25_500_000],
    [4533, 135, 45_500_000],
    [4506, 99, 500_000], // 6° CM 99°E
    [4502, 75, 500_000],
    [4512, 135, 500_000],
    [4491, 75, 13_500_000], // 6° zone 13, prefixed
    [4496, 105, 18_500_000],
    [4501, 135, 23_500_000],
  ])('EPSG:%i is CM %i°E, false easting %i, and reads back to the same code', (epsg, cm, fe) => {
    const zone = gaussKrugerOfEpsg(epsg)!;
    expect(zone).toMatchObject({ centralMeridian: cm, falseEasting: fe, epsg });
    const width = epsg >= 4502 && epsg <= 4512 ? 6 : null;
    expect(gaussKrugerZone(cm, fe, width).epsg).toBe(epsg);
  });

  it('names no code outside the tables, nor for a local central meridian', () => {
    expect(gaussKrugerOfEpsg(4490)).toBeNull();
    expect(gaussKrugerOfEpsg(4555)).toBeNull();
    expect(gaussKrugerZone(107.5, 500_000)).toMatchObject({ epsg: null, description: 'CGCS2000 高斯-克吕格 中央经线 107.5°E 东偏 500000 米' });
    expect(gaussKrugerZone(108, 35_500_000).epsg).toBeNull(); // the prefix says zone 35 (CM 105°E): inconsistent
  });
});

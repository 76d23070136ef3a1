import geographiclib from 'geographiclib-geodesic';
import { CGCS2000 } from './ellipsoidal-area.ts';

const { Geodesic } = geographiclib;
const geodesic = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

/** Distance in metres along the ellipsoid (CGCS2000) between two lon/lat points (DOMAIN.md §3). */
export function geodesicDistance(a: readonly [number, number], b: readonly [number, number]): number {
  if (a[0] === b[0] && a[1] === b[1]) return 0;
  return geodesic.Inverse(a[1], a[0], b[1], b[0], Geodesic.DISTANCE).s12 ?? 0;
}

/** The point a fraction `t` (0–1) of the way from `a` to `b` along the geodesic between them (CGCS2000). */
export function geodesicInterpolate(a: readonly [number, number], b: readonly [number, number], t: number): [number, number] {
  if (a[0] === b[0] && a[1] === b[1]) return [a[0], a[1]];
  const line = geodesic.InverseLine(a[1], a[0], b[1], b[0], Geodesic.STANDARD | Geodesic.DISTANCE_IN);
  const p = line.Position(line.s13 * t, Geodesic.STANDARD | Geodesic.LONG_UNROLL);
  return [p.lon2 ?? a[0], p.lat2 ?? a[1]];
}

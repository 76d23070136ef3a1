import geographiclib from 'geographiclib-geodesic';
import { CGCS2000 } from './ellipsoidal-area.ts';

const { Geodesic } = geographiclib;
const geodesic = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

/** Distance in metres along the ellipsoid (CGCS2000) between two lon/lat points (DOMAIN.md §3). */
export function geodesicDistance(a: readonly [number, number], b: readonly [number, number]): number {
  if (a[0] === b[0] && a[1] === b[1]) return 0;
  return geodesic.Inverse(a[1], a[0], b[1], b[0], Geodesic.DISTANCE).s12 ?? 0;
}

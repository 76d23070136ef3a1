import type { MultiPolygon, Polygon, Position } from 'geojson';
import geographiclib from 'geographiclib-geodesic';

// DOMAIN.md §3: areas are computed on the ellipsoid (CGCS2000 ≈ GRS80), never on a sphere or raw degrees.
export const CGCS2000 = { a: 6378137, f: 1 / 298.257222101 } as const;
// The package is a UMD bundle: Node's ESM loader sees only its default export.
const { Geodesic, PolygonArea } = geographiclib;
const geodesic = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

function ringArea(ring: Position[]): number {
  const points = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring;
  if (new Set(points.map((p) => `${p[0]},${p[1]}`)).size < 3) return 0;
  const polygon = new PolygonArea.PolygonArea(geodesic, false);
  for (const [lon, lat] of points) polygon.AddPoint(lat!, lon!);
  // reverse=false, sign=true: a signed area; its magnitude is the area whatever the ring's orientation.
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

/** Area in m² of a Polygon or MultiPolygon (outer rings minus holes), with geodesic edges on CGCS2000. */
export function ellipsoidalArea(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const [outer, ...holes] of polygons) {
    if (!outer) continue;
    total += Math.max(0, ringArea(outer) - holes.reduce((sum, h) => sum + ringArea(h), 0));
  }
  return total;
}

import type { LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { Position } from 'geojson';
import type { Finding } from './findings.ts';

/** The coordinate system a file was read in (its features always come out in CGCS2000 lon/lat). */
export interface ImportCrs {
  kind: 'geographic' | 'gauss-kruger';
  epsg: number | null; // null when unknown, or for a local central meridian without an EPSG code
  description: string; // Chinese, e.g. 'CGCS2000 3 度带高斯-克吕格 中央经线 108°E（EPSG:4545）'
}

/** The geometries a reader brings out: polygons (parcels, patches) or lines and points (fire-prevention works). */
export type Polygonal = Polygon | MultiPolygon;
export type LinearOrPoint = LineString | MultiLineString | Point;

export interface ImportedFeature<G = Polygonal> {
  row: number; // 1-based record number in the file
  properties: Record<string, unknown>;
  geometry: G | null; // lon/lat (polygons in RFC 7946 winding); null when unusable (see findings)
  findings: Finding[];
}

export interface ReadFeaturesResult<G = Polygonal> {
  crs: ImportCrs;
  encoding: string | null; // attribute text encoding used ('utf-8', 'gbk', …); null when nothing was read
  features: ImportedFeature<G>[];
  findings: Finding[]; // about the whole file; an error here means nothing in the file may be imported
}

/** Checks one record's geometry as read from the file and brings it to lon/lat (`project`: null when it is already). */
export type GeometryCheck<G> = (row: number, properties: Record<string, unknown>, geometry: unknown, project: ((p: Position) => Position) | null) => ImportedFeature<G>;

export const unknownCrs: ImportCrs = { kind: 'geographic', epsg: null, description: '未知' };

/** A result carrying one file-level error and no features. */
export function fileError<G = Polygonal>(code: string, message: string): ReadFeaturesResult<G> {
  return { crs: unknownCrs, encoding: null, features: [], findings: [{ severity: 'error', code, message }] };
}

/** A byte count for a message: '200 MB', or '64 KB' below a megabyte. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

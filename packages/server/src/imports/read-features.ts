import { fileError, sizeText, type LinearOrPoint, type ReadFeaturesResult } from './feature-file.ts';
import { readGeoJson, readGeoJsonWith } from './read-geojson.ts';
import { readShapefileZip, readShapefileZipWith } from './read-shapefile.ts';
import { checkLineOrPoint, lineOrPointLayer } from './check-line-or-point.ts';

export type { ImportCrs, ImportedFeature, LinearOrPoint, ReadFeaturesResult } from './feature-file.ts';
export type { Finding } from './findings.ts';

export interface ReadLimits {
  maxFileBytes: number; // the uploaded file
  maxUnzippedBytes: number; // a Shapefile layer's files once unzipped (a zip bomb stops here)
}

/**
 * Defaults sized for a county's parcel (小班) layer: roughly 100 000 polygons make a .shp of 100–200 MB. Each
 * vertex costs about 10 times its 16 bytes once in JavaScript arrays, so the unzipped cap is what protects memory.
 */
export const defaultReadLimits: ReadLimits = { maxFileBytes: 200 * 1024 * 1024, maxUnzippedBytes: 512 * 1024 * 1024 };

/**
 * Polygon features from an uploaded file, in CGCS2000 lon/lat (EPSG:4490) with RFC 7946 winding, and findings
 * per record and for the whole file (the satellite patch import and the parcel import both read through here).
 * Accepts GeoJSON (.geojson/.json) and zipped Shapefiles (.zip). Never throws for bad input: a file that cannot
 * be read comes back with no features and a file-level error.
 */
export async function readFeatureFile(bytes: Uint8Array, fileName: string, limits: ReadLimits = defaultReadLimits): Promise<ReadFeaturesResult> {
  if (bytes.length > limits.maxFileBytes) return fileError('too_large', `文件超过 ${sizeText(limits.maxFileBytes)}，请分批导入`);
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return readGeoJson(bytes);
  if (lower.endsWith('.zip')) return readShapefileZip(bytes, limits.maxUnzippedBytes);
  return fileError('unsupported_format', '只支持 GeoJSON（.geojson/.json）或 Shapefile 压缩包（.zip）');
}

/**
 * Line and point features (fire-prevention works: firebreaks and trails as lines, towers and tanks as points) from
 * the same two formats, read and reprojected the same way; a polygon is a record-level error.
 */
export async function readLineOrPointFile(bytes: Uint8Array, fileName: string, limits: ReadLimits = defaultReadLimits): Promise<ReadFeaturesResult<LinearOrPoint>> {
  if (bytes.length > limits.maxFileBytes) return fileError('too_large', `文件超过 ${sizeText(limits.maxFileBytes)}，请分批导入`);
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return readGeoJsonWith(bytes, checkLineOrPoint);
  if (lower.endsWith('.zip')) return readShapefileZipWith(bytes, limits.maxUnzippedBytes, lineOrPointLayer);
  return fileError('unsupported_format', '只支持 GeoJSON（.geojson/.json）或 Shapefile 压缩包（.zip）');
}

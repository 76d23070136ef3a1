import exifr from 'exifr';

export interface PhotoMetadata {
  takenAt: string | null; // ISO UTC
  lon: number | null;
  lat: number | null;
}

const none: PhotoMetadata = { takenAt: null, lon: null, lat: null };

/** The image type from its first bytes (what the upload claims is checked against this). */
export function sniffImageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(ascii(8, 12))) return 'image/heic';
  return null;
}

/**
 * When and where a photo was taken, from its EXIF: DateTimeOriginal is the camera's local time — taken as
 * Asia/Shanghai unless OffsetTimeOriginal says otherwise — and the GPS position. Never throws: a photo without
 * or with broken EXIF gives nulls.
 */
export async function readPhotoMetadata(bytes: Uint8Array): Promise<PhotoMetadata> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(Buffer.from(bytes), { gps: true, exif: true, tiff: true, reviveValues: false, translateValues: false, pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef', 'latitude', 'longitude'] })) as Record<string, unknown> | undefined;
  } catch {
    return none;
  }
  if (!tags) return none;
  return { takenAt: takenAtOf(tags.DateTimeOriginal, tags.OffsetTimeOriginal), ...positionOf(tags) };
}

function takenAtOf(value: unknown, offset: unknown): string | null {
  const m = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!m) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '+08:00';
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function positionOf(tags: Record<string, unknown>): { lon: number | null; lat: number | null } {
  const lat = typeof tags.latitude === 'number' ? tags.latitude : null;
  const lon = typeof tags.longitude === 'number' ? tags.longitude : null;
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) {
    return { lon: null, lat: null };
  }
  return { lon, lat };
}

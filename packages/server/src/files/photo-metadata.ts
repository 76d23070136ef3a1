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

const shanghaiOffsetMinutes = 8 * 60; // Asia/Shanghai: UTC+8, no daylight saving since 1991

function takenAtOf(value: unknown, offset: unknown): string | null {
  const m = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // Cameras write 0000:00:00 00:00:00 when the clock was never set, and Date would roll 2024:02:30 into March.
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (y < 1900 || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const zone = typeof offset === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  const offsetMinutes = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : shanghaiOffsetMinutes;
  if (Math.abs(offsetMinutes) > 14 * 60) return null;
  return new Date(wall - offsetMinutes * 60_000).toISOString();
}

function positionOf(tags: Record<string, unknown>): { lon: number | null; lat: number | null } {
  const lat = typeof tags.latitude === 'number' ? tags.latitude : null;
  const lon = typeof tags.longitude === 'number' ? tags.longitude : null;
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) {
    return { lon: null, lat: null };
  }
  return { lon, lat };
}

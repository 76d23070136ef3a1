import { geodesicDistance } from '../geometry/geodesic-distance.ts';

// Issue 4 §1: a photo's EXIF time and position are compared with what the reporter claims; a mismatch is
// flagged for whoever reviews the problem (a flag, not a refusal: phones strip or mangle EXIF often enough).

export interface PhotoFinding {
  code: 'no_time' | 'time_mismatch' | 'no_position' | 'position_mismatch';
  message: string;
  minutes?: number;
  metres?: number;
}

export interface PhotoClaimLimits {
  maxMinutes: number;
  maxMetres: number;
}

/** Defaults [U]: two hours covers a phone syncing late in the day; 500 m covers GPS error in steep valleys. */
export const defaultPhotoClaimLimits: PhotoClaimLimits = { maxMinutes: 120, maxMetres: 500 };

export function checkPhotoClaim(
  photo: { takenAt: string | null; lon: number | null; lat: number | null },
  claim: { at: string; lon: number; lat: number },
  limits: PhotoClaimLimits = defaultPhotoClaimLimits,
): PhotoFinding[] {
  const out: PhotoFinding[] = [];
  if (!photo.takenAt || Number.isNaN(Date.parse(photo.takenAt))) {
    out.push({ code: 'no_time', message: '照片没有拍摄时间信息，无法核对' });
  } else {
    const minutes = Math.abs(Date.parse(photo.takenAt) - Date.parse(claim.at)) / 60_000;
    if (minutes > limits.maxMinutes) {
      out.push({ code: 'time_mismatch', minutes: Math.round(minutes), message: `拍摄时间与上报时间相差 ${formatMinutes(minutes)}` });
    }
  }
  if (photo.lon === null || photo.lat === null) {
    out.push({ code: 'no_position', message: '照片没有拍摄位置信息，无法核对' });
  } else {
    const metres = geodesicDistance([photo.lon, photo.lat], [claim.lon, claim.lat]);
    if (metres > limits.maxMetres) {
      out.push({ code: 'position_mismatch', metres: Math.round(metres), message: `拍摄位置距上报位置 ${metres >= 1000 ? `${(metres / 1000).toFixed(1)} 公里` : `${Math.round(metres)} 米`}` });
    }
  }
  return out;
}

function formatMinutes(m: number): string {
  if (m < 60) return `${Math.round(m)} 分钟`;
  if (m < 48 * 60) return `${(m / 60).toFixed(1)} 小时`;
  return `${Math.round(m / 1440)} 天`;
}

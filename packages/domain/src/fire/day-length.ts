/**
 * Latitude bands of the day-length factors (cffdrs `duff_moisture_code` / `drought_code` with lat.adjust).
 * DOMAIN.md §5 gives the two northern DMC tables and the northern DC table; the southern and equatorial
 * bands are cffdrs's own (its comments: 20°S reference for −30 < lat ≤ −10, 40°S for lat ≤ −30; a flat 9
 * for DMC and 1.4 for DC near the equator; DC south of 20°S shifts the northern table by six months).
 */
const dmcLeNorth = [6.5, 7.5, 9, 12.8, 13.9, 13.9, 12.4, 10.9, 9.4, 8, 7, 6] as const; // lat > 30°N (46°N reference)
const dmcLeNorthTropic = [7.9, 8.4, 8.9, 9.5, 9.9, 10.2, 10.1, 9.7, 9.1, 8.6, 8.1, 7.8] as const; // 10°N < lat ≤ 30°N
const dmcLeSouthTropic = [10.1, 9.6, 9.1, 8.5, 8.1, 7.8, 7.9, 8.3, 8.9, 9.4, 9.9, 10.2] as const; // 30°S < lat ≤ 10°S
const dmcLeSouth = [11.5, 10.5, 9.2, 7.9, 6.8, 6.2, 6.5, 7.4, 8.7, 10, 11.2, 11.8] as const; // lat ≤ 30°S
const dcLfNorth = [-1.6, -1.6, -1.6, 0.9, 3.8, 5.8, 6.4, 5, 2.4, 0.4, -1.6, -1.6] as const; // lat > 20°N
const dcLfSouth = [6.4, 5, 2.4, 0.4, -1.6, -1.6, -1.6, -1.6, -1.6, 0.9, 3.8, 5.8] as const; // lat ≤ 20°S

/** Effective day length Le (hours) for the DMC, by month 1–12 and latitude in degrees (north positive). */
export function dmcDayLength(month: number, latitude: number): number {
  const i = month - 1;
  if (latitude > 30) return dmcLeNorth[i]!;
  if (latitude > 10) return dmcLeNorthTropic[i]!;
  if (latitude > -10) return 9;
  if (latitude > -30) return dmcLeSouthTropic[i]!;
  return dmcLeSouth[i]!;
}

/** Day-length adjustment Lf for the DC, by month 1–12 and latitude in degrees (north positive). */
export function dcDayLengthFactor(month: number, latitude: number): number {
  const i = month - 1;
  if (latitude > 20) return dcLfNorth[i]!;
  if (latitude > -20) return 1.4;
  return dcLfSouth[i]!;
}

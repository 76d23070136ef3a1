import { err, ok, type Result } from '../result.ts';

// Issue 6 §6: satellite hotspots (FIRMS-style CSV: latitude, longitude, acq_date, acq_time UTC HHMM, confidence, frp,
// satellite), Chinese headings accepted too. One row becomes one candidate fire record (source satellite).

export interface SatelliteHotspot {
  lon: number;
  lat: number;
  at: string; // ISO UTC from acq_date + acq_time
  confidence: string | null; // FIRMS gives a percentage (MODIS) or l/n/h (VIIRS)
  frp: number | null; // fire radiative power, MW
  satellite: string | null;
}

export type HotspotField = keyof Omit<SatelliteHotspot, 'at'> | 'acq_date' | 'acq_time';

/** Heading names (lower-cased, trimmed) for each field. */
export const hotspotHeadings: Record<HotspotField, readonly string[]> = {
  lat: ['latitude', 'lat', '纬度'],
  lon: ['longitude', 'lon', 'lng', '经度'],
  acq_date: ['acq_date', '日期', '观测日期', '过境日期'],
  acq_time: ['acq_time', '时间', '观测时间', '过境时间'],
  confidence: ['confidence', '置信度', '可信度'],
  frp: ['frp', '辐射功率', '火辐射功率'],
  satellite: ['satellite', '卫星', '卫星名称'],
};

/** Which column holds each field (by heading); the missing required ones are listed. */
export function hotspotColumns(headings: readonly string[]): { columns: Partial<Record<HotspotField, number>>; missing: HotspotField[] } {
  const columns: Partial<Record<HotspotField, number>> = {};
  const norm = headings.map((h) => h.trim().toLowerCase());
  for (const [field, names] of Object.entries(hotspotHeadings) as [HotspotField, readonly string[]][]) {
    const i = norm.findIndex((h) => names.includes(h));
    if (i >= 0) columns[field] = i;
  }
  const missing = (['lat', 'lon', 'acq_date', 'acq_time'] as const).filter((f) => columns[f] === undefined);
  return { columns, missing };
}

/** One row's values as a hotspot, or what is wrong with it (each finding names its column). */
export function parseHotspotRow(cells: Partial<Record<HotspotField, string>>): Result<SatelliteHotspot, { field: HotspotField; message: string }[]> {
  const errors: { field: HotspotField; message: string }[] = [];
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? Number.NaN : Number(s.trim()));
  const lat = num(cells.lat), lon = num(cells.lon);
  if (!(lat >= -90 && lat <= 90)) errors.push({ field: 'lat', message: `纬度无效（“${cells.lat ?? ''}”）` });
  if (!(lon >= -180 && lon <= 180)) errors.push({ field: 'lon', message: `经度无效（“${cells.lon ?? ''}”）` });
  const date = (cells.acq_date ?? '').trim().replace(/\//g, '-');
  const dm = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date);
  const time = (cells.acq_time ?? '').trim().replace(':', '');
  const tm = /^(\d{1,4})$/.exec(time);
  let at: string | null = null;
  if (!dm) errors.push({ field: 'acq_date', message: `日期应为 YYYY-MM-DD（“${cells.acq_date ?? ''}”）` });
  if (!tm) errors.push({ field: 'acq_time', message: `时间应为 UTC 的 HHMM（“${cells.acq_time ?? ''}”）` });
  if (dm && tm) {
    const hhmm = tm[1]!.padStart(4, '0');
    const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(hhmm.slice(0, 2)), Number(hhmm.slice(2))];
    const instant = new Date(Date.UTC(y, mo - 1, d, h, mi));
    if (h > 23 || mi > 59) errors.push({ field: 'acq_time', message: `时间应为 UTC 的 HHMM（“${cells.acq_time ?? ''}”）` });
    else if (instant.getUTCMonth() !== mo - 1 || instant.getUTCDate() !== d) errors.push({ field: 'acq_date', message: `日期不存在（“${cells.acq_date ?? ''}”）` });
    else at = instant.toISOString();
  }
  const frpText = cells.frp?.trim() ?? '';
  const frp = frpText === '' ? null : Number(frpText);
  if (frp !== null && !(frp >= 0)) errors.push({ field: 'frp', message: `辐射功率无效（“${frpText}”）` });
  if (errors.length || at === null) return err(errors);
  return ok({ lon, lat, at, confidence: cells.confidence?.trim() || null, frp, satellite: cells.satellite?.trim() || null });
}

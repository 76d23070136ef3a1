import { describe, expect, it } from 'vitest';
import { hotspotColumns, parseHotspotRow } from './satellite-hotspot.ts';

// Issue 6 §6: FIRMS active-fire CSV columns (latitude, longitude, acq_date, acq_time as UTC HHMM, confidence, frp,
// satellite), Chinese headings too.
describe('satellite hotspot rows', () => {
  it('finds FIRMS and Chinese headings and lists the missing required ones', () => {
    expect(hotspotColumns(['latitude', 'longitude', 'bright_ti4', 'acq_date', 'acq_time', 'satellite', 'confidence', 'frp']).missing).toEqual([]);
    expect(hotspotColumns(['纬度', '经度', '日期', '时间']).columns).toEqual({ lat: 0, lon: 1, acq_date: 2, acq_time: 3 });
    expect(hotspotColumns(['latitude', 'acq_date']).missing).toEqual(['lon', 'acq_time']);
  });

  it('reads acq_time as UTC HHMM, padding short values', () => {
    const r = parseHotspotRow({ lat: '28.84', lon: '108.77', acq_date: '2026-03-10', acq_time: '512', confidence: 'n', frp: '3.2', satellite: 'N' });
    expect(r).toEqual({ ok: true, value: { lat: 28.84, lon: 108.77, at: '2026-03-10T05:12:00.000Z', confidence: 'n', frp: 3.2, satellite: 'N' } });
  });

  it('names each bad column', () => {
    const r = parseHotspotRow({ lat: '128', lon: 'x', acq_date: '2026-02-30', acq_time: '2575', frp: '-1' });
    expect(r.ok || r.error.map((e) => e.field)).toEqual(['lat', 'lon', 'acq_time', 'frp']);
    const d = parseHotspotRow({ lat: '28', lon: '108', acq_date: '2026-02-30', acq_time: '0100' });
    expect(d.ok || d.error).toEqual([{ field: 'acq_date', message: '日期不存在（“2026-02-30”）' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { deadTreeColumns, parseDeadTreeRow, parseImportTime } from './dead-tree-import.ts';

// Issue 7 §1 (DOMAIN.md §6 survey and remote-sensing lists): one row per dead pine, columns by Chinese or English name.
describe('dead-tree import rows', () => {
  it('finds the columns by their Chinese or English names and reports the missing position columns', () => {
    expect(deadTreeColumns(['编号', '经度', '纬度', '树种', '胸径（cm）', '状态'])).toEqual({ columns: { ref: 0, lon: 1, lat: 2, species: 3, dbh: 4, condition: 5 }, missing: [] });
    expect(deadTreeColumns(['Longitude', 'LAT', 'DBH'])).toMatchObject({ columns: { lon: 0, lat: 1, dbh: 2 }, missing: [] });
    expect(deadTreeColumns(['经度', '树种']).missing).toEqual(['lat']);
  });

  it('reads a row, with dead as the default condition and the time in Shanghai', () => {
    const r = parseDeadTreeRow({ lon: '108.76', lat: '28.84', species: '马尾松', dbh: '18.5', condition: '濒死', foundAt: '2026-10-12 09:30', ref: 'YS-001' });
    expect(r).toEqual({ ok: true, value: { lon: 108.76, lat: 28.84, species: '马尾松', dbhCm: 18.5, condition: 'dying', foundAt: '2026-10-12T01:30:00.000Z', person: null, ref: 'YS-001' } });
    const plain = parseDeadTreeRow({ lon: '108.76', lat: '28.84' });
    expect(plain.ok && plain.value.condition).toBe('dead');
  });

  it('names each bad field', () => {
    const r = parseDeadTreeRow({ lon: '208', lat: '', dbh: '-3', condition: '倒伏', foundAt: '2026-02-30' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((e) => e.field)).toEqual(['lon', 'lat', 'dbh', 'condition', 'foundAt']);
  });

  it('parses dates, date-times and ISO instants; a bare date is noon in Shanghai', () => {
    expect(parseImportTime('2026/10/12')).toBe('2026-10-12T04:00:00.000Z');
    expect(parseImportTime('2026年10月12日')).toBe('2026-10-12T04:00:00.000Z');
    expect(parseImportTime('2026-10-12T09:30:00+08:00')).toBe('2026-10-12T01:30:00.000Z');
    expect(parseImportTime('12/10/2026')).toBeNull();
    expect(parseImportTime('2026-13-01')).toBeNull();
  });
});

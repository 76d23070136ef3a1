import { describe, expect, it } from 'vitest';
import { parseCsv, readTable } from './read-table.ts';

describe('attribute tables', () => {
  it('splits CSV with quoted commas, quotes and line breaks (RFC 4180)', () => {
    expect(parseCsv('a,"b,1","say ""hi"""\r\n"two\nlines",,x\n')).toEqual([['a', 'b,1', 'say "hi"'], ['two\nlines', '', 'x']]);
  });
  it('reads GBK CSV when the bytes are not UTF-8, finds the header below a title row and skips empty rows', async () => {
    const gbk = new Uint8Array([0xd0, 0xa1, 0xb0, 0xe0, 0xba, 0xc5]); // 小班号 in GBK
    const bytes = new Uint8Array([...new TextEncoder().encode('title\r\n'), ...gbk, ...new TextEncoder().encode(',DL\r\n001,0111\r\n,\r\n002,0113\r\n')]);
    const t = await readTable(bytes, 'a.csv', (h) => h.includes('小班号'), 100);
    expect(t.ok && t.value).toMatchObject({ encoding: 'gbk', headerRow: 2, rows: [{ row: 3, values: { 小班号: '001', DL: '0111' } }, { row: 5, values: { 小班号: '002', DL: '0113' } }] });
    const none = await readTable(new TextEncoder().encode('a,b\n1,2\n'), 'a.csv', (h) => h.includes('小班号'), 100);
    expect(none).toMatchObject({ ok: false, code: 'table.no_header' });
  });
});

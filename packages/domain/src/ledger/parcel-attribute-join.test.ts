import { describe, expect, it } from 'vitest';
import { indexAttributeTable, matchAttributeRow, mergeAttributes, parcelKeyOf } from './parcel-attribute-join.ts';
import { readParcelAttributes } from './parcel-attributes.ts';

// Issue 5 §1: geometry and an Excel/CSV attribute table joined by parcel number (林班-小班), and by village code
// where the table has one.
describe('parcel attribute tables', () => {
  const table = indexAttributeTable([
    { row: 2, values: { 林班: '3', 小班号: '001', 地类: '0111', 森林类别: '22', 起源: '人工', 蓄积: 88 } },
    { row: 3, values: { 林班: '3', 小班号: '002', 地类: '0113', 村代码: '500242101200' } },
    { row: 4, values: { 林班: '3', 小班号: '002', 地类: '0131', 村代码: '500242101201' } },
    { row: 5, values: { 林班: '3', 小班号: '001', 地类: '0120' } }, // same number, no village: a duplicate of row 2
    { row: 6, values: { 地类: '0111' } }, // no number
  ]);
  it('keys rows by 林班-小班 and reports duplicates and rows without a number', () => {
    expect(parcelKeyOf({ lbh: '3', XBH: '001', XZQHDM: '500242101200' })).toEqual({ parcelNo: '3-001', unitCode: '500242101200' });
    expect(table.findings).toEqual([
      { row: 5, message: '属性表第 5 行与第 2 行小班号相同（3-001），未使用' },
      { row: 6, message: '属性表第 6 行没有小班号，未使用' },
    ]);
  });
  it('matches by number, by village where the number repeats, and says when the village is needed', () => {
    expect(matchAttributeRow(table, '3-001', null)).toMatchObject({ kind: 'matched', row: { row: 2 } });
    expect(matchAttributeRow(table, '3-001', '500242101200')).toMatchObject({ kind: 'matched', row: { row: 2 } });
    expect(matchAttributeRow(table, '3-002', null)).toEqual({ kind: 'ambiguous', rows: [3, 4] });
    expect(matchAttributeRow(table, '3-002', '500242101201')).toMatchObject({ kind: 'matched', row: { row: 4 } });
    expect(matchAttributeRow(table, '3-009', null)).toEqual({ kind: 'missing' });
  });
  it('lays the table over the feature, whatever heading either used', () => {
    const merged = mergeAttributes({ LBH: '3', XBH: '001', DL: '0210', YSSZ: '杉木' }, { row: 2, values: { 林班: '3', 小班号: '001', 地类: '0111', 森林类别: '', 起源: '人工' } });
    const attrs = readParcelAttributes(merged).value!;
    expect(attrs).toMatchObject({ parcelNo: '3-001', landClass: '0111', origin: 'planted', dominantSpecies: '杉木', forestCategory: null });
  });
});

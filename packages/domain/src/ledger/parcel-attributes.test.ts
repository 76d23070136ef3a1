import { describe, expect, it } from 'vitest';
import { readParcelAttributes } from './parcel-attributes.ts';

// Issue 5 §1 with the DOMAIN.md §3 code tables (地类, 森林类别, 事权等级, 起源).
describe('readParcelAttributes', () => {
  it('reads an inventory row by its usual column names, codes or names alike', () => {
    const r = readParcelAttributes({ LIN_BAN: '12', XIAO_BAN: '034', DI_LEI: '0111', SEN_LIN_LB: '11', SHI_QUAN_D: '地方级', QI_YUAN: '人工', YOU_SHI_SZ: '马尾松', LING_ZU: '3', YU_BI_DU: 0.7, HUO_LMGQXJ: '85.5', 经营者: '包家村集体' });
    expect(r.findings).toEqual([]);
    expect(r.value).toEqual({
      parcelNo: '12-034', landClass: '0111', forestCategory: '11', authorityLevel: '20', origin: 'planted', dominantSpecies: '马尾松',
      ageGroup: '3', canopyClosure: 0.7, volumeM3: 85.5, ownerType: null, owner: '包家村集体', unitCode: null,
    });
  });
  it('takes land class names and canopy closure written in tenths', () => {
    expect(readParcelAttributes({ 小班号: '1', 地类: '竹林地', 郁闭度: '6' }).value).toMatchObject({ landClass: '0113', canopyClosure: 0.6 });
  });
  it('reports every wrong field of a row', () => {
    const r = readParcelAttributes({ 地类: '0999', 森林类别: '33', 起源: '外星', 郁闭度: '-1', 村代码: '5002' });
    expect(r.value).toBeNull();
    expect(r.findings.map((f) => f.field)).toEqual(['小班号', '地类', '森林类别', '起源', '郁闭度', '村代码']);
  });
  it('warns about a sparse tree stand that will not count towards forest coverage', () => {
    const r = readParcelAttributes({ 小班号: '7', 地类: '0111', 郁闭度: 0.15 });
    expect(r.value).not.toBeNull();
    expect(r.findings).toEqual([{ severity: 'warning', field: '郁闭度', message: '乔木林地郁闭度低于 0.2，不计入森林覆盖率' }]);
  });
});

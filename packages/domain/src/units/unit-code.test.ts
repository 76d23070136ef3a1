import { describe, expect, it } from 'vitest';
import { isInScope, normaliseUnitCode, parentCodeOf, scopePrefix, shortUnitName, unitKindOf, unitLevelOf } from './unit-code.ts';

describe('DOMAIN.md §3 administrative codes: 12 digits (6 county + 3 town + 3 village)', () => {
  it('DOMAIN.md §3: a county is stored as its 6 digits + 000000 (Youyang 500242000000), a town as 9 + 000 (龙潭镇 500242101000)', () => {
    expect(normaliseUnitCode('500242')).toEqual({ ok: true, value: '500242000000' });
    expect(normaliseUnitCode('500242101')).toEqual({ ok: true, value: '500242101000' });
    expect(normaliseUnitCode('500242101200')).toEqual({ ok: true, value: '500242101200' });
    expect(normaliseUnitCode(' 500242 ')).toEqual({ ok: true, value: '500242000000' });
    expect(normaliseUnitCode('50')).toEqual({ ok: false, error: '行政区划代码应为 6、9 或 12 位数字，收到 2 位' });
  });
  it('DOMAIN.md §3: anything but 6, 9 or 12 digits is refused with the problem named in Chinese', () => {
    expect(normaliseUnitCode('')).toEqual({ ok: false, error: '行政区划代码不能为空' });
    expect(normaliseUnitCode('5002421')).toEqual({ ok: false, error: '行政区划代码应为 6、9 或 12 位数字，收到 7 位' });
    expect(normaliseUnitCode('50024a')).toEqual({ ok: false, error: '行政区划代码只能由半角数字 0–9 组成' });
    expect(normaliseUnitCode('５００２４２')).toEqual({ ok: false, error: '行政区划代码只能由半角数字 0–9 组成' });
    expect(normaliseUnitCode('-500242')).toEqual({ ok: false, error: '行政区划代码只能由半角数字 0–9 组成' });
  });
  it('DOMAIN.md §3: a code whose segments skip a level (county 0000, or town 000 under a village) has no place in the tree', () => {
    expect(normaliseUnitCode('000000').ok).toBe(false);
    expect(normaliseUnitCode('500000101').ok).toBe(false);
    expect(normaliseUnitCode('500242000123')).toEqual({ ok: false, error: '乡镇段（第 7–9 位）为 000 时，村段（第 10–12 位）也应为 000' });
    expect(normaliseUnitCode('500000')).toEqual({ ok: true, value: '500000000000' });
  });
  it('DOMAIN.md §3: the level and the parent are read from the code', () => {
    expect(unitLevelOf('500000000000')).toBe('province');
    expect(unitLevelOf('500242000000')).toBe('county');
    expect(unitLevelOf('500242101000')).toBe('town');
    expect(unitLevelOf('500242101200')).toBe('village');
    expect(parentCodeOf('500242101200')).toBe('500242101000');
    expect(parentCodeOf('500242101000')).toBe('500242000000');
    expect(parentCodeOf('500242000000')).toBe('500000000000');
    expect(parentCodeOf('500000000000')).toBeNull();
  });
  it('DOMAIN.md §3: a subtree is its code prefix (province 2, county 6, town 9, village 12 digits)', () => {
    expect(scopePrefix('500000000000')).toBe('50');
    expect(scopePrefix('500242000000')).toBe('500242');
    expect(scopePrefix('500242101000')).toBe('500242101');
    expect(scopePrefix('500242101200')).toBe('500242101200');
  });
  it('DOMAIN.md §3: 龙潭镇 scopes itself and its villages, not 麻旺镇 nor its own county', () => {
    expect(isInScope('500242101200', '500242101000')).toBe(true);
    expect(isInScope('500242101000', '500242101000')).toBe(true);
    expect(isInScope('500242102200', '500242101000')).toBe(false);
    expect(isInScope('500242000000', '500242101000')).toBe(false);
    expect(isInScope('500242102200', '500242000000')).toBe(true);
    expect(isInScope('500242102200', '500000000000')).toBe(true);
    expect(isInScope('510100000000', '500000000000')).toBe(false);
    expect(isInScope('500242101200', '500242101200')).toBe(true);
    expect(isInScope('5002421012', '500242000000')).toBe(false);
  });
});

describe('DOMAIN.md §3 names: keep the NBS official name, show the short name (…村 / …社区)', () => {
  it('DOMAIN.md §3: …村村民委员会 → …村 and …社区居民委员会 → …社区', () => {
    expect(shortUnitName('包家村村民委员会')).toBe('包家村');
    expect(shortUnitName('赵庄街社区居民委员会')).toBe('赵庄街社区');
    expect(shortUnitName('包家村民委员会')).toBe('包家村');
    expect(shortUnitName('城东居民委员会')).toBe('城东社区');
  });
  it('DOMAIN.md §3: the abbreviated 居委会 and 村委会 forms', () => {
    expect(shortUnitName('多福巷社区居委会')).toBe('多福巷社区');
    expect(shortUnitName('城东居委会')).toBe('城东社区');
    expect(shortUnitName('包家村委会')).toBe('包家村');
    expect(shortUnitName('包家村村委会')).toBe('包家村');
  });
  it('DOMAIN.md §3: rural committees named 社区 and urban ones named 新村 keep their own word (NBS 綦江 rows)', () => {
    expect(shortUnitName('先锋社区村民委员会')).toBe('先锋社区');
    expect(shortUnitName('桃园新村居民委员会')).toBe('桃园新村社区');
  });
  it('DOMAIN.md §3: towns, streets and counties keep their names', () => {
    expect(shortUnitName('龙潭镇')).toBe('龙潭镇');
    expect(shortUnitName('桃花源街道')).toBe('桃花源街道');
    expect(shortUnitName('酉阳土家族苗族自治县')).toBe('酉阳土家族苗族自治县');
    expect(shortUnitName('化龙桥社区工作站')).toBe('化龙桥社区工作站');
    expect(shortUnitName('村民委员会')).toBe('村民委员会');
  });
  it('DOMAIN.md §3: the kind of unit is read from the name’s ending (自治县 → 县)', () => {
    expect(unitKindOf('酉阳土家族苗族自治县')).toBe('县');
    expect(unitKindOf('巴南区')).toBe('区');
    expect(unitKindOf('重庆市')).toBe('市');
    expect(unitKindOf('龙潭镇')).toBe('镇');
    expect(unitKindOf('浪坪乡')).toBe('乡');
    expect(unitKindOf('桃花源街道')).toBe('街道');
    expect(unitKindOf('赵庄街社区')).toBe('社区');
    expect(unitKindOf('包家村')).toBe('村');
    expect(unitKindOf('化龙桥社区工作站')).toBe('其他');
  });
});

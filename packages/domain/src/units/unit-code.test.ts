import { describe, expect, it } from 'vitest';
import { isInScope, normaliseUnitCode, parentCodeOf, scopePrefix, shortUnitName, unitKindOf, unitLevelOf } from './unit-code.ts';

describe('DOMAIN.md §3 administrative codes (6 county + 3 town + 3 village, padded to 12)', () => {
  it('pads a county to +000000 and a town to +000 (Youyang 500242000000, 龙潭镇 500242101000)', () => {
    expect(normaliseUnitCode('500242')).toEqual({ ok: true, value: '500242000000' });
    expect(normaliseUnitCode('500242101')).toEqual({ ok: true, value: '500242101000' });
    expect(normaliseUnitCode('500242101200')).toEqual({ ok: true, value: '500242101200' });
    expect(normaliseUnitCode('5002421').ok).toBe(false);
    expect(normaliseUnitCode('50024a').ok).toBe(false);
  });
  it('reads level and parent from the code', () => {
    expect(unitLevelOf('500000000000')).toBe('province');
    expect(unitLevelOf('500242000000')).toBe('county');
    expect(unitLevelOf('500242101000')).toBe('town');
    expect(unitLevelOf('500242101200')).toBe('village');
    expect(parentCodeOf('500242101200')).toBe('500242101000');
    expect(parentCodeOf('500242101000')).toBe('500242000000');
    expect(parentCodeOf('500242000000')).toBe('500000000000');
    expect(parentCodeOf('500000000000')).toBeNull();
  });
  it('scopes a subtree by prefix: 龙潭镇 contains its villages, not 麻旺镇', () => {
    expect(scopePrefix('500242101000')).toBe('500242101');
    expect(isInScope('500242101200', '500242101000')).toBe(true);
    expect(isInScope('500242101000', '500242101000')).toBe(true);
    expect(isInScope('500242102200', '500242101000')).toBe(false);
    expect(isInScope('500242000000', '500242101000')).toBe(false);
    expect(isInScope('500242102200', '500242000000')).toBe(true);
    expect(isInScope('5002421012', '500242000000')).toBe(false);
  });
  it('shows the short name of NBS village rows (…村村民委员会 → …村, …社区居民委员会 → …社区)', () => {
    expect(shortUnitName('包家村村民委员会')).toBe('包家村');
    expect(shortUnitName('赵庄街社区居民委员会')).toBe('赵庄街社区');
    expect(shortUnitName('多福巷社区居委会')).toBe('多福巷社区');
    expect(shortUnitName('龙潭镇')).toBe('龙潭镇');
    expect(unitKindOf('酉阳土家族苗族自治县')).toBe('县');
    expect(unitKindOf('桃花源街道')).toBe('街道');
    expect(unitKindOf('赵庄街社区')).toBe('社区');
    expect(unitKindOf('包家村')).toBe('村');
    expect(unitKindOf('巴南区')).toBe('区');
  });
});

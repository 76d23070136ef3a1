import { describe, expect, it } from 'vitest';
import { chineseNumeral, chineseNumeralValue, circledValue, normaliseWidth } from './chinese-numerals.ts';

// DOMAIN.md §10: plans number their tasks and write their targets in Chinese and Arabic numerals, full- or half-width.
describe('chinese numerals', () => {
  it('reads the numerals plans use for headings and counts', () => {
    expect(['一', '十', '十一', '二十', '二十三', '一百', '一百零五', '三千', '两', '二〇二四'].map(chineseNumeralValue)).toEqual([1, 10, 11, 20, 23, 100, 105, 3000, 2, 2024]);
  });
  it('refuses anything that is not a numeral', () => {
    expect(chineseNumeralValue('是')).toBeNull();
    expect(chineseNumeralValue('')).toBeNull();
    expect(chineseNumeralValue('三万')).toBeNull(); // 万 belongs to the unit
  });
  it('reads circled numbers', () => {
    expect([circledValue('①'), circledValue('⑩'), circledValue('a')]).toEqual([1, 10, null]);
  });
  it('normalises full-width digits one character for one, keeping positions', () => {
    const written = '选聘生态护林员３０００名，覆盖率达１００％，面积１８．２万亩';
    const n = normaliseWidth(written);
    expect(n).toBe('选聘生态护林员3000名，覆盖率达100%，面积18.2万亩');
    expect(n.length).toBe(written.length);
  });
  it('writes numerals the way Word numbers headings, and reads them back', () => {
    expect([1, 10, 11, 20, 105, 110, 2024].map(chineseNumeral)).toEqual(['一', '十', '十一', '二十', '一百零五', '一百一十', '二千零二十四']);
    for (let n = 1; n < 200; n += 1) expect(chineseNumeralValue(chineseNumeral(n))).toBe(n);
  });
});

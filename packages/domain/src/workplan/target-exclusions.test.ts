import { describe, expect, it } from 'vitest';
import { excludedPositions, isOrdinal } from './target-exclusions.ts';

const excludedText = (text: string) => {
  const ex = excludedPositions(text);
  return [...text].filter((_, i) => ex[i]).join('');
};

// Issue 8 §1: years, dates, document numbers (文号) and ordinals are not targets.
describe('target exclusions', () => {
  it('masks quotations, titles and document numbers', () => {
    expect(excludedText('落实森林火情“135”早期处理机制')).toBe('“135”');
    expect(excludedText('推进落实《方案（2023—2027年）》')).toBe('《方案（2023—2027年）》');
    expect(excludedText('见酉林发〔2024〕3号文件')).toMatch(/酉林发〔2024〕3号$/); // the issuer's prefix is fuzzy, the number is not
    expect(excludedText('依据市政府令第370号')).toBe('第370号');
  });
  it('masks set phrases whose numeral is a name', () => {
    expect(excludedText('严格落实中央八项规定精神')).toBe('八项规定');
  });
  it('ignores a quotation mark that is never closed', () => {
    expect(excludedText('建设“防火步道20公里')).toBe('');
  });
  it('recognises ordinals', () => {
    expect(isOrdinal('做好第')).toBe(true);
    expect(isOrdinal('第 ')).toBe(true);
    expect(isOrdinal('完成')).toBe(false);
  });
});

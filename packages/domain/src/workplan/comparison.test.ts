import { describe, expect, it } from 'vitest';
import { comparisonOf } from './comparison.ts';

// Issue 8 §1 (DOMAIN.md §10): 达到/不少于/以上 → ≥, 控制在…以内 → ≤, otherwise =.
describe('comparisonOf', () => {
  it('reads at-least words before the number and 以上 after it', () => {
    expect(comparisonOf('全县森林覆盖率稳定保持在', '以上，林业')).toBe('>=');
    expect(comparisonOf('全县管护责任覆盖率达', '。')).toBe('>=');
    expect(comparisonOf('义务植树尽责率达到', '以上')).toBe('>=');
    expect(comparisonOf('每周巡林不少于', '')).toBe('>=');
    expect(comparisonOf('主要造林树种良种使用率不低于', '')).toBe('>=');
    expect(comparisonOf('新增造林超过', '')).toBe('>=');
  });
  it('reads at-most words', () => {
    expect(comparisonOf('全县林业有害生物成灾率控制在国家下达的指标', '范围内')).toBe('<=');
    expect(comparisonOf('森林火灾受害率控制在', '以内')).toBe('<=');
    expect(comparisonOf('案件发生率不超过', '')).toBe('<=');
    expect(comparisonOf('发生率不高于', '')).toBe('<=');
    expect(comparisonOf('', '以下')).toBe('<=');
  });
  it('does not read 下达 as 达', () => {
    expect(comparisonOf('完成国家下达的任务', '')).toBe('=');
  });
  it('reads a plain number as exact, and 力争 / 确保 do not change that', () => {
    expect(comparisonOf('实施营造林任务', '。')).toBe('=');
    expect(comparisonOf('确保完成营造林', '')).toBe('=');
    expect(comparisonOf('力争完成油茶新造', '')).toBe('=');
    expect(comparisonOf('力争森林覆盖率达到', '')).toBe('>=');
  });
  it('reads 余/多 after a number as at least', () => {
    expect(comparisonOf('选聘护林员', '', true)).toBe('>=');
  });
});

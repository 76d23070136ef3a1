import { describe, expect, it } from 'vitest';
import { treeGrade } from './ancient-trees.ts';

// LY/T 2738-2016 / 全国绿化委员会 2016: 一级 ≥ 500 年, 二级 300–499 年, 三级 100–299 年; 名木 whatever its age.
describe('treeGrade', () => {
  it('grades by estimated age at the published boundaries', () => {
    expect([99, 100, 299, 300, 499, 500, 1200].map((a) => treeGrade(a, false))).toEqual([null, 'grade3', 'grade3', 'grade2', 'grade2', 'grade1', 'grade1']);
  });
  it('registers a famous tree as 名木 whatever its age, and an unknown age as ungraded', () => {
    expect(treeGrade(40, true)).toBe('famous');
    expect(treeGrade(null, true)).toBe('famous');
    expect(treeGrade(null, false)).toBeNull();
  });
});

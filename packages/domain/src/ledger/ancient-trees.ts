// Issue 5 §5: the register of ancient and famous trees (古树名木). Grades follow the national rules — 全国绿化委员会
// 《关于进一步加强古树名木保护管理的意见》(2016) and LY/T 2738-2016 《古树名木普查技术规范》: a tree of 500 years or
// more is a 一级古树, 300–499 years 二级, 100–299 years 三级; a 名木 (famous tree: historic, commemorative or rare)
// is registered as such whatever its age.

export const treeGrades = ['grade1', 'grade2', 'grade3', 'famous'] as const;
export type TreeGrade = (typeof treeGrades)[number];
export const treeGradeNames: Record<TreeGrade, string> = { grade1: '一级古树', grade2: '二级古树', grade3: '三级古树', famous: '名木' };

export const treeHealth = ['good', 'fair', 'poor', 'dying', 'dead'] as const;
export type TreeHealth = (typeof treeHealth)[number];
export const treeHealthNames: Record<TreeHealth, string> = { good: '正常', fair: '衰弱', poor: '严重衰弱', dying: '濒危', dead: '死亡' };

/** The grade of a tree, or null when it is neither old enough (under 100 years) nor famous. */
export function treeGrade(estimatedAge: number | null, famous: boolean): TreeGrade | null {
  if (famous) return 'famous';
  if (estimatedAge === null || !Number.isFinite(estimatedAge)) return null;
  if (estimatedAge >= 500) return 'grade1';
  if (estimatedAge >= 300) return 'grade2';
  if (estimatedAge >= 100) return 'grade3';
  return null;
}

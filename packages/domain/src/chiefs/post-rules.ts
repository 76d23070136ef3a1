import type { UnitLevel } from '../units/unit-code.ts';

// DOMAIN.md §1: chief levels 区县级 → 镇街级 → 村级, plus 国有林场林长; "一长三员" at village grid level.
export const postRoles = ['chief', 'ranger', 'supervisor', 'instructor'] as const;
export type PostRole = (typeof postRoles)[number];
export const postLevels = ['county', 'town', 'village', 'forest_farm'] as const;
export type PostLevel = (typeof postLevels)[number];

export const postRoleNames: Record<PostRole, string> = { chief: '林长', ranger: '护林员', supervisor: '监管员', instructor: '指导员' };
export const postLevelNames: Record<PostLevel, string> = {
  county: '区县级',
  town: '镇街级',
  village: '村级',
  forest_farm: '国有林场',
};

export interface PostCandidate {
  role: PostRole;
  level: PostLevel;
  unitLevel: UnitLevel;
  organisationKind: string | null; // kind of the linked organisation, if any
  termStart: string; // YYYY-MM-DD
  termEnd: string | null;
}

export interface PostFinding {
  field: 'level' | 'unitCode' | 'organisationId' | 'termEnd' | 'termStart';
  message: string;
}

const isCalendarDate = (d: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
};

/** The findings that make a post inconsistent (empty = fine). */
export function checkPost(post: PostCandidate): PostFinding[] {
  const findings: PostFinding[] = [];
  if (post.role !== 'chief' && post.level !== 'village' && post.level !== 'forest_farm') {
    findings.push({ field: 'level', message: '护林员、监管员、指导员设在村级或国有林场' });
  }
  if (post.level === 'forest_farm') {
    if (post.organisationKind !== 'forest_farm') findings.push({ field: 'organisationId', message: '国有林场的岗位须关联一个国有林场' });
  } else if (post.level !== post.unitLevel) {
    findings.push({ field: 'unitCode', message: `${postLevelNames[post.level]}岗位须设在${postLevelNames[post.level].replace('级', '')}一级的区划` });
  }
  if (!isCalendarDate(post.termStart)) findings.push({ field: 'termStart', message: '日期无效' });
  if (post.termEnd !== null) {
    if (!isCalendarDate(post.termEnd)) findings.push({ field: 'termEnd', message: '日期无效' });
    else if (post.termEnd < post.termStart) findings.push({ field: 'termEnd', message: '任期结束不能早于开始' });
  }
  return findings;
}

import { err, ok, type Result } from '../result.ts';

// DOMAIN.md §3 administrative codes: 12-digit statistical division codes (6 county + 3 town + 3 village);
// a county is its 6 digits + 000000, a town its 9 digits + 000.
export type UnitLevel = 'province' | 'county' | 'town' | 'village';

/**
 * A code as users type it (6, 9 or 12 digits) as the stored 12 digits, or the problem in words. Codes whose
 * lower segments are set under an empty higher one (500242000123) have no place in the tree and are refused.
 */
export function normaliseUnitCode(input: string): Result<string> {
  const code = input.trim();
  if (code === '') return err('行政区划代码不能为空');
  if (!/^\d+$/.test(code)) return err('行政区划代码只能由半角数字 0–9 组成');
  if (code.length !== 6 && code.length !== 9 && code.length !== 12) return err(`行政区划代码应为 6、9 或 12 位数字，收到 ${code.length} 位`);
  const full = code.padEnd(12, '0');
  if (full.startsWith('00')) return err('行政区划代码的省级段（前 2 位）不能为 00');
  if (full.slice(2, 6) === '0000' && full.slice(6) !== '000000') return err('区县段（第 3–6 位）为 0000 时，乡镇段和村段也应为 0');
  if (full.slice(6, 9) === '000' && full.slice(9) !== '000') return err('乡镇段（第 7–9 位）为 000 时，村段（第 10–12 位）也应为 000');
  return ok(full);
}

export function unitLevelOf(code: string): UnitLevel {
  if (code.endsWith('0000000000')) return 'province';
  if (code.endsWith('000000')) return 'county';
  if (code.endsWith('000')) return 'town';
  return 'village';
}

export function parentCodeOf(code: string): string | null {
  switch (unitLevelOf(code)) {
    case 'province':
      return null;
    case 'county':
      return `${code.slice(0, 2)}0000000000`;
    case 'town':
      return `${code.slice(0, 6)}000000`;
    case 'village':
      return `${code.slice(0, 9)}000`;
  }
}

const prefixLength: Record<UnitLevel, number> = { province: 2, county: 6, town: 9, village: 12 };

/** The code prefix shared by a unit and everything under it. */
export const scopePrefix = (code: string): string => code.slice(0, prefixLength[unitLevelOf(code)]);

/** True when `code` is the scope unit itself or lies in its subtree. */
export const isInScope = (code: string, scopeCode: string): boolean =>
  /^\d{12}$/.test(code) && code.startsWith(scopePrefix(scopeCode));

// NBS committee suffixes and the kind of place each names. A few rural committees are called 社区
// (綦江: 先锋社区村民委员会), and urban ones 新村 (桃园新村居民委员会), so the stem decides only when it
// already ends in the right word.
const committeeSuffixes: [suffix: string, kind: '村' | '社区'][] = [
  ['村民委员会', '村'],
  ['居民委员会', '社区'],
  ['村委会', '村'],
  ['居委会', '社区'],
];

/**
 * The name shown in the UI for an official NBS name (DOMAIN.md §3): 包家村村民委员会 → 包家村,
 * 赵庄街社区居民委员会 → 赵庄街社区, 多福巷社区居委会 → 多福巷社区; towns and counties keep their names.
 */
export function shortUnitName(officialName: string): string {
  const name = officialName.trim();
  for (const [suffix, kind] of committeeSuffixes) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue;
    const stem = name.slice(0, -suffix.length);
    if (stem.endsWith('社区') || (kind === '村' && stem.endsWith('村'))) return stem;
    return stem + kind;
  }
  return name;
}

export type UnitKind = '市' | '区' | '县' | '镇' | '乡' | '街道' | '村' | '社区' | '其他';

// 社区 before 区; 自治县 and 民族乡 end in 县 and 乡 like the others.
const kindsByEnding: UnitKind[] = ['街道', '社区', '市', '区', '县', '镇', '乡', '村'];

/** The kind of unit a (short) name ends with, e.g. 酉阳土家族苗族自治县 → 县, 赵庄街社区 → 社区. */
export const unitKindOf = (name: string): UnitKind => kindsByEnding.find((k) => name.trim().endsWith(k)) ?? '其他';

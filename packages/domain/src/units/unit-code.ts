import { err, ok, type Result } from '../result.ts';

// DOMAIN.md §3 administrative codes: 12-digit statistical division codes (6 county + 3 town + 3 village);
// a county is its 6 digits + 000000, a town its 9 digits + 000.
export type UnitLevel = 'province' | 'county' | 'town' | 'village';

export function normaliseUnitCode(input: string): Result<string> {
  const code = input.trim();
  if (!/^\d+$/.test(code)) return err('行政区划代码应为 6、9 或 12 位数字');
  if (code.length === 6) return ok(`${code}000000`);
  if (code.length === 9) return ok(`${code}000`);
  if (code.length === 12) return ok(code);
  return err('行政区划代码应为 6、9 或 12 位数字');
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

/**
 * The name shown in the UI for an official NBS name (DOMAIN.md §3): 包家村村民委员会 → 包家村,
 * 赵庄街社区居民委员会 → 赵庄街社区; towns and counties keep their names.
 */
export function shortUnitName(officialName: string): string {
  const name = officialName.trim();
  const rules: [RegExp, string][] = [
    [/村村民委员会$/, '村'],
    [/村民委员会$/, '村'],
    [/社区居民委员会$/, '社区'],
    [/居民委员会$/, '社区'],
    [/社区居委会$/, '社区'],
    [/居委会$/, '社区'],
    [/村委会$/, '村'],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(name)) return name.replace(pattern, replacement);
  }
  return name;
}

export type UnitKind = '市' | '区' | '县' | '镇' | '乡' | '街道' | '村' | '社区' | '其他';

export function unitKindOf(name: string): UnitKind {
  const kinds: UnitKind[] = ['街道', '社区', '市', '区', '县', '镇', '乡', '村'];
  return kinds.find((k) => name.endsWith(k)) ?? '其他';
}

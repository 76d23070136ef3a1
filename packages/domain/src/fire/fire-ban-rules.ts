// DOMAIN.md §5 fire bans: "suggested automatically when the level ≥ 4 for N days (configurable)". Neither the
// level nor N is fixed by a published source for Chongqing, so both are versioned rules [U].

/** When the fire danger of the day makes the system suggest a 禁火令 (rule kind `fire_ban_rules`). */
export interface FireBanRules {
  /** A day counts towards a ban when an area's level is at least this (1–5, QX/T 77-2007 levels). */
  minLevel: number;
  /** …for at least this many consecutive days. */
  minDays: number;
  /** Forecast days count too (a ban is issued ahead of the danger, not after it). */
  includeForecast: boolean;
  source: string;
}

export const defaultFireBanRules: FireBanRules = {
  minLevel: 4,
  minDays: 3,
  includeForecast: true,
  source: '默认值（未确认）：DOMAIN.md §5 规定火险等级 ≥ 4 持续 N 天时建议发布禁火令，N 由区县配置',
};

/** What is wrong with a proposed set of fire-ban rules (empty = fine). */
export function checkFireBanRules(rules: FireBanRules): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!Number.isInteger(rules.minLevel) || rules.minLevel < 1 || rules.minLevel > 5) out.push({ path: '/minLevel', message: '火险等级应为 1–5 的整数' });
  if (!Number.isInteger(rules.minDays) || rules.minDays < 1 || rules.minDays > 60) out.push({ path: '/minDays', message: '连续天数应为 1–60 的整数' });
  if (typeof rules.includeForecast !== 'boolean') out.push({ path: '/includeForecast', message: '应为是或否' });
  if (!rules.source?.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}

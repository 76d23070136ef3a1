import type { ForestEntryRules } from './forest-entry-rules.ts';

// DOMAIN.md §5 扫码入林: registration checks and what rangers see of the people inside.

/** A mainland China mobile number: 11 digits starting 1[3-9] (numbering plan of MIIT). */
export const mainlandMobile = /^1[3-9]\d{9}$/;

/** A phone as rangers see it: 138****5678. */
export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

export type Overstay = 'after_dark' | 'too_long';
export const overstayNames: Record<Overstay, string> = { after_dark: '天黑未出林', too_long: '超时未出林' };

/** Why a visitor still inside at `now` overstays, or null: over `maxHours`, or past `darkAfter` on the day they entered (or any later day). */
export function overstayOf(enteredAt: string, now: string, rules: Pick<ForestEntryRules, 'maxHours' | 'darkAfter'>): Overstay | null {
  const entered = Date.parse(enteredAt);
  const at = Date.parse(now);
  if (at - entered > rules.maxHours * 3_600_000) return 'too_long';
  const day = new Date(entered + 8 * 3_600_000).toISOString().slice(0, 10);
  const dark = Date.parse(`${day}T${rules.darkAfter}:00+08:00`);
  if (at >= dark && entered < dark) return 'after_dark';
  if (at >= dark + 86_400_000) return 'after_dark';
  return null;
}

/** The moment before which entries lose their personal data (retention counted in whole days from entry). */
export const entryPurgeBefore = (asOf: string, rules: Pick<ForestEntryRules, 'retentionDays'>): string =>
  new Date(Date.parse(asOf) - rules.retentionDays * 86_400_000).toISOString();

import { describe, expect, it } from 'vitest';
import { entryPurgeBefore, mainlandMobile, maskPhone, overstayOf } from './forest-entry.ts';
import { checkForestEntryRules, defaultForestEntryRules } from './forest-entry-rules.ts';

// DOMAIN.md §5 扫码入林 (registration, fire-safety notice, check-out; rangers see who is inside).
describe('forest entry (DOMAIN.md §5 扫码入林)', () => {
  it('accepts mainland mobile numbers only and masks them for rangers', () => {
    expect(mainlandMobile.test('13812345678')).toBe(true);
    expect(mainlandMobile.test('12812345678')).toBe(false);
    expect(mainlandMobile.test('1381234567')).toBe(false);
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('flags a visitor inside after dark on the day of entry, or over the hours', () => {
    const rules = { maxHours: 8, darkAfter: '19:00' };
    expect(overstayOf('2026-03-01T01:00:00Z', '2026-03-01T08:00:00Z', rules)).toBeNull(); // 09:00 → 16:00 Shanghai
    expect(overstayOf('2026-03-01T06:00:00Z', '2026-03-01T11:30:00Z', rules)).toBe('after_dark'); // 14:00 → 19:30
    expect(overstayOf('2026-03-01T00:00:00Z', '2026-03-01T09:00:00Z', rules)).toBe('too_long'); // 9 h
  });

  it('purges personal data older than the retention days, and checks the rule', () => {
    expect(entryPurgeBefore('2026-07-01T00:00:00Z', { retentionDays: 180 })).toBe('2026-01-02T00:00:00.000Z');
    expect(checkForestEntryRules(defaultForestEntryRules)).toEqual([]);
    expect(checkForestEntryRules({ ...defaultForestEntryRules, darkAfter: '7pm', retentionDays: 0 }).map((f) => f.path)).toEqual(['/retentionDays', '/darkAfter']);
  });
});

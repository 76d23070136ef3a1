import { describe, expect, it } from 'vitest';
import { addMonths, isCalendarDate, isoWeekday, monthInWindow, shanghaiDate, shanghaiInstant } from './shanghai-dates.ts';

// DOMAIN.md (conventions): dates in Asia/Shanghai, UTC+8 without daylight saving.
describe('Shanghai dates', () => {
  it('converts between instants and Shanghai dates and wall-clock times', () => {
    expect(shanghaiDate('2026-03-02T15:59:59Z')).toBe('2026-03-02');
    expect(shanghaiDate('2026-03-02T16:00:00Z')).toBe('2026-03-03');
    expect(shanghaiInstant('2026-03-02', '15:00')).toBe('2026-03-02T07:00:00.000Z');
    expect(shanghaiInstant('2026-03-02', '24:00')).toBe('2026-03-02T16:00:00.000Z');
  });
  it('adds months clamping to the month end, knows weekdays and wrapping month windows', () => {
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect([10, 11, 1, 4, 5].map((m) => monthInWindow(m, { startMonth: 11, endMonth: 4 }))).toEqual([false, true, true, true, false]);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });
});

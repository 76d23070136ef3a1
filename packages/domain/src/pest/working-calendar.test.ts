import { describe, expect, it } from 'vitest';
import { addWorkingDays, checkWorkingCalendar, chinaWorkingCalendar2024to2026 as cal, isWorkingDay } from './working-calendar.ts';

// DOMAIN.md §6 Lab "5 working days", counted on the State Council holiday arrangements 2024–2026.
describe('working calendar 2024–2026', () => {
  it('knows the holidays and the weekend working days (调休) of each year', () => {
    expect(isWorkingDay('2024-02-12', cal)).toBe(false); // 2024 春节, a Monday
    expect(isWorkingDay('2024-02-18', cal)).toBe(true); // 2024 春节调休, a Sunday
    expect(isWorkingDay('2025-01-28', cal)).toBe(false); // 2025 除夕, a holiday from 2025 on
    expect(isWorkingDay('2025-10-08', cal)).toBe(false); // 2025 国庆·中秋 8 days
    expect(isWorkingDay('2025-10-11', cal)).toBe(true);
    expect(isWorkingDay('2026-01-04', cal)).toBe(true); // 2026 元旦调休, a Sunday
    expect(isWorkingDay('2026-02-23', cal)).toBe(false); // 2026 春节 9 days, ends Monday 23rd
    expect(isWorkingDay('2026-02-28', cal)).toBe(true);
    expect(isWorkingDay('2026-06-06', cal)).toBe(false); // an ordinary Saturday
  });
  it('counts working days over a holiday and a 调休 Saturday', () => {
    // Received Thursday 2026-09-24: Fri 25 is 中秋, Sat–Sun; Mon 28, Tue 29, Wed 30 are days 1–3; 10-01..07 off;
    // Thu 10-08 day 4, Fri 10-09 day 5.
    expect(addWorkingDays('2026-09-24', 5, cal)).toEqual({ date: '2026-10-09', covered: true });
    // Received Friday 2026-10-09: Sat 10-10 is a 调休 working day (day 1).
    expect(addWorkingDays('2026-10-09', 1, cal)).toEqual({ date: '2026-10-10', covered: true });
  });
  it('says when the count runs past the years the data covers', () => {
    expect(addWorkingDays('2026-12-29', 5, cal)).toEqual({ date: '2027-01-05', covered: false });
  });
  it('ships data that passes its own check, and the check finds bad data', () => {
    expect(checkWorkingCalendar(cal)).toEqual([]);
    const bad = checkWorkingCalendar({ years: [2027], holidays: ['2027-02-30', '2026-01-01'], workdays: ['2027-01-04'], source: ' ' });
    expect(bad.map((f) => f.path)).toEqual(['/holidays/0', '/holidays/1', '/workdays/0', '/source']);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultFireBanRules } from './fire-ban-rules.ts';
import { outermostUnits, suggestFireBans, type DailyLevel } from './fire-ban-suggestion.ts';

// DOMAIN.md §5 "Fire bans: … suggested automatically when the level ≥ 4 for N days (configurable)".
const town = '500242101000';
const village = '500242101200';
const other = '500242102000';
const day = (unitCode: string, date: string, level: number, forecast = false): DailyLevel => ({ unitCode, date, level, forecast });

describe('suggestFireBans (DOMAIN.md §5, level ≥ 4 for 3 days by default)', () => {
  it('suggests nothing for two days at level 4, and one suggestion for three', () => {
    expect(suggestFireBans([day(town, '2026-03-01', 4), day(town, '2026-03-02', 5), day(town, '2026-03-03', 3)], defaultFireBanRules)).toEqual([]);
    const [s, ...rest] = suggestFireBans([day(town, '2026-03-01', 4), day(town, '2026-03-02', 5), day(town, '2026-03-03', 4), day(town, '2026-03-04', 2)], defaultFireBanRules);
    expect(rest).toEqual([]);
    expect(s).toEqual({
      startsOn: '2026-03-01', endsOn: '2026-03-03', unitCodes: [town], peakLevel: 5,
      days: [{ date: '2026-03-01', level: 4, areas: 1, forecast: false }, { date: '2026-03-02', level: 5, areas: 1, forecast: false }, { date: '2026-03-03', level: 4, areas: 1, forecast: false }],
    });
  });

  it('needs the days to be consecutive: a gap breaks the run', () => {
    expect(suggestFireBans([day(town, '2026-03-01', 4), day(town, '2026-03-02', 4), day(town, '2026-03-04', 4), day(town, '2026-03-05', 4)], defaultFireBanRules)).toEqual([]);
  });

  it('merges overlapping runs of different areas into one suggestion and keeps separate spells apart', () => {
    const levels = [
      ...['2026-03-01', '2026-03-02', '2026-03-03'].map((d) => day(town, d, 4)),
      ...['2026-03-03', '2026-03-04', '2026-03-05'].map((d) => day(other, d, 5)),
      ...['2026-03-20', '2026-03-21', '2026-03-22'].map((d) => day(other, d, 4)),
    ];
    const out = suggestFireBans(levels, defaultFireBanRules);
    expect(out.map((s) => [s.startsOn, s.endsOn, s.unitCodes])).toEqual([['2026-03-01', '2026-03-05', [town, other]], ['2026-03-20', '2026-03-22', [other]]]);
    expect(out[0]!.days.find((d) => d.date === '2026-03-03')).toEqual({ date: '2026-03-03', level: 5, areas: 2, forecast: false });
  });

  it('lists a village under its town once, follows the configured threshold and leaves forecasts out when told', () => {
    const levels = ['2026-03-01', '2026-03-02'].flatMap((d) => [day(town, d, 3, true), day(village, d, 3, true)]);
    expect(suggestFireBans(levels, { ...defaultFireBanRules, minLevel: 3, minDays: 2 })[0]!.unitCodes).toEqual([town]);
    expect(suggestFireBans(levels, { ...defaultFireBanRules, minLevel: 3, minDays: 2 })[0]!.days[0]!.forecast).toBe(true);
    expect(suggestFireBans(levels, { ...defaultFireBanRules, minLevel: 3, minDays: 2, includeForecast: false })).toEqual([]);
    expect(outermostUnits([village, town, village])).toEqual([town]);
  });
});

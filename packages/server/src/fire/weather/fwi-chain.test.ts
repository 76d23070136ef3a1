import { describe, expect, it } from 'vitest';
import { defaultFwiStart, fwiDay } from '@linzhang/domain';
import { addDays, runFwiChain } from './fwi-chain.ts';

// DOMAIN.md §5: each day's FFMC/DMC/DC carry over to the next (Van Wagner 1987), start-up 85/6/15; our rule that
// a day without an observation (or the season's start date) starts the chain again from the start-up codes.
const station = { start: defaultFwiStart, seasonStart: '03-01', latitude: 28.8 };
const w = (temp: number, rh: number, ws: number, prec: number) => ({ temp, rh, ws, prec });

describe('FWI season chain', () => {
  it('moves dates by whole days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('carries the moisture codes from day to day, starting from 85/6/15 (the published row: 17 °C, 42 %, 25 km/h, 0 mm, lat 40, April)', () => {
    const days = runFwiChain({ ...station, latitude: 40 }, null, [{ date: '2026-04-01', weather: w(17, 42, 25, 0) }, { date: '2026-04-02', weather: w(20, 21, 25, 2.4) }]);
    expect(days[0]).toMatchObject({ restarted: true });
    expect(days[0]!.ffmc).toBeCloseTo(87.6494, 3);
    expect(days[0]!.fwi).toBeCloseTo(10.0362, 3);
    const second = fwiDay({ ffmc: days[0]!.ffmc, dmc: days[0]!.dmc, dc: days[0]!.dc }, w(20, 21, 25, 2.4), 4, 40);
    expect(days[1]).toMatchObject({ ...second, restarted: false });
  });

  it('restarts from the start-up codes after a day without an observation and on the season start date', () => {
    const days = runFwiChain(station, null, [
      { date: '2026-02-27', weather: w(18, 30, 10, 0) }, { date: '2026-02-28', weather: w(19, 28, 10, 0) },
      { date: '2026-03-01', weather: w(19, 28, 10, 0) }, { date: '2026-03-02', weather: w(19, 28, 10, 0) },
      { date: '2026-03-04', weather: w(19, 28, 10, 0) },
    ]);
    expect(days.map((d) => d.restarted)).toEqual([true, false, true, false, true]);
    const fresh = fwiDay(defaultFwiStart, w(19, 28, 10, 0), 3, 28.8);
    expect(days[2]).toMatchObject(fresh);
    expect(days[4]).toMatchObject(fresh);
    expect(days[3]!.dmc).toBeGreaterThan(days[2]!.dmc);
  });

  it('continues from the computed day before the first recomputed one', () => {
    const before = { date: '2026-04-09', codes: { ffmc: 90, dmc: 40, dc: 200 } };
    const [day] = runFwiChain(station, before, [{ date: '2026-04-10', weather: w(22, 35, 15, 0) }]);
    expect(day).toMatchObject({ ...fwiDay(before.codes, w(22, 35, 15, 0), 4, 28.8), restarted: false });
  });
});

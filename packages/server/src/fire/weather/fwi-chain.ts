import { fwiDay, type FireWeather, type FwiCodes, type FwiResult } from '@linzhang/domain';

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface ChainStation {
  start: FwiCodes; // the station's start-up codes
  seasonStart: string; // MM-DD: the chain starts afresh on this day every year
  latitude: number;
}

export interface ChainDay extends FwiResult {
  date: string;
  restarted: boolean; // yesterday's codes were the start-up values
}

/**
 * The FWI chain of one station over consecutive days (Van Wagner 1987: each day's moisture codes carry over to the
 * next). Our rule for a missing day: the chain cannot carry codes across a day without an observation, so the day
 * after a gap starts again from the station's start-up values — as it does on the season's start date and on the
 * first observation. `before` is the computed day just before `days[0]`, if any.
 */
export function runFwiChain(station: ChainStation, before: { date: string; codes: FwiCodes } | null, days: readonly { date: string; weather: FireWeather }[]): ChainDay[] {
  const out: ChainDay[] = [];
  let previous = before;
  for (const d of days) {
    const carry = previous && previous.date === addDays(d.date, -1) && d.date.slice(5) !== station.seasonStart;
    const codes = carry ? previous!.codes : station.start;
    const r = fwiDay(codes, d.weather, Number(d.date.slice(5, 7)), station.latitude);
    out.push({ date: d.date, restarted: !carry, ...r });
    previous = { date: d.date, codes: { ffmc: r.ffmc, dmc: r.dmc, dc: r.dc } };
  }
  return out;
}

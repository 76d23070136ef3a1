import { describe, expect, it } from 'vitest';
import { defaultFwiStart, type FwiCodes } from './fwi-codes.ts';
import { fwiDay } from './fwi-day.ts';
import { publishedFwiSeason } from './fixtures/cffdrs-fwi-01.ts';
import { relativeDifference } from './fixtures/published-fwi.test-helpers.ts';

const outputs = ['ffmc', 'dmc', 'dc', 'isi', 'bui', 'fwi', 'dsr'] as const;

describe('one FWI day, chained over a season (DOMAIN.md §5)', () => {
  it('starts from FFMC 85, DMC 6, DC 15', () => {
    expect(defaultFwiStart).toEqual({ ffmc: 85, dmc: 6, dc: 15 });
  });

  it('gives the DOMAIN.md §5 test row (latitude 40, April, 17 °C, 42 %, 25 km/h, 0 mm)', () => {
    const r = fwiDay(defaultFwiStart, { temp: 17, rh: 42, ws: 25, prec: 0 }, 4, 40);
    expect(r.ffmc).toBeCloseTo(87.6494, 4);
    expect(r.dmc).toBeCloseTo(8.54505, 5);
    expect(r.dc).toBeCloseTo(19.014, 6);
    expect(r.isi).toBeCloseTo(10.7762, 4);
    expect(r.bui).toBeCloseTo(8.49043, 5);
    expect(r.fwi).toBeCloseTo(10.0362, 4);
  });

  // The "done when": the whole published season, each day from our own yesterday (errors would
  // accumulate), matching to 4 significant figures. We reach the published 6: worst relative gap 4.2e-6.
  it('runs the 48-day cffdrs fwi_01 season from 85/6/15 and matches every published value to 6 significant figures', () => {
    let yesterday: FwiCodes = defaultFwiStart;
    let worst = 0;
    const season = publishedFwiSeason();
    expect(season).toHaveLength(48);
    for (const day of season) {
      const r = fwiDay(yesterday, day, day.mon, day.lat);
      for (const k of outputs) {
        const gap = relativeDifference(r[k], day[k]);
        worst = Math.max(worst, gap);
        expect(gap, `${day.mon}/${day.day} ${k}: ${r[k]} vs ${day[k]}`).toBeLessThan(1e-5);
      }
      yesterday = r;
    }
    expect(worst).toBeGreaterThan(0); // the comparison is against rounded figures, not against itself
  });
});

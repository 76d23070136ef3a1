import { describe, expect, it } from 'vitest';
import { fireKpis, type FireForKpi } from './fire-kpis.ts';

// DOMAIN.md §5 "Chongqing KPIs [C]: ordinary fires out within 24 h in > 95 % of cases; fire damage rate within 0.3‰".
const day = (d: number, h = 0) => new Date(Date.parse('2026-04-01T00:00:00.000Z') + (d * 24 + h) * 3_600_000).toISOString();
const fire = (over: Partial<FireForKpi>): FireForKpi => ({ status: 'out', discoveredAt: day(0), outAt: day(0, 3), forestBurnedHa: 0.2, ...over });

describe('fireKpis', () => {
  it('shares ordinary fires out within 24 h, leaving larger fires, false alarms and undecided fires out', () => {
    const k = fireKpis([
      fire({}), fire({ outAt: day(0, 24) }), fire({ outAt: day(1, 1) }), // 24 h exactly counts, 25 h does not
      fire({ forestBurnedHa: 12, outAt: day(3) }), // 较大: not an ordinary fire
      fire({ status: 'false_alarm', outAt: null, forestBurnedHa: null }),
      fire({ status: 'controlled', outAt: null, discoveredAt: day(9, 20) }), // burning 4 h at asOf: undecided
      fire({ status: 'arrived', outAt: null, discoveredAt: day(5) }), // burning for days: a miss
    ], 100_000, day(10));
    expect(k).toMatchObject({ fires: 6, ordinaryFires: 4, ordinaryOutWithin24h: 2, ordinaryUndecided: 1, shareOutWithin24h: 0.5, meetsOutWithin24h: false });
  });

  it('computes the damage rate in ‰ of the forest area and compares it with 0.3‰', () => {
    const k = fireKpis([fire({ forestBurnedHa: 12 }), fire({ forestBurnedHa: 3 })], 100_000, day(10));
    expect(k.burnedForestHa).toBe(15);
    expect(k.damageRatePermille).toBeCloseTo(0.15, 10);
    expect(k.meetsDamageRate).toBe(true);
    expect(fireKpis([fire({ forestBurnedHa: 40 })], 100_000, day(10)).meetsDamageRate).toBe(false); // 0.4‰
  });

  it('gives no share without decided ordinary fires and no rate without a forest area', () => {
    const k = fireKpis([], null, day(0));
    expect(k).toMatchObject({ shareOutWithin24h: null, meetsOutWithin24h: null, damageRatePermille: null, meetsDamageRate: null });
  });
});

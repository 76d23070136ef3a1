import { describe, expect, it } from 'vitest';
import { disasterRate } from './disaster-rate.ts';

// DOMAIN.md §6: 成灾率 (‰) = disaster area ÷ (forest area + 未成林 area) × 1000 [C]; host death → whole 小班 [C];
// target ≤ 2‰.
describe('disasterRate', () => {
  it('divides the disaster area by forest plus 未成林 area, in per mille', () => {
    const r = disasterRate({ forestAreaM2: 9_000_000, unforestedAreaM2: 1_000_000, parcels: [{ code: 'A', areaM2: 200_000, hostDeath: false, disasterAreaM2: 15_000 }] });
    expect(r.ok && r.value).toMatchObject({ disasterAreaM2: 15_000, baseAreaM2: 10_000_000, ratePerMille: 1.5, meetsTarget: true });
  });
  it('counts the whole 小班 where the host died, and compares with the target (2‰ met exactly)', () => {
    const input = { forestAreaM2: 9_000_000, unforestedAreaM2: 1_000_000, parcels: [{ code: 'A', areaM2: 20_000, hostDeath: true, disasterAreaM2: 300 }, { code: 'B', areaM2: 50_000, hostDeath: false, disasterAreaM2: 0 }] };
    expect(disasterRate(input).ok && disasterRate(input)).toMatchObject({ value: { disasterAreaM2: 20_000, ratePerMille: 2, meetsTarget: true, hostDeathParcels: 1 } });
    const worse = { ...input, parcels: [...input.parcels, { code: 'C', areaM2: 100, hostDeath: true, disasterAreaM2: 0 }] };
    const r = disasterRate(worse, { targetPerMille: 2 });
    expect(r.ok && r.value.meetsTarget).toBe(false);
  });
  it('returns findings for impossible areas', () => {
    const r = disasterRate({ forestAreaM2: 0, unforestedAreaM2: 0, parcels: [] });
    expect(!r.ok && r.error).toEqual([{ code: 'no_base', field: 'forestAreaM2', message: '有林地与未成林造林地面积之和应大于 0' }]);
    const bad = disasterRate({ forestAreaM2: -1, unforestedAreaM2: 0, parcels: [{ code: 'A', areaM2: 10, hostDeath: false, disasterAreaM2: 11 }] });
    expect(!bad.ok && bad.error.map((f) => f.field)).toEqual(['forestAreaM2', 'parcels/0/disasterAreaM2']);
  });
});

import { describe, expect, it } from 'vitest';
import { disasterParcels } from './disaster-parcels.ts';
import { disasterRate } from './disaster-rate.ts';

// DOMAIN.md §6: 成灾率 = disaster area ÷ (forest + 未成林) × 1000; host death → the whole 小班 [C].
describe('disasterParcels', () => {
  it('counts a 小班 once, whole where a host died, occurrences summed up to the 小班, loose occurrences by their own area', () => {
    const parcels = disasterParcels(
      [{ key: 'v1/001', areaM2: 30_000 }, { key: 'v1/001', areaM2: 30_000 }],
      [
        { id: 'o1', parcelKey: 'v1/001', parcelAreaM2: 30_000, disasterAreaM2: 2_000, hostDeath: false }, // inside the dead 小班: already whole
        { id: 'o2', parcelKey: 'v1/002', parcelAreaM2: 10_000, disasterAreaM2: 7_000, hostDeath: false },
        { id: 'o3', parcelKey: 'v1/002', parcelAreaM2: 10_000, disasterAreaM2: 6_000, hostDeath: false }, // 13,000 > 10,000: capped
        { id: 'o4', parcelKey: 'v1/003', parcelAreaM2: 8_000, disasterAreaM2: 100, hostDeath: true }, // caterpillars killed the host
        { id: 'o5', parcelKey: null, parcelAreaM2: null, disasterAreaM2: 1_500, hostDeath: false },
      ],
    );
    expect(parcels).toEqual([
      { code: 'v1/001', areaM2: 30_000, hostDeath: true, disasterAreaM2: 2_000 },
      { code: 'v1/002', areaM2: 10_000, hostDeath: false, disasterAreaM2: 10_000 },
      { code: 'v1/003', areaM2: 8_000, hostDeath: true, disasterAreaM2: 100 },
      { code: 'o5', areaM2: 1_500, hostDeath: false, disasterAreaM2: 1_500 },
    ]);
    // 30,000 + 10,000 + 8,000 + 1,500 = 49,500 m² of 20,000,000 m² → 2.475‰ > 2‰
    const r = disasterRate({ forestAreaM2: 19_000_000, unforestedAreaM2: 1_000_000, parcels });
    expect(r.ok && r.value).toMatchObject({ disasterAreaM2: 49_500, ratePerMille: 2.475, meetsTarget: false, hostDeathParcels: 2 });
  });
});

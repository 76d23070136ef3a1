import { describe, expect, it } from 'vitest';
import { checkPestOccurrence } from './pest-occurrence.ts';

// DOMAIN.md §6: other pests recorded with area and severity; host death → the whole 小班 counts, so it needs one.
describe('checkPestOccurrence', () => {
  const base = { pest: 'pine_caterpillar' as const, observedOn: '2026-05-01', areaM2: 20_000, disasterAreaM2: 5_000, hostDeath: false, parcelAreaM2: null };
  it('accepts a plain occurrence', () => expect(checkPestOccurrence(base, '2026-05-06')).toEqual([]));
  it('names each wrong field', () => {
    const r = checkPestOccurrence({ ...base, pest: 'other', observedOn: '2026-06-01', disasterAreaM2: 30_000, hostDeath: true }, '2026-05-06');
    expect(r.map((f) => [f.code, f.field])).toEqual([['pest_name', 'pestName'], ['future', 'observedOn'], ['exceeds_area', 'disasterAreaMu'], ['host_death_parcel', 'parcelId']]);
    expect(checkPestOccurrence({ ...base, parcelAreaM2: 10_000 }, '2026-05-06').map((f) => f.code)).toEqual(['exceeds_parcel']);
    expect(checkPestOccurrence({ ...base, areaM2: 0, disasterAreaM2: 0 }, '2026-05-06').map((f) => f.field)).toEqual(['areaMu']);
  });
});

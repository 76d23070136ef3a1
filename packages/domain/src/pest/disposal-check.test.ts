import { describe, expect, it } from 'vitest';
import { checkDisposal, clearingMode, type DisposalRecord } from './disposal-check.ts';
import { defaultPestRules } from './pest-rules.ts';

const good: DisposalRecord = {
  method: 'chipped', felledAt: '2026-12-03T01:00:00Z', disposedAt: '2026-12-05T06:00:00Z', stumpHeightCm: 4,
  chipSizeCm: 0.8, chipThicknessCm: 0.5, peelThicknessCm: null, fumigated: null, branchesTreated: true,
};
const codes = (r: Partial<DisposalRecord>) => checkDisposal({ ...good, ...r }).map((f) => `${f.code}:${f.field}`);

// DOMAIN.md §6 Felling: stumps ≤ 5 cm; chips ≤ 1 cm (thickness ≤ 0.6 cm); peeling < 0.3 cm; branches > 1 cm treated.
describe('checkDisposal limits', () => {
  it('accepts a disposal within every limit, the limits themselves included', () => {
    expect(checkDisposal(good)).toEqual([]);
    expect(codes({ stumpHeightCm: 5, chipSizeCm: 1, chipThicknessCm: 0.6 })).toEqual([]);
  });
  it('refuses a tree chipped to 2 cm, naming the field (issue 7 done-when)', () => {
    const f = checkDisposal({ ...good, chipSizeCm: 2 });
    expect(f).toMatchObject([{ code: 'too_coarse', field: 'chipSizeCm' }]);
    expect(f[0]?.message).toBe('粉碎粒径 2 cm，应不超过 1 cm');
  });
  it('refuses a high stump, thick chips, a peel of 0.3 cm, untreated branches and an unfumigated mesh', () => {
    expect(codes({ stumpHeightCm: 5.5, chipThicknessCm: 0.7, branchesTreated: false })).toEqual(['too_high:stumpHeightCm', 'too_thick:chipThicknessCm', 'branches_untreated:branchesTreated']);
    expect(codes({ method: 'peeled', chipSizeCm: null, chipThicknessCm: null, peelThicknessCm: 0.3 })).toEqual(['too_thick:peelThicknessCm']);
    expect(codes({ method: 'peeled', peelThicknessCm: 0.29 })).toEqual([]);
    expect(codes({ method: 'mesh_fumigated', fumigated: false })).toEqual(['not_fumigated:fumigated']);
    expect(codes({ method: 'burned', chipSizeCm: null, chipThicknessCm: null })).toEqual([]);
  });
  it('asks for the measurements a method needs', () => {
    expect(codes({ stumpHeightCm: null, chipSizeCm: null })).toEqual(['missing:stumpHeightCm', 'missing:chipSizeCm']);
  });
});

// DOMAIN.md §6 Felling: centralised clearing Nov–Apr; 即死即清 outside it (chip or burn the same day).
describe('checkDisposal timing', () => {
  it('requires same-day disposal (Shanghai date) outside the centralised-clearing window', () => {
    expect(clearingMode('2026-07-15')).toEqual({ mode: 'same_day', disposeBy: '2026-07-15' });
    expect(codes({ felledAt: '2026-07-15T01:00:00Z', disposedAt: '2026-07-15T15:00:00Z' })).toEqual([]); // 23:00 Shanghai
    expect(codes({ felledAt: '2026-07-15T01:00:00Z', disposedAt: '2026-07-15T16:30:00Z' })).toEqual(['not_same_day:disposedAt']); // 00:30 next day
  });
  it('lets centralised clearing wait until the window closes, across the year end', () => {
    expect(clearingMode('2026-11-20')).toEqual({ mode: 'centralised', disposeBy: '2027-04-30' });
    expect(clearingMode('2027-02-01')).toEqual({ mode: 'centralised', disposeBy: '2027-04-30' });
    expect(codes({ felledAt: '2026-12-03T01:00:00Z', disposedAt: '2027-04-30T10:00:00Z' })).toEqual([]);
    expect(codes({ felledAt: '2026-12-03T01:00:00Z', disposedAt: '2027-05-02T01:00:00Z' })).toEqual(['after_window:disposedAt']);
  });
  it('follows a configured window and refuses a disposal before the felling', () => {
    const rules = { ...defaultPestRules.disposal, centralisedClearing: { startMonth: 10, endMonth: 3 } };
    expect(clearingMode('2026-04-10', rules).mode).toBe('same_day');
    expect(clearingMode('2026-10-10', rules).mode).toBe('centralised');
    expect(codes({ disposedAt: '2026-12-02T01:00:00Z' })).toEqual(['disposed_before_felled:disposedAt']);
  });
});


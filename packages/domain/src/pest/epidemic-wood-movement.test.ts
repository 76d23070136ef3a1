import { describe, expect, it } from 'vitest';
import { epidemicWoodMovementRefusals, isPineProduct, type WoodMovementConsignment } from './epidemic-wood-movement.ts';

// DOMAIN.md §6 (《松材线虫病防治技术方案（2022年版）》): no movement of pine wood out of an epidemic point (疫点)
// without 除害处理; §4: logging in an epidemic point needs the pest approval.
const LONGTAN = '500242101000';
const points = [{ unitCode: LONGTAN, declaredOn: '2025-10-01', removedOn: '2026-06-01' }];
const c = (over: Partial<WoodMovementConsignment> = {}): WoodMovementConsignment => ({
  product: 'pine_logs', originTownCode: LONGTAN, originTownName: '龙潭镇', treatment: 'none', permit: null, ...over,
});

describe('epidemicWoodMovementRefusals', () => {
  it('refuses untreated pine wood from an epidemic-point town on the shipping date', () => {
    const r = epidemicWoodMovementRefusals('2026-03-02', [c({ product: 'other_wood' }), c()], points);
    expect(r).toEqual([{ code: 'epidemic_untreated', field: 'consignments/1/treatment', message: '第 2 批松原木产自松材线虫病疫点（龙潭镇），2026-03-02 调运前须经除害处理（热处理、熏蒸或粉碎），未处理的不得调出' }]);
  });
  it('lets treated pine wood go, and pine wood from a town that is not (or no longer) an epidemic point', () => {
    expect(epidemicWoodMovementRefusals('2026-03-02', [c({ treatment: 'heat' }), c({ treatment: 'fumigation', product: 'pine_packaging' })], points)).toEqual([]);
    expect(epidemicWoodMovementRefusals('2025-09-30', [c()], points)).toEqual([]); // before the declaration
    expect(epidemicWoodMovementRefusals('2026-06-01', [c()], points)).toEqual([]); // removed that day
    expect(epidemicWoodMovementRefusals('2026-03-02', [c({ originTownCode: '500242102000' })], points)).toEqual([]);
  });
  it('refuses wood cut under a permit in the epidemic point without the pest approval, treated or not', () => {
    const r = epidemicWoodMovementRefusals('2026-03-02', [c({ treatment: 'heat', permit: { permitNo: '500242-2026-0001', pestApproval: null } }), c({ treatment: 'heat', permit: { permitNo: '500242-2026-0002', pestApproval: '酉林检〔2026〕8号' } })], points);
    expect(r.map((f) => [f.code, f.field])).toEqual([['permit_without_approval', 'consignments/0/permitNo']]);
  });
  it('counts every pine product as host material and nothing else', () => {
    expect(['pine_logs', 'pine_chips', 'pine_branches'].every((p) => isPineProduct(p as 'pine_logs'))).toBe(true);
    expect(isPineProduct('bamboo') || isPineProduct('other_wood') || isPineProduct('seedlings')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { convertQuantity, targetProgress } from './target-progress.ts';

// DOMAIN.md §10: the plan's quantities (营造林 18.2万亩, 生态护林员 3000名, 森林覆盖率 ≥ 64.1%, 成灾率 ≤ 2‰,
// 视频监控点位 82个) against what has been done.
describe('convertQuantity', () => {
  it('converts within a kind and refuses across kinds', () => {
    expect(convertQuantity(60_000, '亩', '万亩')).toBe(6);
    expect(convertQuantity(18.2, '万亩', '亩')).toBeCloseTo(182_000, 6);
    expect(convertQuantity(100, '公顷', '亩')).toBe(1500); // 1 公顷 = 15 亩
    expect(convertQuantity(2500, '米', '公里')).toBe(2.5);
    expect(convertQuantity(2, '‰', '%')).toBeCloseTo(0.2, 9);
    expect(convertQuantity(82, '个', '个')).toBe(82);
    expect(convertQuantity(3, '个', '套')).toBeNull();
    expect(convertQuantity(3, '亩', '个')).toBeNull();
    expect(convertQuantity(3000, '名', '人')).toBe(3000);
  });
});

describe('targetProgress', () => {
  const plan = { year: 2024, today: '2024-07-01' };
  it('an amount in 万亩 against progress in 亩: on track at its share of the year, behind under it', () => {
    // 1 Jan – 1 Jul 2024 is 183 of 366 days: 18.2 × 183/366 = 9.1 万亩 expected.
    const onTrack = targetProgress({ ...plan, op: '=', value: 18.2, unit: '万亩', current: 95_000, currentUnit: '亩' });
    expect(onTrack).toEqual({ current: 9.5, share: 0.522, expected: 9.1, status: 'on_track' });
    expect(targetProgress({ ...plan, op: '=', value: 18.2, unit: '万亩', current: 60_000, currentUnit: '亩' }).status).toBe('behind');
    expect(targetProgress({ ...plan, op: '=', value: 18.2, unit: '万亩', current: 190_000, currentUnit: '亩' }).status).toBe('met');
    expect(targetProgress({ ...plan, today: '2025-01-05', op: '=', value: 18.2, unit: '万亩', current: 170_000, currentUnit: '亩' }).status).toBe('not_met');
  });
  it('a floor rate is met at or above it and behind under it, without a pace', () => {
    expect(targetProgress({ ...plan, op: '>=', value: 64.1, unit: '%', current: 64.1, currentUnit: '%' }).status).toBe('met');
    expect(targetProgress({ ...plan, op: '>=', value: 64.1, unit: '%', current: 63.9, currentUnit: '%' })).toMatchObject({ status: 'behind', expected: null });
  });
  it('a ceiling (控制在2‰以内) is met at or under it, not met over it once due', () => {
    expect(targetProgress({ ...plan, op: '<=', value: 2, unit: '‰', current: 1.4, currentUnit: '‰' })).toEqual({ current: 1.4, share: null, expected: null, status: 'met' });
    expect(targetProgress({ ...plan, op: '<=', value: 2, unit: '‰', current: 2.3, currentUnit: '‰' }).status).toBe('behind');
    expect(targetProgress({ ...plan, today: '2025-01-01', op: '<=', value: 2, unit: '‰', current: 2.3, currentUnit: '‰' }).status).toBe('not_met');
  });
  it('says when there is nothing yet, or the units cannot be compared', () => {
    expect(targetProgress({ ...plan, op: '=', value: 82, unit: '个', current: null, currentUnit: '个' }).status).toBe('unknown');
    expect(targetProgress({ ...plan, op: '=', value: 82, unit: '个', current: 12, currentUnit: '公里' }).status).toBe('incompatible');
  });
  it('uses the due date written in the task instead of the year end', () => {
    // Due 30 June: on 1 July an unmet amount is not met.
    expect(targetProgress({ ...plan, dueOn: '2024-06-30', op: '=', value: 3000, unit: '名', current: 2990, currentUnit: '名' }).status).toBe('not_met');
    expect(targetProgress({ ...plan, dueOn: '2024-06-30', op: '=', value: 3000, unit: '名', current: 3000, currentUnit: '人' }).status).toBe('met');
  });
});

import { describe, expect, it } from 'vitest';
import { batchActionRefusal, compensationRate, fenToYuan, lineAmountFen, maskIdNumber, postingEnds } from './compensation.ts';

// DOMAIN.md §8: 16 元/亩/年 for public-welfare forest (Chongqing 2023), publicly posted for 7 days; rates a table
// per year and category.
describe('compensation', () => {
  it('pays 16 元/亩 on 重点 and 一般公益林 by default, a year’s table when set, and nothing on 商品林', () => {
    expect(compensationRate(null, '11')).toBe(1600);
    expect(compensationRate(null, '12')).toBe(1600);
    expect(compensationRate(null, '21')).toBeNull();
    expect(compensationRate({ '11': 1800, '12': 1500 }, '12')).toBe(1500);
    expect(compensationRate({ '11': 1800 }, '12')).toBeNull();
  });
  it('computes a line in 分 from the exact 亩 and rounds once, half up', () => {
    expect(lineAmountFen(10_000 / 15, 1600)).toBe(1600); // exactly 1 亩
    expect(lineAmountFen(100_000, 1600)).toBe(240_000); // 150 亩 × 16 元 = 2,400.00 元
    expect(lineAmountFen(1_000, 1600)).toBe(2400); // 1.5 亩 → 24.00 元
    expect(lineAmountFen(3.125 * 10_000 / 15, 1600)).toBe(5000); // 3.125 亩 → 50.00 元
    expect(lineAmountFen(0.0003125 * 10_000 / 15, 1600)).toBe(1); // 0.5 分 rounds up
    expect(fenToYuan(240_000)).toBe('2400.00');
  });
  it('posts for 7 calendar days, the first day included', () => {
    expect(postingEnds('2026-11-22')).toBe('2026-11-28');
    expect(postingEnds('2026-12-28', 7)).toBe('2027-01-03');
  });
  it('takes objections during the posting, approves after it with none open, pays with bank accounts', () => {
    const posted = { status: 'posted' as const, postingTo: '2026-11-28', openObjections: 0, linesWithoutAccount: 0 };
    expect(batchActionRefusal(posted, 'object', '2026-11-28')).toBeNull();
    expect(batchActionRefusal(posted, 'object', '2026-11-29')).toBe('公示已于 2026-11-28 结束');
    expect(batchActionRefusal(posted, 'approve', '2026-11-28')).toBe('公示期至 2026-11-28，期满后才能审定');
    expect(batchActionRefusal({ ...posted, openObjections: 2 }, 'approve', '2026-11-29')).toBe('还有 2 条异议未处理');
    expect(batchActionRefusal(posted, 'approve', '2026-11-29')).toBeNull();
    expect(batchActionRefusal({ ...posted, status: 'approved', linesWithoutAccount: 1 }, 'pay', '2026-12-01')).toContain('缺少银行账号');
    expect(batchActionRefusal({ ...posted, status: 'paid' }, 'cancel', '2026-12-01')).toBe('已发放的批次不能作废');
    expect(batchActionRefusal({ ...posted, status: 'draft' }, 'approve', '2026-12-01')).toBe('只有公示后的批次可以审定');
  });
  it('masks ID numbers on the public posting', () => {
    expect(maskIdNumber('500242198001011234')).toBe('500242********1234');
    expect(maskIdNumber(null)).toBe('');
  });
});

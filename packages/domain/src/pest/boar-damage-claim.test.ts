import { describe, expect, it } from 'vitest';
import { boarClaimActionsFrom, decideBoarClaimStep, type BoarClaim } from './boar-damage-claim.ts';

const claimed: BoarClaim = { status: 'claimed', claimedFen: 120_000, assessedFen: null };

// DOMAIN.md §7: wild boar damage 野猪致害 is a problem report (§2) with the household's compensation claim.
describe('decideBoarClaimStep', () => {
  it('runs claimed → assessed → paid', () => {
    const assessed = decideBoarClaimStep(claimed, { action: 'assess', assessedFen: 80_000 });
    expect(assessed).toEqual({ ok: true, value: { status: 'assessed', claimedFen: 120_000, assessedFen: 80_000 } });
    if (!assessed.ok) return;
    expect(decideBoarClaimStep(assessed.value, { action: 'pay' })).toEqual({ ok: true, value: { status: 'paid', claimedFen: 120_000, assessedFen: 80_000 } });
  });
  it('refuses paying before assessing, assessing above the claim or without an amount, and refusing without a reason', () => {
    const codes = (c: BoarClaim, s: Parameters<typeof decideBoarClaimStep>[1]) => { const r = decideBoarClaimStep(c, s); return r.ok ? [] : r.error.map((f) => `${f.code}@${f.field}`); };
    expect(codes(claimed, { action: 'pay' })).toEqual(['step_not_allowed@/action']);
    expect(codes(claimed, { action: 'assess', assessedFen: 120_001 })).toEqual(['amount_exceeds_claim@/assessedFen']);
    expect(codes(claimed, { action: 'assess' })).toEqual(['amount_missing@/assessedFen']);
    expect(codes(claimed, { action: 'refuse', reason: '  ' })).toEqual(['reason_missing@/reason']);
    expect(codes({ ...claimed, status: 'paid' }, { action: 'refuse', reason: '重复申请' })).toEqual(['step_not_allowed@/action']);
  });
  it('offers the actions of each status', () => {
    expect(boarClaimActionsFrom('claimed')).toEqual(['assess', 'refuse']);
    expect(boarClaimActionsFrom('assessed')).toEqual(['pay', 'refuse']);
    expect(boarClaimActionsFrom('paid')).toEqual([]);
    expect(boarClaimActionsFrom('refused')).toEqual([]);
  });
});

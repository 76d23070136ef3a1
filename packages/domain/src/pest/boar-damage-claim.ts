import type { PestFinding } from './pest-rules.ts';

// DOMAIN.md §7: wild boar damage 野猪致害 is a problem report (§2); the household's compensation claim (野猪致害补偿)
// runs claimed → assessed → paid, or is refused (from claimed or assessed) with a reason. The assessed amount is what
// the bureau's check found, never more than was claimed; the payment is the assessed amount.

export const boarClaimStatuses = ['claimed', 'assessed', 'paid', 'refused'] as const;
export type BoarClaimStatus = (typeof boarClaimStatuses)[number];
export const boarClaimStatusNames: Record<BoarClaimStatus, string> = { claimed: '已申请', assessed: '已核定', paid: '已兑付', refused: '不予补偿' };

export const boarClaimActions = ['assess', 'pay', 'refuse'] as const;
export type BoarClaimAction = (typeof boarClaimActions)[number];
export const boarClaimActionNames: Record<BoarClaimAction, string> = { assess: '核定', pay: '兑付', refuse: '不予补偿' };

export interface BoarClaim {
  status: BoarClaimStatus;
  claimedFen: number;
  assessedFen: number | null;
}

export interface BoarClaimStep {
  action: BoarClaimAction;
  assessedFen?: number | null | undefined; // for assess
  reason?: string | null | undefined; // for refuse
}

const next: Record<BoarClaimAction, { from: readonly BoarClaimStatus[]; to: BoarClaimStatus }> = {
  assess: { from: ['claimed'], to: 'assessed' },
  pay: { from: ['assessed'], to: 'paid' },
  refuse: { from: ['claimed', 'assessed'], to: 'refused' },
};

/** The actions open on a claim in `status`. */
export const boarClaimActionsFrom = (status: BoarClaimStatus): BoarClaimAction[] => boarClaimActions.filter((a) => next[a].from.includes(status));

export type BoarClaimFindingCode = 'step_not_allowed' | 'amount_missing' | 'amount_exceeds_claim' | 'reason_missing';

/** The claim after `step`, or why the step is refused (`field` names the step's field). */
export function decideBoarClaimStep(claim: BoarClaim, step: BoarClaimStep): { ok: true; value: BoarClaim } | { ok: false; error: PestFinding<BoarClaimFindingCode>[] } {
  const rule = next[step.action];
  if (!rule.from.includes(claim.status)) {
    return { ok: false, error: [{ code: 'step_not_allowed', field: '/action', message: `补偿申请${boarClaimStatusNames[claim.status]}，不能${boarClaimActionNames[step.action]}` }] };
  }
  if (step.action === 'assess') {
    const fen = step.assessedFen;
    if (fen === null || fen === undefined || !Number.isInteger(fen) || fen < 0) return { ok: false, error: [{ code: 'amount_missing', field: '/assessedFen', message: '请填写核定金额（分，不小于 0 的整数）' }] };
    if (fen > claim.claimedFen) return { ok: false, error: [{ code: 'amount_exceeds_claim', field: '/assessedFen', message: '核定金额不能超过申请金额' }] };
    return { ok: true, value: { ...claim, status: rule.to, assessedFen: fen } };
  }
  if (step.action === 'refuse' && !step.reason?.trim()) return { ok: false, error: [{ code: 'reason_missing', field: '/reason', message: '不予补偿须写明理由' }] };
  return { ok: true, value: { ...claim, status: rule.to } };
}

import type { PestFinding } from './pest-rules.ts';
import { isInstant } from './shanghai-dates.ts';

// DOMAIN.md §6: a dead (or dying) pine goes found → sampled → lab result → felled → disposed → stump treated.
// Two tracks after the finding: the sample track (sampled → result) and the clearing track (felled → disposed →
// stump treated). The lab takes up to 5 working days while 即死即清 wants the tree disposed of the same day, so a
// result may arrive after the felling or the disposal; only the sample itself must be taken before the wood is
// destroyed.
//
// Our decision on a negative result: it sets the cause to "other causes" (其他原因) but does NOT end the
// lifecycle — the tree is still felled, disposed of and its stump treated. The 技术方案's intent is that dead
// pines are cleared whatever killed them, since any dead pine is where the vector 松褐天牛 breeds and a 小班 is
// judged on a sample of its trees (sampling-plan.ts), not tree by tree; the survey table still counts the tree
// under 其他原因. A tree is done when its stump is treated and any sample taken has its result.

export const deadTreeSteps = ['found', 'sampled', 'result', 'felled', 'disposed', 'stump_treated'] as const;
export type DeadTreeStep = (typeof deadTreeSteps)[number];
export const deadTreeStepNames: Record<DeadTreeStep, string> = { found: '发现', sampled: '取样', result: '检测结果', felled: '伐除', disposed: '除害处理', stump_treated: '伐桩处理' };

export type DeadTreeCondition = 'dead' | 'dying';
export interface DeadTreeEvent {
  step: DeadTreeStep;
  at: string; // ISO instant
  condition?: DeadTreeCondition; // found: 枯死 or 濒死 (default dead)
  outcome?: 'positive' | 'negative'; // result
}

/** Cause groups of the survey table (survey-summary.ts): 病死 / 原因不明 / 濒死 / 其他原因. */
export const deadTreeCauses = ['diseased', 'unexplained', 'dying', 'other'] as const;
export type DeadTreeCause = (typeof deadTreeCauses)[number];
export const deadTreeCauseNames: Record<DeadTreeCause, string> = { diseased: '病死（检出松材线虫）', unexplained: '原因不明（未检测）', dying: '濒死（未检测）', other: '其他原因（未检出）' };

/** The step each step follows; `sampled` must also come before `disposed` (see above). */
const after: Record<DeadTreeStep, DeadTreeStep | null> = { found: null, sampled: 'found', result: 'sampled', felled: 'found', disposed: 'felled', stump_treated: 'disposed' };

export interface DeadTreeState {
  recorded: DeadTreeStep[];
  cause: DeadTreeCause;
  /** Steps still required before the tree is done, in order. */
  outstanding: DeadTreeStep[];
  /** Steps that may be recorded next. */
  allowedNext: DeadTreeStep[];
  done: boolean;
}

const has = (events: readonly DeadTreeEvent[], step: DeadTreeStep) => events.find((e) => e.step === step);

/** The cause group a tree's events put it in. */
export function deadTreeCause(events: readonly DeadTreeEvent[]): DeadTreeCause {
  const result = has(events, 'result');
  if (result?.outcome === 'positive') return 'diseased';
  if (result?.outcome === 'negative') return 'other';
  return has(events, 'found')?.condition === 'dying' ? 'dying' : 'unexplained';
}

/** Where a tree stands, from events already accepted by `checkDeadTreeStep`. */
export function deadTreeState(events: readonly DeadTreeEvent[]): DeadTreeState {
  const recorded = deadTreeSteps.filter((s) => has(events, s));
  const allowedNext = deadTreeSteps.filter((s) => !has(events, s) && (after[s] === null ? true : !!has(events, after[s])) && !(s === 'sampled' && has(events, 'disposed')));
  const outstanding = deadTreeSteps.filter((s) => !has(events, s) && s !== 'sampled' && (s !== 'result' || !!has(events, 'sampled')));
  return { recorded, cause: deadTreeCause(events), outstanding, allowedNext, done: recorded.length > 0 && outstanding.length === 0 };
}

export type DeadTreeFindingCode = 'bad_time' | 'future' | 'before_previous' | 'repeated' | 'out_of_order' | 'sample_after_disposal' | 'outcome_missing' | 'outcome_unexpected';

/** Why `next` may not be recorded after `events` at `now` (empty = it may), each finding naming its field. */
export function checkDeadTreeStep(events: readonly DeadTreeEvent[], next: DeadTreeEvent, now: string): PestFinding<DeadTreeFindingCode>[] {
  const out: PestFinding<DeadTreeFindingCode>[] = [];
  const add = (code: DeadTreeFindingCode, field: string, message: string) => out.push({ code, field, message });
  const name = deadTreeStepNames[next.step];
  if (has(events, next.step)) add('repeated', 'step', `已记录过${name}`);
  const prerequisite = after[next.step];
  const previous = prerequisite ? has(events, prerequisite) : undefined;
  if (prerequisite && !previous) add('out_of_order', 'step', `须先记录${deadTreeStepNames[prerequisite]}，才能记录${name}`);
  if (next.step === 'sampled' && has(events, 'disposed')) add('sample_after_disposal', 'step', '疫木已除害处理，不能再取样');
  if (next.step === 'result' && next.outcome !== 'positive' && next.outcome !== 'negative') add('outcome_missing', 'outcome', '请填写检测结果（检出或未检出）');
  if (next.step !== 'result' && next.outcome !== undefined) add('outcome_unexpected', 'outcome', '只有检测结果一步填写检出情况');
  if (!isInstant(next.at)) {
    add('bad_time', 'at', `${name}时间无效`);
    return out;
  }
  if (Date.parse(next.at) > Date.parse(now)) add('future', 'at', `${name}时间不能晚于当前时间`);
  const earlier = [previous, next.step === 'disposed' ? has(events, 'sampled') : undefined].filter((e): e is DeadTreeEvent => !!e);
  for (const e of earlier) {
    if (Date.parse(next.at) < Date.parse(e.at)) add('before_previous', 'at', `${name}时间不能早于${deadTreeStepNames[e.step]}时间`);
  }
  return out;
}

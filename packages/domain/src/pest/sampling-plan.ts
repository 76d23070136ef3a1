import { err, ok, type Result } from '../result.ts';
import { defaultPestRules, type PestFinding, type PestRules } from './pest-rules.ts';

// DOMAIN.md §6 sampling per 小班 (技术方案 2022): fewer than 100 dead pines → sample 10 first, and if none is
// positive keep sampling until every dead pine is tested; more than 100 → sample 100, and if all are negative
// sample 5 % of the rest.
//
// Two readings are ours and stated here:
// - Exactly 100 dead pines falls in the first branch (10 first, then the other 90). Either branch ends with all
//   100 trees tested when nothing is found, but the staged one stops after 10 when one of them is positive.
// - 5 % of the rest is rounded up to a whole tree (ceil): 40 remaining → 2, 41 → 3 (2.05), 1 → 1. Rounding down
//   would test nobody in a 小班 with 101–119 dead pines, which the 技术方案 does not intend.

export interface SamplingProgress {
  deadTrees: number; // dead (and dying) pines counted in the 小班
  sampled: number; // samples taken so far, with or without a result
  negatives: number; // results so far that found no nematode
  positives: number; // results so far that found the nematode
}

export type SamplingStatus = 'sample' | 'waiting' | 'positive' | 'negative';
export const samplingStatusNames: Record<SamplingStatus, string> = { sample: '待取样', waiting: '待检测结果', positive: '检出（疫情小班）', negative: '未检出（取样完成）' };

export type SamplingStage = 'first' | 'all_remaining' | 'follow_up' | 'done';

export interface SamplingPlan {
  status: SamplingStatus;
  stage: SamplingStage;
  /** Samples the rule asks for in total at this point (grows from the first batch to the full requirement). */
  required: number;
  /** Samples to take now (0 unless status is 'sample'). */
  nextBatch: number;
  /** Results still awaited from samples already taken. */
  pending: number;
  done: boolean;
  explanation: string;
}

export type SamplingFindingCode = 'not_count' | 'results_exceed_samples' | 'samples_exceed_trees';

function check(p: SamplingProgress): PestFinding<SamplingFindingCode>[] {
  const out: PestFinding<SamplingFindingCode>[] = [];
  for (const f of ['deadTrees', 'sampled', 'negatives', 'positives'] as const) {
    if (!Number.isInteger(p[f]) || p[f] < 0) out.push({ code: 'not_count', field: f, message: '应为不小于 0 的整数' });
  }
  if (out.length) return out;
  if (p.sampled > p.deadTrees) out.push({ code: 'samples_exceed_trees', field: 'sampled', message: `已取样 ${p.sampled} 株，多于死亡松树 ${p.deadTrees} 株` });
  if (p.negatives + p.positives > p.sampled) out.push({ code: 'results_exceed_samples', field: 'negatives', message: `检测结果 ${p.negatives + p.positives} 份，多于已取样 ${p.sampled} 株` });
  return out;
}

/** Five percent (or the configured share) of `rest` dead pines, rounded up to whole trees. */
export const followUpSamples = (rest: number, percent: number): number => (rest <= 0 ? 0 : Math.ceil((rest * percent) / 100 - 1e-9));

/** What a 小班 needs sampled next given its dead pines and the results so far, and why (Chinese). */
export function samplingPlan(p: SamplingProgress, rules: PestRules['sampling'] = defaultPestRules.sampling): Result<SamplingPlan, PestFinding<SamplingFindingCode>[]> {
  const findings = check(p);
  if (findings.length) return err(findings);
  const pending = p.sampled - p.negatives - p.positives;
  const base = { pending };
  if (p.positives > 0) {
    return ok({ ...base, status: 'positive', stage: 'done', required: p.sampled, nextBatch: 0, done: true, explanation: `已检出松材线虫（${p.positives} 株阳性），该小班为疫情小班，无需继续取样` });
  }
  if (p.deadTrees === 0) return ok({ ...base, status: 'negative', stage: 'done', required: 0, nextBatch: 0, done: true, explanation: '小班内无死亡松树，无需取样' });

  const small = p.deadTrees <= rules.smallParcelMaxDead;
  const first = Math.min(small ? rules.smallParcelFirstSample : rules.largeParcelFirstSample, p.deadTrees);
  const rest = p.deadTrees - first;
  const full = small ? p.deadTrees : first + followUpSamples(rest, rules.followUpPercent);
  const firstWhy = small
    ? `死亡松树 ${p.deadTrees} 株（不超过 ${rules.smallParcelMaxDead} 株），先抽取 ${first} 株取样`
    : `死亡松树 ${p.deadTrees} 株（超过 ${rules.smallParcelMaxDead} 株），先抽取 ${first} 株取样`;
  const fullWhy = small
    ? `首批 ${first} 株均未检出，继续取样直至全部 ${p.deadTrees} 株死亡松树均已检测`
    : `首批 ${first} 株均未检出，对其余 ${rest} 株按 ${rules.followUpPercent}% 补充取样（向上取整）${full - first} 株`;

  const plan = (stage: SamplingStage, required: number, why: string): SamplingPlan => {
    if (p.sampled < required) return { ...base, status: 'sample', stage, required, nextBatch: required - p.sampled, done: false, explanation: `${why}；已取样 ${p.sampled} 株，还需取样 ${required - p.sampled} 株` };
    return { ...base, status: 'waiting', stage, required, nextBatch: 0, done: false, explanation: `${why}；已取样 ${p.sampled} 株，待 ${pending} 份检测结果` };
  };
  if (p.negatives < first) return ok(plan('first', first, firstWhy));
  if (full === first) {
    return ok({ ...base, status: 'negative', stage: 'done', required: first, nextBatch: 0, done: true, explanation: `${firstWhy}；${first} 株均未检出，死亡松树已全部检测，取样完成` });
  }
  if (p.negatives < full) return ok(plan(small ? 'all_remaining' : 'follow_up', full, fullWhy));
  return ok({ ...base, status: 'negative', stage: 'done', required: full, nextBatch: 0, done: true, explanation: `${fullWhy}；共 ${p.negatives} 株均未检出，取样完成` });
}

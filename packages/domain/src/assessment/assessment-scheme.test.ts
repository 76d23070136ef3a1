import { describe, expect, it } from 'vitest';
import { assessmentSchemeErrors, assessmentTemplate, rankByTotal, scoreItem, yearScore, type AssessmentItem } from './assessment-scheme.ts';

// DOMAIN.md §1: quarterly on 100 points across ~11 categories, the year the mean of the quarters (Huangshi) [C];
// the weights are configuration [U].
const patrols: AssessmentItem = { key: 'patrols', name: '巡林履职率', weight: 15, indicator: 'patrol_compliance', rule: { kind: 'linear', full: 100, zero: 60 }, noData: 'full' };

describe('assessment scheme', () => {
  it('the template has eleven categories on 100 points and passes its own check', () => {
    expect(assessmentTemplate.items).toHaveLength(11);
    expect(assessmentTemplate.items.reduce((s, i) => s + i.weight, 0)).toBe(100);
    expect(assessmentSchemeErrors(assessmentTemplate)).toEqual([]);
  });
  it('names what is wrong: weights off 100, a repeated key, a rule without an indicator', () => {
    const errors = assessmentSchemeErrors({
      title: '测试',
      items: [patrols, { ...patrols, weight: 80 }, { key: 'x', name: '会议', weight: 10, indicator: null, rule: { kind: 'linear', full: 1, zero: 0 }, noData: 'full' }],
    });
    expect(errors.map((e) => e.path)).toEqual(['/items/1/key', '/items/2/indicator', '/items']);
    expect(errors[2]!.message).toContain('105');
  });
});

describe('scoreItem', () => {
  it('scores linearly between the zero and the full value', () => {
    expect(scoreItem(patrols, 90)).toEqual({ points: 11.25, explanation: '90%，60%得 0 分至 100%得满分按比例计' }); // 15 × 30/40
    expect(scoreItem(patrols, 100).points).toBe(15);
    expect(scoreItem(patrols, 50).points).toBe(0);
    expect(scoreItem(patrols, null)).toEqual({ points: 15, explanation: '无可计算的记录，按满分计' });
    expect(scoreItem({ ...patrols, noData: 'zero' }, null).points).toBe(0);
  });
  it('a threshold and a deduction per unit', () => {
    const pests: AssessmentItem = { key: 'pests', name: '成灾率', weight: 10, indicator: 'pest_disaster_rate', rule: { kind: 'threshold', op: '<=', value: 2 }, noData: 'full' };
    expect(scoreItem(pests, 1.8)).toEqual({ points: 10, explanation: '1.8‰，达到 ≤2‰' });
    expect(scoreItem(pests, 2.4).points).toBe(0);
    const fires: AssessmentItem = { key: 'fires', name: '森林火灾', weight: 10, indicator: 'forest_fires', rule: { kind: 'deduct', per: 5 }, noData: 'full' };
    expect(scoreItem(fires, 1)).toEqual({ points: 5, explanation: '1起，每起扣 5 分' });
    expect(scoreItem(fires, 3).points).toBe(0);
  });
  it('a manual item takes the assessor\'s points, capped at its weight', () => {
    const meetings: AssessmentItem = { key: 'meetings', name: '林长会议', weight: 10, indicator: null, rule: { kind: 'manual' }, noData: 'zero' };
    expect(scoreItem(meetings, null)).toEqual({ points: 0, explanation: '人工评分，尚未评定' });
    expect(scoreItem(meetings, null, { points: 12, note: '召开会议 2 次' })).toEqual({ points: 10, explanation: '人工评分：召开会议 2 次' });
  });
});

describe('ranking and the year', () => {
  it('ranks ties together and takes the year as the mean of its quarters', () => {
    expect(rankByTotal([{ id: 'a', total: 90 }, { id: 'b', total: 95 }, { id: 'c', total: 90 }, { id: 'd', total: 80 }]).map((r) => [r.id, r.rank]))
      .toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
    expect(yearScore([90, 85, 95, 88])).toBe(89.5);
    expect(yearScore([])).toBeNull();
  });
});

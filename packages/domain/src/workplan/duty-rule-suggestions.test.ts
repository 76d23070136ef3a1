import { describe, expect, it } from 'vitest';
import { dutyRuleSuggestions } from './duty-rule-suggestions.ts';

const read = (s: string) => dutyRuleSuggestions(s).map(({ role, action, period, min }) => ({ role, action, period, min }));

// DOMAIN.md §1 (Banan 2023 plan): town chief patrols ≥1/quarter and reports ≥1/half year; village chief patrols
// ≥1/week and reports ≥1/month to the town chief. Issue 8 §1 quotes these sentences.
describe('dutyRuleSuggestions', () => {
  it('reads the Banan duty sentences', () => {
    expect(read('镇街级林长每季度巡林至少1次，村级林长每周巡林不少于1次。')).toEqual([
      { role: 'town_chief', action: 'patrol', period: 'quarter', min: 1 },
      { role: 'village_chief', action: 'patrol', period: 'week', min: 1 },
    ]);
    expect(read('村级林长每月向镇街级林长报告工作不少于1次，镇街级林长每半年向区县级林长报告1次。')).toEqual([
      { role: 'village_chief', action: 'report', period: 'month', min: 1 },
      { role: 'town_chief', action: 'report', period: 'half-year', min: 1 },
    ]);
  });
  it('reads Chinese counts, a missing count as once, and other roles', () => {
    expect(read('护林员每周巡山不少于三次')).toEqual([{ role: 'ranger', action: 'patrol', period: 'week', min: 3 }]);
    expect(read('国有林场林长每月巡林')).toEqual([{ role: 'forest_farm_chief', action: 'patrol', period: 'month', min: 1 }]);
    expect(read('每季度召开一次林长制工作会议')).toEqual([{ role: undefined, action: 'meeting', period: 'quarter', min: 1 }]);
  });
  it('finds no rule in a sentence without a duty', () => {
    expect(read('每年新增造林1万亩')).toEqual([]);
    expect(read('强化巡林护林工作，全县管护责任覆盖率达100%')).toEqual([]);
  });
  it('keeps the sentence and the clause position (its count is not a target)', () => {
    const s = '村级林长每周巡林不少于1次';
    const [r] = dutyRuleSuggestions(s);
    expect(r).toMatchObject({ text: s, start: 0, end: s.length });
  });
});

import { describe, expect, it } from 'vitest';
import { dutyRuleFromSuggestion, withDutyRule } from './adopt-duty-rule.ts';
import { defaultDutyRules } from '../patrol/duty-rules.ts';

// DOMAIN.md §1: duties per role and level (town chief 1 patrol per quarter, 1 report per half year; village chief
// 1 patrol per week, 1 report per month), read from a plan and adopted into the versioned table.
describe('dutyRuleFromSuggestion', () => {
  it('takes a chief\'s level from the plan\'s words and maps a half year to the table\'s half', () => {
    expect(dutyRuleFromSuggestion({ text: '镇街级林长每半年报告1次', role: 'town_chief', action: 'report', period: 'half-year', min: 1 }, {}, '某要点')).toEqual({
      ok: true, rule: { role: 'chief', level: 'town', duty: 'report', count: 1, period: 'half', source: '某要点' },
    });
  });
  it('asks for the level of a ranger, and for the role when the plan names none', () => {
    const ranger = { text: '护林员每周巡林不少于3次', role: 'ranger' as const, action: 'patrol' as const, period: 'week' as const, min: 3 };
    expect(dutyRuleFromSuggestion(ranger, {}, 's')).toMatchObject({ ok: false, field: 'level' });
    expect(dutyRuleFromSuggestion(ranger, { level: 'village' }, 's')).toMatchObject({ ok: true, rule: { role: 'ranger', level: 'village', count: 3, period: 'week' } });
    const anyone = { text: '每月巡林1次', role: null, action: 'patrol' as const, period: 'month' as const, min: 1 };
    expect(dutyRuleFromSuggestion(anyone, { level: 'village' }, 's')).toMatchObject({ ok: false, field: 'role' });
    expect(dutyRuleFromSuggestion({ ...anyone, action: 'meeting' }, {}, 's')).toMatchObject({ ok: false, field: 'action' });
    expect(dutyRuleFromSuggestion({ text: '', role: 'town_chief', action: 'patrol', period: 'quarter', min: 1 }, { level: 'village' }, 's')).toMatchObject({ ok: false, field: 'level' });
  });
});

describe('withDutyRule', () => {
  it('replaces the row of the same role, level and duty, or adds one', () => {
    const rule = { role: 'chief' as const, level: 'village' as const, duty: 'patrol' as const, count: 2, period: 'week' as const, source: 's' };
    const replaced = withDutyRule(defaultDutyRules, rule);
    expect(replaced).toHaveLength(defaultDutyRules.length);
    expect(replaced.filter((r) => r.role === 'chief' && r.level === 'village' && r.duty === 'patrol')).toEqual([rule]);
    const added = withDutyRule(defaultDutyRules, { ...rule, role: 'supervisor' });
    expect(added).toHaveLength(defaultDutyRules.length + 1);
  });
});

import { describe, expect, it } from 'vitest';
import { dueEscalationSteps, escalationLevelAt, type EscalationState } from './problem-escalation.ts';
import { defaultProblemDeadlineRules, deadlineRuleFor, problemDeadline, checkProblemDeadlineRules } from './problem-deadline-rules.ts';

// DOMAIN.md §2: deadlines per category/severity [U]; overdue → 督办 to the next chief level; repeated overdue → 约谈.
describe('problem deadlines', () => {
  it('takes the most specific rule', () => {
    const r = defaultProblemDeadlineRules;
    expect(deadlineRuleFor(r, 'fire_hazard', 'urgent').handleHours).toBe(2);
    expect(deadlineRuleFor(r, 'fire_hazard', 'general').handleHours).toBe(24);
    expect(deadlineRuleFor(r, 'illegal_logging', 'serious').handleHours).toBe(72);
    expect(deadlineRuleFor(r, 'encroachment', 'general').handleHours).toBe(720);
  });
  it('dates the deadline and the reminder from the report', () => {
    expect(problemDeadline(defaultProblemDeadlineRules, 'other', 'general', '2024-05-01T02:00:00.000Z')).toEqual({
      deadlineAt: '2024-05-08T02:00:00.000Z', dueSoonAt: '2024-05-07T02:00:00.000Z', handleHours: 168,
    });
  });
  it('accepts the defaults and rejects a table that leaves a severity without a deadline', () => {
    expect(checkProblemDeadlineRules(defaultProblemDeadlineRules)).toEqual([]);
    const broken = { ...defaultProblemDeadlineRules, items: defaultProblemDeadlineRules.items.filter((i) => i.severity !== 'urgent' || i.category !== '*') };
    expect(checkProblemDeadlineRules(broken).map((f) => f.path)).toContain('/items');
  });
});

describe('overdue escalation', () => {
  const s: EscalationState = {
    status: 'assigned', unitLevel: 'village', deadlineAt: '2024-05-08T02:00:00.000Z', dueSoonAt: '2024-05-07T02:00:00.000Z',
    dueSoonNotified: false, escalationCount: 0, interviewed: false,
  };
  const rules = { supervisionHours: 72, interviewAtEscalation: 2 };
  it('goes one chief level up per step, no higher than the county', () => {
    expect([1, 2, 3].map((k) => escalationLevelAt('village', k))).toEqual(['town', 'county', 'county']);
  });
  it('reminds before the deadline, then escalates at it', () => {
    expect(dueEscalationSteps(s, rules, '2024-05-06T00:00:00Z')).toEqual([]);
    expect(dueEscalationSteps(s, rules, '2024-05-07T03:00:00Z')).toEqual([{ kind: 'due_soon', at: '2024-05-07T02:00:00.000Z' }]);
    expect(dueEscalationSteps({ ...s, dueSoonNotified: true }, rules, '2024-05-08T02:00:00Z')).toEqual([
      { kind: 'escalate', at: '2024-05-08T02:00:00.000Z', step: 1, level: 'town', nextDueAt: '2024-05-11T02:00:00.000Z' },
    ]);
  });
  it('catches up in one run and records the interview at the configured step, once', () => {
    const steps = dueEscalationSteps(s, rules, '2024-06-01T00:00:00Z');
    expect(steps.map((x) => x.kind)).toEqual(['escalate', 'escalate', 'interview']);
    expect(steps[1]).toMatchObject({ step: 2, level: 'county', at: '2024-05-11T02:00:00.000Z' });
    expect(dueEscalationSteps({ ...s, escalationCount: 2, interviewed: true }, rules, '2024-07-01T00:00:00Z')).toEqual([]);
  });
  it('stops once the handling result is in', () => {
    expect(dueEscalationSteps({ ...s, status: 'handled' }, rules, '2024-06-01T00:00:00Z')).toEqual([]);
  });
});

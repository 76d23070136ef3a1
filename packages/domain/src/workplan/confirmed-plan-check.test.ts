import { describe, expect, it } from 'vitest';
import { confirmedPlanErrors, type ConfirmedPlan } from './confirmed-plan-check.ts';

const plan = (): ConfirmedPlan => ({
  title: '2024年工作要点',
  year: 2024,
  sections: [{ number: '一、', title: '国土绿化', tasks: [{ number: '一是', title: '营造林', text: '实施营造林任务18.2万亩。', deadline: '2024-12-31',
    targets: [{ subject: '营造林', value: 18.2, unit: '万亩', op: '=', text: '实施营造林任务18.2万亩。' }],
    rules: [{ text: '村级林长每周巡林不少于1次。', role: 'village_chief', action: 'patrol', period: 'week', min: 1 }] }] }],
});

// Issue 8 §1: what a person confirms is stored — checked field by field first.
describe('confirmedPlanErrors', () => {
  it('accepts a complete plan', () => {
    expect(confirmedPlanErrors(plan())).toEqual([]);
  });
  it('names every wrong field by its path', () => {
    const p = plan();
    const task = p.sections[0]!.tasks[0]!;
    task.deadline = '2024-02-30';
    task.targets[0] = { ...task.targets[0]!, value: -1, unit: ' ', op: '>' as never };
    task.rules[0] = { ...task.rules[0]!, min: 0, period: 'day' as never };
    p.year = 1900;
    expect(confirmedPlanErrors(p).map((e) => e.path)).toEqual([
      '/year', '/sections/0/tasks/0/deadline', '/sections/0/tasks/0/targets/0/value', '/sections/0/tasks/0/targets/0/unit', '/sections/0/tasks/0/targets/0/op',
      '/sections/0/tasks/0/rules/0/period', '/sections/0/tasks/0/rules/0/min',
    ]);
  });
  it('refuses an empty plan', () => {
    expect(confirmedPlanErrors({ title: '', year: 2024, sections: [] }).map((e) => e.path)).toEqual(['/title', '/sections']);
  });
});

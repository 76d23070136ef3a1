import { describe, expect, it } from 'vitest';
import { decideFireStep, nextFireSteps } from './fire-timeline.ts';

// DOMAIN.md §5 "135" row: the fire alarm timeline discovered → reported → dispatched → arrived → controlled → out
// (issue 6 §6 adds 核实 verified, and false alarm / dismissed at verification).
describe('fire timeline', () => {
  const now = '2026-03-10T06:00:00.000Z';
  const at = (min: number) => new Date(Date.parse('2026-03-10T05:00:00.000Z') + min * 60_000).toISOString();

  it('goes one step at a time, with the two endings offered only at verification', () => {
    expect(nextFireSteps('discovered')).toEqual(['reported']);
    expect(nextFireSteps('reported')).toEqual(['verified', 'false_alarm', 'dismissed']);
    expect(nextFireSteps('controlled')).toEqual(['out']);
    expect(nextFireSteps('out')).toEqual([]);
    expect(nextFireSteps('false_alarm')).toEqual([]);
  });

  it('accepts the next step at a time between the previous step and now', () => {
    expect(decideFireStep({ status: 'reported', at: at(0) }, { step: 'verified', at: at(3), person: '张三' }, now)).toEqual({ ok: true, value: 'verified' });
  });

  it('refuses a skipped step, naming the step field', () => {
    const r = decideFireStep({ status: 'reported', at: at(0) }, { step: 'arrived', at: at(3), person: '张三' }, now);
    expect(r.ok || r.error.field).toBe('step');
  });

  it('refuses a time before the previous step or in the future, naming the time field', () => {
    const before = decideFireStep({ status: 'verified', at: at(10) }, { step: 'dispatched', at: at(9), person: '张三' }, now);
    expect(before.ok || before.error).toMatchObject({ field: 'at', message: expect.stringContaining('不能早于') });
    const future = decideFireStep({ status: 'verified', at: at(10) }, { step: 'dispatched', at: at(66), person: '张三' }, now);
    expect(future.ok || future.error).toMatchObject({ field: 'at', message: '时间不能晚于现在' });
    // a phone clock a few minutes fast is tolerated
    expect(decideFireStep({ status: 'verified', at: at(10) }, { step: 'dispatched', at: at(64), person: '张三' }, now).ok).toBe(true);
  });

  it('needs a person, and a reason for a false alarm or a dismissal', () => {
    const noPerson = decideFireStep({ status: 'reported', at: at(0) }, { step: 'verified', at: at(1), person: ' ' }, now);
    expect(noPerson.ok || noPerson.error.field).toBe('person');
    const noReason = decideFireStep({ status: 'reported', at: at(0) }, { step: 'false_alarm', at: at(1), person: '李四' }, now);
    expect(noReason.ok || noReason.error.field).toBe('reason');
    expect(decideFireStep({ status: 'reported', at: at(0) }, { step: 'false_alarm', at: at(1), person: '李四', reason: '烧秸秆烟雾' }, now).ok).toBe(true);
  });

  it('refuses any step after the record ended', () => {
    const r = decideFireStep({ status: 'out', at: at(0) }, { step: 'out', at: at(1), person: '李四' }, now);
    expect(r.ok || r.error).toMatchObject({ field: 'step', message: expect.stringContaining('不能再推进') });
  });
});

import { describe, expect, it } from 'vitest';
import { checkDeadTreeStep, deadTreeState, type DeadTreeEvent } from './dead-tree-lifecycle.ts';

const now = '2026-07-20T08:00:00Z';
const found: DeadTreeEvent = { step: 'found', at: '2026-07-15T01:00:00Z' };
const sampled: DeadTreeEvent = { step: 'sampled', at: '2026-07-15T02:00:00Z' };
const felled: DeadTreeEvent = { step: 'felled', at: '2026-07-15T03:00:00Z' };
const disposed: DeadTreeEvent = { step: 'disposed', at: '2026-07-15T05:00:00Z' };
const stump: DeadTreeEvent = { step: 'stump_treated', at: '2026-07-15T05:30:00Z' };
const codes = (events: DeadTreeEvent[], next: DeadTreeEvent) => checkDeadTreeStep(events, next, now).map((f) => `${f.code}:${f.field}`);

// DOMAIN.md §6 (技术方案 2022): found → sampled → lab result → felled → disposed → stump treated; 即死即清.
describe('checkDeadTreeStep order and times', () => {
  it('accepts the steps in order, and a result arriving after the disposal', () => {
    const events: DeadTreeEvent[] = [];
    for (const e of [found, sampled, felled, disposed, stump, { step: 'result', at: '2026-07-19T02:00:00Z', outcome: 'positive' } as const]) {
      expect(codes(events, e)).toEqual([]);
      events.push(e);
    }
    expect(deadTreeState(events)).toMatchObject({ done: true, cause: 'diseased', outstanding: [] });
  });
  it('refuses a step before its prerequisite, a repeat, and a sample taken after the wood was destroyed', () => {
    expect(codes([], felled)).toEqual(['out_of_order:step']);
    expect(codes([found], disposed)).toEqual(['out_of_order:step']);
    expect(codes([found, felled], { ...felled })).toEqual(['repeated:step']);
    expect(codes([found, felled, disposed], sampled)).toEqual(['sample_after_disposal:step']);
    expect(codes([found], { step: 'result', at: now, outcome: 'negative' })).toEqual(['out_of_order:step']);
  });
  it('refuses times in the future or before the previous step', () => {
    expect(codes([found], { step: 'felled', at: '2026-07-21T00:00:00Z' })).toEqual(['future:at']);
    expect(codes([found], { step: 'felled', at: '2026-07-14T00:00:00Z' })).toEqual(['before_previous:at']);
    expect(codes([found, { ...sampled, at: '2026-07-15T06:00:00Z' }, felled], disposed)).toEqual(['before_previous:at']); // sample must precede disposal
    expect(codes([found], { step: 'felled', at: 'yesterday' })).toEqual(['bad_time:at']);
  });
  it('asks a result for its outcome and no other step for one', () => {
    expect(codes([found, sampled], { step: 'result', at: now })).toEqual(['outcome_missing:outcome']);
    expect(codes([found], { step: 'felled', at: now, outcome: 'negative' })).toEqual(['outcome_unexpected:outcome']);
  });
});

// DOMAIN.md §6 + our documented decision: a negative result means "other causes" but the tree is still cleared.
describe('deadTreeState cause groups and what is outstanding', () => {
  it('keeps felling, disposal and stump treatment outstanding after a negative result', () => {
    const s = deadTreeState([found, sampled, { step: 'result', at: now, outcome: 'negative' }]);
    expect(s).toMatchObject({ cause: 'other', done: false, outstanding: ['felled', 'disposed', 'stump_treated'] });
  });
  it('waits for the result of a sample even when the clearing is finished', () => {
    expect(deadTreeState([found, sampled, felled, disposed, stump])).toMatchObject({ done: false, outstanding: ['result'], cause: 'unexplained', allowedNext: ['result'] });
  });
  it('finishes a tree that was never sampled, as unexplained or dying', () => {
    expect(deadTreeState([found, felled, disposed, stump])).toMatchObject({ done: true, cause: 'unexplained' });
    expect(deadTreeState([{ ...found, condition: 'dying' }])).toMatchObject({ cause: 'dying', done: false, allowedNext: ['sampled', 'felled'] });
    expect(deadTreeState([])).toMatchObject({ done: false, allowedNext: ['found'] });
  });
});

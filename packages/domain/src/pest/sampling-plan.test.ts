import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { followUpSamples, samplingPlan, type SamplingPlan } from './sampling-plan.ts';

const plan = (deadTrees: number, sampled: number, negatives: number, positives = 0): SamplingPlan => {
  const r = samplingPlan({ deadTrees, sampled, negatives, positives });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

// DOMAIN.md §6 "Sampling per 小班": > 100 dead → sample 100; if negative, 5 % of the rest (rounded up).
describe('samplingPlan, more than 100 dead pines', () => {
  it('asks a parcel with 140 dead trees for 100 samples, then 2 more after 100 negatives (issue 7 done-when)', () => {
    const start = plan(140, 0, 0);
    expect(start).toMatchObject({ status: 'sample', stage: 'first', required: 100, nextBatch: 100, done: false });
    expect(start.explanation).toContain('先抽取 100 株');
    expect(plan(140, 100, 60)).toMatchObject({ status: 'waiting', required: 100, nextBatch: 0, pending: 40 });
    const more = plan(140, 100, 100);
    expect(more).toMatchObject({ status: 'sample', stage: 'follow_up', required: 102, nextBatch: 2 });
    expect(more.explanation).toContain('5% 补充取样');
    expect(plan(140, 102, 102)).toMatchObject({ status: 'negative', done: true, nextBatch: 0 });
  });
  it('rounds 5 % of the rest up to whole trees', () => {
    expect([0, 1, 19, 20, 21, 40, 41, 900].map((rest) => followUpSamples(rest, 5))).toEqual([0, 1, 1, 1, 2, 2, 3, 45]);
    expect(plan(101, 100, 100)).toMatchObject({ required: 101, nextBatch: 1 });
  });
  it('stops as soon as a positive is found', () => {
    expect(plan(140, 100, 99, 1)).toMatchObject({ status: 'positive', done: true, nextBatch: 0 });
  });
});

// DOMAIN.md §6: < 100 dead → sample 10 first; if none positive keep sampling until every dead tree is tested.
describe('samplingPlan, 100 dead pines or fewer', () => {
  it('samples 10 first, then every remaining dead tree after 10 negatives', () => {
    expect(plan(40, 0, 0)).toMatchObject({ status: 'sample', stage: 'first', required: 10, nextBatch: 10 });
    expect(plan(40, 10, 10)).toMatchObject({ status: 'sample', stage: 'all_remaining', required: 40, nextBatch: 30 });
    expect(plan(40, 40, 40)).toMatchObject({ status: 'negative', done: true });
  });
  it('treats exactly 100 dead pines like the small case: 10 first, then the other 90', () => {
    expect(plan(100, 0, 0)).toMatchObject({ required: 10, nextBatch: 10 });
    expect(plan(100, 10, 10)).toMatchObject({ required: 100, nextBatch: 90 });
  });
  it('tests every tree of a parcel with fewer than 10 dead pines and is done after that', () => {
    expect(plan(6, 0, 0)).toMatchObject({ required: 6, nextBatch: 6 });
    expect(plan(6, 6, 6)).toMatchObject({ status: 'negative', done: true });
    expect(plan(0, 0, 0)).toMatchObject({ status: 'negative', done: true, required: 0 });
  });
  it('ends the sampling when one of the first 10 is positive', () => {
    expect(plan(40, 10, 9, 1)).toMatchObject({ status: 'positive', done: true });
  });
});

describe('samplingPlan input findings', () => {
  it('returns findings with field names instead of throwing', () => {
    const r = samplingPlan({ deadTrees: 5, sampled: 8, negatives: 9, positives: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((f) => f.field)).toEqual(['sampled', 'negatives']);
    const bad = samplingPlan({ deadTrees: 2.5, sampled: -1, negatives: 0, positives: 0 });
    if (!bad.ok) expect(bad.error.map((f) => f.code)).toEqual(['not_count', 'not_count']);
    else throw new Error('expected findings');
  });
});

// DOMAIN.md §6 "Sampling per 小班", followed batch by batch with every result negative.
describe('samplingPlan followed to the end', () => {
  it('always finishes negative, never asks for more trees than there are, and tests the published number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (dead) => {
        let sampled = 0;
        for (let round = 0; round < 4; round++) {
          const r = samplingPlan({ deadTrees: dead, sampled, negatives: sampled, positives: 0 });
          if (!r.ok) return false;
          if (r.value.done) return r.value.status === 'negative' && sampled === (dead <= 100 ? dead : 100 + Math.ceil((dead - 100) / 20));
          sampled += r.value.nextBatch;
          if (r.value.nextBatch <= 0 || sampled > dead) return false;
        }
        return false;
      }),
    );
  });
});

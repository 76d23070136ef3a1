import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemCategories, problemSources, problemStatuses } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import type { TestEngine } from './engines.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoProblems } from '../src/demo/demo-problems.ts';
import { buildDemoParcels } from '../src/demo/demo-parcels.ts';
import { createServices } from '../src/services.ts';
import { defaultSettings } from '../src/config/env.ts';
import { viewerOf } from '../src/auth/viewer.ts';

// Issue 4 §8: the demo's problems cover every state, source and category, with overdue and escalated ones.
describe.each(testEngines())('demo problems on $name', (engine: TestEngine) => {
  let store: Awaited<ReturnType<TestEngine['open']>>;
  const now = new Date('2024-11-20T02:00:00Z');
  beforeAll(async () => {
    store = await engine.open();
    await buildDemo(store, '500242', now, { activity: false });
  });
  afterAll(() => store?.dispose());

  it('covers every state, source and category, and escalates what is overdue', async () => {
    const summary = await buildDemoProblems(store, '500242000000', now);
    expect(summary.problems).toBeGreaterThan(150);
    const values = async (column: 'status' | 'source' | 'category') =>
      new Set((await store.db.selectFrom('problems').select(column).distinct().execute()).map((r) => r[column]));
    expect([...await values('status')].sort()).toEqual([...problemStatuses].sort());
    const sources = await values('source');
    expect([...sources].sort()).toEqual([...problemSources].sort());
    expect([...await values('category')].sort()).toEqual([...problemCategories].sort());
    expect(summary.escalated).toBeGreaterThan(0);
    const interviews = await store.db.selectFrom('interviews').select('id').execute();
    expect(interviews.length).toBeGreaterThan(0);
    const timeline = await store.db.selectFrom('problem_events').select(['action']).distinct().execute();
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['report', 'accept', 'assign', 'start', 'handle', 'verify', 'close', 'send_back', 'dismiss', 'escalate', 'interview']));
  });

  it('tiles every village with parcels whose coverage is near the county target (issue 5 demo ledger)', async () => {
    const made = await buildDemoParcels(store, '500242000000', 2024);
    const villages = await store.db.selectFrom('units').select('code').where('level', '=', 'village').where('code', 'like', '500242%').where('geom_json', 'is not', null).execute();
    expect(made).toBe(villages.length * 16);
    const stats = await createServices(store, defaultSettings).ledger.statistics(viewerOf({ id: 'x', username: 'x', roles: ['admin'], scopeUnitCode: '500242000000' }), { year: 2024 });
    if (!stats.ok) throw new Error('statistics failed');
    expect(stats.value.areaM2 / stats.value.coverage.landAreaM2).toBeCloseTo(1, 3); // the parcels tile the county
    expect(stats.value.coverage.coverage).toBeGreaterThan(0.55); // DOMAIN.md §3: Youyang's target is 64.1 %
    expect(stats.value.coverage.coverage).toBeLessThan(0.7);
  });
});

import { describe, expect, it } from 'vitest';
import { testEngines } from './engines.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { ComplianceService } from '../src/patrols/compliance-service.ts';
import { viewerOf } from '../src/auth/viewer.ts';

// Issue 3 §7: the demo fills patrols with a realistic share of missed duties and flagged tracks.
const NOW = new Date('2024-05-08T06:00:00Z');

describe.each(testEngines())('demo activity on $name', (engine) => {
  it('gives the board a mix of met and missed duties, flagged tracks and real tracks in the last week', async () => {
    const store = await engine.open();
    try {
      const summary = await buildDemo(store, '500242', NOW, { activityDays: 56 });
      expect(summary.activity!.patrols).toBeGreaterThan(15_000);
      expect(summary.activity!.withTracks).toBeGreaterThan(1_000);
      expect(summary.activity!.fixes).toBeGreaterThan(100_000);
      expect(summary.activity!.reports).toBeGreaterThan(300); // 278 village chiefs monthly over two months, most on time
      // Issue 5 §3: permits issued through the real rules in two years, the short-deadline ones opened as problems.
      expect(summary.logging!.permits).toBeGreaterThan(30);
      expect(summary.logging!.overdueReplanting).toBeGreaterThan(0);
      // Issue 5 §6: one batch in its posting with an objection, one paid.
      expect(summary.compensation).toMatchObject({ batches: 2 });
      expect(summary.trees).toBe(50); // issue 5 §5
      expect(summary.landUse).toBe(3); // issue 5 §4
      // Issue 6 §7: works in four forest towns, 十户联防 groups in nine villages, the plan's 2024 targets.
      expect(summary.fireInfrastructure!.works).toBeGreaterThan(30);
      expect(summary.fireInfrastructure!.groups).toBeGreaterThanOrEqual(15);
      expect(summary.fireInfrastructure!.targets).toBe(14);
      // Issue 7 §9: a season of dead pines in every lifecycle state, one 小班 of 140 awaiting its follow-up samples,
      // the overdue samples and fellings opened as problems.
      expect(summary.deadTrees).toBeGreaterThan(1500);
      // Issue 8 §2–§3: six plan targets tracked (five by indicator, 新造油茶 by quarterly reports), this year's scheme.
      expect(summary.workplanTracking).toEqual({ tracked: 6, schemes: 1 });
      const treeStates = await store.db.selectFrom('dead_trees').select(['state', 'done']).distinct().execute();
      expect(new Set(treeStates.map((t) => (t.done ? 'done' : t.state)))).toEqual(new Set(['found', 'sampled', 'result', 'felled', 'disposed', 'stump_treated', 'done']));
      const perParcel = await store.db.selectFrom('dead_trees').select(['parcel_id', (eb) => eb.fn.countAll().as('n')]).groupBy('parcel_id').execute();
      expect(perParcel.some((p) => Number(p.n) === 140)).toBe(true);
      const overdue = await store.db.selectFrom('dead_tree_overdue').innerJoin('problems', 'problems.id', 'dead_tree_overdue.problem_id').select('problems.category').execute();
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.every((o) => o.category === 'dead_pine')).toBe(true);
      const statuses = await store.db.selectFrom('compensation_batches').select('status').orderBy('status').execute();
      expect(statuses.map((s) => s.status)).toEqual(['paid', 'posted']);
      const overQuota = await store.db.selectFrom('logging_permits').select(['quota_unit_code', 'year', (eb) => eb.fn.sum<number>('volume_m3').as('v')])
        .where('status', '=', 'issued').groupBy(['quota_unit_code', 'year']).execute();
      for (const q of overQuota) {
        const cap = await store.db.selectFrom('logging_quotas').select('total_m3').where('unit_code', '=', q.quota_unit_code).where('year', '=', q.year).executeTakeFirstOrThrow();
        expect(Number(q.v)).toBeLessThanOrEqual(cap.total_m3);
      }

      const flagged = await store.db.selectFrom('patrols').select((eb) => eb.fn.countAll().as('n')).where('flags', 'like', '%vehicle%').executeTakeFirstOrThrow();
      expect(Number(flagged.n)).toBeGreaterThan(50);
      const invalid = await store.db.selectFrom('patrols').select((eb) => eb.fn.countAll().as('n')).where('valid', '=', 0).executeTakeFirstOrThrow();
      expect(Number(invalid.n)).toBeGreaterThan(50);
      // Tracked patrols were assessed by the same rules as uploads: their stored figures come from their fixes.
      const tracked = await store.db.selectFrom('patrols').select(['id', 'fixes_kept']).where('fixes_kept', 'is not', null).limit(1).executeTakeFirstOrThrow();
      const fixes = await store.db.selectFrom('patrol_fixes').select((eb) => eb.fn.countAll().as('n')).where('patrol_id', '=', tracked.id).executeTakeFirstOrThrow();
      expect(Number(fixes.n)).toBe(tracked.fixes_kept);

      const board = await new ComplianceService(store, () => NOW).patrolCompliance(
        viewerOf({ id: 'x', username: 'x', roles: ['chief'], scopeUnitCode: '500242000000' }), { asOf: NOW.toISOString() },
      );
      expect(board.ok).toBe(true);
      if (!board.ok) return;
      const rangers = board.value.rows.filter((r) => r.role === 'ranger');
      expect(rangers).toHaveLength(3000);
      const missedLastWeek = rangers.filter((r) => r.previous?.status === 'missed').length / rangers.length;
      expect(missedLastWeek).toBeGreaterThan(0.03);
      expect(missedLastWeek).toBeLessThan(0.4);
    } finally {
      await store.dispose();
    }
  });
});

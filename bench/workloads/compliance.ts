import { sql } from 'kysely';
import { buildDemo } from '../../packages/server/src/demo/build-demo.ts';
import { ComplianceService } from '../../packages/server/src/patrols/compliance-service.ts';
import { viewerOf } from '../../packages/server/src/auth/viewer.ts';
import { time, type Workload } from '../harness.ts';

const NOW = new Date('2024-12-30T06:00:00Z');

/**
 * Issue 3 §8: patrol duty compliance for a county-year (the demo's year of patrols for 3,000 rangers, village
 * and town chiefs) against a bare SQL GROUP BY of valid patrols per person per week on the same engine.
 */
export const complianceWorkload: Workload = {
  name: 'compliance',
  async run(engine, report) {
    const store = await engine.open();
    try {
      const [summary, buildMs] = await time(() => buildDemo(store, '500242', NOW));
      report(`build Youyang demo with a year of patrols (${summary.activity!.patrols.toLocaleString('en-US')} patrols, ${summary.activity!.fixes.toLocaleString('en-US')} fixes)`, `${(buildMs / 1000).toFixed(1)} s`);
      const service = new ComplianceService(store, () => NOW);
      const viewer = viewerOf({ id: 'bench', username: 'bench', roles: ['chief'], scopeUnitCode: '500242000000' });
      await service.patrolCompliance(viewer, {}); // warm the caches once
      const [result, ms] = await time(() => service.patrolCompliance(viewer, {}));
      const posts = result.ok ? result.value.rows.length : 0;
      report(`patrol compliance, county, year to date (${posts.toLocaleString('en-US')} posts, every week or quarter)`, `${ms.toFixed(0)} ms`);
      const week = engine.name === 'sqlite'
        ? sql`strftime('%Y-%W', started_at, '+8 hours')`
        : sql`date_trunc('week', started_at::timestamptz at time zone 'Asia/Shanghai')`;
      const [, anchorMs] = await time(() =>
        sql`select person_id, ${week} as week, count(*) as n from patrols
            where valid = 1 and unit_code like '500242%' and started_at >= '2024-01-01' group by person_id, ${week}`.execute(store.db),
      );
      report('anchor: bare GROUP BY valid patrols per person per week (SQL)', `${anchorMs.toFixed(0)} ms (compliance at ${(ms / anchorMs).toFixed(1)}× the anchor)`);
    } finally {
      await store.dispose();
    }
  },
};

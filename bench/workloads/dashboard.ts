import { sql } from 'kysely';
import { buildDemo } from '../../packages/server/src/demo/build-demo.ts';
import { createServices } from '../../packages/server/src/services.ts';
import { readSettings } from '../../packages/server/src/config/env.ts';
import { viewerOf } from '../../packages/server/src/auth/viewer.ts';
import { time, type Workload } from '../harness.ts';

const NOW = new Date('2026-11-20T06:00:00Z');
const county = viewerOf({ id: 'bench', username: 'bench', roles: ['admin'], scopeUnitCode: '500242000000' });

/**
 * Issue 8 §5: the leadership dashboard of the full Youyang demo (a year of patrols, 100,000 小班, the plan's
 * targets, this year's assessment) as a county admin opens it, and each of its heaviest reads alone, against the
 * raw engine fetching what those reads cannot do without: the year's valid patrols and the ledger summed per town.
 */
export const dashboardWorkload: Workload = {
  name: 'dashboard',
  async run(engine, report) {
    const store = await engine.open();
    try {
      const [summary, buildMs] = await time(() => buildDemo(store, '500242', NOW, { parcels: 100_000 }));
      report(`build the full Youyang demo (${summary.activity!.patrols.toLocaleString('en-US')} patrols, 100,000 parcels)`, `${(buildMs / 1000).toFixed(1)} s`);
      const services = createServices(store, readSettings({}), () => NOW);
      const [first, firstMs] = await time(() => services.dashboard.dashboard(county, {}));
      if (!first.ok) throw new Error('dashboard failed');
      const [, againMs] = await time(() => services.dashboard.dashboard(county, {}));
      report('dashboard, county, first open (7 sections, 23 figures and the ranking)', `${firstMs.toFixed(0)} ms`);
      report('dashboard, county, opened again', `${againMs.toFixed(0)} ms`);
      const range = { unit: '500242000000', from: '2026-10-01', to: '2026-11-20' };
      const [, patrolMs] = await time(() => services.indicators.read(county, { key: 'patrol_compliance', ...range }));
      report('  alone: patrol compliance of the quarter (the year\'s patrols judged)', `${patrolMs.toFixed(0)} ms`);
      const [, coverageMs] = await time(() => services.indicators.read(county, { key: 'forest_coverage', ...range }));
      report('  alone: forest coverage (the ledger summed per town)', `${coverageMs.toFixed(0)} ms`);
      const scheme = await services.assessment.latestScheme('500242000000');
      if (scheme) {
        const [, scoreMs] = await time(() => services.assessment.scores(county, scheme.id, { period: '2026-Q4', level: 'town' }));
        report('  alone: this quarter\'s assessment of the 39 towns', `${scoreMs.toFixed(0)} ms`);
      }
      const [patrols, fetchMs] = await time(() => sql<{ n: number }>`select person_id, started_at, distance_m from patrols
        where unit_code like '500242%' and valid = 1 and started_at >= '2025-12-29' and started_at <= ${NOW.toISOString()} and person_id is not null`.execute(store.db));
      const [, groupMs] = await time(() => sql`select substr(unit_code, 1, 9), land_class, count(*), sum(area_m2) from parcels
        where unit_code like '500242%' and year = 2026 group by 1, 2`.execute(store.db));
      report(`anchor: raw fetch of the year's valid patrols (${patrols.rows.length.toLocaleString('en-US')} rows) + ledger GROUP BY town, land class (SQL)`,
        `${(fetchMs + groupMs).toFixed(0)} ms (${fetchMs.toFixed(0)} + ${groupMs.toFixed(0)}; dashboard at ${(firstMs / (fetchMs + groupMs)).toFixed(1)}× the anchor)`);
    } finally {
      await store.dispose();
    }
  },
};

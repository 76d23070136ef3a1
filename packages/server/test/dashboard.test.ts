import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentTemplate, openStatuses } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoWorkplans } from '../src/demo/demo-workplans.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';

// Issue 8 §5 "the dashboard's numbers equal the records behind them": every figure of the county's dashboard is
// compared with the page (API) that lists its records, and moves when a record is added.
const NOW = new Date('2024-05-08T06:00:00Z');
const COUNTY = '500242000000';

interface Figure { key: string; value: number | null; unit: string; link: string; note: string | null }
interface Dashboard { sections: { key: string; figures: Figure[]; ranking?: { period: string; top: { name: string; total: number; rank: number }[]; bottom: unknown[] } | null }[] }

describe.each(testEngines())('leadership dashboard on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  const get = async (url: string) => {
    const res = await f.app.inject({ method: 'GET', url, headers: { cookie: staff } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const board = async () => (await get(`/api/dashboard?unit=${COUNTY}`)) as Dashboard;
  const figure = (d: Dashboard, key: string) => d.sections.flatMap((s) => s.figures).find((x) => x.key === key)!;

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await buildDemoWorkplans(store, '500242', NOW);
        await new AuthService(store, defaultSettings).createUser({ username: 'board-staff', name: '林长办', password: 'staff1234', roles: ['staff'], scopeUnitCode: COUNTY, actorId: null });
      },
      now: () => NOW,
    });
    staff = await f.login('board-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  it('shows every section, each figure linking to a page of records', async () => {
    const d = await board();
    expect(d.sections.map((s) => s.key)).toEqual(['targets', 'duties', 'problems', 'fire', 'pests', 'resources', 'ranking']);
    // Every figure was read, and opens a page of records.
    for (const x of d.sections.flatMap((s) => s.figures)) {
      expect(x.link.length > 1 && x.link.startsWith('/'), x.key).toBe(true);
      expect(x.note ?? '', x.key).not.toBe('无法读取');
    }
    const town = await f.login('chief-500242101000');
    expect((await f.app.inject({ method: 'GET', url: `/api/dashboard?unit=${COUNTY}`, headers: { cookie: town } })).statusCode).toBe(404);
  });

  it('equals the records behind each figure', async () => {
    const d = await board();
    const plans = (await get('/api/workplans')) as { id: string }[];
    const targets = (await get(`/api/workplans/${plans[0]!.id}/targets`)).items as unknown[];
    expect(figure(d, 'targets_total')).toMatchObject({ value: targets.length, link: `/workplans/${plans[0]!.id}` });
    const status = openStatuses.map((s) => `status=${s}`).join('&');
    expect(figure(d, 'problems_open').value).toBe((await get(`/api/problems?unit=${COUNTY}&${status}&limit=1`)).total);
    expect(figure(d, 'problems_overdue_now').value).toBe((await get(`/api/problems?unit=${COUNTY}&overdue=true&limit=1`)).total);
    expect(figure(d, 'fires_open').value).toBe((await get(`/api/fires?unit=${COUNTY}&open=true&limit=1`)).total);
    expect(figure(d, 'dead_trees_open').value).toBe((await get(`/api/pests/dead-trees?unit=${COUNTY}&open=true&year=2024&limit=1`)).total);
    const danger = (await get(`/api/fire/danger?unit=${COUNTY}`)) as { units: { unitLevel: string; warning: boolean }[] };
    expect(figure(d, 'fire_danger_warning').value).toBe(danger.units.filter((u) => u.unitLevel === 'town' && u.warning).length);
    for (const [key, from] of [['patrol_compliance', '2024-04-01'], ['report_compliance', '2024-04-01'], ['case_investigation', '2024-01-01'], ['forest_fires', '2024-01-01'], ['pest_disaster_rate', '2024-01-01'], ['forest_coverage', '2024-01-01'], ['responsibility_coverage', '2024-01-01']] as const) {
      const reading = (await get(`/api/indicators/${key}?unit=${COUNTY}&from=${from}&to=2024-05-08`)) as { unit: string; total: { value: number | null; link: string } };
      expect(figure(d, key), key).toMatchObject({ value: reading.total.value, unit: reading.unit, link: reading.total.link });
    }
  });

  it('moves when a problem goes overdue, and ranks the towns once a scheme exists', async () => {
    const before = await board();
    expect(before.sections.find((s) => s.key === 'ranking')!.ranking).toBeNull();
    await f.store.db.insertInto('problems').values({
      id: 'board-p1', category: 'other', source: 'patrol', severity: 'normal', title: '逾期', description: '测试', lon: 108.77, lat: 28.84, geom_json: null, unit_code: '500242101200',
      status: 'assigned', version: 1, reported_at: '2024-04-20T00:00:00.000Z', deadline_at: '2024-05-01T00:00:00.000Z', due_soon_at: '2024-04-30T00:00:00.000Z',
      created_at: '2024-04-20T00:00:00.000Z', updated_at: '2024-04-20T00:00:00.000Z',
    }).execute();
    const scheme = await f.app.inject({ method: 'POST', url: '/api/assessment/schemes', headers: { cookie: staff, 'content-type': 'application/json' }, payload: JSON.stringify({ ...assessmentTemplate, year: 2024 }) });
    expect(scheme.statusCode).toBe(201);
    const after = await board();
    expect(figure(after, 'problems_overdue_now').value).toBe(figure(before, 'problems_overdue_now').value! + 1);
    expect(figure(after, 'problems_open').value).toBe(figure(before, 'problems_open').value! + 1);
    const ranking = after.sections.find((s) => s.key === 'ranking')!.ranking!;
    expect(ranking.period).toBe('2024-Q2');
    const scores = (await get(`/api/assessment/schemes/${scheme.json().id}/scores?period=2024-Q2`)) as { rows: { subjectName: string; total: number }[] };
    expect(ranking.top.map((r) => [r.name, r.total])).toEqual(scores.rows.slice(0, 3).map((r) => [r.subjectName, r.total]));
    expect(ranking).toMatchObject({ own: false, ranked: scores.rows.length });

    // A town's forestry station sees where its town stands in the county's scheme, and no other town.
    const office = await f.login('office-500242101000');
    const townBoard = await f.app.inject({ method: 'GET', url: '/api/dashboard?unit=500242101000', headers: { cookie: office } });
    expect(townBoard.statusCode, townBoard.body).toBe(200);
    const own = (townBoard.json() as Dashboard).sections.find((s) => s.key === 'ranking')!.ranking as unknown as { own: boolean; ranked: number; top: { name: string; total: number; rank: number }[]; bottom: unknown[] };
    const longtan = (scores.rows as { subjectName: string; total: number; rank?: number }[]).find((r) => r.subjectName === '龙潭镇')!;
    expect(own).toMatchObject({ own: true, ranked: scores.rows.length, bottom: [] });
    expect(own.top).toEqual([{ name: '龙潭镇', total: longtan.total, rank: longtan.rank }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDutyRules, defaultTrackRules, syntheticTrack, type ComplianceReport, type ComplianceRow } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';

// DESIGN.md conventions: rules are versioned configuration with an effective date, edited by an administrator.
const NOW = new Date('2024-05-08T02:00:00Z'); // 10:00 Shanghai

describe.each(testEngines())('rule versions on $name', (engine) => {
  let f: AppFixture;
  let admin: string;
  const post = (url: string, cookie: string, payload: unknown) =>
    f.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', NOW, { activity: false }), now: () => NOW });
    admin = await f.login('admin', 'admin123');
  });
  afterAll(() => f?.close());

  it('lets only an administrator add a version, from today on, once per date, with valid numbers', async () => {
    const body = { ...defaultTrackRules, minDurationMinutes: 60 };
    const chief = await f.login('chief-500242000000');
    expect((await post('/api/rules/track_rules', chief, { effectiveFrom: '2024-05-08', body })).statusCode).toBe(403);
    const past = await post('/api/rules/track_rules', admin, { effectiveFrom: '2024-05-07', body });
    expect(past.json().errors).toEqual([{ field: '/body/effectiveFrom', message: '生效日期不能早于今天' }]);
    const bad = await post('/api/rules/track_rules', admin, { effectiveFrom: '2024-05-08', body: { ...body, minInAreaShare: 2 } });
    expect(bad.json().errors).toEqual([{ field: '/body/body/minInAreaShare', message: '应在 0 与 1 之间' }]);
    expect((await post('/api/rules/track_rules', admin, { effectiveFrom: '2024-05-08', body, note: '县林业局 2024 年第 3 号通知' })).statusCode).toBe(201);
    expect((await post('/api/rules/track_rules', admin, { effectiveFrom: '2024-05-08', body })).statusCode).toBe(409);
    const overview = (await f.app.inject({ method: 'GET', url: '/api/rules/track_rules', headers: { cookie: admin } })).json();
    expect(overview.inForce.minDurationMinutes).toBe(60);
    expect(overview.defaults.minDurationMinutes).toBe(defaultTrackRules.minDurationMinutes);
    expect(overview.versions).toHaveLength(1);
  });

  it('judges a patrol by the track rules in force on its day', async () => {
    const ranger = await f.login('ranger-500242101200-1');
    const grid = await f.store.db
      .selectFrom('areas').innerJoin('posts', 'posts.id', 'areas.post_id').innerJoin('users', 'users.person_id', 'posts.person_id')
      .select('areas.geom_json').where('users.username', '=', 'ranger-500242101200-1').executeTakeFirstOrThrow();
    const ring = (JSON.parse(grid.geom_json!) as { coordinates: number[][][][] }).coordinates[0]![0]!.slice(0, -1);
    const centre: [number, number] = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
    const t0 = Date.parse('2024-05-08T00:30:00Z');
    // 45 minutes: valid under the default 30-minute rule, too short under today's 60-minute version.
    const fixes = syntheticTrack({ start: centre, startTime: t0, intervalS: 15, legs: Array.from({ length: 12 }, (_, i) => ({ headingDeg: (i % 4) * 90, metres: 170, speedMps: 0.75 })) });
    await post('/api/patrols', ranger, { id: 'patrol-under-new-rules', startedAt: new Date(t0).toISOString() });
    await post('/api/patrols/patrol-under-new-rules/fixes', ranger, { fixes });
    const ended = (await post('/api/patrols/patrol-under-new-rules/end', ranger, { endedAt: new Date(fixes[fixes.length - 1]!.t).toISOString() })).json();
    expect(ended.durationS).toBeGreaterThan(40 * 60);
    expect(ended.valid).toBe(false);
    expect(ended.invalidReasons).toEqual(['too_short']);
  });

  it('applies a new duty table from the first period that begins after it takes effect', async () => {
    const duties = defaultDutyRules.map((r) => (r.role === 'chief' && r.level === 'village' && r.duty === 'patrol' ? { ...r, count: 2, source: '试行：每周两次' } : r));
    expect((await post('/api/rules/duty_rules', admin, { effectiveFrom: '2024-05-08', body: duties })).statusCode).toBe(201);
    const townChief = await f.login('chief-500242101000');
    const boardAt = async (asOf: string): Promise<ComplianceReport> =>
      (await f.app.inject({ method: 'GET', url: `/api/compliance/patrols?unit=500242101000&asOf=${asOf}`, headers: { cookie: townChief } })).json();
    const villageChiefOf = (board: ComplianceReport): ComplianceRow => {
      const row = board.rows.find((r) => r.role === 'chief' && r.level === 'village');
      if (!row) throw new Error('no village chief on the board');
      return row;
    };
    // The week that began before the new table took effect (Wednesday 8 May) keeps the old requirement …
    const thisWeek = villageChiefOf(await boardAt('2024-05-08T06:00:00Z'));
    expect(thisWeek.current).toMatchObject({ periodKey: '2024-W19', required: 1 });
    expect(thisWeek.rule.count).toBe(1);
    // … the next week is judged by the new one, and the week before keeps its own.
    const nextWeek = villageChiefOf(await boardAt('2024-05-14T06:00:00Z'));
    expect(nextWeek.current).toMatchObject({ periodKey: '2024-W20', required: 2 });
    expect(nextWeek.previous).toMatchObject({ periodKey: '2024-W19', required: 1 });
    expect(nextWeek.rule).toMatchObject({ count: 2, source: '试行：每周两次' });
  });

  it('changes a duty\'s period kind from the first period of the new kind that begins on or after the date', async () => {
    // Rangers: weekly until June 2024, then twice a month (a county's new rule).
    const duties = defaultDutyRules.map((r) => (r.role === 'ranger' && r.duty === 'patrol' ? { ...r, count: 2, period: 'month' as const, source: '试行：每月两次' } : r));
    expect((await post('/api/rules/duty_rules', admin, { effectiveFrom: '2024-06-01', body: duties })).statusCode).toBe(201);
    const townChief = await f.login('chief-500242101000');
    const rangerAt = async (asOf: string): Promise<ComplianceRow> => {
      const board: ComplianceReport = (await f.app.inject({ method: 'GET', url: `/api/compliance/patrols?unit=500242101200&asOf=${asOf}`, headers: { cookie: townChief } })).json();
      const row = board.rows.find((r) => r.role === 'ranger');
      if (!row) throw new Error('no ranger on the board');
      return row;
    };
    const may = await rangerAt('2024-05-29T06:00:00Z');
    expect(may.rule).toMatchObject({ period: 'week', count: 1 });
    expect(may.current).toMatchObject({ periodKey: '2024-W22', required: 1 });
    const june = await rangerAt('2024-06-12T06:00:00Z');
    expect(june.rule).toMatchObject({ period: 'month', count: 2, source: '试行：每月两次' });
    expect(june.current).toMatchObject({ periodKey: '2024-06', required: 2 });
    // The last period before June keeps the kind and count in force when it began: the week of 27 May, which
    // runs into June, is still judged as a week.
    expect(june.previous).toMatchObject({ periodKey: '2024-W22', required: 1, status: 'missed' });
  });
});

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { scheduledJobs } from '../src/jobs/scheduled-jobs.ts';
import { createServices } from '../src/services.ts';
import { defaultSettings } from '../src/config/env.ts';
import { deliverWebhooks } from '../src/notifications/webhook.ts';
import { auditTrail } from '../src/audit/audit-log.ts';

// Issue 4: the problem closed loop on both engines — report, assign, handle, verify by another person, close;
// deadlines, 督办 and 约谈 by the scheduled job; the public report page; statistics; the webhook.
const VILLAGE = '500242101200'; // 包家村, 龙潭镇
const TOWN = '500242101000';
const T0 = new Date('2024-05-06T02:00:00Z'); // Monday 10:00 in Shanghai

function innerPoint(geometry: MultiPolygon): [number, number] {
  const ring = geometry.coordinates[0]![0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
}

describe.each(testEngines())('problem closed loop on $name', (engine) => {
  let f: AppFixture;
  let clock = T0;
  const cookies: Record<string, string> = {};
  const people: Record<string, string> = {};
  let here: [number, number];
  let seq = 0;
  const newId = () => `prob-test-${engine.name}-${++seq}`.padEnd(12, '0');
  const post = (url: string, who: string | null, payload: unknown) =>
    f.app.inject({ method: 'POST', url, headers: { ...(who ? { cookie: cookies[who]! } : {}), 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const get = (url: string, who: string) => f.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
  const act = async (who: string, id: string, body: Record<string, unknown>) => {
    const current = (await get(`/api/problems/${id}`, who)).json() as { version: number };
    return post(`/api/problems/${id}/transitions`, who, { version: current.version, ...body });
  };
  const report = (who: string, extra: Record<string, unknown> = {}) =>
    post('/api/problems', who, { id: newId(), category: 'illegal_logging', description: '发现新鲜伐桩 3 个，疑似盗伐', lon: here[0], lat: here[1], ...extra });

  beforeAll(async () => {
    // Sessions outlive the test's clock, which jumps weeks ahead.
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', T0, { activity: false }), now: () => clock, settings: { sessionHours: 24 * 365 * 10 } });
    for (const u of ['ranger-500242101200-1', 'chief-500242101200', 'supervisor-500242101200', 'chief-500242101000', 'chief-500242000000', 'chief-500242102000']) {
      cookies[u] = await f.login(u);
      const row = await f.store.db.selectFrom('users').select('person_id').where('username', '=', u).executeTakeFirstOrThrow();
      people[u] = row.person_id!;
    }
    const grid = await f.store.db
      .selectFrom('areas').innerJoin('posts', 'posts.id', 'areas.post_id').innerJoin('users', 'users.person_id', 'posts.person_id')
      .select('areas.geom_json').where('users.username', '=', 'ranger-500242101200-1').executeTakeFirstOrThrow();
    here = innerPoint(JSON.parse(grid.geom_json!) as MultiPolygon);
  });
  afterAll(() => f?.close());

  it('a ranger reports once however often the phone retries; the unit comes from the location', async () => {
    clock = T0;
    const id = newId();
    const body = { id, category: 'illegal_logging', description: '发现新鲜伐桩', lon: here[0], lat: here[1] };
    const first = await post('/api/problems', 'ranger-500242101200-1', body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ unitCode: VILLAGE, status: 'reported', source: 'patrol', severity: 'general', version: 1, deadlineAt: '2024-05-13T02:00:00.000Z' });
    expect((await post('/api/problems', 'ranger-500242101200-1', body)).statusCode).toBe(200);
    expect((await f.store.db.selectFrom('problems').select('id').where('id', '=', id).execute()).length).toBe(1);
    const inbox = (await get('/api/inbox?unread=true', 'chief-500242101200')).json();
    expect(inbox.items.some((n: { kind: string; problemId: string }) => n.kind === 'reported' && n.problemId === id)).toBe(true);
  });

  it('refuses a location outside the reporter’s units and hides problems from other towns', async () => {
    const far = await report('ranger-500242101200-1', { lon: 108.0, lat: 28.0 });
    expect(far.statusCode).toBe(400);
    expect(far.json().errors[0].field).toBe('/body/lon');
    const mine = (await report('ranger-500242101200-1')).json();
    expect((await get(`/api/problems/${mine.id}`, 'chief-500242102000')).statusCode).toBe(404);
    const list = (await get('/api/problems', 'chief-500242102000')).json();
    expect(list.items.find((p: { id: string }) => p.id === mine.id)).toBeUndefined();
  });

  it('runs the loop; the handler cannot verify or close their own work; every step is audited', async () => {
    clock = new Date(T0.getTime() + 3_600_000);
    const p = (await report('ranger-500242101200-1')).json();
    // the village chief takes it on himself
    let r = await act('chief-500242101200', p.id, { action: 'assign', assigneePersonId: people['chief-500242101200'] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'assigned', assigneeUnitCode: VILLAGE });
    expect((await act('chief-500242101200', p.id, { action: 'start' })).json().status).toBe('in_handling');
    r = await act('chief-500242101200', p.id, { action: 'handle', note: '已立案移交森林公安，伐桩已拍照留存' });
    expect(r.json()).toMatchObject({ status: 'handled' });
    const own = await act('chief-500242101200', p.id, { action: 'verify' });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('不能核查自己');
    r = await act('supervisor-500242101200', p.id, { action: 'verify' });
    expect(r.json().status).toBe('verified');
    expect((await act('chief-500242101200', p.id, { action: 'close' })).statusCode).toBe(403);
    r = await act('chief-500242101000', p.id, { action: 'close' });
    expect(r.statusCode).toBe(200);
    const closed = r.json();
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual(['report', 'assign', 'start', 'handle', 'verify', 'close']);
    const audit = await auditTrail(f.store.db, 'problem', p.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'update']);
  });

  it('sends back with a reason and tells the handler', async () => {
    const p = (await report('ranger-500242101200-1')).json();
    await act('chief-500242101200', p.id, { action: 'assign', assigneePersonId: people['ranger-500242101200-1'] });
    await act('ranger-500242101200-1', p.id, { action: 'handle', note: '已处理' });
    expect((await act('supervisor-500242101200', p.id, { action: 'send_back' })).statusCode).toBe(400);
    const back = await act('supervisor-500242101200', p.id, { action: 'send_back', reason: '缺少现场照片' });
    expect(back.json().status).toBe('in_handling');
    const inbox = (await get('/api/inbox', 'ranger-500242101200-1')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['assigned', 'sent_back']));
  });

  it('lets exactly one of two concurrent transitions on a problem succeed', async () => {
    const p = (await report('ranger-500242101200-1')).json();
    const [a, b] = await Promise.all([
      post(`/api/problems/${p.id}/transitions`, 'chief-500242101200', { version: 1, action: 'assign', assigneePersonId: people['ranger-500242101200-1'] }),
      post(`/api/problems/${p.id}/transitions`, 'chief-500242101000', { version: 1, action: 'dismiss', reason: '重复上报' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = (await get(`/api/problems/${p.id}`, 'chief-500242101200')).json().events;
    expect(events).toHaveLength(2);
  });

  it('escalates an overdue problem to the town chief, then the county with an interview; the job is safe to run twice', async () => {
    clock = T0;
    const p = (await report('ranger-500242101200-1', { category: 'other', severity: 'general' })).json();
    await act('chief-500242101200', p.id, { action: 'assign', assigneePersonId: people['ranger-500242101200-1'] });
    const services = createServices(f.store, defaultSettings, () => clock);
    const jobs = scheduledJobs(f.store, services, defaultSettings).filter((j) => j.name === 'problem-deadlines');

    const dueSoon = await runDueJobs(f.store.db, jobs, '2024-05-12T03:00:00.000Z');
    expect(dueSoon[0]).toMatchObject({ status: 'ran' });
    let inbox = (await get('/api/inbox', 'ranger-500242101200-1')).json();
    expect(inbox.items.some((n: { kind: string; problemId: string }) => n.kind === 'due_soon' && n.problemId === p.id)).toBe(true);

    const asOf = '2024-05-14T00:00:00.000Z'; // a day past the 7-day deadline
    const first = await runDueJobs(f.store.db, jobs, asOf);
    expect(first[0]!.status).toBe('ran');
    expect((await runDueJobs(f.store.db, jobs, asOf))[0]!.status).toBe('already_ran');
    clock = new Date(asOf);
    let detail = (await get(`/api/problems/${p.id}`, 'chief-500242101000')).json();
    expect(detail).toMatchObject({ escalationCount: 1, escalationLevel: 'town', overdue: true, status: 'assigned' });
    expect(detail.events.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
    inbox = (await get('/api/inbox', 'chief-500242101000')).json();
    expect(inbox.items.some((n: { kind: string; problemId: string }) => n.kind === 'escalated' && n.problemId === p.id)).toBe(true);
    const board = (await get('/api/problems?escalated=true&overdue=true', 'chief-500242101000')).json();
    expect(board.items.map((x: { id: string }) => x.id)).toContain(p.id);

    // handled late: the village supervisor may no longer verify it, the town chief may
    await act('ranger-500242101200-1', p.id, { action: 'handle', note: '已处理' });
    expect((await act('supervisor-500242101200', p.id, { action: 'verify' })).statusCode).toBe(403);
    expect((await act('chief-500242101000', p.id, { action: 'verify' })).json().status).toBe('verified');

    // another left alone: two 督办 steps and a 约谈 record
    clock = T0;
    const q = (await report('ranger-500242101200-1', { category: 'other' })).json();
    await runDueJobs(f.store.db, jobs, '2024-05-20T00:00:00.000Z');
    clock = new Date('2024-05-20T00:00:00.000Z');
    detail = (await get(`/api/problems/${q.id}`, 'chief-500242000000')).json();
    expect(detail).toMatchObject({ escalationCount: 2, escalationLevel: 'county' });
    const interviews = (await get('/api/interviews', 'chief-500242000000')).json();
    expect(interviews.items.find((i: { problemId: string }) => i.problemId === q.id)).toMatchObject({ unitCode: VILLAGE, personId: people['chief-500242101200'] });
  });

  it('takes public reports without a login, limited per address', async () => {
    const body = (id: string) => ({ id, category: 'fire_hazard', description: '山上有人烧荒，烟很大', lon: here[0], lat: here[1], phone: '13800138000' });
    const first = await f.app.inject({ method: 'POST', url: '/api/public/problems', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body('public-000001')) });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ created: true, unitName: '包家村' });
    const stored = (await get('/api/problems/public-000001', 'chief-500242101200')).json();
    expect(stored).toMatchObject({ source: 'public', reporterPhone: '13800138000', reporterUserId: null });
    expect((await get('/api/problems/public-000001', 'ranger-500242101200-1')).json().reporterPhone).toBeNull();
    const codes: number[] = [];
    for (let i = 2; i <= 12; i++) {
      codes.push((await f.app.inject({ method: 'POST', url: '/api/public/problems', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body(`public-${String(i).padStart(6, '0')}`)) })).statusCode);
    }
    expect(codes.slice(0, 9).every((c) => c === 201)).toBe(true);
    expect(codes.slice(9)).toEqual([429, 429]);
  });

  it('counts problems per town with the on-time and case investigation rates, and exports them', async () => {
    clock = new Date('2024-06-01T00:00:00Z');
    const stats = (await get('/api/problems/statistics?from=2024-05-01&to=2024-05-31', 'chief-500242000000')).json();
    const town = stats.rows.find((r: { unitCode: string }) => r.unitCode === TOWN);
    const count = await f.store.db.selectFrom('problems').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_code', 'like', '500242101%').executeTakeFirstOrThrow();
    expect(town.reported).toBe(Number(count.n));
    expect(town.closed).toBe(1);
    expect(town.cases).toBeGreaterThan(0);
    expect(town.caseInvestigationRate).toBeCloseTo(1 / town.cases, 6);
    const xlsx = await get('/api/problems/statistics.xlsx?from=2024-05-01&to=2024-05-31', 'chief-500242000000');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('posts assignments to the configured webhook, signed, retrying a failure', async () => {
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    let fail = true;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = fail ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const settings = { ...defaultSettings, webhookUrl: `http://127.0.0.1:${port}/hook`, webhookSecret: 's3cret' };
      const services = createServices(f.store, settings, () => clock);
      clock = new Date('2024-06-01T00:00:00Z');
      const ranger = (await import('../src/auth/viewer.ts')).viewerOf;
      const chiefRow = await f.store.db.selectFrom('users').selectAll().where('username', '=', 'chief-500242101200').executeTakeFirstOrThrow();
      const chief = ranger({ id: chiefRow.id, username: chiefRow.username, personId: chiefRow.person_id, roles: JSON.parse(chiefRow.roles), scopeUnitCode: chiefRow.scope_unit_code });
      const p = (await report('ranger-500242101200-1')).json();
      const r = await services.problems.transition(chief, p.id, { action: 'assign', version: 1, assigneePersonId: people['ranger-500242101200-1']! });
      expect(r.ok).toBe(true);
      const target = { url: settings.webhookUrl, secret: settings.webhookSecret };
      expect(await deliverWebhooks(f.store.db, target, '2024-06-01T00:00:00.000Z')).toMatchObject({ delivered: 0, failed: 1, pending: 1 });
      fail = false;
      expect(await deliverWebhooks(f.store.db, target, '2024-06-01T00:00:30.000Z')).toMatchObject({ delivered: 0, failed: 0 }); // not yet due again
      expect(await deliverWebhooks(f.store.db, target, '2024-06-01T00:01:00.000Z')).toMatchObject({ delivered: 1, pending: 0 });
      const last = received[received.length - 1]!;
      const payload = JSON.parse(last.body);
      expect(payload).toMatchObject({ event: 'problem.assigned', problem: { id: p.id, unitCode: VILLAGE }, recipients: [{ username: 'ranger-500242101200-1' }] });
      const { createHmac } = await import('node:crypto');
      expect(last.headers['x-linzhang-signature']).toBe(`sha256=${createHmac('sha256', 's3cret').update(last.body).digest('hex')}`);
    } finally {
      server.close();
    }
  });
});

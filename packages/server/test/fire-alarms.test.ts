import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { createServices, type Services } from '../src/services.ts';
import { buildDemoParcels } from '../src/demo/demo-parcels.ts';

// Issue 6 §6: fire records with the "135" timers (DOMAIN.md §5), the linked problem of the closed loop, contract C
// (device alarms), the satellite hotspot import, the public report, statistics and the breached-timer job.
const T0 = Date.parse('2026-04-10T02:00:00.000Z');
let clock = new Date(T0);
const minutes = (m: number) => new Date(T0 + m * 60_000).toISOString();

describe.each(testEngines())('fire alarms on $name', (engine) => {
  let f: AppFixture;
  let services: Services;
  let staff: string;
  let here: [number, number]; // a point in 包家村 (500242101200)
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', new Date(T0), { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'fire-staff', name: '防火股', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', '500242101200').executeTakeFirstOrThrow();
        here = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
      },
      now: () => clock,
    });
    services = createServices(f.store, defaultSettings, () => clock);
    staff = await f.login('fire-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  describe('contract C: fromDevice', () => {
    let firstId = '';
    it('opens a record in state discovered at the alarm time, in the village under the point, with its linked problem', async () => {
      clock = new Date(T0);
      const r = await services.fireAlarms.fromDevice({ deviceId: 'cam-7', deviceName: '包家村 7 号监控', kind: 'smoke', at: minutes(-1), lon: here[0], lat: here[1] });
      expect(r.created).toBe(true);
      firstId = r.fireId;
      const fire = (await call('GET', `/api/fires/${firstId}`)).json();
      expect(fire).toMatchObject({ status: 'discovered', source: 'device', unitCode: '500242101200', discoveredAt: minutes(-1), steps: { discovered: minutes(-1) } });
      expect(fire.problem).toMatchObject({ status: 'reported' });
      const problem = (await call('GET', `/api/problems/${fire.problemId}`)).json();
      expect(problem).toMatchObject({ category: 'fire_hazard', source: 'device', severity: 'urgent', fireRef: firstId, unitCode: '500242101200' });
      // "135" timer 1 runs from discovery
      expect(fire.timers[0]).toMatchObject({ status: 'running', remainingMinutes: 0 });
    });

    it('adds a second alarm of the same device within the window to the open record instead of opening another', async () => {
      const again = await services.fireAlarms.fromDevice({ deviceId: 'cam-7', deviceName: '包家村 7 号监控', kind: 'flame', at: minutes(20), lon: here[0], lat: here[1], note: '画面出现明火' });
      expect(again).toEqual({ fireId: firstId, created: false });
      const fire = (await call('GET', `/api/fires/${firstId}`)).json();
      expect(fire.events.filter((e: { kind: string }) => e.kind === 'alarm')).toMatchObject([{ at: minutes(20), note: '画面出现明火', data: { kind: 'flame' } }]);
      // another device, or the same device after the window, opens its own record
      expect((await services.fireAlarms.fromDevice({ deviceId: 'cam-8', deviceName: '8 号', kind: 'smoke', at: minutes(21), lon: here[0], lat: here[1] })).created).toBe(true);
      expect((await services.fireAlarms.fromDevice({ deviceId: 'cam-7', deviceName: '包家村 7 号监控', kind: 'smoke', at: minutes(120), lon: here[0], lat: here[1] })).created).toBe(true);
    });
  });

  describe('report and timeline', () => {
    let fireId = '';
    let version = 0;
    const id = 'fire-report-0001';
    const step = (body: Record<string, unknown>) => call('POST', `/api/fires/${fireId}/steps`, { version, person: '防火股 王五', ...body });

    it('reports a fire: discovered then, reported now, a problem opened in the loop, the first timer judged and the second running', async () => {
      clock = new Date(T0 + 60 * 60_000);
      const r = await call('POST', '/api/fires', { id, source: 'patrol', lon: here[0], lat: here[1], discoveredAt: minutes(59.5), person: '护林员 冉大山', description: '包家村后山冒烟，疑似烧荒引燃', phone: '13800000001' });
      expect(r.statusCode).toBe(201);
      const fire = r.json();
      fireId = fire.id;
      version = fire.version;
      expect(fire).toMatchObject({ id, status: 'reported', unitName: '包家村', steps: { discovered: minutes(59.5), reported: minutes(60) }, nextSteps: ['verified', 'false_alarm', 'dismissed'], canHandle: true });
      expect(fire.timers.map((t: { status: string }) => t.status)).toEqual(['met', 'running', 'pending']);
      expect(fire.timers[1]).toMatchObject({ remainingMinutes: 3, deadlineAt: minutes(63) });
      const problem = (await call('GET', `/api/problems/${fire.problemId}`)).json();
      expect(problem).toMatchObject({ category: 'fire_hazard', source: 'patrol', fireRef: id, status: 'reported' });
      // a retry of the same report gives the same record
      const again = await call('POST', '/api/fires', { id, source: 'patrol', lon: here[0], lat: here[1], discoveredAt: minutes(59.5), person: '护林员 冉大山', description: '重复提交' });
      expect(again.statusCode).toBe(200);
      expect(again.json().description).toBe('包家村后山冒烟，疑似烧荒引燃');
    });

    it('refuses a discovery in the future, naming the field', async () => {
      const r = await call('POST', '/api/fires', { id: 'fire-report-future', source: 'patrol', lon: here[0], lat: here[1], discoveredAt: minutes(90), person: '某人', description: '未来' });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors).toEqual([{ field: '/body/discoveredAt', message: '发现时间不能晚于现在' }]);
    });

    it('refuses a skipped step, a time before the previous step and a stale version, each naming its field', async () => {
      clock = new Date(T0 + 70 * 60_000);
      const skipped = await step({ step: 'arrived', at: minutes(65) });
      expect(skipped.statusCode).toBe(400);
      expect(skipped.json().errors[0]).toMatchObject({ field: '/body/step' });
      const early = await step({ step: 'verified', at: minutes(59) });
      expect(early.statusCode).toBe(400);
      expect(early.json().errors[0]).toEqual({ field: '/body/at', message: '时间不能早于上一步“报告”的时间' });
      const future = await step({ step: 'verified', at: minutes(80) });
      expect(future.json().errors[0]).toEqual({ field: '/body/at', message: '时间不能晚于现在' });
      const stale = await call('POST', `/api/fires/${fireId}/steps`, { version: version + 5, step: 'verified', at: minutes(62), person: '王五' });
      expect(stale.statusCode).toBe(409);
    });

    it('advances step by step; a late step breaches its timer with the overrun', async () => {
      const v = await step({ step: 'verified', at: minutes(62) });
      expect(v.statusCode).toBe(200);
      version = v.json().version;
      expect(v.json().timers[1]).toMatchObject({ status: 'met', elapsedMinutes: 2 });
      expect(v.json().timers[2]).toMatchObject({ status: 'breached', open: true, overrunMinutes: 3 }); // 8 min since verification at now = 70
      expect(v.json().breachedTimers).toBe(1);
      const d = await step({ step: 'dispatched', at: minutes(69), note: '镇专业扑火队 12 人' });
      version = d.json().version;
      expect(d.json().timers[2]).toMatchObject({ status: 'breached', open: false, overrunMinutes: 2 });
      expect(d.json().events.map((e: { step: string }) => e.step)).toEqual(['discovered', 'reported', 'verified', 'dispatched']);
    });

    it('enters losses: the size class follows the forest area burned; forest area above burned area is refused', async () => {
      const bad = await call('PUT', `/api/fires/${fireId}/losses`, { version, burnedHa: 2, forestBurnedHa: 3 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('/body/forestBurnedHa');
      const r = await call('PUT', `/api/fires/${fireId}/losses`, { version, burnedHa: 3.5, forestBurnedHa: 2.4, injuries: 1, economicLossYuan: 56000, cause: '烧荒' });
      expect(r.statusCode).toBe(200);
      version = r.json().version;
      expect(r.json()).toMatchObject({ sizeClass: 'larger', forestBurnedHa: 2.4, economicLossYuan: 56000, cause: '烧荒' });
    });

    it('keeps the record in scope: another town chief gets 404, a ranger may not advance it', async () => {
      const town = await f.store.db.selectFrom('units').select('code').where('level', '=', 'town').where('code', '!=', '500242101000').where('code', 'like', '500242%').orderBy('code').executeTakeFirstOrThrow();
      const other = await f.login(`chief-${town.code}`);
      expect((await call('GET', `/api/fires/${fireId}`, undefined, other)).statusCode).toBe(404);
      expect((await call('GET', '/api/fires', undefined, other)).json().items.map((x: { id: string }) => x.id)).not.toContain(fireId);
      const ranger = await f.store.db.selectFrom('users').select('username').where('username', 'like', 'ranger-500242101200-%').executeTakeFirstOrThrow();
      const r = await f.login(ranger.username);
      expect((await call('POST', `/api/fires/${fireId}/steps`, { version, step: 'arrived', at: minutes(70), person: 'x' }, r)).statusCode).toBe(403);
      const mine = await f.login('chief-500242101000');
      expect((await call('GET', `/api/fires/${fireId}`, undefined, mine)).json().canHandle).toBe(true);
    });

    it('ends a reported record as a false alarm only with a reason; its timers are then cancelled', async () => {
      clock = new Date(T0 + 200 * 60_000);
      const r = await call('POST', '/api/fires', { id: 'fire-report-0002', source: 'camera', lon: here[0], lat: here[1], discoveredAt: minutes(199), person: '值班员', description: '监控画面疑似烟雾' });
      const fire = r.json();
      const noReason = await call('POST', `/api/fires/${fire.id}/steps`, { version: fire.version, step: 'false_alarm', at: minutes(200), person: '值班员' });
      expect(noReason.json().errors[0]).toEqual({ field: '/body/reason', message: '请说明误报原因' });
      const ok = await call('POST', `/api/fires/${fire.id}/steps`, { version: fire.version, step: 'false_alarm', at: minutes(200), person: '值班员', reason: '农户烧秸秆，已劝止' });
      expect(ok.json()).toMatchObject({ status: 'false_alarm', endReason: '农户烧秸秆，已劝止', nextSteps: [] });
      expect(ok.json().timers.map((t: { status: string }) => t.status)).toEqual(['met', 'cancelled', 'cancelled']);
      // Nobody had taken its problem on: it is closed as 不予受理 with the fire's reason, in the same write.
      expect(ok.json().problem).toMatchObject({ id: fire.problemId, status: 'dismissed' });
      const problem = (await call('GET', `/api/problems/${fire.problemId}`)).json();
      expect(problem.status).toBe('dismissed');
      expect(problem.events.at(-1)).toMatchObject({ action: 'dismiss', toStatus: 'dismissed', note: '关联火情误报：农户烧秸秆，已劝止' });
    });

    it('leaves the problem of a dismissed fire open once it has been assigned: its handler may have found something', async () => {
      clock = new Date(T0 + 210 * 60_000);
      const fire = (await call('POST', '/api/fires', { id: 'fire-report-0003', source: 'camera', lon: here[0], lat: here[1], discoveredAt: minutes(209), person: '值班员', description: '监控画面疑似烟雾' })).json();
      const p = (await call('GET', `/api/problems/${fire.problemId}`)).json();
      const accepted = (await call('POST', `/api/problems/${p.id}/transitions`, { version: p.version, action: 'accept' })).json();
      const chief = await f.store.db.selectFrom('users').select('person_id').where('username', '=', 'chief-500242101200').executeTakeFirstOrThrow();
      const assigned = await call('POST', `/api/problems/${p.id}/transitions`, { version: accepted.version, action: 'assign', assigneePersonId: chief.person_id });
      expect(assigned.statusCode).toBe(200);
      const ended = await call('POST', `/api/fires/${fire.id}/steps`, { version: fire.version, step: 'dismissed', at: minutes(210), person: '值班员', reason: '山下农户正常生产用火' });
      expect(ended.json()).toMatchObject({ status: 'dismissed', problem: { id: p.id, status: 'assigned' } });
    });

    it('notifies the chiefs and staff once per breached timer', async () => {
      // the device record of cam-8 opened at minute 21 has waited for its report ever since
      const first = await services.fireTimerAlerts.run(minutes(300));
      expect(first.alerts).toBeGreaterThanOrEqual(1);
      const inbox = await f.store.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select(['users.username', 'notifications.title'])
        .where('notifications.kind', '=', 'fire_timer').execute();
      expect(inbox.map((n) => n.username)).toEqual(expect.arrayContaining(['fire-staff', 'chief-500242101200']));
      expect(inbox[0]!.title).toContain('1 分钟上报');
      expect((await services.fireTimerAlerts.run(minutes(301))).alerts).toBe(0);
    });
  });

  describe('satellite hotspots, public report, statistics, rules', () => {
    const csv = (rows: string[]) => Buffer.from(['latitude,longitude,acq_date,acq_time,confidence,frp,satellite', ...rows].join('\n')).toString('base64');
    const day = new Date(T0 + 24 * 3_600_000);

    it('reports every row and writes nothing on a dry run; commit writes the accepted ones with their problems', async () => {
      clock = day;
      staff = await f.login('fire-staff', 'staff1234'); // the session of the day before has expired
      const [lon, lat] = here;
      const content = csv([
        `${lat + 0.02},${lon + 0.02},2026-04-11,0130,n,4.1,N`, // fine (within the county? checked below)
        `${lat + 0.0201},${lon + 0.0201},2026-04-11,0150,h,6,N`, // 20 min and ~30 m from row 2: duplicate of it
        `40.0,116.4,2026-04-11,0130,n,3,N`, // Beijing: outside the county
        `${lat},${lon},2026-04-11,2575,n,3,N`, // bad time
        `${here[1]},${here[0]},2026-04-10,0200,l,2,N1`, // near the cam-7 record of T0-1 min: duplicate of a known fire
      ]);
      const dry = await call('POST', '/api/fires/hotspots', { fileName: 'firms.csv', contentBase64: content });
      expect(dry.statusCode).toBe(200);
      const rep = dry.json();
      expect(rep.rows.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, false, false, false]);
      expect(rep.rows[1].duplicateOf).toBe('第 2 行');
      expect(rep.rows[2].findings[0].message).toBe('热点不在您管辖的区划范围内');
      expect(rep.rows[3].findings[0].field).toBe('时间');
      expect(rep.rows[4].duplicateOf).toMatch(/[0-9a-f-]{36}/);
      expect(rep).toMatchObject({ accepted: 1, rejected: 4, committed: false, created: 0 });
      const before = (await call('GET', '/api/fires?source=satellite')).json().total;
      expect(before).toBe(0);
      const done = (await call('POST', '/api/fires/hotspots', { fileName: 'firms.csv', contentBase64: content, commit: true })).json();
      expect(done).toMatchObject({ committed: true, created: 1 });
      const list = (await call('GET', '/api/fires?source=satellite')).json();
      expect(list.items).toMatchObject([{ source: 'satellite', status: 'reported', discoveredAt: '2026-04-11T01:30:00.000Z' }]);
      const problem = (await call('GET', `/api/problems/${list.items[0].problemId}`)).json();
      expect(problem).toMatchObject({ source: 'satellite_patch', needsFieldCheck: true, fireRef: list.items[0].id });
      // importing the same file again finds its hotspot already known
      expect((await call('POST', '/api/fires/hotspots', { fileName: 'firms.csv', contentBase64: content })).json().accepted).toBe(0);
    });

    it('refuses a file without the required headings, naming the content', async () => {
      const r = await call('POST', '/api/fires/hotspots', { fileName: 'x.csv', contentBase64: Buffer.from('a,b\n1,2').toString('base64') });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0].field).toBe('/body/contentBase64');
    });

    it('takes a public 火情 report without login as a fire record of source public', async () => {
      const r = await f.app.inject({ method: 'POST', url: '/api/public/problems', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ id: 'public-fire-01', kind: 'fire', category: 'fire_hazard', description: '对面山上起火了', lon: here[0], lat: here[1], phone: '13900000000' }) });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ id: 'public-fire-01', created: true, unitName: '包家村' });
      const fire = (await call('GET', '/api/fires/public-fire-01')).json();
      expect(fire).toMatchObject({ source: 'public', status: 'reported', reporterPhone: '13900000000' });
    });

    it('counts fires per town by size class with the 24 h share and the damage rate of the given forest area', async () => {
      const r = await call('GET', '/api/fires/statistics?year=2026&forestAreaHa=10000');
      expect(r.statusCode).toBe(200);
      const s = r.json();
      expect(s.total.falseAlarms).toBe(2); // the false alarm and the dismissed record of the timeline tests
      expect(s.total.byClass.larger).toBe(1); // the 2.4 ha fire
      expect(s.total.fires).toBe(s.total.byClass.general + s.total.byClass.larger + s.total.byClass.major + s.total.byClass.especially_major + s.total.byClass.unknown);
      expect(s.children.map((c: { unitCode: string }) => c.unitCode)).toEqual(['500242101000']);
      expect(s.kpis.damageRatePermille).toBeCloseTo((2.4 / 10000) * 1000, 10);
      expect(s.kpis.meetsDamageRate).toBe(true);
      expect(s.forestAreaSource).toBe('调用时给定');
      // every ordinary fire except the public one of this day has burned > 24 h without being out
      expect(s.kpis.ordinaryOutWithin24h).toBe(0);
      expect(s.kpis.shareOutWithin24h).toBe(0);
      expect((await call('GET', '/api/fires/statistics?year=2026&unit=500243000000')).statusCode).toBe(404);
    });

    it('takes the damage rate\'s forest area from the ledger when none is given, and says where it came from', async () => {
      const none = (await call('GET', '/api/fires/statistics?year=2026')).json();
      expect(none).toMatchObject({ forestAreaSource: null, kpis: { damageRatePermille: null, meetsDamageRate: null } });
      await buildDemoParcels(f.store, '500242000000', 2025, 1500);
      const ledger = (await call('GET', '/api/ledger/statistics?year=2025')).json();
      const forestHa = ledger.coverage.forestAreaM2 / 10_000;
      expect(forestHa).toBeGreaterThan(0);
      const s = (await call('GET', '/api/fires/statistics?year=2026')).json();
      expect(s.forestAreaSource).toContain('一本账 2025 年森林面积');
      expect(s.kpis.forestAreaHa).toBeCloseTo(forestHa, 6);
      expect(s.kpis.damageRatePermille).toBeCloseTo((2.4 / forestHa) * 1000, 8);
    });

    it('serves the timer rule kind on 规则配置 and validates a new version', async () => {
      const admin = await f.login('admin', 'admin123');
      const o = (await call('GET', '/api/rules/fire_response_timers', undefined, admin)).json();
      expect(o.inForce.timers.map((t: { minutes: number }) => t.minutes)).toEqual([1, 3, 5]);
      const bad = await call('POST', '/api/rules/fire_response_timers', { effectiveFrom: '2026-06-01', body: { timers: [{ name: 'a', fromStep: 'out', toStep: 'reported', minutes: 5 }], source: '本地规定' } }, admin);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('/body/body/timers/0/toStep');
      const good = await call('POST', '/api/rules/fire_response_timers', { effectiveFrom: '2026-06-01', body: { timers: [{ name: '1 小时到场', fromStep: 'reported', toStep: 'arrived', minutes: 60 }], source: '本地规定' } }, admin);
      expect(good.statusCode).toBe(201);
    });
  });
});

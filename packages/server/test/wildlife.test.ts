import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines, type StoreLocation } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { bin } from './cli-targets.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoWildlife } from '../src/demo/demo-wildlife.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';

// Issue 7 §7 (DOMAIN.md §7): monitoring stations report daily, zero reports included; a missed day is flagged to the
// station's supervisor after the cut-off (rule kind pest_rules, default 15:00); abnormal deaths and wild boar damage
// are problems of the closed loop (§2); boar damage carries the household's compensation claim.
const T0 = Date.parse('2026-04-10T02:00:00.000Z'); // 10:00 Shanghai, Friday 10 April 2026
let clock = new Date(T0);
const VILLAGE = '500242101200'; // 酉阳 龙潭镇 包家村

describe.each(testEngines())('wildlife epidemic reporting on $name', (engine) => {
  let f: AppFixture;
  let staff: string, ranger: string, otherRanger: string, banan: string;
  let here: [number, number];
  let supervisorId = '', rangerId = '', bananStaffId = '';
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const userId = async (username: string) => (await f.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const station = (over: Record<string, unknown> = {}) => ({ name: '包家村疫源疫病监测点', unitCode: VILLAGE, level: 'county', lon: here[0], lat: here[1], supervisorUserId: supervisorId, reporterUserIds: [rangerId], activeFrom: '2026-04-01', ...over });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', new Date(T0), { activity: false });
        await buildDemo(store, '500113', new Date(T0), { activity: false });
        const auth = new AuthService(store, defaultSettings);
        await auth.createUser({ username: 'wl-staff', name: '野保科', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        await auth.createUser({ username: 'bn-staff', name: '巴南野保科', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500113000000', actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', VILLAGE).executeTakeFirstOrThrow();
        here = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
      },
      now: () => clock,
    });
    staff = await f.login('wl-staff', 'staff1234');
    banan = await f.login('bn-staff', 'staff1234');
    ranger = await f.login(`ranger-${VILLAGE}-1`);
    otherRanger = await f.login(`ranger-${VILLAGE}-2`);
    supervisorId = await userId(`supervisor-${VILLAGE}`);
    rangerId = await userId(`ranger-${VILLAGE}-1`);
    bananStaffId = await userId('bn-staff');
  }, 240_000);
  afterAll(() => f?.close());

  let stationId = '';
  let stationVersion = 0;

  describe('stations', () => {
    it('refuses bad input with the field named, and outsiders of the scope', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '' }, '/body/name'],
        [{ unitCode: '500113001000' }, '/body/unitCode'], // Banan: outside the Youyang staff's scope
        [{ unitCode: '500242999999' }, '/body/unitCode'], // no such unit
        [{ supervisorUserId: bananStaffId }, '/body/supervisorUserId'],
        [{ reporterUserIds: [rangerId, 'nobody'] }, '/body/reporterUserIds/1'],
        [{ activeFrom: '2026-02-30' }, '/body/activeFrom'],
        [{ activeTo: '2026-03-01' }, '/body/activeTo'],
        [{ level: 'township' }, '/body/level'],
      ];
      for (const [over, field] of cases) {
        const r = await call('POST', '/api/wildlife/stations', station(over));
        expect(r.statusCode, `${field} ${r.body}`).toBe(400);
        expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await call('POST', '/api/wildlife/stations', station(), ranger)).statusCode).toBe(403);
    });

    it('creates, reads, updates with the version, and deletes a station that never reported', async () => {
      const r = await call('POST', '/api/wildlife/stations', station());
      expect(r.statusCode).toBe(201);
      const s = r.json();
      expect(s).toMatchObject({ unitCode: VILLAGE, supervisor: { id: supervisorId }, reporters: [{ id: rangerId }], activeFrom: '2026-04-01', activeTo: null, version: 1, canReport: true, canEdit: true });
      stationId = s.id;
      const seen = (await call('GET', `/api/wildlife/stations/${stationId}`, undefined, ranger)).json();
      expect(seen).toMatchObject({ canReport: true, canEdit: false });
      expect((await call('GET', `/api/wildlife/stations/${stationId}`, undefined, otherRanger)).json()).toMatchObject({ canReport: false });
      const stale = await call('PUT', `/api/wildlife/stations/${stationId}`, { ...station({ name: '包家村监测点' }), version: 7 });
      expect(stale.statusCode).toBe(409);
      const upd = await call('PUT', `/api/wildlife/stations/${stationId}`, { ...station({ name: '包家村监测点' }), version: 1 });
      expect(upd.json()).toMatchObject({ name: '包家村监测点', version: 2 });
      stationVersion = upd.json().version;
      const spare = (await call('POST', '/api/wildlife/stations', station({ name: '临时点', reporterUserIds: [] }))).json();
      expect((await call('DELETE', `/api/wildlife/stations/${spare.id}`, {})).json()).toEqual({ deleted: true });
      expect((await call('GET', `/api/wildlife/stations/${spare.id}`)).statusCode).toBe(404);
      expect((await call('GET', '/api/wildlife/stations')).json().map((x: { id: string }) => x.id)).toEqual([stationId]);
    });
  });

  describe('daily reports', () => {
    const report = (over: Record<string, unknown> = {}) => ({ id: 'wl-report-0410', stationId, date: '2026-04-10', zero: true, observations: [], ...over });

    it('refuses a zero report with observations, a report with neither, dead above count, a future day — naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ observations: [{ species: '白鹭', count: 3, dead: 0 }] }, '/body/observations'],
        [{ zero: false }, '/body/observations'],
        [{ zero: false, observations: [{ species: '白鹭', count: 2, dead: 3 }] }, '/body/observations/0/dead'],
        [{ date: '2026-04-11' }, '/body/date'],
        [{ date: '2026-03-31' }, '/body/date'], // before the station's first day
      ];
      for (const [over, field] of cases) {
        const r = await call('POST', '/api/wildlife/reports', report(over), ranger);
        expect(r.statusCode, `${field} ${r.body}`).toBe(400);
        expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      expect((await call('POST', '/api/wildlife/reports', report(), otherRanger)).statusCode).toBe(403); // not a reporter of the station
      expect(await f.store.db.selectFrom('wildlife_daily_reports').select('id').execute()).toEqual([]);
    });

    it('takes a zero report once: a retry returns it, another report for the day needs the version and corrects it', async () => {
      const first = await call('POST', '/api/wildlife/reports', report(), ranger);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ zero: true, late: false, version: 1, cutoffAt: '2026-04-10T07:00:00.000Z', problemId: null });
      const retry = await call('POST', '/api/wildlife/reports', report(), ranger);
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual(first.json());
      const other = await call('POST', '/api/wildlife/reports', report({ id: 'wl-report-0410b' }), ranger);
      expect(other.statusCode).toBe(409);
      expect(other.json().errors[0].field).toBe('/body/date');
      const fixed = await call('POST', '/api/wildlife/reports', report({ id: 'wl-report-0410b', zero: false, observations: [{ species: '白鹭', count: 12, dead: 0 }], version: 1 }), ranger);
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json()).toMatchObject({ id: 'wl-report-0410', zero: false, version: 2, submittedAt: first.json().submittedAt });
      const rows = await f.store.db.selectFrom('wildlife_daily_reports').select(['id', 'version']).where('station_id', '=', stationId).execute();
      expect(rows).toEqual([{ id: 'wl-report-0410', version: 2 }]);
    });

    it('turns abnormal deaths into one wildlife_death problem in the loop, not a second on correction', async () => {
      clock = new Date(T0 - 86_400_000 + 3_600_000); // 9 April, 11:00
      const r = await call('POST', '/api/wildlife/reports', report({ id: 'wl-report-0409', date: '2026-04-09', zero: false, observations: [{ species: '白鹭', count: 20, dead: 3, note: '塘边发现' }] }), ranger);
      expect(r.statusCode).toBe(201);
      const problemId = r.json().problemId;
      expect(problemId).toBeTruthy();
      const p = (await call('GET', `/api/problems/${problemId}`)).json();
      expect(p).toMatchObject({ category: 'wildlife_death', unitCode: VILLAGE, externalRef: 'wildlife:wl-report-0409', status: 'reported' });
      expect(p.title).toContain('白鹭 3 只');
      const again = await call('POST', '/api/wildlife/reports', report({ id: 'wl-report-0409', date: '2026-04-09', zero: false, observations: [{ species: '白鹭', count: 20, dead: 4 }], version: 1 }), ranger);
      expect(again.json()).toMatchObject({ problemId, deadTotal: 4, version: 2 });
      expect(await f.store.db.selectFrom('problems').select('id').where('external_ref', '=', 'wildlife:wl-report-0409').execute()).toHaveLength(1);
      clock = new Date(T0);
    });

    it('shows the month as a calendar with its gaps: reported, late, missing, pending and future days', async () => {
      // 1–8 April: reports on 1, 2 (zero), 5 (late: submitted on the 6th); nothing on 3, 4, 6, 7, 8
      const submit = async (date: string, at: string, zero = true) => {
        clock = new Date(at);
        const r = await call('POST', '/api/wildlife/reports', report({ id: `wl-report-${date.slice(5)}`, date, zero, observations: zero ? [] : [{ species: '野猪', count: 2, dead: 0 }] }), ranger);
        expect(r.statusCode, r.body).toBe(201);
      };
      await submit('2026-04-01', '2026-04-01T03:00:00Z', false);
      await submit('2026-04-02', '2026-04-02T06:59:00Z');
      await submit('2026-04-05', '2026-04-06T01:00:00Z');
      clock = new Date(T0);
      const cal = (await call('GET', `/api/wildlife/stations/${stationId}/calendar?month=2026-04`, undefined, ranger)).json();
      const state = (d: string) => cal.days.find((x: { date: string }) => x.date === d).state;
      expect(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((d) => state(`2026-04-${d}`))).toEqual(
        ['reported', 'reported', 'missing', 'missing', 'late', 'missing', 'missing', 'missing', 'reported', 'reported', 'future']);
      expect(cal.gaps).toEqual([{ from: '2026-04-03', to: '2026-04-04', days: 2 }, { from: '2026-04-06', to: '2026-04-08', days: 3 }]);
      expect(cal).toMatchObject({ cutoff: '15:00', counts: { reported: 4, late: 1, missing: 5, future: 20 } });
      expect(cal.days).toHaveLength(30);
      expect(cal.days.find((x: { date: string }) => x.date === '2026-04-09').deadTotal).toBe(4);
      const month = (await call('GET', `/api/wildlife/stations/${stationId}/reports?month=2026-04`)).json();
      expect(month.map((r: { date: string; late: boolean }) => `${r.date.slice(8)}${r.late ? 'L' : ''}`)).toEqual(['01', '02', '05L', '09', '10']);
      const missing = (await call('GET', '/api/wildlife/missing?from=2026-04-01&to=2026-04-30')).json();
      expect(missing.map((m: { date: string }) => m.date)).toEqual(['2026-04-08', '2026-04-07', '2026-04-06', '2026-04-04', '2026-04-03']);
      expect((await call('GET', '/api/wildlife/missing?from=2026-04-10&to=2026-04-01')).json().errors[0].field).toBe('/querystring/to');
      expect((await call('GET', `/api/wildlife/stations/${stationId}/calendar?month=2026-13`)).statusCode).toBe(400);
    });

    it('judges a report made offline on the phone by when it was made, not when the signal came back', async () => {
      // Made on the 8th at 10:00 (before the cut-off), sent on the 10th at 10:00 from the phone's outbox.
      const made = (madeAt: string) => call('POST', '/api/wildlife/reports', report({ id: 'wl-report-0408', date: '2026-04-08', madeAt }), ranger);
      expect((await made('2026-04-07T15:59:00Z')).json().errors[0]).toMatchObject({ field: '/body/madeAt' }); // 23:59 on the 7th
      expect((await made(new Date(T0 + 3_600_000).toISOString())).json().errors[0]).toMatchObject({ field: '/body/madeAt' }); // an hour ahead
      const r = await made('2026-04-08T02:00:00Z');
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ date: '2026-04-08', late: false, submittedAt: '2026-04-08T02:00:00.000Z' });
      const cal = (await call('GET', `/api/wildlife/stations/${stationId}/calendar?month=2026-04`, undefined, ranger)).json();
      expect(cal.days.find((x: { date: string }) => x.date === '2026-04-08').state).toBe('reported');
    });
  });

  describe('wild boar damage and its claim', () => {
    let id = '';
    let version = 0;
    it('reports a damage with a claim: a boar_damage problem is opened; the claim runs claimed → assessed → paid', async () => {
      const r = await call('POST', '/api/wildlife/boar-damages', { id: 'wl-boar-0001', stationId, occurredOn: '2026-04-09', lon: here[0], lat: here[1], household: '冉大山', householdPhone: '13800000001', crop: '玉米', areaMu: 1.5, description: '夜间野猪拱食玉米苗', claimedFen: 120_000 }, ranger);
      expect(r.statusCode, r.body).toBe(201);
      const d = r.json();
      expect(d).toMatchObject({ unitCode: VILLAGE, stationName: '包家村监测点', householdPhone: null, claim: { status: 'claimed', claimedFen: 120_000, actions: [] } });
      id = d.id;
      const p = (await call('GET', `/api/problems/${d.problemId}`)).json();
      expect(p).toMatchObject({ category: 'boar_damage', externalRef: 'wildlife:wl-boar-0001' });
      const retry = await call('POST', '/api/wildlife/boar-damages', { id: 'wl-boar-0001', occurredOn: '2026-04-09', lon: here[0], lat: here[1], household: '冉大山', crop: '玉米', areaMu: 1.5, description: '重复提交' }, ranger);
      expect(retry.statusCode).toBe(200);
      const mine = (await call('GET', `/api/wildlife/boar-damages/${id}`)).json();
      expect(mine).toMatchObject({ householdPhone: '13800000001', claim: { actions: ['assess', 'refuse'] } });
      version = mine.version;
      expect((await call('POST', `/api/wildlife/boar-damages/${id}/claim`, { version, action: 'assess', assessedFen: 1000 }, ranger)).statusCode).toBe(403);
      const early = await call('POST', `/api/wildlife/boar-damages/${id}/claim`, { version, action: 'pay' });
      expect(early.statusCode).toBe(409);
      expect(early.json().errors[0].field).toBe('/body/action');
      const tooMuch = await call('POST', `/api/wildlife/boar-damages/${id}/claim`, { version, action: 'assess', assessedFen: 120_001 });
      expect(tooMuch.statusCode).toBe(400);
      expect(tooMuch.json().errors[0].field).toBe('/body/assessedFen');
      const assessed = (await call('POST', `/api/wildlife/boar-damages/${id}/claim`, { version, action: 'assess', assessedFen: 80_000, note: '实测受损 1 亩' })).json();
      expect(assessed).toMatchObject({ claim: { status: 'assessed', assessedFen: 80_000, note: '实测受损 1 亩', actions: ['pay', 'refuse'] } });
      expect((await call('POST', `/api/wildlife/boar-damages/${id}/claim`, { version, action: 'pay' })).statusCode).toBe(409); // stale version
      const paid = (await call('POST', `/api/wildlife/boar-damages/${id}/claim`, { version: assessed.version, action: 'pay' })).json();
      expect(paid.claim).toMatchObject({ status: 'paid', actions: [] });
      const list = (await call('GET', '/api/wildlife/boar-damages?claimStatus=paid')).json();
      expect(list).toMatchObject({ total: 1, items: [{ id }] });
    });

    it('refuses a claim only with a reason, and a place outside the reporter’s scope', async () => {
      const r = (await call('POST', '/api/wildlife/boar-damages', { id: 'wl-boar-0002', occurredOn: '2026-04-08', lon: here[0], lat: here[1], household: '田小兰', crop: '红薯', areaMu: 0.5, description: '红薯地被拱', claimedFen: 30_000 })).json();
      const noReason = await call('POST', `/api/wildlife/boar-damages/${r.id}/claim`, { version: r.version, action: 'refuse' });
      expect(noReason.json().errors[0].field).toBe('/body/reason');
      expect((await call('POST', `/api/wildlife/boar-damages/${r.id}/claim`, { version: r.version, action: 'refuse', reason: '非野猪所致' })).json().claim).toMatchObject({ status: 'refused', note: '非野猪所致' });
      const far = await call('POST', '/api/wildlife/boar-damages', { id: 'wl-boar-0003', occurredOn: '2026-04-08', lon: 106.5, lat: 29.4, household: '某', crop: '水稻', areaMu: 1, description: '—' });
      expect(far.statusCode).toBe(400);
      expect(far.json().errors[0].field).toBe('/body/lon');
    });
  });

  it('keeps another county out: 404 for its stations, calendars, reports and boar damages', async () => {
    expect((await call('GET', `/api/wildlife/stations/${stationId}`, undefined, banan)).statusCode).toBe(404);
    expect((await call('GET', `/api/wildlife/stations/${stationId}/calendar?month=2026-04`, undefined, banan)).statusCode).toBe(404);
    expect((await call('GET', `/api/wildlife/stations/${stationId}/reports?month=2026-04`, undefined, banan)).statusCode).toBe(404);
    expect((await call('PUT', `/api/wildlife/stations/${stationId}`, { ...station(), version: stationVersion }, banan)).statusCode).toBe(404);
    expect((await call('POST', '/api/wildlife/reports', { id: 'wl-banan-0001', stationId, date: '2026-04-10', zero: true, observations: [] }, banan)).statusCode).toBe(404);
    expect((await call('GET', '/api/wildlife/boar-damages/wl-boar-0001', undefined, banan)).statusCode).toBe(404);
    expect((await call('GET', '/api/wildlife/stations', undefined, banan)).json()).toEqual([]);
    expect((await call('GET', '/api/wildlife/missing?from=2026-04-01&to=2026-04-30', undefined, banan)).json()).toEqual([]);
    expect((await call('GET', '/api/wildlife/boar-damages', undefined, banan)).json().total).toBe(0);
  });

  it('done-when: a station that misses a day is not flagged before the cut-off and is after it (jobs run --as-of), its supervisor told once', async () => {
    // A second station, starting on 10 April, that does not report that day.
    const s = (await call('POST', '/api/wildlife/stations', station({ name: '龙潭镇监测站', unitCode: '500242101000', reporterUserIds: [], activeFrom: '2026-04-10' }))).json();
    // openApp's store is the engine's test store, which knows where it lives; the fixture types it as a plain Store.
    const loc = (f.store as typeof f.store & { location: StoreLocation }).location;
    const env = { ...process.env };
    const args: string[] = [];
    if (loc.kind === 'sqlite') {
      delete env.DATABASE_URL;
      args.push('--data', dirname(loc.file));
    } else {
      env.DATABASE_URL = `${loc.url}${loc.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${loc.schema},public`)}`;
    }
    const jobs = (asOf: string) => {
      const r = spawnSync(process.execPath, [bin, 'jobs', 'run', '--as-of', asOf, ...args], { env, encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return r.stdout.split('\n').find((l) => l.startsWith('wildlife-missing-reports')) ?? '';
    };
    const flags = () => f.store.db.selectFrom('wildlife_missing_flags').select(['station_id', 'date']).where('station_id', '=', s.id).execute();
    const inbox = () => f.store.db.selectFrom('notifications').select(['title', 'body']).where('user_id', '=', supervisorId).where('kind', '=', 'wildlife_missing').execute();
    const before = jobs('2026-04-10T14:59');
    expect(before).toMatch(/已运行/);
    expect(await flags()).toEqual([]);
    const firstInbox = (await inbox()).length;
    const after = jobs('2026-04-10T15:30');
    expect(after).toMatch(/已运行.*新缺报 1 站日，通知监管员 1 人次/);
    expect(await flags()).toEqual([{ station_id: s.id, date: '2026-04-10' }]);
    const told = await inbox();
    expect(told.length - firstInbox).toBe(1);
    expect(told.at(-1)!.title).toBe('疫源疫病日报缺报：龙潭镇监测站（2026-04-10）');
    expect(told.at(-1)!.body).toContain('截至 15:00');
    // the next hour's run judges the same day again and tells nobody twice
    expect(jobs('2026-04-10T16:30')).toMatch(/已运行.*新缺报 0 站日，通知监管员 0 人次/);
    expect((await inbox()).length - firstInbox).toBe(1);
    expect((await call('GET', `/api/wildlife/stations/${s.id}/calendar?month=2026-04`)).json().days.find((d: { date: string }) => d.date === '2026-04-10')).toMatchObject({ state: 'pending', flagged: true });
  }, 240_000);

  it('judges each day by the cut-off of the pest_rules version in force that day', async () => {
    const admin = await f.login('admin', 'admin123');
    const rules = (await call('GET', '/api/rules/pest_rules', undefined, admin)).json();
    const added = await call('POST', '/api/rules/pest_rules', { effectiveFrom: '2026-05-04', body: { ...rules.defaults, wildlife: { dailyReportCutoff: '18:00' } }, note: '县局通知：日报截止改为 18:00' }, admin);
    expect(added.statusCode, added.body).toBe(201);
    clock = new Date('2026-05-04T08:30:00Z'); // 16:30 on 4 May: past 15:00, not yet 18:00
    try {
      const [staffNow, rangerNow] = [await f.login('wl-staff', 'staff1234'), await f.login(`ranger-${VILLAGE}-1`)]; // sessions of 10 April have expired
      const calRes = await call('GET', `/api/wildlife/stations/${stationId}/calendar?month=2026-05`, undefined, staffNow);
      expect(calRes.statusCode, calRes.body).toBe(200);
      const cal = calRes.json();
      const state = (d: string) => cal.days.find((x: { date: string }) => x.date === d).state;
      expect([state('2026-05-03'), state('2026-05-04')]).toEqual(['missing', 'pending']);
      expect(cal.cutoff).toBe('18:00');
      const r = (await call('POST', '/api/wildlife/reports', { id: 'wl-report-0504', stationId, date: '2026-05-04', zero: true, observations: [] }, rangerNow)).json();
      expect(r).toMatchObject({ cutoffAt: '2026-05-04T10:00:00.000Z', late: false });
    } finally {
      clock = new Date(T0);
    }
  });

  it('the demo: three stations with 60 days of reports, late and missed days flagged, two deaths as problems, claims at every status', async () => {
    const store = await engine.open();
    try {
      await buildDemo(store, '500242', new Date(T0), { activity: false });
      const summary = await buildDemoWildlife(store, '500242', new Date(T0));
      expect(summary).toMatchObject({ stations: 3, deaths: 2, boarDamages: 6 });
      expect(summary!.missing).toBeGreaterThan(0);
      const rows = await store.db.selectFrom('wildlife_daily_reports').select(['zero', 'submitted_at', 'date']).execute();
      expect(rows.length).toBe(summary!.reports);
      expect(rows.filter((r) => r.zero === 1).length).toBeGreaterThan(rows.length / 2);
      expect(rows.some((r) => r.submitted_at.slice(0, 10) > r.date)).toBe(true); // late reports
      expect(await store.db.selectFrom('problems').select('id').where('category', '=', 'wildlife_death').execute()).toHaveLength(2);
      const claims = await store.db.selectFrom('wildlife_boar_damages').select('claim_status').execute();
      expect(new Set(claims.map((c) => c.claim_status))).toEqual(new Set(['claimed', 'assessed', 'paid', 'refused', null]));
      const flags = await store.db.selectFrom('wildlife_missing_flags').select(['recipients']).execute();
      expect(flags.length).toBe(summary!.missing);
      expect(flags.every((f) => f.recipients === 1)).toBe(true);
    } finally {
      await store.dispose();
    }
  }, 240_000);
});

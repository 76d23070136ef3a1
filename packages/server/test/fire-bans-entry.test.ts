import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { createServices } from '../src/services.ts';
import { RuleService } from '../src/rules/service.ts';
import { FireBanService, type DailyDangerLevel, type DailyDangerSource } from '../src/fire/bans/service.ts';
import { scheduledJobs } from '../src/jobs/scheduled-jobs.ts';
import { ForestEntryService } from '../src/fire/entry/service.ts';
import { viewerOf } from '../src/auth/viewer.ts';
import { runDueJobs } from '../src/jobs/runner.ts';

// Issue 6 §4–§5 (DOMAIN.md §5): fire seasons and orders (防火期、防火令/禁火令), orders suggested from runs of high
// fire danger, and 扫码入林 — entry points with QR posters, public registration refused during a ban, check-out,
// who is inside (scoped, phones masked for rangers), and the purge of personal data after the retention days.
const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 Shanghai
const TOWN = '500242101000';
const VILLAGE = '500242101200';
const OTHER_TOWN = '500242102000';

/** A stand-in for fire-weather's FireDangerService (contract B) until that branch is merged: levels given by the test. */
class GivenLevels implements DailyDangerSource {
  calls = 0;
  constructor(private readonly levels: DailyDangerLevel[]) {}
  async dailyLevels(prefix: string, from: string, to: string): Promise<DailyDangerLevel[]> {
    this.calls++;
    return this.levels.filter((l) => l.unitCode.startsWith(prefix) && l.date >= from && l.date <= to);
  }
}

describe.each(testEngines())('fire bans and forest entry on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let here: [number, number];
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie: string | null = staff) =>
    f.app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'fire-staff', name: '防火办', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', VILLAGE).executeTakeFirstOrThrow();
        here = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
      },
      now: () => NOW,
    });
    staff = await f.login('fire-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  it('keeps the county’s fire season, which a town inherits unless it sets its own', async () => {
    expect((await call('PUT', '/api/fire/seasons', { unitCode: '500242000000', year: 2026, startsOn: '2026-01-01', endsOn: '2026-05-31' })).statusCode).toBe(200);
    const town = await f.login(`chief-${TOWN}`);
    expect((await call('GET', '/api/fire/seasons?year=2026', undefined, town)).json()).toMatchObject([{ unitCode: '500242000000', inherited: true, startsOn: '2026-01-01' }]);
    const again = await call('PUT', '/api/fire/seasons', { unitCode: '500242000000', year: 2026, startsOn: '2026-01-01', endsOn: '2026-06-15' });
    expect(again.json().endsOn).toBe('2026-06-15');
    expect((await call('GET', '/api/fire/seasons?year=2026')).json()).toHaveLength(1);
    const bad = await call('PUT', '/api/fire/seasons', { unitCode: VILLAGE, year: 2026, startsOn: '2026-03-01', endsOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/body/endsOn');
    expect((await call('PUT', '/api/fire/seasons', { unitCode: TOWN, year: 2026, startsOn: '2026-03-01', endsOn: '2026-01-01' })).json().errors[0].field).toBe('/body/endsOn');
    expect((await call('PUT', '/api/fire/seasons', { unitCode: TOWN, year: 2026, startsOn: '2026-01-01', endsOn: '2026-05-01' }, town)).statusCode).toBe(403);
  });

  let pointCode = '';
  let pointId = '';
  it('sets up an entry point in the village under its point, with a printable PDF poster in Chinese', async () => {
    const r = await call('POST', '/api/fire/entry/points', { name: '包家沟入林口', lon: here[0], lat: here[1] });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ unitCode: VILLAGE, active: true, inside: 0 });
    pointCode = r.json().code;
    pointId = r.json().id;
    expect(pointCode).toMatch(/^[a-z0-9]{8}$/);
    expect((await call('POST', '/api/fire/entry/points', { name: '', lon: 100, lat: 30 })).json().errors[0].field).toBe('/body/name');
    expect((await call('POST', '/api/fire/entry/points', { name: '远方', lon: 100, lat: 30 })).json().errors[0].field).toBe('/body/lon');
    const pdf = await call('GET', `/api/fire/entry/points/${pointId}/poster.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('NotoSansCJKsc-Regular'); // the Chinese face is embedded
    expect(pdf.rawPayload.toString('latin1')).toContain('/FontFile');
    const ranger = await f.login(`ranger-${VILLAGE}-1`);
    expect((await call('POST', '/api/fire/entry/points', { name: 'x', lon: here[0], lat: here[1] }, ranger)).statusCode).toBe(403);
    expect((await call('GET', `/api/fire/entry/points/${pointId}/poster.pdf`, undefined, await f.login(`chief-${OTHER_TOWN}`))).statusCode).toBe(404);
  });

  let token = '';
  it('registers a visitor on the public page without login, checks field formats, and lets them check out', async () => {
    const info = await call('GET', `/api/public/entry/${pointCode}`, undefined, null);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ name: '包家沟入林口', ban: null });
    expect(info.json().notice).toContain('严禁');
    const visitor = { name: '张三', phone: '13812345678', idTail: '123x', purpose: '采菌子', fireSource: false, pledge: true };
    const bad = await call('POST', `/api/public/entry/${pointCode}`, { ...visitor, phone: '12345' }, null);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['/body/phone']);
    expect((await call('POST', `/api/public/entry/${pointCode}`, { ...visitor, pledge: false }, null)).json().errors[0].field).toBe('/body/pledge');
    expect((await call('POST', '/api/public/entry/nosuchpt', visitor, null)).statusCode).toBe(404);
    const r = await call('POST', `/api/public/entry/${pointCode}`, visitor, null);
    expect(r.statusCode).toBe(201);
    token = r.json().token;
    await call('POST', `/api/public/entry/${pointCode}`, { ...visitor, name: '李四', phone: '13900001111' }, null);
    expect((await call('GET', '/api/fire/entry/points')).json()[0].inside).toBe(2);
    const out = await call('POST', '/api/public/entry-checkout', { token }, null);
    expect(out.statusCode).toBe(200);
    expect(out.json().exitedAt).toBe(NOW.toISOString());
    expect((await call('POST', '/api/public/entry-checkout', { token }, null)).json().exitedAt).toBe(NOW.toISOString()); // twice is once
    expect((await call('POST', '/api/public/entry-checkout', { token: 'x'.repeat(32) }, null)).statusCode).toBe(404);
  });

  it('shows who is inside to the village’s ranger with phones masked, in full to the chief, and nothing to another town', async () => {
    const ranger = await f.login(`ranger-${VILLAGE}-1`);
    const seen = (await call('GET', '/api/fire/entry/inside', undefined, ranger)).json();
    expect(seen).toMatchObject([{ name: '李四', phone: '139****1111', phoneMasked: true, pointName: '包家沟入林口', unitName: '包家村', overstay: null }]);
    const chief = await f.login(`chief-${TOWN}`);
    expect((await call('GET', '/api/fire/entry/inside', undefined, chief)).json()[0].phone).toBe('13900001111');
    expect((await call('GET', '/api/fire/entry/inside', undefined, await f.login(`chief-${OTHER_TOWN}`))).json()).toEqual([]);
    expect((await call('GET', `/api/fire/entry/inside?unit=${TOWN}`, undefined, await f.login(`chief-${OTHER_TOWN}`))).statusCode).toBe(404);
    const all = (await call('GET', '/api/fire/entry/registrations?state=out&from=2026-03-10&to=2026-03-10')).json();
    expect(all).toMatchObject({ total: 1, items: [{ name: '张三', idTail: '123X' }] });
    // Entered 10:00 Shanghai: at 17:30 not yet an overstay, at 18:30 over 8 hours (forest_entry_rules defaults)
    const rules = new RuleService(f.store, () => NOW);
    const later = (iso: string) => new ForestEntryService(f.store, () => new Date(iso), rules, { banCovering: async () => null })
      .inside(viewerOf({ id: 'x', username: 'x', roles: ['chief'], scopeUnitCode: TOWN }), {});
    expect(await later('2026-03-10T09:30:00Z')).toMatchObject({ ok: true, value: [{ name: '李四', overstay: null }] });
    expect(await later('2026-03-10T10:30:00Z')).toMatchObject({ ok: true, value: [{ name: '李四', overstay: 'too_long' }] });
    expect((await call('GET', '/api/fire/entry/registrations?from=2026-02-30')).json().errors[0].field).toBe('/querystring/from');
  });

  let orderId = '';
  it('drafts, issues and publishes a 禁火令 for the town that covers its villages; entry is refused with the order’s text', async () => {
    const body = { kind: 'fire_ban', docNo: '酉阳森防〔2026〕1号', title: '关于在包家镇实施野外禁火的命令', body: '即日起全镇范围内严禁一切野外用火。', from: '2026-03-09', to: '2026-03-12', areas: [TOWN], issuer: '酉阳县森林防灭火指挥部' };
    expect((await call('POST', '/api/fire/orders', { ...body, to: '2026-03-01' })).json().errors[0].field).toBe('/body/to');
    expect((await call('POST', '/api/fire/orders', { ...body, areas: ['510100000000'] })).json().errors[0].field).toBe('/body/areas/0');
    const draft = await call('POST', '/api/fire/orders', body);
    expect(draft.statusCode).toBe(201);
    orderId = draft.json().id;
    expect(draft.json()).toMatchObject({ status: 'draft', inForce: false, startsAt: '2026-03-08T16:00:00.000Z', endsAt: '2026-03-12T16:00:00.000Z' });
    expect((await call('POST', '/api/fire/orders', body)).statusCode).toBe(409); // the number is taken
    expect((await call('GET', '/api/public/fire-orders', undefined, null)).json()).toEqual([]); // a draft is not published
    expect((await call('POST', `/api/public/entry/${pointCode}`, { name: '王五', phone: '13700000000', purpose: '徒步', fireSource: false, pledge: true }, null)).statusCode).toBe(201);

    const issued = await call('POST', `/api/fire/orders/${orderId}/issue`, {});
    expect(issued.json()).toMatchObject({ status: 'issued', inForce: true, areaNames: [expect.any(String)] });
    expect((await call('GET', '/api/public/fire-orders', undefined, null)).json()).toMatchObject([{ docNo: '酉阳森防〔2026〕1号' }]);
    expect((await call('GET', `/api/public/fire-orders?unit=${VILLAGE}`, undefined, null)).json()).toHaveLength(1);
    expect((await call('GET', `/api/public/fire-orders?unit=${OTHER_TOWN}`, undefined, null)).json()).toHaveLength(0);
    expect((await call('GET', `/api/public/entry/${pointCode}`, undefined, null)).json().ban).toMatchObject({ docNo: '酉阳森防〔2026〕1号' });
    const refused = await call('POST', `/api/public/entry/${pointCode}`, { name: '赵六', phone: '13600000000', purpose: '徒步', fireSource: true, pledge: true }, null);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('即日起全镇范围内严禁一切野外用火。');
    expect(refused.json().message).toContain('酉阳森防〔2026〕1号');
    expect((await call('PUT', `/api/fire/orders/${orderId}`, body)).statusCode).toBe(409); // issued orders are not edited
    expect((await call('GET', '/api/fire/orders', undefined, await f.login(`chief-${OTHER_TOWN}`))).json()).toEqual([]);
    expect((await call('GET', '/api/fire/orders', undefined, await f.login(`chief-${VILLAGE}`))).json()).toHaveLength(1);

    const lifted = await call('POST', `/api/fire/orders/${orderId}/lift`, { reason: '普降中雨，火险等级下降' });
    expect(lifted.json()).toMatchObject({ status: 'lifted', inForce: false, liftReason: '普降中雨，火险等级下降' });
    expect((await call('POST', `/api/public/entry/${pointCode}`, { name: '赵六', phone: '13600000000', purpose: '徒步', fireSource: false, pledge: true }, null)).statusCode).toBe(201);
  });

  it('suggests a ban once per spell of high danger, notifies the county’s staff, and turns it into a draft with one click', async () => {
    const levels: DailyDangerLevel[] = [];
    for (const date of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']) levels.push({ unitCode: TOWN, date, level: date === '2026-03-09' ? 5 : 4, forecast: date > '2026-03-09', method: 'fwi' });
    levels.push({ unitCode: OTHER_TOWN, date: '2026-03-08', level: 4, forecast: false, method: 'fwi' }); // one day: no run
    const source = new GivenLevels(levels);
    const services = { ...createServices(f.store, defaultSettings, () => NOW), fireBans: new FireBanService(f.store, () => NOW, new RuleService(f.store, () => NOW), source) };
    const jobs = scheduledJobs(f.store, services, defaultSettings).filter((j) => j.name === 'fire-ban-suggestions');
    const [first] = await runDueJobs(f.store.db, jobs, NOW.toISOString());
    expect(first).toMatchObject({ status: 'ran', summary: '新建议 1 条，更新 0 条' });
    // Run again (same slot: the runner skips; and the service itself on the same data: the same record)
    expect((await runDueJobs(f.store.db, jobs, NOW.toISOString()))[0]!.status).toBe('already_ran');
    expect(await services.fireBans.runSuggestions(NOW.toISOString())).toEqual({ created: 0, updated: 0, skipped: null });
    const list = (await call('GET', '/api/fire/ban-suggestions')).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ startsOn: '2026-03-07', endsOn: '2026-03-10', areas: [TOWN], peakLevel: 5, status: 'pending', ruleMinLevel: 4, ruleMinDays: 3 });
    expect(list[0].days.map((d: { level: number }) => d.level)).toEqual([4, 4, 5, 4]);
    // the run grows by a forecast day: the same suggestion is updated, no second message
    levels.push({ unitCode: TOWN, date: '2026-03-11', level: 4, forecast: true, method: 'fwi' });
    expect(await services.fireBans.runSuggestions(NOW.toISOString())).toEqual({ created: 0, updated: 1, skipped: null });
    expect((await call('GET', '/api/fire/ban-suggestions')).json()[0].endsOn).toBe('2026-03-11');
    const inbox = (await call('GET', '/api/inbox')).json();
    expect(inbox.items.filter((n: { kind: string }) => n.kind === 'fire_ban_suggested')).toHaveLength(1);

    expect((await call('POST', `/api/fire/ban-suggestions/${list[0].id}/dismiss`, { reason: '  ' })).json().errors[0].field).toBe('/body/reason');
    const order = await call('POST', `/api/fire/ban-suggestions/${list[0].id}/convert`, { docNo: '酉阳森防〔2026〕2号', issuer: '酉阳县森林防灭火指挥部' });
    expect(order.statusCode).toBe(201);
    expect(order.json()).toMatchObject({ kind: 'fire_ban', status: 'draft', areas: [TOWN], suggestionId: list[0].id, startsAt: '2026-03-06T16:00:00.000Z', endsAt: '2026-03-11T16:00:00.000Z' });
    expect((await call('GET', '/api/fire/ban-suggestions')).json()[0]).toMatchObject({ status: 'converted', orderId: order.json().id });
    expect((await call('POST', `/api/fire/ban-suggestions/${list[0].id}/convert`, { docNo: '3号', issuer: 'x' })).statusCode).toBe(409);
    // a decided suggestion stays as decided when the job finds the run again
    expect(await services.fireBans.runSuggestions(NOW.toISOString())).toEqual({ created: 0, updated: 0, skipped: null });
    // The server's own job reads fire-weather's levels (none recorded in this store: nothing new)…
    expect((await runDueJobs(f.store.db, scheduledJobs(f.store, createServices(f.store, defaultSettings, () => NOW), defaultSettings).filter((j) => j.name === 'fire-ban-suggestions'), '2026-03-11T02:00:00Z'))[0]!.summary).toBe('新建议 0 条，更新 0 条');
    // …and a service without a source says so instead of pretending
    expect(await new FireBanService(f.store, () => NOW, new RuleService(f.store, () => NOW), null).runSuggestions(NOW.toISOString())).toMatchObject({ created: 0, skipped: '火险等级数据源未接入' });
  });

  it('purges names and phones after the retention days (job with --as-of) and keeps the counts', async () => {
    const jobs = scheduledJobs(f.store, createServices(f.store, defaultSettings, () => NOW), defaultSettings).filter((j) => j.name === 'forest-entry-purge');
    expect((await runDueJobs(f.store.db, jobs, '2026-09-05T02:00:00Z'))[0]!.summary).toMatch(/^删除 0 条/); // 179 days on
    const [ran] = await runDueJobs(f.store.db, jobs, '2026-09-07T02:00:00Z'); // 181 days on
    expect(ran!.summary).toMatch(/^删除 4 条/);
    const page = (await call('GET', '/api/fire/entry/registrations')).json();
    expect(page.total).toBe(4);
    expect(page.items.every((e: { name: string | null; phone: string | null; purgedAt: string | null }) => e.name === null && e.phone === null && e.purgedAt)).toBe(true);
    expect((await call('GET', '/api/fire/entry/points')).json()[0].inside).toBe(3); // still counted as inside
  });

  it('has the rule kinds on 规则配置 with their checks', async () => {
    const admin = await f.login('admin', 'admin123');
    expect((await call('GET', '/api/rules/fire_ban_rules', undefined, admin)).json().inForce).toMatchObject({ minLevel: 4, minDays: 3 });
    expect((await call('GET', '/api/rules/forest_entry_rules', undefined, admin)).json().inForce).toMatchObject({ retentionDays: 180 });
    const bad = await call('POST', '/api/rules/forest_entry_rules', { effectiveFrom: '2026-03-10', body: { retentionDays: 30, maxHours: 0, darkAfter: '19:00', notice: 'x', source: 'y' } }, admin);
    expect(bad.json().errors[0].field).toBe('/body/body/maxHours');
    expect((await call('POST', '/api/rules/fire_ban_rules', { effectiveFrom: '2026-03-10', body: { minLevel: 3, minDays: 2, includeForecast: false, source: '县指挥部' } }, admin)).statusCode).toBe(201);
  });
});

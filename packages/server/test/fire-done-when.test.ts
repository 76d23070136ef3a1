import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { createServices } from '../src/services.ts';
import { scheduledJobs } from '../src/jobs/scheduled-jobs.ts';
import { runDueJobs } from '../src/jobs/runner.ts';

// Issue 6 "done when", the chain through the real parts (no stand-ins): a week of hot, dry, windy weather entered
// at a station → the town's fire danger level (FWI through the fire_danger_levels table, DOMAIN.md §5) stays ≥ 4 →
// the daily job suggests a 禁火令 → staff turn it into an order and issue it → a visitor scanning the entry point's
// QR code in that town is refused with the order's text.
const NOW = new Date('2026-04-08T04:00:00Z'); // 12:00 Shanghai
const TOWN = '500242101000';
const VILLAGE = '500242101200';

describe.each(testEngines())('issue 6 done-when on $name', (engine) => {
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

  it('turns a week of high danger into a suggested ban that refuses a visitor at the QR entry point', async () => {
    const station = await call('POST', '/api/fire/stations', { code: 'DW01', name: '龙潭站', lon: here[0], lat: here[1], unitCodes: [TOWN], seasonStart: '03-01' });
    expect(station.statusCode).toBe(201);
    const stationId = station.json().id as string;
    // From 1 March: three ordinary days, then a week of 31 °C, 18 %, 30 km/h and no rain up to today.
    const days: string[] = [];
    for (let d = new Date('2026-03-29T00:00:00Z'); d <= new Date('2026-04-08T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) days.push(d.toISOString().slice(0, 10));
    for (const [i, date] of days.entries()) {
      const weather = i < 4 ? { temp: 14, rh: 70, ws: 8, prec: i === 0 ? 6 : 0 } : { temp: 31, rh: 18, ws: 30, prec: 0 };
      expect((await call('PUT', `/api/fire/stations/${stationId}/observations/${date}`, weather)).statusCode).toBe(200);
    }
    const levels = (await call('GET', `/api/fire/danger/levels?from=${days[0]}&to=${days.at(-1)}`)).json() as { unitCode: string; date: string; level: number }[];
    const town = levels.filter((l) => l.unitCode === TOWN);
    expect(town).toHaveLength(days.length);
    expect(town.slice(0, 2).every((l) => l.level <= 2)).toBe(true);
    expect(town.slice(-7).every((l) => l.level >= 4)).toBe(true); // the hot week is high (4) or extreme (5)

    // The server's own daily job, with the real services: one suggestion for the town's spell.
    const services = createServices(f.store, defaultSettings, () => NOW);
    const jobs = scheduledJobs(f.store, services, defaultSettings).filter((j) => j.name === 'fire-ban-suggestions');
    expect((await runDueJobs(f.store.db, jobs, NOW.toISOString()))[0]).toMatchObject({ status: 'ran', summary: '新建议 1 条，更新 0 条' });
    const [suggestion] = (await call('GET', '/api/fire/ban-suggestions')).json();
    expect(suggestion).toMatchObject({ areas: [TOWN], status: 'pending', endsOn: '2026-04-08' });
    expect(suggestion.days.length).toBeGreaterThanOrEqual(3);

    const order = await call('POST', `/api/fire/ban-suggestions/${suggestion.id}/convert`, { docNo: '酉阳森防〔2026〕9号', issuer: '酉阳县森林防灭火指挥部' });
    expect(order.statusCode).toBe(201);
    // The draft's period runs from the spell's first day; extend it a few days ahead, as staff would, then issue.
    const draft = order.json();
    expect((await call('PUT', `/api/fire/orders/${draft.id}`, { kind: 'fire_ban', docNo: draft.docNo, title: draft.title, body: '即日起全镇范围内严禁一切野外用火。', from: suggestion.startsOn, to: '2026-04-12', areas: [TOWN], issuer: draft.issuer })).statusCode).toBe(200);
    expect((await call('POST', `/api/fire/orders/${draft.id}/issue`, {})).statusCode).toBe(200);

    const point = await call('POST', '/api/fire/entry/points', { name: '包家沟入林口', lon: here[0], lat: here[1] });
    expect(point.statusCode).toBe(201);
    const refused = await call('POST', `/api/public/entry/${point.json().code}`, { name: '赵六', phone: '13600000000', purpose: '徒步', fireSource: false, pledge: true }, null);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('严禁一切野外用火');
    expect(refused.json().message).toContain('酉阳森防〔2026〕9号');
  });
});

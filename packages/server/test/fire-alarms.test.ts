import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { createServices, type Services } from '../src/services.ts';

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
});

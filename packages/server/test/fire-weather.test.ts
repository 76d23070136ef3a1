import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { defaultFwiStart, fireDangerLevel, defaultFireDangerLevelTable, fwiDay, interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { createServices } from '../src/services.ts';
import { scheduledJobs } from '../src/jobs/scheduled-jobs.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { encodeGbk } from './fixtures/write-shapefile.ts';

// Issue 6 §1/§3, DOMAIN.md §5: weather stations serving towns, daily observations, the FWI chain recomputed from a
// changed day forward (a missing day restarts from 85/6/15), each unit's daily level (the highest of its stations,
// through the fire_danger_levels table), CSV import with a dry run, the pull from a JSON source, dailyLevels.
const NOW = new Date('2026-04-20T06:00:00Z'); // 14:00 in Shanghai

describe.each(testEngines())('fire weather and daily danger on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let towns: { code: string; point: [number, number] }[];
  let source: Server;
  let sourceBody: unknown = { observations: [] };
  let sourceUrl = '';
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const weather = { temp: 22, rh: 30, ws: 15, prec: 0 };

  beforeAll(async () => {
    // The configured weather source: a tiny server on 127.0.0.1 serving the fixture JSON.
    source = createServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(sourceBody)); });
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    sourceUrl = `http://127.0.0.1:${(source.address() as AddressInfo).port}/fire-weather.json`;
    const url = sourceUrl;
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'forestry-staff', name: '防火股', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        const rows = await store.db.selectFrom('units').select(['code', 'geom_json']).where('level', '=', 'town').where('code', 'like', '500242%').orderBy('code').limit(3).execute();
        towns = rows.map((r) => ({ code: r.code, point: interiorPoint(JSON.parse(r.geom_json!) as MultiPolygon)! }));
      },
      settings: { weatherUrl: url },
      now: () => NOW,
    });
    staff = await f.login('forestry-staff', 'staff1234');
  });
  afterAll(async () => {
    await f?.close();
    await new Promise((resolve) => source?.close(resolve));
  });

  let stationId = '';
  let lat = 0;
  it('creates a station serving two towns and refuses bad input naming the fields', async () => {
    const [a, b] = towns;
    const bad = await call('POST', '/api/fire/stations', { code: 'T01', name: '测试站', lon: 100, lat: 40, unitCodes: [], seasonStart: '13-40', startFfmc: 120 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['/body/lon', '/body/seasonStart', '/body/startFfmc', '/body/unitCodes']);
    const r = await call('POST', '/api/fire/stations', { code: 'T01', name: '测试一站', lon: a!.point[0], lat: a!.point[1], elevationM: 650, unitCodes: [a!.code, b!.code], seasonStart: '03-01' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ code: 'T01', startFfmc: 85, startDmc: 6, startDc: 15, seasonStart: '03-01', latest: null });
    expect(r.json().units.map((u: { code: string }) => u.code)).toEqual([a!.code, b!.code]);
    stationId = r.json().id;
    lat = a!.point[1];
    const again = await call('POST', '/api/fire/stations', { code: 'T01', name: '重复', lon: a!.point[0], lat: a!.point[1], unitCodes: [a!.code] });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('/body/code');
  });

  it('computes the FWI chain day by day from 85/6/15 and rates both towns; entering a day again overwrites it with an audit entry', async () => {
    for (const date of ['2026-04-10', '2026-04-11', '2026-04-12', '2026-04-13']) expect((await call('PUT', `/api/fire/stations/${stationId}/observations/${date}`, weather)).statusCode).toBe(200);
    const again = await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-13`, { ...weather, temp: 25 });
    expect(again.statusCode).toBe(200);
    let codes = defaultFwiStart;
    const expected = ['2026-04-10', '2026-04-11', '2026-04-12', '2026-04-13'].map((date) => {
      const r = fwiDay(codes, date === '2026-04-13' ? { ...weather, temp: 25 } : weather, 4, lat);
      codes = { ffmc: r.ffmc, dmc: r.dmc, dc: r.dc };
      return r;
    });
    const days = (await call('GET', `/api/fire/stations/${stationId}/days?from=2026-04-01&to=2026-04-30`)).json();
    expect(days).toHaveLength(4);
    expect(days[0].indices.restarted).toBe(true);
    days.forEach((d: { indices: { fwi: number; dmc: number } }, i: number) => {
      expect(d.indices.fwi).toBeCloseTo(expected[i]!.fwi, 9);
      expect(d.indices.dmc).toBeCloseTo(expected[i]!.dmc, 9);
    });
    expect(days[3]).toMatchObject({ temp: 25, source: 'manual', forecast: false });
    const audit = await f.store.db.selectFrom('audit_log').select(['action', 'before_json']).where('entity', '=', 'weather_observation').where('entity_id', '=', 'T01/2026-04-13').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.before_json!)[0].temp).toBe(22);
    const level = fireDangerLevel({ fwi: expected[3]!.fwi, lytIndex: null }, defaultFireDangerLevelTable)!;
    const danger = (await call('GET', '/api/fire/danger?date=2026-04-13')).json();
    expect(danger.units.map((u: { unitCode: string }) => u.unitCode)).toEqual([towns[0]!.code, towns[1]!.code]);
    expect(danger.units[0]).toMatchObject({ level: level.level, method: 'fwi', stationCode: 'T01', forecast: false });
    expect(danger.units[0].value).toBeCloseTo(expected[3]!.fwi, 9);
  });

  it('correcting an earlier day changes the later days; a missing day restarts the chain', async () => {
    const before = (await call('GET', `/api/fire/stations/${stationId}/days?from=2026-04-10&to=2026-04-13`)).json();
    expect((await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-11`, { ...weather, prec: 25 })).statusCode).toBe(200);
    const after = (await call('GET', `/api/fire/stations/${stationId}/days?from=2026-04-10&to=2026-04-13`)).json();
    expect(after[0].indices).toEqual(before[0].indices);
    expect(after[2].indices.dmc).toBeLessThan(before[2].indices.dmc);
    expect(after[3].indices.fwi).not.toBeCloseTo(before[3].indices.fwi, 3);
    // 2026-04-14 is missing: the 15th starts again from the start-up codes
    expect((await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-15`, weather)).statusCode).toBe(200);
    const d15 = (await call('GET', `/api/fire/stations/${stationId}/days?from=2026-04-15&to=2026-04-15`)).json()[0];
    expect(d15.indices.restarted).toBe(true);
    expect(d15.indices.fwi).toBeCloseTo(fwiDay(defaultFwiStart, weather, 4, lat).fwi, 9);
  });

  it('refuses bad readings and future observed days naming the field; takes a forecast day and rates it as forecast', async () => {
    const bad = await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-16`, { ...weather, rh: 130, ws: -1, maxTemp: 10 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['/body/maxTemp', '/body/rh', '/body/ws']);
    const future = await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-22`, weather);
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('/params/date');
    expect((await call('PUT', `/api/fire/stations/${stationId}/observations/2026-02-30`, weather)).json().errors[0].field).toBe('/params/date');
    expect((await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-16`, { ...weather, temp: 'hot' })).statusCode).toBe(400);
    for (const date of ['2026-04-16', '2026-04-17', '2026-04-18', '2026-04-19', '2026-04-20']) await call('PUT', `/api/fire/stations/${stationId}/observations/${date}`, { temp: 28, rh: 18, ws: 30, prec: 0 });
    expect((await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-21`, { temp: 30, rh: 15, ws: 35, prec: 0, forecast: true })).statusCode).toBe(200);
    const d = (await call('GET', '/api/fire/danger?date=2026-04-21')).json();
    expect(d.units[0]).toMatchObject({ forecast: true });
    expect(d.dates[0]).toEqual({ date: '2026-04-21', forecast: true });
  });

  it('a unit served by two stations takes the higher level, from the station that gave it', async () => {
    const [a] = towns;
    const r = await call('POST', '/api/fire/stations', { code: 'T02', name: '测试二站', lon: a!.point[0], lat: a!.point[1], unitCodes: [a!.code] });
    expect(r.statusCode).toBe(201);
    const before = (await call('GET', '/api/fire/danger?date=2026-04-12')).json().units;
    expect((await call('PUT', `/api/fire/stations/${r.json().id}/observations/2026-04-12`, { temp: 12, rh: 95, ws: 2, prec: 30 })).statusCode).toBe(200);
    expect((await call('GET', '/api/fire/danger?date=2026-04-12')).json().units).toEqual(before); // a wetter station changes nothing
    await call('PUT', `/api/fire/stations/${r.json().id}/observations/2026-04-12`, { temp: 33, rh: 8, ws: 60, prec: 0 });
    const units = (await call('GET', '/api/fire/danger?date=2026-04-12')).json().units;
    expect(units[0]).toMatchObject({ unitCode: a!.code, stationCode: 'T02' });
    expect(units[0].level).toBeGreaterThan(before[0].level);
    expect(units[1]).toEqual(before[1]); // the other town is served by T01 only
  });

  it('scopes stations by the units they serve: another town\'s chief sees 404, a served town\'s chief reads but may not write', async () => {
    const other = await f.login(`chief-${towns[2]!.code}`);
    expect((await call('GET', `/api/fire/stations/${stationId}`, undefined, other)).statusCode).toBe(404);
    expect((await call('GET', '/api/fire/stations', undefined, other)).json()).toEqual([]);
    expect((await call('GET', `/api/fire/stations/${stationId}/days`, undefined, other)).statusCode).toBe(404);
    expect((await call('GET', '/api/fire/danger?date=2026-04-13', undefined, other)).json().units).toEqual([]);
    const chief = await f.login(`chief-${towns[0]!.code}`);
    expect((await call('GET', `/api/fire/stations/${stationId}`, undefined, chief)).statusCode).toBe(200);
    expect((await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-19`, weather, chief)).statusCode).toBe(403);
    const danger = (await call('GET', '/api/fire/danger?date=2026-04-13', undefined, chief)).json();
    expect(danger.units.map((u: { unitCode: string }) => u.unitCode)).toEqual([towns[0]!.code]);
  });

  it('imports a GBK CSV with Chinese headings: a dry run reports every row and writes nothing, commit writes the good rows', async () => {
    const csv = encodeGbk(['站号,日期,气温,相对湿度,风速,降水量,预报', 'T01,2026/4/5,18,40,10,0,否', 'T01,2026-04-06,19,38,12,0.2,', 'T01,2026-04-07,19,150,12,0,', 'XX9,2026-04-07,19,38,12,0,', 'T01,2026-04-06,20,38,12,0,'].join('\r\n'));
    const body = { fileName: '气象观测.csv', contentBase64: Buffer.from(csv).toString('base64') };
    const dry = await call('POST', '/api/fire/weather/imports', body);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ encoding: 'gbk', accepted: 2, rejected: 3, committed: false, written: 0 });
    const rows = dry.json().rows;
    expect(rows[0]).toMatchObject({ row: 2, ok: true, stationCode: 'T01', date: '2026-04-05' });
    expect(rows[2].findings[0]).toMatchObject({ severity: 'error', field: '相对湿度' });
    expect(rows[3].findings[0]).toMatchObject({ field: '站号' });
    expect(rows[4].findings[0].message).toContain('第 3 行');
    expect((await call('GET', `/api/fire/stations/${stationId}/days?from=2026-04-05&to=2026-04-06`)).json()).toEqual([]);
    const done = await call('POST', '/api/fire/weather/imports', { ...body, commit: true });
    expect(done.json()).toMatchObject({ committed: true, written: 2 });
    const days = (await call('GET', `/api/fire/stations/${stationId}/days?from=2026-04-05&to=2026-04-06`)).json();
    expect(days.map((d: { date: string; source: string }) => [d.date, d.source])).toEqual([['2026-04-05', 'csv'], ['2026-04-06', 'csv']]);
    expect(days[1].indices.restarted).toBe(false);
    const noHeader = await call('POST', '/api/fire/weather/imports', { fileName: 'x.csv', contentBase64: Buffer.from('a,b\n1,2').toString('base64') });
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().errors[0]).toMatchObject({ field: '/body/contentBase64' });
  });

  it('pulls from the configured JSON source on the noon job and on demand, never over a person\'s entry', async () => {
    sourceBody = { observations: [
      { station: 'T01', date: '2026-04-08', temp: 20, rh: 35, ws: 10, prec: 0 },
      { station: 'T01', date: '2026-04-09', temp: 21, rh: 33, ws: 11, prec: 0 },
      { station: 'T01', date: '2026-04-10', temp: 5, rh: 90, ws: 1, prec: 10 }, // entered by hand already
      { station: 'NOPE', date: '2026-04-09', temp: 21, rh: 33, ws: 11, prec: 0 },
      { station: 'T01', date: '2026-04-22', temp: 25, rh: 30, ws: 10, prec: 0, forecast: true },
    ] };
    const settings = { ...defaultSettings, weatherUrl: sourceUrl };
    const jobs = scheduledJobs(f.store, createServices(f.store, settings, () => NOW), settings).filter((j) => j.name === 'weather-pull');
    const morning = await runDueJobs(f.store.db, jobs, '2026-04-20T01:00:00Z');
    expect(morning[0]).toMatchObject({ status: 'ran', summary: '上午不拉取，12 时后拉取' });
    const noon = await runDueJobs(f.store.db, jobs, '2026-04-20T05:00:00Z');
    expect(noon[0]).toMatchObject({ status: 'ran' });
    expect(noon[0]!.summary).toBe('收到 5 条，写入 3 条，1 条已有人工记录未覆盖，1 条有误未写入');
    const days = (await call('GET', `/api/fire/stations/${stationId}/days?from=2026-04-08&to=2026-04-10`)).json();
    expect(days.map((d: { source: string }) => d.source)).toEqual(['pull', 'pull', 'manual']);
    expect(days[2].temp).toBe(22);
    const status = (await call('GET', '/api/fire/weather/pulls')).json();
    expect(status).toMatchObject({ configured: true, recent: [{ ok: true, trigger: 'schedule', received: 5, saved: 3 }] });
    expect(status.recent[0].findings[0]).toContain('NOPE');
    sourceBody = { nothing: true };
    const manual = await call('POST', '/api/fire/weather/pull', {});
    expect(manual.json()).toMatchObject({ ok: false, trigger: 'manual', summary: '拉取失败：数据源返回的 JSON 缺少 observations 数组' });
    const chief = await f.login(`chief-${towns[0]!.code}`);
    expect((await call('POST', '/api/fire/weather/pull', {}, chief)).statusCode).toBe(403);
  });

  it('dailyLevels returns one row per unit and day under the prefix, forecast days flagged', async () => {
    const services = createServices(f.store, defaultSettings, () => NOW);
    const rows = await services.fireDanger.dailyLevels('500242', '2026-04-12', '2026-04-22');
    const a = rows.filter((r) => r.unitCode === towns[0]!.code);
    expect(a.map((r) => r.date)).toEqual(['2026-04-12', '2026-04-13', '2026-04-15', '2026-04-16', '2026-04-17', '2026-04-18', '2026-04-19', '2026-04-20', '2026-04-21', '2026-04-22']);
    expect(a.at(-1)).toMatchObject({ unitCode: towns[0]!.code, date: '2026-04-22', forecast: true, method: 'fwi' });
    expect(rows.every((r) => [1, 2, 3, 4, 5].includes(r.level))).toBe(true);
    expect(await services.fireDanger.dailyLevels(towns[2]!.code.slice(0, 9), '2026-04-01', '2026-04-30')).toEqual([]);
    const http = (await call('GET', '/api/fire/danger/levels?from=2026-04-12&to=2026-04-22')).json();
    expect(http).toEqual(rows);
  });

  it('rates by LY/T 1172-95 once a table with that method is in force (re-rated by the hourly job), for days that have its inputs', async () => {
    const admin = await f.login('admin', 'admin123');
    const table = { ...defaultFireDangerLevelTable, method: 'lyt1172' as const };
    expect((await call('POST', '/api/rules/fire_danger_levels', { effectiveFrom: '2026-04-20', body: table }, admin)).statusCode).toBeLessThan(300);
    // 04-20 has no maximum temperature or 14:00 humidity: no LY/T level until it has
    const settings = { ...defaultSettings };
    const jobs = scheduledJobs(f.store, createServices(f.store, settings, () => NOW), settings).filter((j) => j.name === 'fire-danger-rerate');
    expect((await runDueJobs(f.store.db, jobs, NOW.toISOString()))[0]).toMatchObject({ status: 'ran' });
    expect((await call('GET', '/api/fire/danger?date=2026-04-20')).json().units.filter((u: { stationCode: string }) => u.stationCode === 'T01')).toEqual([]);
    expect((await call('GET', '/api/fire/danger?date=2026-04-19')).json().units[0].method).toBe('fwi');
    await call('PUT', `/api/fire/stations/${stationId}/observations/2026-04-20`, { temp: 28, rh: 18, ws: 30, prec: 0, maxTemp: 30, rh14: 20, windForce: 4 });
    const u = (await call('GET', '/api/fire/danger?date=2026-04-20')).json().units.find((x: { unitCode: string }) => x.unitCode === towns[1]!.code);
    // 表5 30 °C → 20, 表6 20 % → 20, 表7 six observed dry days (15th–20th; the 14th is missing) → 30, 表9 force 4 → 20:
    // 90 → level 4 (73–90)
    expect(u).toMatchObject({ method: 'lyt1172', value: 90, level: 4 });
  });

  it('exports a station\'s days to Excel', async () => {
    const r = await call('GET', `/api/fire/stations/${stationId}/days.xlsx?from=2026-04-01&to=2026-04-30`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
  });
});

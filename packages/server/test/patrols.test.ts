import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { syntheticTrack, type Fix } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import ExcelJS from 'exceljs';
import { jpegWithExif } from './fixtures/jpeg-with-exif.ts';

// Issue 3: patrol lifecycle with idempotent uploads, track assessment and duty compliance, on both engines.
const NOW = new Date('2024-05-08T06:00:00Z'); // Wednesday 14:00 in Shanghai, ISO week 2024-W19
const RANGER = 'ranger-500242101200-1';
const rng = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

function centroid(geometry: MultiPolygon): [number, number] {
  const ring = geometry.coordinates[0]![0]!;
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
}

describe.each(testEngines())('patrols on $name', (engine) => {
  let f: AppFixture;
  let ranger: string;
  let gridCentre: [number, number];
  const post = (url: string, cookie: string, payload: unknown) =>
    f.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const get = (url: string, cookie: string) => f.app.inject({ method: 'GET', url, headers: { cookie } });

  // A walk back and forth around the middle of the ranger's grid: ~1.8 km in ~40 minutes.
  const walk = (startTime: number, seed: number): Fix[] =>
    syntheticTrack({
      start: gridCentre, startTime, rng: rng(seed), intervalS: 15,
      legs: Array.from({ length: 12 }, (_, i) => ({ headingDeg: (i % 4) * 90, metres: 150, speedMps: 0.75 })),
    });

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', new Date(), { activity: false }), now: () => NOW });
    ranger = await f.login(RANGER);
    const grid = await f.store.db
      .selectFrom('areas').innerJoin('posts', 'posts.id', 'areas.post_id').innerJoin('users', 'users.person_id', 'posts.person_id')
      .select('areas.geom_json').where('users.username', '=', RANGER).executeTakeFirstOrThrow();
    gridCentre = centroid(JSON.parse(grid.geom_json!) as MultiPolygon);
  });
  afterAll(() => f?.close());

  it('records a patrol once however often the client retries, and assesses it on end', async () => {
    const t0 = Date.parse('2024-05-07T01:00:00Z');
    const fixes = walk(t0, 11);
    const start = { id: 'patrol-retry-0001', startedAt: new Date(t0).toISOString() };
    expect((await post('/api/patrols', ranger, start)).statusCode).toBe(201);
    expect((await post('/api/patrols', ranger, start)).statusCode).toBe(200);
    const first = await post('/api/patrols/patrol-retry-0001/fixes', ranger, { fixes: fixes.slice(0, 100) });
    expect(first.json()).toEqual({ received: 100, added: 100 });
    const retry = await post('/api/patrols/patrol-retry-0001/fixes', ranger, { fixes });
    expect(retry.json()).toEqual({ received: fixes.length, added: fixes.length - 100 });
    const ended = await post('/api/patrols/patrol-retry-0001/end', ranger, { endedAt: new Date(fixes[fixes.length - 1]!.t).toISOString() });
    expect(ended.statusCode).toBe(200);
    const p = ended.json();
    expect(p).toMatchObject({ status: 'ended', valid: true, flags: [], fixesKept: fixes.length });
    expect(p.inAreaShare).toBeGreaterThan(0.9); // a person's walk wanders; most of it stays in the grid
    expect(p.distanceM).toBeGreaterThan(1_700);
    expect(p.distanceM).toBeLessThan(1_850);
    const stored = await f.store.db.selectFrom('patrol_fixes').select((eb) => eb.fn.countAll().as('n')).where('patrol_id', '=', 'patrol-retry-0001').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(fixes.length);
    const patrols = await f.store.db.selectFrom('patrols').select('id').where('id', '=', 'patrol-retry-0001').execute();
    expect(patrols).toHaveLength(1);
    const detail = await get('/api/patrols/patrol-retry-0001', ranger);
    expect(detail.json().track.coordinates).toHaveLength(fixes.length);
  });

  it('pauses and resumes: the paused time and the stretch across the pause do not count', async () => {
    const t0 = Date.parse('2024-05-07T06:00:00Z');
    const first = walk(t0, 21).slice(0, 80);
    const resumeAt = first[first.length - 1]!.t + 30 * 60_000; // half an hour's break, 300 m away
    const second = walk(resumeAt, 22).slice(0, 80).map((f) => ({ ...f, lat: f.lat + 0.003 }));
    await post('/api/patrols', ranger, { id: 'patrol-with-pause', startedAt: new Date(t0).toISOString() });
    await post('/api/patrols/patrol-with-pause/fixes', ranger, { fixes: first });
    expect((await post('/api/patrols/patrol-with-pause/pause', ranger, { at: new Date(first[first.length - 1]!.t + 1000).toISOString() })).json().status).toBe('paused');
    expect((await post('/api/patrols/patrol-with-pause/resume', ranger, { at: new Date(resumeAt - 1000).toISOString() })).json().status).toBe('active');
    await post('/api/patrols/patrol-with-pause/fixes', ranger, { fixes: second });
    const ended = (await post('/api/patrols/patrol-with-pause/end', ranger, { endedAt: new Date(second[second.length - 1]!.t).toISOString() })).json();
    const walking = (first[first.length - 1]!.t - first[0]!.t + second[second.length - 1]!.t - second[0]!.t) / 1000;
    expect(ended.durationS).toBeGreaterThan(walking - 5);
    expect(ended.durationS).toBeLessThan(walking + 5); // the 30-minute break is not patrol time
    const detail = (await get('/api/patrols/patrol-with-pause', ranger)).json();
    expect(detail.pauses).toHaveLength(1);
    expect(detail.pauses[0].endedAt).not.toBeNull();
    expect((await post('/api/patrols/patrol-with-pause/pause', ranger, { at: NOW.toISOString() })).statusCode).toBe(409);
  });

  it('keeps observations at points of the track, once each', async () => {
    const obs = { id: 'obs-wild-boar-0001', t: Date.parse('2024-05-07T01:10:00Z'), lon: gridCentre[0], lat: gridCentre[1], kind: 'wildlife', note: '野猪拱食痕迹，约 3 处' };
    expect((await post('/api/patrols/patrol-retry-0001/observations', ranger, { observations: [obs] })).json()).toEqual({ received: 1, added: 1 });
    expect((await post('/api/patrols/patrol-retry-0001/observations', ranger, { observations: [obs] })).json()).toEqual({ received: 1, added: 0 });
    const clash = await post('/api/patrols/patrol-with-pause/observations', ranger, { observations: [obs] });
    expect(clash.statusCode).toBe(409);
    const bad = await post('/api/patrols/patrol-retry-0001/observations', ranger, { observations: [{ ...obs, id: 'obs-bad-kind-01', kind: 'ufo' }] });
    expect(bad.statusCode).toBe(400);
    // a photo taken at the point: uploaded first, then named by its id; an unknown id is refused by position
    const photo = await f.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: ranger, 'content-type': 'image/jpeg' }, payload: jpegWithExif({ takenAt: '2024:05:07 09:10:00', lat: gridCentre[1], lon: gridCentre[0] }) });
    const fileId = photo.json().id as string;
    const withPhoto = { ...obs, id: 'obs-photo-0001', note: '枯死松树 2 株', kind: 'pest', photos: [fileId] };
    const missing = await post('/api/patrols/patrol-retry-0001/observations', ranger, { observations: [{ ...withPhoto, photos: [fileId, 'f'.repeat(64)] }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('/body/observations/0/photos/1');
    expect((await post('/api/patrols/patrol-retry-0001/observations', ranger, { observations: [withPhoto] })).json()).toEqual({ received: 1, added: 1 });
    const detail = (await get('/api/patrols/patrol-retry-0001', ranger)).json();
    expect(detail.observations).toEqual([
      { id: obs.id, t: obs.t, lon: obs.lon, lat: obs.lat, kind: 'wildlife', note: obs.note, photos: [] },
      { id: 'obs-photo-0001', t: obs.t, lon: obs.lon, lat: obs.lat, kind: 'pest', note: '枯死松树 2 株', photos: [fileId] },
    ]);
    // the town chief, who sees the patrol, may open the photo; a chief of another town may not
    const read = async (who: string) => (await get(`/api/files/${fileId}`, await f.login(who))).statusCode;
    expect(await read('chief-500242101000')).toBe(200);
    expect(await read('chief-500242102000')).toBe(404);
  });

  it('flags a patrol driven at 40 km/h', async () => {
    const t0 = Date.parse('2024-05-06T02:00:00Z');
    const fixes = syntheticTrack({ start: gridCentre, startTime: t0, rng: rng(5), legs: [{ headingDeg: 30, metres: 9_000, speedMps: 40 / 3.6 }] });
    await post('/api/patrols', ranger, { id: 'patrol-by-car-01', startedAt: new Date(t0).toISOString() });
    await post('/api/patrols/patrol-by-car-01/fixes', ranger, { fixes });
    const ended = await post('/api/patrols/patrol-by-car-01/end', ranger, { endedAt: new Date(fixes[fixes.length - 1]!.t).toISOString() });
    expect(ended.json().flags).toContain('vehicle');
    const listed = await get('/api/patrols?flag=vehicle', ranger);
    expect(listed.json().items.map((p: { id: string }) => p.id)).toEqual(['patrol-by-car-01']);
  });

  it('lets only the recorder write to a patrol: 403 in scope, 404 out of scope', async () => {
    const townChief = await f.login('chief-500242101000');
    expect((await post('/api/patrols/patrol-retry-0001/fixes', townChief, { fixes: walk(Date.parse('2024-05-07T01:00:00Z'), 1).slice(0, 2) })).statusCode).toBe(403);
    expect((await get('/api/patrols/patrol-retry-0001', townChief)).statusCode).toBe(200);
    const otherTown = await f.login('chief-500242102000');
    expect((await get('/api/patrols/patrol-retry-0001', otherTown)).statusCode).toBe(404);
    expect((await post('/api/patrols/patrol-retry-0001/end', otherTown, { endedAt: NOW.toISOString() })).statusCode).toBe(404);
    expect((await post('/api/patrols', otherTown, { id: 'patrol-retry-0001', startedAt: NOW.toISOString() })).statusCode).toBe(409);
  });

  it('rejects bad uploads with 400 and writes nothing', async () => {
    await post('/api/patrols', ranger, { id: 'patrol-bad-input', startedAt: '2024-05-08T01:00:00Z' });
    const many = Array.from({ length: 10_001 }, (_, i) => ({ t: Date.parse('2024-05-08T01:00:00Z') + i * 1000, lon: 108.7, lat: 28.8 }));
    expect((await post('/api/patrols/patrol-bad-input/fixes', ranger, { fixes: many })).statusCode).toBe(400);
    const bad = await post('/api/patrols/patrol-bad-input/fixes', ranger, { fixes: [{ t: Date.parse('2024-05-08T01:00:00Z'), lon: 200, lat: 28.8 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/body/fixes/0/lon');
    const future = await post('/api/patrols', ranger, { id: 'patrol-in-future', startedAt: '2024-05-09T06:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ field: '/body/startedAt', message: '开始时间晚于当前时间' }]);
    const n = await f.store.db.selectFrom('patrol_fixes').select((eb) => eb.fn.countAll().as('n')).where('patrol_id', '=', 'patrol-bad-input').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('sums effort per person and town for the month, and exports it to Excel', async () => {
    const townChief = await f.login('chief-500242101000');
    // Two problems found on patrol this month count as the ranger's "problems found"; one from last month does not.
    const report = (id: string, observedAt: string) => post('/api/problems', ranger, { id, category: 'other', description: '界桩倒伏', lon: gridCentre[0], lat: gridCentre[1], observedAt });
    expect((await report('effort-problem-1', '2024-05-07T02:00:00Z')).statusCode).toBe(201);
    expect((await report('effort-problem-2', '2024-05-07T03:00:00Z')).statusCode).toBe(201);
    const byPerson = (await get('/api/effort/patrols?groupBy=person', townChief)).json();
    expect(byPerson.from).toBe('2024-04-30T16:00:00.000Z'); // May 2024 in Shanghai
    const row = byPerson.rows.find((r: { unitCode: string; patrols: number }) => r.unitCode === '500242101200');
    const mine = (await get('/api/patrols?unit=500242101200&limit=100', townChief)).json().items as { status: string; valid: boolean; flags: string[] }[];
    const ended = mine.filter((p) => p.status === 'ended');
    expect(row).toMatchObject({ patrols: ended.length, valid: ended.filter((p) => p.valid).length, flagged: ended.filter((p) => p.flags.length > 0).length });
    expect(row.patrols).toBeGreaterThanOrEqual(2);
    expect(row.distanceKm).toBeGreaterThan(9);
    const rangerRow = byPerson.rows.find((r: { problemsFound: number }) => r.problemsFound > 0);
    expect(rangerRow).toMatchObject({ problemsFound: 2, unitCode: '500242101200' });
    expect(byPerson.totals.problemsFound).toBe(2);
    const april = (await get('/api/effort/patrols?groupBy=person&from=2024-04-01T00:00:00%2B08:00&to=2024-05-01T00:00:00%2B08:00', townChief)).json();
    expect(april.totals.problemsFound).toBe(0);
    const byTown = (await get('/api/effort/patrols?groupBy=town', townChief)).json();
    expect(byTown.rows).toHaveLength(1);
    expect(byTown.rows[0]).toMatchObject({ name: '龙潭镇', unitCode: '500242101000', patrols: byTown.totals.patrols });
    const xlsx = await get('/api/effort/patrols.xlsx?groupBy=village', townChief);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('巡林成效')!;
    expect(String(sheet.getCell('A1').value)).toContain('2024-05-01 至 2024-05-31');
    expect(sheet.getCell('A3').value).toBe('包家村');
    expect(sheet.getCell('D3').value).toBe(row.patrols);
    expect(sheet.getCell('I2').value).toBe('发现问题数');
    expect(sheet.getCell('I3').value).toBe(2);
    const bad = await get('/api/effort/patrols?from=2024-05-08T00:00:00Z&to=2024-05-01T00:00:00Z', townChief);
    expect(bad.statusCode).toBe(400);
  });

  it('reports how much of each grid valid patrols covered, with cells for a heat layer', async () => {
    const townChief = await f.login('chief-500242101000');
    const res = await get('/api/coverage/patrols?unit=500242101200', townChief);
    expect(res.statusCode).toBe(200);
    const report = res.json() as { areas: { name: string; share: number; cells: number }[]; heat: unknown[] };
    // Ranger 1 walked around the middle of their grid (the driven patrol left it and is not valid): their grid is
    // the best covered; a neighbour may be brushed within the 50 m reach.
    const best = [...report.areas].sort((a, b) => b.share - a.share);
    expect(best[0]!.name).toBe('包家村第1护林网格');
    expect(best[0]!.share).toBeGreaterThan(0.05);
    expect(best[0]!.share).toBeLessThan(1);
    expect(best.filter((a) => a.share > 0).length).toBeLessThan(report.areas.length);
    expect(report.heat.length).toBeGreaterThan(10);
    expect((await get('/api/coverage/patrols?unit=500242000000', townChief)).statusCode).toBe(404);
    const county = await f.login('chief-500242000000');
    expect((await get('/api/coverage/patrols?unit=500242000000', county)).json().errors[0].field).toBe('/querystring/unit');
    expect((await get('/api/coverage/patrols?unit=500242102000', townChief)).statusCode).toBe(404);
  });

  it('takes a village chief\'s monthly report once and counts it on the report-duty board', async () => {
    const villageChief = await f.login('chief-500242101200');
    const report = { id: 'report-2024-05-baojia', title: '五月林长工作报告', content: '本月巡林四次，发现并处置枯死松树两株。' };
    expect((await post('/api/duty-reports', villageChief, report)).statusCode).toBe(201);
    expect((await post('/api/duty-reports', villageChief, report)).statusCode).toBe(200);
    expect((await post('/api/duty-reports', ranger, { ...report, id: 'report-by-a-ranger' })).statusCode).toBe(403);
    const townChief = await f.login('chief-500242101000');
    const listed = (await get('/api/duty-reports?unit=500242101000', townChief)).json();
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual(['report-2024-05-baojia']);
    const board = (await get('/api/compliance/reports?unit=500242101000', townChief)).json();
    expect(board.duty).toBe('report');
    const baojia = board.rows.find((r: { unitCode: string; level: string }) => r.unitCode === '500242101200' && r.level === 'village');
    expect(baojia.current).toMatchObject({ periodKey: '2024-05', status: 'met', done: 1 });
    const other = board.rows.find((r: { unitCode: string; level: string }) => r.unitCode !== '500242101200' && r.level === 'village');
    expect(other.current.status).toBe('behind');
    expect(board.rows.find((r: { level: string }) => r.level === 'town').current.periodKey).toBe('2024-H1');
    expect(board.rows.some((r: { role: string }) => r.role === 'ranger')).toBe(false); // rangers owe no reports
  });

  it('tells a village chief their own duties for the current periods', async () => {
    const villageChief = await f.login('chief-500242101201');
    const mine = (await get('/api/compliance/mine', villageChief)).json() as { rows: { duty: string; current: { periodKey: string; status: string; remind: boolean } }[] };
    expect(mine.rows.map((r) => [r.duty, r.current.periodKey, r.current.status])).toEqual([
      ['patrol', '2024-W19', 'behind'],
      ['report', '2024-05', 'behind'],
    ]);
    const ranger2 = await f.login('ranger-500242101200-2');
    const rangerDuties = (await get('/api/compliance/mine', ranger2)).json() as { rows: { duty: string }[] };
    expect(rangerDuties.rows.map((r) => r.duty)).toEqual(['patrol']);
  });

  it('shows the ranger as met this week and a village chief without a patrol as behind, to the town chief', async () => {
    const townChief = await f.login('chief-500242101000');
    const res = await get('/api/compliance/patrols?unit=500242101000', townChief);
    expect(res.statusCode).toBe(200);
    const report = res.json() as { rows: { personName: string; role: string; level: string; unitCode: string; current: { periodKey: string; status: string } }[]; counts: Record<string, number> };
    const rangerPerson = await f.store.db.selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select('people.name').where('users.username', '=', RANGER).executeTakeFirstOrThrow();
    const rangerRow = report.rows.find((r) => r.role === 'ranger' && r.unitCode === '500242101200' && r.personName === rangerPerson.name);
    expect(rangerRow?.current).toMatchObject({ periodKey: '2024-W19', status: 'met' });
    const villageChief = report.rows.find((r) => r.role === 'chief' && r.level === 'village' && r.unitCode === '500242101200');
    expect(villageChief?.current.status).toBe('behind');
    const townRow = report.rows.find((r) => r.role === 'chief' && r.level === 'town');
    expect(townRow?.current.periodKey).toBe('2024-Q2');
    expect(report.rows.every((r) => r.unitCode.startsWith('500242101'))).toBe(true);
    expect(report.counts.met).toBeGreaterThanOrEqual(1);
    const behind = (await get('/api/compliance/patrols?unit=500242101000&status=behind', townChief)).json() as { rows: unknown[] };
    expect(behind.rows.length).toBe(report.counts.behind);
    expect((await get('/api/compliance/patrols?unit=500242102000', townChief)).statusCode).toBe(404);
  });
});

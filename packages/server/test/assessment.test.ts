import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';

// Issue 8 §3 (DOMAIN.md §1): a quarter's assessment scores every town of the county on 100 points, each point traceable
// to the indicator reading and the records behind it; manual items take the assessor's points; the year is the mean of
// its quarters; the ranking exports to Excel and a Chinese PDF.
const NOW = new Date('2024-05-08T06:00:00Z');
const COUNTY = '500242000000';
const TOWN = '500242101000';

interface Row { subjectId: string; subjectName: string; unitCode: string; personName: string | null; total: number; rank: number; items: { key: string; value: number | null; points: number; explanation: string; evidence: { link: string; note: string | null } | null }[]; quarters: { period: string; total: number }[] }
interface Scores { period: string; provisional: boolean; asOf: string; finalized: { at: string; by: string | null } | null; finalizedQuarters: string[]; items: { key: string; weight: number }[]; rows: Row[] }

describe.each(testEngines())('assessment on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let schemeId: string;
  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const scores = async (period: string, level = 'town') => {
    const res = await call('GET', `/api/assessment/schemes/${schemeId}/scores?period=${period}&level=${level}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Scores;
  };
  const field = (res: { statusCode: number; json(): { errors?: { field: string }[] } }) => [res.statusCode, res.json().errors?.[0]?.field ?? null];

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'assess-staff', name: '林长办', password: 'staff1234', roles: ['staff'], scopeUnitCode: COUNTY, actorId: null });
      },
      now: () => NOW,
    });
    staff = await f.login('assess-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  it('saves a scheme from the template as versions, refusing one that does not add up to 100', async () => {
    const template = (await call('GET', '/api/assessment/template')).json() as { title: string; items: { key: string; weight: number }[] };
    expect(template.items).toHaveLength(11);
    const bad = { ...template, year: 2024, items: template.items.map((i, k) => (k === 0 ? { ...i, weight: i.weight + 5 } : i)) };
    expect(field(await call('POST', '/api/assessment/schemes', bad))).toEqual([400, '/body/items']);
    expect(field(await call('POST', '/api/assessment/schemes', { ...template, year: 2024, unitCode: TOWN }))).toEqual([400, '/body/unitCode']);
    const chief = await f.login('chief-500242000000');
    expect((await call('POST', '/api/assessment/schemes', { ...template, year: 2024 }, chief)).statusCode).toBe(403);
    const first = await call('POST', '/api/assessment/schemes', { ...template, year: 2024 });
    expect(first.statusCode, first.body).toBe(201);
    const second = await call('POST', '/api/assessment/schemes', { ...template, title: '2024年林长制考核', year: 2024 });
    expect(second.json()).toMatchObject({ version: 2, unitCode: COUNTY, title: '2024年林长制考核' });
    schemeId = second.json().id as string;
    expect((await call('GET', '/api/assessment/schemes?year=2024')).json().map((s: { version: number }) => s.version)).toEqual([2, 1]);
  });

  it('scores every town in the first quarter with points traceable to the indicator readings', async () => {
    const q1 = await scores('2024-Q1');
    const towns = await f.store.db.selectFrom('units').select('code').where('parent_code', '=', COUNTY).execute();
    expect(q1.rows).toHaveLength(towns.length);
    expect(q1.provisional).toBe(false);
    expect(q1.rows.map((r) => r.rank)).toEqual([...q1.rows.map((r) => r.rank)].sort((a, b) => a - b));
    for (const row of q1.rows) {
      expect(row.items).toHaveLength(11);
      expect(row.total).toBeCloseTo(row.items.reduce((s, i) => s + i.points, 0), 2);
      for (const it of row.items) {
        const weight = q1.items.find((x) => x.key === it.key)!.weight;
        expect(it.points).toBeGreaterThanOrEqual(0);
        expect(it.points).toBeLessThanOrEqual(weight);
        expect(it.explanation.length).toBeGreaterThan(0);
      }
    }
    // The report-duty item of 龙潭镇 is the indicator's reading for it over the quarter, with its link.
    const reading = (await call('GET', `/api/indicators/report_compliance?unit=${COUNTY}&from=2024-01-01&to=2024-03-31`)).json() as { children: { unitCode: string; value: number | null; link: string }[] };
    const town = q1.rows.find((r) => r.unitCode === TOWN)!;
    const reports = town.items.find((i) => i.key === 'reports')!;
    const expected = reading.children.find((c) => c.unitCode === TOWN)!;
    expect(reports.value).toBe(expected.value);
    expect(reports.evidence!.link).toBe(expected.link);
    // No report was made in the demo without activity: 0 % is under the 60 % floor, 0 points.
    expect(reports).toMatchObject({ value: 0, points: 0 });
    // Meetings are scored by hand and not yet entered.
    expect(town.items.find((i) => i.key === 'meetings')).toMatchObject({ points: 0, evidence: null });
  });

  it('takes the assessor\'s points for a manual item and moves when a record changes', async () => {
    const put = (body: unknown) => call('PUT', `/api/assessment/schemes/${schemeId}/manual`, body);
    expect(field(await put({ period: '2024-Q1', unitCode: TOWN, itemKey: 'meetings', points: 11, note: '超分' }))).toEqual([400, '/body/points']);
    expect(field(await put({ period: '2024-Q1', unitCode: TOWN, itemKey: 'patrols', points: 5, note: '指标项' }))).toEqual([400, '/body/itemKey']);
    expect(field(await put({ period: '2024-Q1', unitCode: '500242101200', itemKey: 'meetings', points: 5, note: '村' }))).toEqual([400, '/body/unitCode']);
    expect(field(await put({ period: '2023-Q4', unitCode: TOWN, itemKey: 'meetings', points: 5, note: '上年' }))).toEqual([400, '/body/period']);
    const before = (await scores('2024-Q1')).rows.find((r) => r.unitCode === TOWN)!;
    expect((await put({ period: '2024-Q1', unitCode: TOWN, itemKey: 'meetings', points: 8, note: '召开镇级林长会议 2 次' })).statusCode).toBe(200);
    const withMeetings = (await scores('2024-Q1')).rows.find((r) => r.unitCode === TOWN)!;
    expect(withMeetings.items.find((i) => i.key === 'meetings')).toMatchObject({ points: 8, explanation: '人工评分：召开镇级林长会议 2 次' });
    expect(withMeetings.total).toBeCloseTo(before.total + 8, 2);
    // An overdue problem in the town in Q1 costs a point under the deduction rule.
    await f.store.db.insertInto('problems').values({
      id: 'assess-p1', category: 'other', source: 'patrol', severity: 'normal', title: '逾期', description: '测试', lon: 108.77, lat: 28.84, geom_json: null, unit_code: '500242101200',
      status: 'assigned', version: 1, reported_at: '2024-02-01T00:00:00.000Z', deadline_at: '2024-02-10T00:00:00.000Z', due_soon_at: '2024-02-09T00:00:00.000Z',
      created_at: '2024-02-01T00:00:00.000Z', updated_at: '2024-02-01T00:00:00.000Z',
    }).execute();
    const after = (await scores('2024-Q1')).rows.find((r) => r.unitCode === TOWN)!;
    expect(after.items.find((i) => i.key === 'problems_overdue')).toMatchObject({ value: 1, points: 4 });
    // A new version of the scheme keeps the assessor's points for the manual items it keeps.
    const scheme = (await call('GET', `/api/assessment/schemes/${schemeId}`)).json() as { title: string; items: unknown[] };
    const v3 = await call('POST', '/api/assessment/schemes', { year: 2024, title: scheme.title, items: scheme.items });
    expect(v3.json()).toMatchObject({ version: 3 });
    const carried = await call('GET', `/api/assessment/schemes/${v3.json().id}/scores?period=2024-Q1`);
    expect((carried.json() as Scores).rows.find((r) => r.unitCode === TOWN)!.items.find((i) => i.key === 'meetings')).toMatchObject({ points: 8 });
  });

  it('scores the town chiefs on their own duties, and the year as the mean of its quarters', async () => {
    const chiefs = await scores('2024-Q1', 'chief');
    expect(chiefs.rows.length).toBeGreaterThan(5);
    const mine = chiefs.rows.find((r) => r.unitCode === TOWN)!;
    expect(mine.personName).toBeTruthy();
    expect(mine.items.find((i) => i.key === 'patrols')!.evidence?.note).toMatch(/本人巡林周期|没有已结束/);
    // The chief's own duty links to the compliance page as of the quarter's last day, as the town's reading does.
    const link = new URL(mine.items.find((i) => i.key === 'patrols')!.evidence!.link, 'http://x');
    expect([link.pathname, link.searchParams.get('unit'), link.searchParams.get('duty'), link.searchParams.get('asOf')]).toEqual(['/patrols/compliance', TOWN, 'patrols', '2024-03-31T23:59:59+08:00']);
    const year = await scores('2024');
    expect(year.provisional).toBe(true);
    const town = year.rows.find((r) => r.unitCode === TOWN)!;
    expect(town.quarters.map((q) => q.period)).toEqual(['2024-Q1', '2024-Q2']);
    expect(town.total).toBeCloseTo((town.quarters[0]!.total + town.quarters[1]!.total) / 2, 2);
    expect(field(await call('GET', `/api/assessment/schemes/${schemeId}/scores?period=2024-Q3`))).toEqual([400, '/querystring/period']);
    expect(field(await call('GET', `/api/assessment/schemes/${schemeId}/scores?period=2023-Q1`))).toEqual([400, '/querystring/period']);
  });

  it('finalises an ended quarter (定稿): late records and manual points no longer move it until it is withdrawn', async () => {
    const finalize = (period: string, cookie = staff) => call('POST', `/api/assessment/schemes/${schemeId}/finalize`, { period }, cookie);
    expect((await finalize('2024-Q1', await f.login('chief-500242000000'))).statusCode).toBe(403);
    expect(field(await finalize('2024-Q2'))).toEqual([400, '/body/period']); // still running on 8 May
    expect(field(await finalize('2024'))).toEqual([400, '/body/period']);
    const before = await scores('2024-Q1');
    const done = await finalize('2024-Q1');
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ period: '2024-Q1', asOf: NOW.toISOString() });
    expect(field(await finalize('2024-Q1'))).toEqual([409, '/body/period']);
    // A problem of Q1 found overdue late: the open scores would lose a point, the finalised ones keep theirs.
    await f.store.db.insertInto('problems').values({
      id: 'assess-p2', category: 'other', source: 'patrol', severity: 'normal', title: '逾期补录', description: '测试', lon: 108.77, lat: 28.84, geom_json: null, unit_code: '500242101200',
      status: 'assigned', version: 1, reported_at: '2024-03-01T00:00:00.000Z', deadline_at: '2024-03-10T00:00:00.000Z', due_soon_at: '2024-03-09T00:00:00.000Z',
      created_at: '2024-03-01T00:00:00.000Z', updated_at: '2024-03-01T00:00:00.000Z',
    }).execute();
    const kept = await scores('2024-Q1');
    expect(kept).toMatchObject({ provisional: false, asOf: NOW.toISOString(), finalized: { at: NOW.toISOString() } });
    expect(kept.rows).toEqual(before.rows);
    expect(kept.rows.find((r) => r.unitCode === TOWN)!.items.find((i) => i.key === 'problems_overdue')).toMatchObject({ value: 1, points: 4 });
    expect((await scores('2024-Q1', 'chief')).finalized).not.toBeNull();
    expect((await scores('2024')).finalizedQuarters).toEqual(['2024-Q1']);
    expect((await scores('2024-Q2')).finalized).toBeNull();
    const put = await call('PUT', `/api/assessment/schemes/${schemeId}/manual`, { period: '2024-Q1', unitCode: TOWN, itemKey: 'meetings', points: 2, note: '改分' });
    expect(field(put)).toEqual([409, '/body/period']);
    // Withdrawn: computed afresh, with the late problem; and the points can be changed again.
    expect((await call('DELETE', `/api/assessment/schemes/${schemeId}/finalize/2024-Q1`, {})).statusCode).toBe(200);
    expect((await call('DELETE', `/api/assessment/schemes/${schemeId}/finalize/2024-Q1`, {})).statusCode).toBe(404);
    const open = await scores('2024-Q1');
    expect(open.finalized).toBeNull();
    expect(open.rows.find((r) => r.unitCode === TOWN)!.items.find((i) => i.key === 'problems_overdue')).toMatchObject({ value: 2, points: 3 });
    const audit = await f.store.db.selectFrom('audit_log').select('action').where('entity', '=', 'assessment_result').orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('never finalises a quarter without a manual score saved while it was being finalised', async () => {
    // Sent together, again and again: either the score is refused (already finalised), the finalising is refused
    // (changed meanwhile), or both go through and the finalised quarter holds the score.
    for (const points of [1, 2, 3, 4]) {
      const [put, fin] = await Promise.all([
        call('PUT', `/api/assessment/schemes/${schemeId}/manual`, { period: '2024-Q1', unitCode: TOWN, itemKey: 'meetings', points, note: `并发 ${points}` }),
        call('POST', `/api/assessment/schemes/${schemeId}/finalize`, { period: '2024-Q1' }),
      ]);
      expect([200, 409]).toContain(put.statusCode);
      expect([201, 409]).toContain(fin.statusCode);
      const stored = await f.store.db.selectFrom('assessment_manual_scores').select('points')
        .where('scheme_id', '=', schemeId).where('period_key', '=', '2024-Q1').where('unit_code', '=', TOWN).where('item_key', '=', 'meetings').executeTakeFirstOrThrow();
      if (put.statusCode === 200) expect(stored.points).toBe(points);
      const kept = await scores('2024-Q1');
      if (kept.finalized) expect(kept.rows.find((r) => r.unitCode === TOWN)!.items.find((i) => i.key === 'meetings')!.points).toBe(stored.points);
      if (kept.finalized) expect((await call('DELETE', `/api/assessment/schemes/${schemeId}/finalize/2024-Q1`, {})).statusCode).toBe(200);
    }
  });

  it('shows a town its own scores in the county\'s scheme, ranked among all the towns, and lets it change nothing', async () => {
    const all = await scores('2024-Q1');
    const office = await f.login('office-500242101000');
    const list = await call('GET', '/api/assessment/schemes', undefined, office);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { id: string; canEdit: boolean }) => [x.id, x.canEdit])).toContainEqual([schemeId, false]);
    expect((await call('GET', '/api/assessment/schemes', undefined, staff)).json().find((x: { id: string }) => x.id === schemeId).canEdit).toBe(true);
    const mine = await call('GET', `/api/assessment/schemes/${schemeId}/scores?period=2024-Q1&level=town`, undefined, office);
    expect(mine.statusCode, mine.body).toBe(200);
    const town = all.rows.find((r) => r.unitCode === TOWN)!;
    expect(mine.json()).toMatchObject({ ranked: all.rows.length });
    expect(mine.json().rows.map((r: Row) => [r.unitCode, r.total, r.rank])).toEqual([[TOWN, town.total, town.rank]]);
    // The town chief: their own row at the chief level.
    const chief = await call('GET', `/api/assessment/schemes/${schemeId}/scores?period=2024-Q1&level=chief`, undefined, await f.login(`chief-${TOWN}`));
    expect(chief.statusCode, chief.body).toBe(200);
    expect(chief.json().rows.every((r: Row) => r.unitCode === TOWN)).toBe(true);
    expect(chief.json().rows.length).toBeGreaterThan(0);
    // Nothing to change from the town.
    expect((await call('PUT', `/api/assessment/schemes/${schemeId}/manual`, { period: '2024-Q1', unitCode: TOWN, itemKey: 'meetings', points: 10, note: '自评' }, office)).statusCode).toBe(403);
    expect((await call('POST', `/api/assessment/schemes/${schemeId}/finalize`, { period: '2024-Q1' }, office)).statusCode).toBe(403);
    const template = (await call('GET', '/api/assessment/template')).json() as Record<string, unknown>;
    expect((await call('POST', '/api/assessment/schemes', { ...template, year: 2024, unitCode: TOWN }, office)).statusCode).toBe(400);
    // A village's users do not see the county's scheme.
    expect((await call('GET', `/api/assessment/schemes/${schemeId}`, undefined, await f.login('chief-500242101200'))).statusCode).toBe(404);
  });

  it('exports the scores to Excel and to a PDF', async () => {
    const xlsx = await call('GET', `/api/assessment/schemes/${schemeId}/scores.xlsx?period=2024-Q1`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await call('GET', `/api/assessment/schemes/${schemeId}/scores.pdf?period=2024-Q1&level=chief`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5_000);
  });
});

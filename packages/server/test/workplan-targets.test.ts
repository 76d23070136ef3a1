import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoWorkplans } from '../src/demo/demo-workplans.ts';
import { WorkPlanTargetRepository } from '../src/workplans/target-repository.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { ParcelRepository } from '../src/ledger/parcel-repository.ts';
import { WorkPlanOverdueReportJob } from '../src/workplans/overdue-report-job.ts';

// Issue 8 §2 (DOMAIN.md §10): the targets of Youyang's 2024 plan, tracked — owners, a measure (an indicator the system
// computes, or progress reports), a schedule; an indicator-linked target moves when the records change; a missed
// scheduled report is urged (督办) once; a target is ticked off (销号) only with evidence.
const NOW = new Date('2024-05-08T06:00:00Z');
const COUNTY = '500242000000';
const TOWN = '500242101000';
const square = (lon: number, lat: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[lon, lat], [lon + 0.002, lat], [lon + 0.002, lat + 0.002], [lon, lat + 0.002], [lon, lat]]]] });

interface Tracked {
  id: string; subject: string; value: number; unit: string; op: string; dueOn: string;
  tracking: { measure: string; indicatorKey: string | null; version: number; closedAt: string | null; closeNote: string | null; ownerUnitCodes: string[]; ownerUnitNames: string[] } | null;
  reading: { value: number | null; unit: string; source: string | null; link: string | null };
  progress: { current: number | null; share: number | null; expected: number | null; status: string };
  reports: { periodKey: string; value: number | null; unit: string | null; fileIds: string[] }[];
  evidence: string[];
  missingReports: { periodKey: string; urgedAt: string | null }[];
}

describe.each(testEngines())('work-plan targets on $name', (engine) => {
  let f: AppFixture;
  let staff: string, otherStaff: string, banan: string, chief: string, townStaff: string;
  let planId: string;
  let targets: Tracked[];
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const target = (subject: string) => targets.find((t) => t.subject === subject)!;
  const fresh = async (id: string) => (await call('GET', `/api/workplans/targets/${id}`)).json() as Tracked;
  const field = (res: { statusCode: number; json(): { errors?: { field: string }[] } }) => [res.statusCode, res.json().errors?.[0]?.field ?? null];

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await buildDemo(store, '500113', NOW, { activity: false });
        await buildDemoWorkplans(store, '500242', NOW);
        const auth = new AuthService(store, defaultSettings);
        await auth.createUser({ username: 'plan-staff', name: '规划股', password: 'staff1234', roles: ['staff'], scopeUnitCode: COUNTY, actorId: null });
        await auth.createUser({ username: 'plan-staff-2', name: '资源站', password: 'staff1234', roles: ['staff'], scopeUnitCode: COUNTY, actorId: null });
        await auth.createUser({ username: 'banan-plan', name: '巴南规划股', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500113000000', actorId: null });
        await auth.createUser({ username: 'longtan-office', name: '龙潭镇林业站', password: 'staff1234', roles: ['staff'], scopeUnitCode: TOWN, actorId: null });
      },
      now: () => NOW,
    });
    staff = await f.login('plan-staff', 'staff1234');
    otherStaff = await f.login('plan-staff-2', 'staff1234');
    banan = await f.login('banan-plan', 'staff1234');
    townStaff = await f.login('longtan-office', 'staff1234');
    chief = await f.login('chief-500242000000'); // the county chief sees the plan but does not administer it
    const plans = (await call('GET', '/api/workplans')).json() as { id: string }[] | { items: { id: string }[] };
    planId = (Array.isArray(plans) ? plans : plans.items)[0]!.id;
    const list = await call('GET', `/api/workplans/${planId}/targets`);
    expect(list.statusCode, list.body).toBe(200);
    targets = list.json().items as Tracked[];
  });
  afterAll(() => f?.close());

  it('lists every target of the plan, untracked, with nothing to judge yet', () => {
    expect(targets.length).toBeGreaterThan(20);
    expect(target('营造林')).toMatchObject({ value: 18.2, unit: '万亩', op: '=', dueOn: '2024-12-31', tracking: null, progress: { status: 'unknown' } });
  });

  it('links 营造林 18.2万亩 to the 未成林造林地 area, which moves when the ledger gains 3万亩', async () => {
    const g = target('营造林');
    // An indicator counted in 名 cannot measure 万亩: refused, naming the field.
    expect(field(await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [COUNTY], measure: 'indicator', indicatorKey: 'rangers' }))).toEqual([400, '/body/indicatorKey']);
    expect(field(await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: ['500242999000'], measure: 'indicator', indicatorKey: 'afforestation_area' }))).toEqual([400, '/body/ownerUnitCodes/0']);
    expect((await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [COUNTY], measure: 'indicator', indicatorKey: 'afforestation_area' }, chief)).statusCode).toBe(403);
    const set = await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [COUNTY, TOWN], measure: 'indicator', indicatorKey: 'afforestation_area', reportEvery: 'quarter' });
    expect(set.statusCode, set.body).toBe(200);
    const before = set.json() as Tracked;
    expect(before.tracking).toMatchObject({ measure: 'indicator', indicatorKey: 'afforestation_area', version: 1 });
    expect(before.tracking!.ownerUnitNames).toHaveLength(2);
    expect(before.reading).toMatchObject({ source: 'indicator', unit: '亩' });
    expect(before.reading.link).toContain('/ledger');
    const reading = (await call('GET', `/api/indicators/afforestation_area?unit=${COUNTY}&from=2024-01-01&to=2024-05-08`)).json() as { total: { value: number } };
    expect(before.reading.value).toBe(reading.total.value);
    expect(before.progress.current).toBeCloseTo(reading.total.value / 10_000, 4);

    // 3万亩 of new 未成林造林地 in the 2024 ledger (30000 亩 = 2000 公顷 = 2×10⁷ m²).
    await new ParcelRepository(f.store.db, f.store.spatial).insertMany([{
      id: 'target-141', year: 2024, unitCode: '500242101200', parcelNo: 'T-141', landClass: '0141', forestCategory: null, authorityLevel: null, origin: null, dominantSpecies: null,
      ageGroup: null, canopyClosure: null, volumeM3: null, ownerType: null, owner: null, areaM2: 20_000_000, geometry: square(108.95, 28.95), importBatch: null,
    }], NOW.toISOString());
    const after = await fresh(g.id);
    expect(after.progress.current).toBeCloseTo(before.progress.current! + 3, 3);
    // A stale version is refused.
    expect((await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [COUNTY], measure: 'indicator', indicatorKey: 'afforestation_area', version: 9 })).statusCode).toBe(409);
  });

  it('links 生态护林员 3000名 to the rangers in office and 森林覆盖率 ≥ 64.1% to the ledger', async () => {
    const rangers = target('生态护林员');
    const r = (await call('PUT', `/api/workplans/targets/${rangers.id}/tracking`, { ownerUnitCodes: [COUNTY], measure: 'indicator', indicatorKey: 'rangers' })).json() as Tracked;
    const count = (await call('GET', `/api/indicators/rangers?unit=${COUNTY}&from=2024-01-01&to=2024-05-08`)).json() as { total: { value: number } };
    expect(r.progress.current).toBe(count.total.value);
    expect(r.progress.status).toBe(count.total.value >= 3000 ? 'met' : 'behind');
    const coverage = target('森林覆盖率');
    const c = (await call('PUT', `/api/workplans/targets/${coverage.id}/tracking`, { ownerUnitCodes: [COUNTY], measure: 'indicator', indicatorKey: 'forest_coverage' })).json() as Tracked;
    expect(c.reading.source).toBe('indicator');
    if (c.reading.value !== null) expect(c.progress.status).toBe(c.reading.value >= 64.1 ? 'met' : 'behind');
  });

  it('takes progress reports in 亩 against 新造油茶 3万亩, refusing what cannot be converted or dated', async () => {
    const g = target('新造油茶');
    expect((await call('POST', `/api/workplans/targets/${g.id}/reports`, { value: 1, note: '未设置' })).statusCode).toBe(409);
    expect((await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [TOWN], measure: 'manual', reportEvery: 'quarter' })).statusCode).toBe(200);
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/reports`, { value: 5000, unit: '个', note: '错误单位' }))).toEqual([400, '/body/unit']);
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/reports`, { note: '没有数量' }))).toEqual([400, '/body/value']);
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/reports`, { periodKey: '2023-Q4', value: 1, note: '上一年' }))).toEqual([400, '/body/periodKey']);
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/reports`, { periodKey: '2024-05', value: 1, note: '不是季度' }))).toEqual([400, '/body/periodKey']);
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/reports`, { periodKey: '2024-Q4', value: 1, note: '尚未开始' }))).toEqual([400, '/body/periodKey']);
    const sent = await call('POST', `/api/workplans/targets/${g.id}/reports`, { value: 5000, unit: '亩', note: '完成新造油茶5000亩' });
    expect(sent.statusCode, sent.body).toBe(200);
    const t = sent.json() as Tracked;
    expect(t.reports.map((r) => [r.periodKey, r.value, r.unit])).toEqual([['2024-Q2', 5000, '亩']]);
    // 5000 亩 = 0.5 万亩; by 8 May 129 of 366 days are gone: 3 × 129/366 = 1.0574 万亩 expected.
    expect(t.progress).toMatchObject({ current: 0.5, expected: 1.0574, status: 'behind' });
    expect(t.reading).toMatchObject({ source: 'report', value: 5000, unit: '亩' });
    // The same period again corrects it.
    const corrected = (await call('POST', `/api/workplans/targets/${g.id}/reports`, { periodKey: '2024-Q2', value: 1.2, unit: '万亩', note: '更正：完成1.2万亩' })).json() as Tracked;
    expect(corrected.reports).toHaveLength(1);
    expect(corrected.progress).toMatchObject({ current: 1.2, status: 'on_track' });
    // Q1 ended on 31 March without a report: missing, not yet urged.
    expect(corrected.missingReports).toEqual([{ periodKey: '2024-Q1', urgedAt: null }]);
  });

  it('urges the missed Q1 report once, telling the owner unit\'s staff', async () => {
    const job = new WorkPlanOverdueReportJob(f.store);
    const first = await job.run(NOW);
    expect(first.urged).toBe(2); // 营造林 and 新造油茶 report quarterly and neither reported Q1
    expect(first.notified).toBeGreaterThan(0);
    expect(await job.run(NOW)).toEqual({ urged: 0, notified: 0 });
    const staffUser = await f.store.db.selectFrom('users').select('id').where('username', '=', 'plan-staff').executeTakeFirstOrThrow();
    const inbox = await f.store.db.selectFrom('notifications').select(['kind', 'title', 'body']).where('user_id', '=', staffUser.id).where('kind', '=', 'workplan_overdue').execute();
    expect(inbox).toHaveLength(2);
    expect(inbox.some((n) => n.title.includes('新造油茶') && n.body.includes('2024-Q1'))).toBe(true);
    const t = await fresh(target('新造油茶').id);
    expect(t.missingReports[0]).toMatchObject({ periodKey: '2024-Q1', urgedAt: NOW.toISOString() });
  });

  it('ticks a target off only with evidence, which those who see the plan may open', async () => {
    const g = target('新造油茶');
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/close`, { note: '已完成', fileIds: [] }))).toEqual([400, '/body/fileIds']);
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/close`, { note: '已完成', fileIds: ['no-such-file'] }))).toEqual([400, '/body/fileIds/0']);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const up = await f.app.inject({ method: 'POST', url: '/api/files', headers: { 'content-type': 'application/pdf', cookie: staff }, payload: pdf });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id as string;
    expect((await call('POST', `/api/workplans/targets/${g.id}/close`, { note: '已完成', fileIds: [fileId] }, chief)).statusCode).toBe(403);
    // Another clerk cannot attach a file they did not upload (attaching would open it to everyone seeing the plan).
    expect(field(await call('POST', `/api/workplans/targets/${g.id}/close`, { note: '已完成', fileIds: [fileId] }, otherStaff))).toEqual([400, '/body/fileIds/0']);
    const closed = await call('POST', `/api/workplans/targets/${g.id}/close`, { note: '新造油茶任务完成，验收报告附后', fileIds: [fileId] });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ evidence: [fileId], tracking: { closeNote: '新造油茶任务完成，验收报告附后' } });
    expect((closed.json() as Tracked).tracking!.closedAt).toBe(NOW.toISOString());
    expect((await call('POST', `/api/workplans/targets/${g.id}/close`, { note: '再次', fileIds: [fileId] })).statusCode).toBe(409);
    expect((await call('POST', `/api/workplans/targets/${g.id}/reports`, { value: 3, unit: '万亩', note: '销号后' })).statusCode).toBe(409);
    // Another clerk of the county opens the evidence; a Banan clerk neither sees the target nor the file.
    expect((await f.app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: { cookie: otherStaff } })).statusCode).toBe(200);
    expect((await f.app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: { cookie: banan } })).statusCode).toBe(404);
    expect((await call('GET', `/api/workplans/targets/${g.id}`, undefined, banan)).statusCode).toBe(404);
    const audit = await f.store.db.selectFrom('audit_log').select('entity').where('entity_id', '=', g.id).execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    // A town office that owns the target (新造油茶 is owned by 龙潭镇) may not reopen the county's tick-off.
    expect((await call('POST', `/api/workplans/targets/${g.id}/reopen`, { reason: '镇里' }, townStaff)).statusCode).toBe(403);
    const reopened = await call('POST', `/api/workplans/targets/${g.id}/reopen`, { reason: '验收材料不全' });
    expect(reopened.statusCode).toBe(200);
    expect((reopened.json() as Tracked).tracking!.closedAt).toBeNull();
    expect((reopened.json() as Tracked).evidence).toEqual([fileId]);
    // The town office sees the target among its own and reports on it, though the county's plan is not in its scope.
    expect((await call('GET', `/api/workplans/${planId}/targets`, undefined, townStaff)).statusCode).toBe(404);
    const mine = (await call('GET', '/api/workplans/targets/mine', undefined, townStaff)).json() as { items: Tracked[] };
    expect(mine.items.map((t) => t.subject).sort()).toEqual(['新造油茶', '营造林'].sort()); // 营造林 is owned by the county and 龙潭镇
    const reported = await call('POST', `/api/workplans/targets/${g.id}/reports`, { value: 2, unit: '万亩', note: '镇里报告：累计2万亩' }, townStaff);
    expect(reported.statusCode, reported.body).toBe(200);
    expect((await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [TOWN], measure: 'manual' }, townStaff)).statusCode).toBe(403);
    expect((await call('GET', '/api/workplans/targets/mine', undefined, banan)).json().items).toEqual([]);
  });
  it('takes one of two tick-offs or settings saved at the same moment, and refuses the other with 409', async () => {
    const g = target('新造油茶');
    const upload = async (cookie: string) => {
      const up = await f.app.inject({ method: 'POST', url: '/api/files', headers: { 'content-type': 'application/pdf', cookie }, payload: Buffer.from(`%PDF-1.4\n% ${cookie.slice(-6)}\n%%EOF\n`) });
      expect(up.statusCode, up.body).toBe(201);
      return up.json().id as string;
    };
    const [mine, theirs] = [await upload(staff), await upload(otherStaff)];
    const before = await fresh(g.id);
    expect(before.tracking!.closedAt).toBeNull();
    const both = await Promise.all([
      call('POST', `/api/workplans/targets/${g.id}/close`, { note: '规划股销号', fileIds: [mine], version: before.tracking!.version }),
      call('POST', `/api/workplans/targets/${g.id}/close`, { note: '资源站销号', fileIds: [theirs], version: before.tracking!.version }, otherStaff),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = await fresh(g.id);
    const winner = both.findIndex((r) => r.statusCode === 200);
    expect(after.tracking!.closeNote).toBe(winner === 0 ? '规划股销号' : '资源站销号');
    // Only the winner's evidence is attached; the other's tick-off left nothing behind.
    expect(after.evidence).not.toContain(winner === 0 ? theirs : mine);
    expect(after.evidence).toContain(winner === 0 ? mine : theirs);
    expect(after.tracking!.version).toBe(before.tracking!.version + 1);
    // The write itself is conditional on the version read: a stale version changes nothing.
    const repo = new WorkPlanTargetRepository(f.store.db);
    expect(await repo.setClosed(g.id, { at: null, by: null, note: null }, before.tracking!.version, NOW.toISOString())).toBe(false);
    expect((await call('POST', `/api/workplans/targets/${g.id}/reopen`, { reason: '复核' })).statusCode).toBe(200);
    // Two saving the owners at once over the same version: one is kept.
    const v = (await fresh(g.id)).tracking!.version;
    const saves = await Promise.all([
      call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [TOWN], measure: 'manual', reportEvery: 'quarter', version: v }),
      call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [COUNTY], measure: 'manual', reportEvery: 'month', version: v }, otherStaff),
    ]);
    expect(saves.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = saves.find((r) => r.statusCode === 409)!;
    expect(field(loser)).toEqual([409, '/body/version']);
    expect((await fresh(g.id)).tracking!.version).toBe(v + 1);
    // Put the owners back as the other tests found them.
    const kept = await fresh(g.id);
    if (kept.tracking!.ownerUnitCodes[0] !== TOWN) {
      expect((await call('PUT', `/api/workplans/targets/${g.id}/tracking`, { ownerUnitCodes: [TOWN], measure: 'manual', reportEvery: 'quarter', version: v + 1 })).statusCode).toBe(200);
    }
  });

  it('adopts a plan\'s duty rule into the duty table, asking for a ranger\'s level', async () => {
    const admin = await f.login('admin', 'admin123');
    const plan = await call('POST', '/api/workplans', {
      fileName: 'duties.txt', title: '职责测试要点', year: 2024, unitCode: COUNTY,
      sections: [{ title: '一、推深做实林长制', tasks: [{ title: '巡林', text: '镇街级林长每半年巡林至少2次，护林员每周巡林不少于3次。', targets: [], rules: [
        { text: '镇街级林长每半年巡林至少2次', role: 'town_chief', action: 'patrol', period: 'half-year', min: 2 },
        { text: '护林员每周巡林不少于3次', role: 'ranger', action: 'patrol', period: 'week', min: 3 },
      ] }] }],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const rules = (plan.json() as { outline: { tasks: { rules: { id: string; role: string }[] }[] }[] }).outline[0]!.tasks[0]!.rules;
    const town = rules.find((r) => r.role === 'town_chief')!;
    const ranger = rules.find((r) => r.role === 'ranger')!;
    expect((await call('POST', `/api/workplans/rules/${town.id}/adopt`, { effectiveFrom: '2024-05-08' })).statusCode).toBe(403); // staff are not administrators
    expect(field(await call('POST', `/api/workplans/rules/${ranger.id}/adopt`, { effectiveFrom: '2024-05-08' }, admin))).toEqual([400, '/body/level']);
    const adopted = await call('POST', `/api/workplans/rules/${town.id}/adopt`, { effectiveFrom: '2024-05-08' }, admin);
    expect(adopted.statusCode, adopted.body).toBe(201);
    const withRanger = await call('POST', `/api/workplans/rules/${ranger.id}/adopt`, { effectiveFrom: '2024-05-09', level: 'village' }, admin);
    expect(withRanger.statusCode, withRanger.body).toBe(201);
    // Adopting from a date before a version already set would leave the rule out of that version: refused.
    const before = await call('POST', `/api/workplans/rules/${town.id}/adopt`, { effectiveFrom: '2024-05-08' }, admin);
    expect([before.statusCode, before.json().errors?.[0]?.field]).toEqual([409, '/body/effectiveFrom']);
    const overview = (await call('GET', '/api/rules/duty_rules', undefined, admin)).json() as { versions: { effectiveFrom: string; body: { role: string; level: string; duty: string; count: number; period: string; source: string }[] }[] };
    const latest = overview.versions.find((v) => v.effectiveFrom === '2024-05-09')!.body;
    expect(latest.find((r) => r.role === 'chief' && r.level === 'town' && r.duty === 'patrol')).toMatchObject({ count: 2, period: 'half', source: '《职责测试要点》：镇街级林长每半年巡林至少2次' });
    expect(latest.find((r) => r.role === 'ranger' && r.level === 'village' && r.duty === 'patrol')).toMatchObject({ count: 3, period: 'week' });
  });
});

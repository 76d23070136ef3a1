import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { buildDemoWorkplans } from '../src/demo/demo-workplans.ts';

// Issue 8 §1: work-plan import — a preview that writes nothing, a confirmed (reviewed, corrected) plan stored in one
// transaction with an audit entry, a new version on re-import, list and show, scoped to the viewer's units.
const NOW = new Date('2026-05-06T02:00:00Z');
const sample = readFileSync(fileURLToPath(new URL('../../domain/src/workplan/fixtures/youyang-2024.txt', import.meta.url)));

describe.each(testEngines())('work-plan import on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const count = async (table: 'workplans' | 'workplan_targets' | 'audit_log') => Number((await f.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'plan-staff', name: '办公室', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
      },
      now: () => NOW,
    });
    staff = await f.login('plan-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  let preview: { title: string; year: number; issuer: string; sections: { title: string; tasks: { targets: { subject: string; value: number; unit: string; op: string }[]; rules: unknown[] }[] }[] };
  it('previews the sample plan without writing anything', async () => {
    const before = await count('audit_log');
    const r = await call('POST', '/api/workplans/preview', { fileName: 'youyang-2024-workplan.txt', contentBase64: sample.toString('base64') });
    expect(r.statusCode).toBe(200);
    preview = r.json();
    expect(preview).toMatchObject({ title: '酉阳土家族苗族自治县林业局2024年工作要点', year: 2024, issuer: '酉阳土家族苗族自治县林业局' });
    expect(preview.sections).toHaveLength(12);
    expect(preview.sections.flatMap((s) => s.tasks.flatMap((t) => t.targets))).toHaveLength(25);
    expect(await count('workplans')).toBe(0);
    expect(await count('audit_log')).toBe(before);
  });

  it('refuses an unsupported type, broken base64, a non-docx and a person who may not import', async () => {
    const pdf = await call('POST', '/api/workplans/preview', { fileName: 'plan.pdf', contentBase64: 'AAAA' });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().errors[0]).toMatchObject({ field: '/body/fileName', message: expect.stringContaining('不支持的文件类型') });
    expect((await call('POST', '/api/workplans/preview', { fileName: 'plan.txt', contentBase64: '!!!' })).json().errors[0].field).toBe('/body/contentBase64');
    const notZip = await call('POST', '/api/workplans/preview', { fileName: 'plan.docx', contentBase64: Buffer.from('hello').toString('base64') });
    expect(notZip.json().errors[0].message).toContain('不是有效的 .docx');
    const chief = await f.login('chief-500242000000');
    expect((await call('POST', '/api/workplans/preview', { fileName: 'p.txt', contentBase64: sample.toString('base64') }, chief)).statusCode).toBe(403);
  });

  it('reads a .docx upload', async () => {
    const xml = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      ['某县2025年林业工作要点', '一、加强森林防火', '（一）新建防火步道20公里。'].map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join('') + '</w:body></w:document>';
    const r = await call('POST', '/api/workplans/preview', { fileName: '要点.docx', contentBase64: Buffer.from(zipSync({ 'word/document.xml': strToU8(xml) })).toString('base64') });
    expect(r.statusCode).toBe(200);
    expect(r.json().sections[0].tasks[0].targets).toMatchObject([{ subject: '防火步道', value: 20, unit: '公里', op: '=' }]);
  });

  let planId = '';
  it('stores the plan as confirmed: an unticked target is gone, a corrected one is as corrected', async () => {
    const sections = structuredClone(preview.sections);
    const oil = sections[9]!.tasks[0]!; // 九、 一是 油茶
    oil.targets = oil.targets.filter((t) => t.subject !== '加工茶油'); // unticked
    oil.targets.find((t) => t.subject === '茶油加工产值')!.unit = '亿元'; // corrected
    const before = await count('audit_log');
    const r = await call('POST', '/api/workplans', { fileName: 'youyang-2024-workplan.txt', title: preview.title, year: preview.year, issuer: preview.issuer, sections });
    expect(r.statusCode).toBe(201);
    planId = r.json().id;
    expect(r.json()).toMatchObject({ unitCode: '500242000000', version: 1, sections: 12, targets: 24, rules: 0, sourceFile: 'youyang-2024-workplan.txt' });
    const targets = r.json().outline.flatMap((s: { tasks: { targets: unknown[] }[] }) => s.tasks.flatMap((t) => t.targets));
    expect(targets.map((t: { subject: string }) => t.subject)).not.toContain('加工茶油');
    expect(targets.find((t: { subject: string }) => t.subject === '茶油加工产值')).toMatchObject({ value: 3, unit: '亿元', op: '>=' });
    expect(targets.find((t: { subject: string }) => t.subject === '营造林')).toMatchObject({ value: 18.2, unit: '万亩', op: '=', text: '全面实施渝东南生物多样性保护与综合治理，实施营造林任务18.2万亩。' });
    expect(await count('audit_log')).toBe(before + 1);
    const audit = await f.store.db.selectFrom('audit_log').selectAll().where('entity', '=', 'workplan').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'create', entity_id: planId });
  });

  it('refuses a confirmed plan with wrong fields, naming each, and writes nothing', async () => {
    const sections = structuredClone(preview.sections);
    sections[1]!.tasks[0]!.targets.push({ subject: '', value: 1, unit: '个', op: '=', text: 'x' } as never);
    (sections[2]!.tasks[1] as unknown as { deadline: string }).deadline = '2024-02-30';
    const before = await count('workplans');
    const r = await call('POST', '/api/workplans', { fileName: 'a.txt', title: 'T', year: 2024, sections });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { field: string }) => e.field)).toContain('/body/sections/1/tasks/0/targets/0/subject');
    const semantic = structuredClone(preview.sections);
    (semantic[2]!.tasks[1] as unknown as { deadline: string }).deadline = '2024-02-30';
    const bad = await call('POST', '/api/workplans', { fileName: 'a.txt', title: 'T', year: 2024, sections: semantic });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: '/body/sections/2/tasks/1/deadline', message: '完成期限应为有效日期（YYYY-MM-DD）' }]);
    expect((await call('POST', '/api/workplans', { fileName: 'a.txt', title: 'T', year: 2024, sections: preview.sections, unitCode: '500113000000' })).json().errors[0].field).toBe('/body/unitCode');
    expect(await count('workplans')).toBe(before);
  });

  it('stores a second import of the same plan as version 2, and lists both', async () => {
    const r = await call('POST', '/api/workplans', { fileName: 'youyang-2024-workplan.txt', title: preview.title, year: 2024, sections: preview.sections });
    expect(r.json()).toMatchObject({ version: 2, targets: 25 });
    const list = await call('GET', '/api/workplans?year=2024');
    expect(list.json().map((p: { version: number }) => p.version)).toEqual([2, 1]);
    expect((await call('GET', '/api/workplans?year=2023')).json()).toEqual([]);
  });

  it('shows a plan to its county, answers 404 outside it', async () => {
    expect((await call('GET', `/api/workplans/${planId}`)).json()).toMatchObject({ id: planId, title: preview.title, outline: expect.any(Array) });
    const town = await f.login('chief-500242101000');
    expect((await call('GET', `/api/workplans/${planId}`, undefined, town)).statusCode).toBe(404);
    expect((await call('GET', '/api/workplans', undefined, town)).json()).toEqual([]);
    expect((await call('GET', '/api/workplans/nope')).statusCode).toBe(404);
  });

  it('the demo imports Youyang\'s real plan through the service, and invents none for a county without one', async () => {
    expect(await buildDemoWorkplans(f.store, '500242', NOW)).toBe(25);
    expect((await call('GET', '/api/workplans?year=2024')).json().map((p: { version: number }) => p.version)).toEqual([3, 2, 1]);
    expect(await buildDemoWorkplans(f.store, '500113', NOW)).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFireDangerLevelTable, fireDangerLevel } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { RuleService } from '../src/rules/service.ts';

// DOMAIN.md §5: FWI and/or the LY/T 1172-95 index map to the five levels through a configurable table.
const NOW = new Date('2026-03-02T02:00:00Z'); // 10:00 Shanghai

describe.each(testEngines())('fire danger level table (rule kind fire_danger_levels) on $name', (engine) => {
  let f: AppFixture;
  let admin: string;
  const post = (cookie: string, payload: unknown) =>
    f.app.inject({ method: 'POST', url: '/api/rules/fire_danger_levels', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', NOW, { activity: false }), now: () => NOW });
    admin = await f.login('admin', 'admin123');
  });
  afterAll(() => f?.close());

  it('shows the default table with its source until a version exists', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/rules/fire_danger_levels', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'fire_danger_levels', inForce: { method: 'fwi', fwiFrom: [5.2, 11.2, 21.3, 38], lytUpTo: [25, 50, 72, 90] }, versions: [] });
    expect(res.json().defaults.source).toContain('EFFIS');
  });

  it('lets only an administrator add a valid version and serves it from its date', async () => {
    const body = { ...defaultFireDangerLevelTable, method: 'lyt1172', lyt: { ...defaultFireDangerLevelTable.lyt, phenology: [0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0] }, source: '县林业局试行：采用 LY/T 1172-95，春季物候订正 10' };
    const chief = await f.login('chief-500242000000');
    expect((await post(chief, { effectiveFrom: '2026-03-05', body })).statusCode).toBe(403);
    const bad = await post(admin, { effectiveFrom: '2026-03-05', body: { ...body, fwiFrom: [5.2, 3, 21.3, 38] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: '/body/body/fwiFrom', message: '应为 4 个递增的非负数（二至五级的起点）' }]);
    const shape = await post(admin, { effectiveFrom: '2026-03-05', body: { ...body, method: 'gb36743' } });
    expect(shape.statusCode).toBe(400);
    expect(JSON.stringify(shape.json().errors)).toContain('/body/body/method');
    const made = await post(admin, { effectiveFrom: '2026-03-05', body, note: '试行' });
    expect(made.statusCode).toBe(201);
    expect((await post(admin, { effectiveFrom: '2026-03-05', body })).statusCode).toBe(409);

    const rules = new RuleService(f.store, () => NOW);
    expect(await rules.fireDangerLevelsAt('2026-03-04')).toEqual(defaultFireDangerLevelTable);
    const from5th = await rules.fireDangerLevelsAt('2026-03-05');
    expect(from5th.method).toBe('lyt1172');
    expect(fireDangerLevel({ fwi: 30, lytIndex: 80 }, from5th)).toMatchObject({ level: 4, method: 'lyt1172', value: 80 });
    const audit = await f.store.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', made.json().id).execute();
    expect(audit).toEqual([{ action: 'create', entity: 'rule_version' }]);
  });
});

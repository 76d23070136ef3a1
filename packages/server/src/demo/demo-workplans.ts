import { readFileSync } from 'node:fs';
import type { Store } from '../db/connect.ts';
import { WorkPlanService } from '../workplans/service.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';

/**
 * Youyang's real 2024 work plan (a published document, the sample of issue 8 §1), imported through the real
 * service as a bureau clerk would after review. Kept beside the parser's tests as its hand-checked fixture; other
 * demo counties have no published plan in the repository, so they get none rather than an invented one.
 */
const samples: Record<string, { file: URL; fileName: string }> = {
  '500242': { file: new URL('../../../domain/src/workplan/fixtures/youyang-2024.txt', import.meta.url), fileName: 'youyang-2024-workplan.txt' },
};

/** The county's plan with every target the parser read; the number of targets stored (0 when the county has none). */
export async function buildDemoWorkplans(store: Store, countyCode: string, now: Date): Promise<number> {
  const sample = samples[countyCode.slice(0, 6)];
  if (!sample) return 0;
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${countyCode.slice(0, 6)}000000` });
  const result = await new WorkPlanService(store, () => now).importFile(viewer, { fileName: sample.fileName, content: new Uint8Array(readFileSync(sample.file)), commit: true });
  if (!result.ok) throw new Error(`demo work plan: ${JSON.stringify(result.error)}`);
  return result.value.stored?.targets ?? 0;
}

/**
 * The plan's targets tracked as a bureau would after the import (issue 8 §2) — the ones the system measures linked to
 * their indicator, 新造油茶 reported by hand each quarter — and this year's assessment scheme from the template (§3),
 * so that the plan page, the assessment and the dashboard show real figures. Runs after every other demo module: the
 * indicators read their records. Returns how many targets were tracked.
 */
export async function buildDemoTracking(store: Store, countyCode: string, now: Date): Promise<{ tracked: number; schemes: number }> {
  if (!samples[countyCode.slice(0, 6)]) return { tracked: 0, schemes: 0 };
  const { createServices } = await import('../services.ts');
  const { defaultSettings } = await import('../config/env.ts');
  const { assessmentTemplate } = await import('@linzhang/domain');
  const services = createServices(store, defaultSettings, () => now);
  const county = `${countyCode.slice(0, 6)}000000`;
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: county });
  const plan = await store.db.selectFrom('workplans').select('id').where('unit_code', '=', county).orderBy('imported_at', 'desc').executeTakeFirst();
  let tracked = 0;
  const firstTown = await store.db.selectFrom('units').select('code').where('parent_code', '=', county).where('level', '=', 'town').where('short_name', 'like', '%镇').orderBy('code').executeTakeFirst();
  if (plan) {
    const list = await services.workplanTargets.listForPlan(viewer, plan.id);
    if (!list.ok) throw new Error(`demo targets: ${JSON.stringify(list.error)}`);
    const linked: Record<string, string> = {
      森林覆盖率: 'forest_coverage', 生态护林员: 'rangers', 管护责任覆盖率: 'responsibility_coverage', 林业有害生物成灾率: 'pest_disaster_rate', 营造林: 'afforestation_area',
    };
    for (const t of list.value.items) {
      const key = linked[t.subject];
      const manual = t.subject === '新造油茶';
      if (!key && !manual) continue;
      // 新造油茶 is the county's and its first town's (镇): the town's forestry station reports on it.
      const set = await services.workplanTargets.setTracking(viewer, t.id, key
        ? { ownerUnitCodes: [county], measure: 'indicator', indicatorKey: key }
        : { ownerUnitCodes: firstTown ? [county, firstTown.code] : [county], measure: 'manual', reportEvery: 'quarter' });
      if (!set.ok) throw new Error(`demo tracking ${t.subject}: ${JSON.stringify(set.error)}`);
      tracked++;
      if (manual) {
        // Q1 and Q2 of the plan year reported, Q3 and Q4 missed: the plan page shows them as 缺报.
        for (const [periodKey, value, note] of [[`${t.planYear}-Q1`, 4000, '完成新造油茶4000亩'], [`${t.planYear}-Q2`, 11000, '累计完成新造油茶1.1万亩']] as const) {
          const r = await services.workplanTargets.report(viewer, t.id, { periodKey, value, unit: '亩', note });
          if (!r.ok) throw new Error(`demo report: ${JSON.stringify(r.error)}`);
        }
      }
    }
  }
  const scheme = await services.assessment.create(viewer, { ...assessmentTemplate, year: Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4)), unitCode: county });
  if (!scheme.ok) throw new Error(`demo assessment: ${JSON.stringify(scheme.error)}`);
  return { tracked, schemes: 1 };
}

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

import type { Store } from '../db/connect.ts';
import { CompensationService } from '../compensation/service.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';

/**
 * Compensation demo (issue 5 §6) through the real service: this year's batch for the county's first town, posted
 * three days ago with one objection waiting; the second town's batch approved and paid after its posting.
 */
export async function buildDemoCompensation(store: Store, countyCode: string, now: Date): Promise<{ batches: number; lines: number }> {
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${countyCode.slice(0, 6)}000000` });
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const towns = await store.db.selectFrom('units').select('code').where('level', '=', 'town').where('code', 'like', `${countyCode.slice(0, 6)}%`).orderBy('code').limit(2).execute();
  let clock = now;
  const service = new CompensationService(store, () => clock);
  let batches = 0;
  let lines = 0;
  for (const [i, town] of towns.entries()) {
    clock = new Date(now.getTime() - (i === 0 ? 3 : 20) * 86_400_000);
    const made = await service.createBatch(viewer, { unitCode: town.code, year });
    if (!made.ok) continue;
    batches++;
    lines += made.value.lineCount;
    await service.act(viewer, made.value.id, 'post');
    if (i === 0) {
      const line = made.value.lines[0];
      await service.object(viewer, made.value.id, { lineId: line?.id, raisedBy: `${line?.payee ?? '村民'}代表`, content: '小班面积与林权证登记不一致，请核实' });
      continue;
    }
    // The second town: posting over, accounts filled in, approved and paid.
    clock = new Date(now.getTime() - 10 * 86_400_000);
    const detail = await service.batch(viewer, made.value.id);
    if (!detail.ok) continue;
    const payees = new Map(detail.value.lines.map((l) => [l.payee, l.id]));
    let n = 0;
    for (const lineId of payees.values()) await service.updateLine(viewer, made.value.id, lineId, { bankAccount: `62284800${String(1_000_000 + ++n).padStart(10, '0')}` });
    await service.act(viewer, made.value.id, 'approve');
    clock = new Date(now.getTime() - 5 * 86_400_000);
    await service.act(viewer, made.value.id, 'pay');
  }
  return { batches, lines };
}

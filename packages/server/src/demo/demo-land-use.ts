import type { MultiPolygon, Polygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { LandUseService } from '../land-use/service.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';

/**
 * Land use demo (issue 5 §4) through the real service: a road across a 重点公益林 parcel awaiting decision, an
 * approved permanent use, and a temporary construction site past its end date and not yet restored.
 */
export async function buildDemoLandUse(store: Store, countyCode: string, now: Date): Promise<number> {
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${countyCode.slice(0, 6)}000000` });
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  let clock = new Date(now.getTime() - 400 * 86_400_000);
  const service = new LandUseService(store, () => clock);
  const key = await store.db.selectFrom('parcels').select(['id', 'geom_json']).where('unit_code', 'like', `${countyCode.slice(0, 6)}%`).where('forest_category', '=', '11')
    .where('year', '=', year).orderBy('parcel_no').orderBy('unit_code').limit(1).executeTakeFirst();
  const plain = await store.db.selectFrom('parcels').select(['geom_json']).where('unit_code', 'like', `${countyCode.slice(0, 6)}%`).where('land_class', '=', '0210')
    .where('year', '=', year).orderBy('unit_code').limit(2).execute();
  const box = (g: string | null, w: number): Polygon | null => {
    const p = g ? interiorPoint(JSON.parse(g) as MultiPolygon) : null;
    return p ? { type: 'Polygon', coordinates: [[[p[0] - w, p[1] - w / 2], [p[0] + w, p[1] - w / 2], [p[0] + w, p[1] + w / 2], [p[0] - w, p[1] + w / 2], [p[0] - w, p[1] - w / 2]]] } : null;
  };
  const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  let made = 0;
  // A temporary construction site: approved last year, its use ended two months ago, not restored yet.
  const site = box(plain[0]?.geom_json ?? null, 0.0008);
  if (site) {
    const r = await service.create(viewer, { project: '110千伏输变电工程施工临时用地', applicant: '国网酉阳供电公司', useType: 'temporary', geometry: site, appliedOn: day(clock), startsOn: day(clock), endsOn: day(new Date(now.getTime() - 60 * 86_400_000)), restoreBy: day(new Date(now.getTime() + 120 * 86_400_000)) });
    if (r.ok) {
      made++;
      await service.decide(viewer, r.value.id, { approve: true, approvalNo: `酉林临〔${year - 1}〕7号`, note: '同意临时使用，期满恢复林业生产条件', version: r.value.version });
      clock = new Date(now.getTime() - 30 * 86_400_000);
      await service.addCheck(viewer, r.value.id, { stage: 'after', checkedOn: day(clock), inspector: '县林业局资源股', finding: '临时设施已拆除，尚未覆土复绿' });
    }
  }
  // An approved permanent use on farmland at the forest's edge.
  clock = new Date(now.getTime() - 90 * 86_400_000);
  const yard = box(plain[1]?.geom_json ?? null, 0.0005);
  if (yard) {
    const r = await service.create(viewer, { project: '乡村振兴木材加工厂', applicant: '酉阳县某林业专业合作社', useType: 'permanent', geometry: yard, appliedOn: day(clock) });
    if (r.ok) {
      made++;
      const decision = { approve: true, approvalNo: `渝林地审〔${year}〕21号`, note: '同意', version: r.value.version };
      const first = await service.decide(viewer, r.value.id, decision);
      // Where the yard reaches 重点公益林 the bureau approves it with the grounds stated, as the rule asks.
      if (!first.ok && first.error.kind === 'invalid') {
        await service.decide(viewer, r.value.id, { ...decision, overlapAcknowledged: true, overlapNote: '县级乡村振兴重点项目，已按程序报市林业局审核同意' });
      }
    }
  }
  // A road across 重点公益林, waiting for the decision: its page shows the overlap.
  clock = new Date(now.getTime() - 5 * 86_400_000);
  if (key) {
    const road = box(key.geom_json, 0.003);
    if (road) {
      const r = await service.create(viewer, { project: '村道硬化及拓宽工程', applicant: '酉阳县交通运输委员会', useType: 'permanent', geometry: road, appliedOn: day(clock) });
      if (r.ok) made++;
    }
  }
  return made;
}

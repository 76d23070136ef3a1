import type { MultiPolygon, Position } from 'geojson';
import { interiorPoint, pointInPolygon, type InfrastructureKind, type InfrastructureTargetKind } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { FireInfrastructureService, type ItemInput } from '../fire/infrastructure/service.ts';
import { TenHouseholdGroupService } from '../fire/infrastructure/groups-service.ts';
import { InfrastructureTargetService } from '../fire/infrastructure/targets-service.ts';
import { mulberry32 } from './synthetic-geometry.ts';
import { syntheticName, syntheticPhone } from './synthetic-people.ts';

// The real 2024 work plan of the Youyang forestry bureau (/work/shared/samples/youyang-2024-workplan.txt, 八、扎实做好
// 森林防火防虫) names these tasks but sets no quantity for any of them; the demo's target values are therefore
// synthetic and the source text says so beside the quoted sentence.
const PLAN = '《酉阳县林业局2024年工作要点》八、扎实做好森林防火防虫';
const DEMO_VALUE = '（原文未定数量，目标值为演示设定）';
export const planSentences = {
  barrier: `${PLAN}：“二是做好森林草原防火阻隔系统项目建设”${DEMO_VALUE}`,
  monitoring: `${PLAN}：“四是强化林火智能监控系统应用，落实森林火情‘135’早期处理机制”${DEMO_VALUE}`,
  tenHouseholds: `${PLAN}：“五是强化森林防火‘一长三员’网格化管理体系建设，落实‘十户联防’机制”${DEMO_VALUE}`,
};

/**
 * Fire-prevention works for the demo county through the real services (issue 6 §7): in four towns a firebreak and
 * a fire trail as lines inside forest villages, water tanks, checkpoints, a smart checkpoint, a watchtower and video
 * points; 十户联防 groups in a few villages; 2024 targets quoting the work plan's sentences.
 */
export async function buildDemoFireInfrastructure(store: Store, countyCode: string, now: Date): Promise<{ works: number; groups: number; targets: number }> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 71);
  const county = `${countyCode.slice(0, 6)}000000`;
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: county });
  const works = new FireInfrastructureService(store, () => now);
  const groups = new TenHouseholdGroupService(store, () => now);
  const targets = new InfrastructureTargetService(store, () => now);
  const thisYear = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const towns = await store.db.selectFrom('units').select(['code', 'short_name']).where('level', '=', 'town').where('code', 'like', `${countyCode.slice(0, 6)}%`).where('short_name', 'not like', '%街道').orderBy('code').limit(4).execute();
  const counts = { works: 0, groups: 0, targets: 0 };
  const round = (p: Position): Position => [Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6];
  const add = async (input: ItemInput) => { if ((await works.create(viewer, input)).ok) counts.works++; };
  let serial = 0;
  for (const [t, town] of towns.entries()) {
    const villages = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json']).where('parent_code', '=', town.code).where('geom_json', 'is not', null).orderBy('code').limit(3).execute();
    for (const [v, village] of villages.entries()) {
      const shape = JSON.parse(village.geom_json!) as MultiPolygon;
      const centre = interiorPoint(shape)!;
      /** A point near the village centre, inside it. */
      const near = (spread: number): Position => {
        for (let k = 0; k < 12; k++) {
          const p: Position = [centre[0] + (rng() - 0.5) * spread, centre[1] + (rng() - 0.5) * spread];
          if (pointInPolygon([p[0]!, p[1]!], shape)) return round(p);
        }
        return round(centre);
      };
      /** A winding line from the centre, kept while it stays in the village (a ridge-top firebreak or a forest road). */
      const line = (heading: number, steps: number): Position[] => {
        const out: Position[] = [round(centre)];
        let [x, y] = centre, h = heading;
        for (let k = 0; k < steps; k++) {
          h += (rng() - 0.5) * 0.8;
          const next: [number, number] = [x + Math.cos(h) * 0.0035, y + Math.sin(h) * 0.003];
          if (!pointInPolygon(next, shape)) break;
          [x, y] = next;
          out.push(round(next));
        }
        return out;
      };
      if (v === 0) {
        const coords = line(rng() * Math.PI * 2, 9);
        if (coords.length >= 2) await add({ kind: 'firebreak', name: `${village.short_name}生物防火隔离带`, geometry: { type: 'LineString', coordinates: coords }, status: t === 3 ? 'building' : 'built', builtYear: t === 3 ? undefined : 2024 - (t % 2), condition: 'good', note: '木荷、油茶混交生物防火林带，宽 20 米' });
        await add({ kind: 'water_tank', name: `${village.short_name}消防蓄水池`, geometry: { type: 'Point', coordinates: near(0.01) }, status: 'built', builtYear: 2022 + t % 3, capacityM3: [100, 200, 300][t % 3], condition: 'good', note: '配套引水管网约 1.2 公里' });
        await add({ kind: 'checkpoint', name: `${town.short_name}森林防火检查站`, geometry: { type: 'Point', coordinates: near(0.006) }, status: 'built', builtYear: 2020 + t, condition: t === 2 ? 'fair' : 'good' });
        await add({ kind: 'video_point', name: `${village.short_name}视频监控点`, geometry: { type: 'Point', coordinates: near(0.012) }, status: 'built', builtYear: 2024, condition: 'good' });
      } else if (v === 1) {
        const coords = line(rng() * Math.PI * 2, 7);
        if (coords.length >= 2) await add({ kind: 'fire_trail', name: `${village.short_name}防火通道`, geometry: { type: 'LineString', coordinates: coords }, status: 'built', builtYear: 2023 + (t % 2), condition: t === 1 ? 'fair' : 'good', note: '砂石路面，宽 4.5 米' });
        await add({ kind: 'watchtower', name: `${village.short_name}瞭望塔`, geometry: { type: 'Point', coordinates: near(0.01) }, status: t === 2 ? 'out_of_service' : 'built', builtYear: 2016 + t, condition: t === 2 ? 'poor' : 'good' });
        await add({ kind: 'video_point', name: `${village.short_name}高点视频监控`, geometry: { type: 'Point', coordinates: near(0.012) }, status: t < 2 ? 'built' : 'building', builtYear: t < 2 ? 2024 : undefined, condition: 'good' });
        await add({ kind: 'water_tank', name: `${village.short_name}蓄水池`, geometry: { type: 'Point', coordinates: near(0.01) }, status: t === 0 ? 'building' : 'planned', capacityM3: 150 });
      } else {
        await add({ kind: 'smart_checkpoint', name: `${village.short_name}进山智能卡口`, geometry: { type: 'Point', coordinates: near(0.008) }, status: 'built', builtYear: 2024, condition: 'good', note: '语音提示、身份证读取、火源探测' });
        await add({ kind: 'video_point', name: `${village.short_name}路口视频监控`, geometry: { type: 'Point', coordinates: near(0.012) }, status: 'built', builtYear: thisYear > 2024 ? thisYear : 2024, condition: 'good' });
      }
      // 十户联防: two or three groups in the villages of the first three towns.
      if (t < 3) {
        for (let g = 0; g < 2 + (v % 2); g++) {
          const members = Array.from({ length: 9 + (g % 3) }, () => syntheticName(rng));
          const r = await groups.create(viewer, {
            unitCode: village.code, name: `${village.short_name}第${'一二三'[g]}联防组`, headName: members[0]!, headPhone: syntheticPhone(700_000 + serial++),
            householdCount: members.length, members, formedYear: g === 2 ? 2023 : 2024,
          });
          if (r.ok) counts.groups++;
        }
      }
    }
  }
  const setTarget = async (unitCode: string, kind: InfrastructureTargetKind, value: number, source: string) => {
    if ((await targets.set(viewer, { unitCode, kind, year: 2024, value, basis: 'new', source })).ok) counts.targets++;
  };
  await setTarget(county, 'firebreak', 8, planSentences.barrier);
  await setTarget(county, 'fire_trail', 6, planSentences.barrier);
  await setTarget(county, 'water_tank', 4, planSentences.barrier);
  await setTarget(county, 'video_point', 12, planSentences.monitoring);
  await setTarget(county, 'smart_checkpoint', 4, planSentences.monitoring);
  await setTarget(county, 'ten_household_group', 20, planSentences.tenHouseholds);
  const kindsPerTown: [InfrastructureKind, number, string][] = [['video_point', 3, planSentences.monitoring], ['firebreak', 2, planSentences.barrier]];
  for (const town of towns) for (const [kind, value, source] of kindsPerTown) await setTarget(town.code, kind, value, source);
  return counts;
}

import type { MultiPolygon } from 'geojson';
import {
  interiorPoint, pointInPolygon, problemCategories, type ProblemCategory, type ProblemSeverity, type ProblemSource,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { RuleService } from '../rules/service.ts';
import { ProblemService, type TransitionInput } from '../problems/service.ts';
import { ProblemEscalationService } from '../problems/escalation-service.ts';
import { viewerOf, type Role, type Viewer } from '../auth/viewer.ts';
import { mulberry32 } from './synthetic-geometry.ts';

/**
 * A year of problems for a demo county (issue 4 §8), run through the real services with a moving clock so every
 * timeline, notification and audit entry is what the loop itself writes: every category and source, every state,
 * late handling, 督办 and 约谈. One village per town carries them, so the build stays fast.
 */
export interface DemoProblemSummary {
  problems: number;
  closed: number;
  open: number;
  escalated: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const descriptions: Record<ProblemCategory, string[]> = {
  illegal_logging: ['发现新鲜伐桩 5 个，现场有油锯痕迹', '林缘有人砍伐杉木，已拍照', '发现堆放的原木约 2 立方米，来源不明'],
  encroachment: ['林地内新开挖土方约 300 平方米', '有人在林地边缘修建简易房', '发现毁林开垦种植玉米'],
  four_chaos: ['沿溪乱搭建临时棚屋', '有人在林下乱采挖兰草', '发现乱捕食野生动物的套索'],
  fire_hazard: ['坟地有烧纸痕迹，余烬未熄', '有人在林边焚烧秸秆', '发现野外吸烟丢弃的烟头'],
  dead_pine: ['马尾松成片枯死约 20 株', '发现松树针叶变红，疑似松材线虫病', '林道旁 3 株松树异常死亡'],
  wildlife_death: ['发现死亡野鸟 4 只', '溪边发现死亡野猪一头', '发现死亡斑鸠，无明显外伤'],
  boar_damage: ['野猪拱毁玉米地约 2 亩', '野猪夜间进村毁坏红薯地', '野猪损毁农户菜地'],
  other: ['界桩倒伏，需要重新设置', '防火宣传牌损坏', '林区道路塌方影响巡护'],
};
const sources: [ProblemSource, number][] = [['patrol', 60], ['public', 10], ['hotline', 8], ['device', 6], ['staff', 6], ['inspection', 5], ['reserve_ledger', 5]];

/** One satellite change patch per town, drawn as a small polygon, waiting for field verification. */
async function demoPatches(service: ProblemService, viewers: Map<string, Viewer>, towns: string[], store: Store, now: Date, rng: () => number): Promise<number> {
  let made = 0;
  for (const [n, town] of towns.entries()) {
    const chief = viewers.get(`chief-${town}`);
    const village = await store.db.selectFrom('units').select(['code', 'geom_json']).where('parent_code', '=', town).where('geom_json', 'is not', null).orderBy('code', 'desc').executeTakeFirst();
    if (!chief || !village) continue;
    const [x, y] = interiorPoint(JSON.parse(village.geom_json!) as MultiPolygon)!;
    const d = 0.0006 + rng() * 0.0008;
    const r = await service.report(chief, {
      id: `demo-patch-${town}`, category: 'encroachment', source: 'satellite_patch', title: `卫片图斑 WP${now.getUTCFullYear()}-${String(n + 1).padStart(3, '0')}`,
      description: '森林督查变化图斑：疑似林地变为建设用地，须实地核实并附现场照片。', lon: x, lat: y, externalRef: `WP${now.getUTCFullYear()}-${String(n + 1).padStart(3, '0')}`,
      geometry: { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d * 0.6], [x + d * 0.8, y + d], [x - d, y + d * 0.7], [x - d, y - d]]] },
    });
    if (r.ok) made++;
  }
  return made;
}

export async function buildDemoProblems(store: Store, countyCode: string, now: Date, perTown = 4): Promise<DemoProblemSummary> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 404);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const weighted = <T>(list: [T, number][]): T => {
    let r = rng() * list.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of list) if ((r -= w) < 0) return v;
    return list[0]![0];
  };
  let clock = new Date(now);
  const rules = new RuleService(store, () => clock);
  const service = new ProblemService(store, () => clock, rules, { webhookUrl: null });
  const users = await store.db.selectFrom('users').select(['id', 'username', 'person_id', 'roles', 'scope_unit_code']).where('scope_unit_code', 'like', `${countyCode.slice(0, 6)}%`).execute();
  const viewers = new Map<string, Viewer>(users.map((u) => [u.username, viewerOf({ id: u.id, username: u.username, personId: u.person_id, roles: JSON.parse(u.roles) as Role[], scopeUnitCode: u.scope_unit_code })]));
  const towns = await store.db.selectFrom('units').select('code').where('parent_code', '=', countyCode).where('level', '=', 'town').orderBy('code').execute();
  const summary: DemoProblemSummary = { problems: 0, closed: 0, open: 0, escalated: 0 };
  let seq = 0;
  for (const town of towns) {
    // The village whose code ends in 200 where there is one (包家村 in 龙潭镇, the demo logins' village), else the first.
    const villages = await store.db.selectFrom('units').select(['code', 'geom_json']).where('parent_code', '=', town.code).where('geom_json', 'is not', null).orderBy('code').execute();
    const village = villages.find((v) => v.code.endsWith('200')) ?? villages[0];
    if (!village) continue;
    const ranger = viewers.get(`ranger-${village.code}-1`);
    const chief = viewers.get(`chief-${village.code}`);
    const supervisor = viewers.get(`supervisor-${village.code}`);
    const townChief = viewers.get(`chief-${town.code}`);
    if (!ranger || !chief || !supervisor || !townChief) continue;
    const shape = JSON.parse(village.geom_json!) as MultiPolygon;
    const anchor = interiorPoint(shape)!;
    for (let i = 0; i < perTown; i++) {
      seq++;
      // Spread over the year, with more in the last two months so the open states show.
      const ageDays = i === 0 ? 2 + rng() * 10 : rng() < 0.4 ? rng() * 60 : 60 + rng() * 300;
      const reportedAt = new Date(now.getTime() - ageDays * DAY);
      let point = anchor;
      for (let k = 0; k < 20; k++) {
        const c: [number, number] = [anchor[0] + (rng() - 0.5) * 0.02, anchor[1] + (rng() - 0.5) * 0.02];
        if (pointInPolygon(c, shape)) {
          point = c;
          break;
        }
      }
      const category = problemCategories[seq % problemCategories.length]!;
      const source = i === 0 ? 'patrol' : weighted(sources);
      const severity: ProblemSeverity = rng() < 0.15 ? 'urgent' : rng() < 0.3 ? 'serious' : 'general';
      clock = reportedAt;
      const reporter = source === 'patrol' ? ranger : chief;
      const made = await service.report(reporter, {
        id: `demo-problem-${countyCode.slice(0, 6)}-${String(seq).padStart(4, '0')}`, category, severity, source,
        description: pick(descriptions[category]), lon: point[0], lat: point[1],
        ...(source === 'hotline' || source === 'inspection' || source === 'reserve_ledger' ? { externalRef: `${source === 'hotline' ? '12345' : source === 'inspection' ? 'DC' : 'RL'}-${countyCode.slice(0, 6)}-${seq}` } : {}),
      });
      if (!made.ok) continue;
      summary.problems++;
      const id = made.value.problem.id;
      let version = made.value.problem.version;
      const deadline = Date.parse(made.value.problem.deadlineAt);
      const step = async (who: Viewer, at: number, input: Omit<TransitionInput, 'version'>): Promise<boolean> => {
        if (at > now.getTime()) return false;
        clock = new Date(at);
        const r = await service.transition(who, id, { ...input, version });
        if (r.ok) version = r.value.version;
        return r.ok;
      };
      // How far along it got: old problems are mostly done; some are dismissed, some stall (and get escalated);
      // the newest of each town may still wait to be accepted or assigned.
      const fate = rng();
      if (i === 0 && fate < 0.25) continue; // 已上报
      const span = deadline - reportedAt.getTime();
      let t = reportedAt.getTime() + (0.5 + rng()) * HOUR;
      if (fate < 0.06) {
        await step(chief, t, { action: 'dismiss', reason: '经核实为重复上报' });
        continue;
      }
      if (!(await step(chief, t, { action: 'accept' }))) continue;
      if (i === 0 && fate < 0.5) continue; // 已受理
      t += rng() * 4 * HOUR;
      if (!(await step(chief, t, { action: 'assign', assigneePersonId: ranger.personId! }))) continue;
      if (fate < 0.16) continue; // stalls after assignment: overdue, escalated by the job below
      t += rng() * 6 * HOUR;
      if (!(await step(ranger, t, { action: 'start' }))) continue;
      const late = fate < 0.3;
      t = late ? deadline + rng() * 2 * DAY : t + rng() * span * 0.6;
      if (!(await step(ranger, t, { action: 'handle', note: '已到现场处置，情况已制止并登记' }))) continue;
      t += (2 + rng() * 20) * HOUR;
      if (fate > 0.9) {
        if (!(await step(supervisor, t, { action: 'send_back', reason: '处置情况说明不完整，请补充' }))) continue;
        t += (4 + rng() * 24) * HOUR;
        if (!(await step(ranger, t, { action: 'handle', note: '已补充处置情况与整改结果' }))) continue;
        t += (2 + rng() * 12) * HOUR;
      }
      if (i === 0 && fate >= 0.5 && fate < 0.65) continue; // 已处置待核查
      if (!(await step(supervisor, t, { action: 'verify' }))) continue;
      if (i === 0 && fate >= 0.65 && fate < 0.8) continue; // 已核查待销号
      t += (1 + rng() * 24) * HOUR;
      if (await step(townChief, t, { action: 'close' })) summary.closed++;
    }
  }
  clock = now;
  summary.problems += await demoPatches(service, viewers, towns.map((t) => t.code), store, now, rng);
  await new ProblemEscalationService(store, rules, { webhookUrl: null }).run(now.toISOString());
  const open = await store.db.selectFrom('problems').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_code', 'like', `${countyCode.slice(0, 6)}%`).where('status', 'in', ['reported', 'accepted', 'assigned', 'in_handling']).executeTakeFirst();
  const escalated = await store.db.selectFrom('problems').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_code', 'like', `${countyCode.slice(0, 6)}%`).where('escalation_count', '>', 0).executeTakeFirst();
  summary.open = Number(open?.n ?? 0);
  summary.escalated = Number(escalated?.n ?? 0);
  return summary;
}

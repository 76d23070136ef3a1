import type { MultiPolygon } from 'geojson';
import { addDays, interiorPoint } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { RuleService, shanghaiDate } from '../rules/service.ts';
import { FireBanService } from '../fire/bans/service.ts';
import { FireDangerService } from '../fire/weather/danger-service.ts';
import { ForestEntryService } from '../fire/entry/service.ts';
import { mulberry32 } from './synthetic-geometry.ts';
import { syntheticName } from './synthetic-people.ts';

const HOUR = 3_600_000;

/**
 * Issue 6 §4–§5 in the demo, through the real services: this year's fire season for the county, one 禁火令 issued
 * and expired three weeks ago, the suggestions the daily job makes from the demo weather's fire danger levels, and entry points in four towns with a few
 * days of registrations (some visitors still inside).
 */
export async function buildDemoFireBansEntry(store: Store, countyCode: string, now: Date): Promise<{ points: number; entries: number }> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 61);
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const county = `${countyCode.slice(0, 6)}000000`;
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: county });
  const at = (ms: number) => () => new Date(ms);
  const rules = new RuleService(store, () => now);
  const today = shanghaiDate(now.getTime());
  const year = Number(today.slice(0, 4));
  const towns = await store.db.selectFrom('units').select(['code', 'short_name']).where('parent_code', '=', county).orderBy('code').execute();
  const countyName = (await store.db.selectFrom('units').select('short_name').where('code', '=', county).executeTakeFirstOrThrow()).short_name;

  const bans = new FireBanService(store, () => now, rules, new FireDangerService(store, () => now));
  await bans.saveSeason(viewer, { unitCode: county, year, startsOn: `${year}-01-01`, endsOn: `${year}-05-31`, note: '示例：冬春防火期' });

  const past = now.getTime() - 24 * 86_400_000;
  const pastBans = new FireBanService(store, at(past), rules, null);
  const from = shanghaiDate(past);
  const order = await pastBans.createOrder(viewer, {
    kind: 'fire_ban', docNo: `${countyName.slice(0, 2)}森防〔${from.slice(0, 4)}〕1号`, issuer: `${countyName}森林防灭火指挥部`, areas: towns.slice(0, 3).map((t) => t.code), from, to: addDays(from, 4),
    title: `关于在${towns.slice(0, 3).map((t) => t.short_name).join('、')}实施野外禁火的命令`,
    body: `近期持续晴热少雨，森林火险等级居高不下。自 ${from} 至 ${addDays(from, 4)}，上述区域内严禁一切野外用火，严禁携带火种进山入林。违者依照《森林防火条例》严肃处理。`,
  });
  if (order.ok) await pastBans.issueOrder(viewer, order.value.id);
  await bans.runSuggestions(now.toISOString());

  const entry = (clock: number) => new ForestEntryService(store, at(clock), rules, bans);
  const names = ['入林口', '防火检查站', '林区路口', '登山步道口'];
  let points = 0;
  let entries = 0;
  for (const [i, town] of towns.slice(4, 8).entries()) {
    const village = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json']).where('parent_code', '=', town.code).where('geom_json', 'is not', null).orderBy('code').executeTakeFirst();
    if (!village) continue;
    const [lon, lat] = interiorPoint(JSON.parse(village.geom_json!) as MultiPolygon)!;
    const point = await entry(now.getTime()).createPoint(viewer, { name: `${village.short_name}${names[i % names.length]}`, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 });
    if (!point.ok) continue;
    points++;
    for (let k = 0; k < 6; k++) {
      // Two came in within the last hours; the rest on earlier days between 07:00 and 14:00 Shanghai time.
      const dayStart = Date.parse(`${shanghaiDate(now.getTime() - (1 + Math.floor(rng() * 4)) * 86_400_000)}T07:00:00+08:00`);
      const enteredAt = k < 2 ? now.getTime() - rng() * 5 * HOUR : dayStart + rng() * 7 * HOUR;
      const r = await entry(enteredAt).register(point.value.code, {
        name: syntheticName(rng), phone: `13${Math.floor(rng() * 10)}${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`, purpose: ['徒步游玩', '采摘菌子山货', '务农生产', '祭扫'][Math.floor(rng() * 4)]!,
        fireSource: rng() < 0.1, pledge: true,
      });
      if (!r.ok) continue;
      entries++;
      // …and one of each point's earlier visitors never checked out: an overstay for the rangers to follow up.
      if (k >= 3) await entry(enteredAt + (2 + rng() * 4) * HOUR).checkOut(r.value.token);
    }
  }
  return { points, entries };
}

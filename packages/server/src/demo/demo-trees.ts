import type { MultiPolygon } from 'geojson';
import { interiorPoint, pointInPolygon } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { AncientTreeService } from '../trees/service.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { mulberry32 } from './synthetic-geometry.ts';

const species: [string, string, number][] = [
  ['银杏', 'Ginkgo biloba', 900], ['黄葛树', 'Ficus virens', 400], ['香樟', 'Cinnamomum camphora', 600], ['柏木', 'Cupressus funebris', 700],
  ['马尾松', 'Pinus massoniana', 300], ['桢楠', 'Phoebe zhennan', 800], ['枫香', 'Liquidambar formosana', 450], ['皂荚', 'Gleditsia sinensis', 350],
  ['红豆杉', 'Taxus wallichiana var. chinensis', 1000], ['枫杨', 'Pterocarya stenoptera', 250],
];

/** ~50 ancient and famous trees across the demo county through the real register (issue 5 §5), with a few inspections. */
export async function buildDemoTrees(store: Store, countyCode: string, now: Date): Promise<number> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 23);
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${countyCode.slice(0, 6)}000000` });
  const service = new AncientTreeService(store, () => now);
  const villages = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json']).where('level', '=', 'village')
    .where('code', 'like', `${countyCode.slice(0, 6)}%`).where('geom_json', 'is not', null).orderBy('code').execute();
  let made = 0;
  for (let i = 0; i < 50 && villages.length; i++) {
    const v = villages[Math.floor(rng() * villages.length)]!;
    const geometry = JSON.parse(v.geom_json!) as MultiPolygon;
    const [cx, cy] = interiorPoint(geometry)!;
    let at: [number, number] = [cx, cy];
    for (let k = 0; k < 10; k++) {
      const p: [number, number] = [cx + (rng() - 0.5) * 0.01, cy + (rng() - 0.5) * 0.01];
      if (pointInPolygon(p, geometry)) { at = p; break; }
    }
    const [name, latin, maxAge] = species[Math.floor(rng() * species.length)]!;
    const famous = rng() < 0.08;
    const age = Math.round(100 + rng() ** 2 * (maxAge - 100));
    const r = await service.create(viewer, {
      registerNo: `${countyCode.slice(0, 6)}${String(i + 1).padStart(5, '0')}`, lon: Math.round(at[0] * 1e6) / 1e6, lat: Math.round(at[1] * 1e6) / 1e6,
      species: name, latinName: latin, estimatedAge: age, famous, girthCm: Math.round(80 + age * 0.6 + rng() * 60), heightM: Math.round((8 + rng() * 22) * 10) / 10,
      crownM: Math.round((6 + rng() * 18) * 10) / 10, owner: `${v.short_name}集体`, caretakerName: `${v.short_name}护林员`,
      health: rng() < 0.8 ? 'good' : rng() < 0.7 ? 'fair' : 'poor', note: famous ? '当地传说为明代所植，村民视为风水树' : undefined,
    });
    if (!r.ok) continue;
    made++;
    if (rng() < 0.3) {
      const day = new Date(now.getTime() + 8 * 3_600_000 - Math.floor(rng() * 60) * 86_400_000).toISOString().slice(0, 10);
      await service.inspect(viewer, r.value.id, { inspectedOn: day, inspector: `${v.short_name}护林员`, health: r.value.health, finding: '例行巡查，树体完好，周边无堆放杂物' });
    }
  }
  return made;
}

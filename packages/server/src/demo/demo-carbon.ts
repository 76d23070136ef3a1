import type { Store } from '../db/connect.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { RuleService } from '../rules/service.ts';
import { CarbonService } from '../carbon/service.ts';
import { mulberry32 } from './synthetic-geometry.ts';

export interface DemoCarbonSummary {
  towns: number;
  year: number;
}

const between = (rng: () => number, lo: number, hi: number) => Math.round(lo + rng() * (hi - lo));

/**
 * Synthetic town figures for the carbon balance (issue 8 §4) for this year, through the service: emissions of residents,
 * farm machinery and transport and the absorption of water, grass and crops, in tCO₂e. The demo has one ledger year,
 * so the forest sink (which needs two) stays open and the page says so.
 */
export async function buildDemoCarbon(store: Store, countyCode: string, now: Date): Promise<DemoCarbonSummary | null> {
  const county = countyCode.slice(0, 6);
  const rng = mulberry32(Number(county) + 44);
  const u = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirst();
  if (!u) return null;
  const admin = { ...viewerOf({ id: u.id, username: u.username, personId: u.person_id, roles: JSON.parse(u.roles) as Role[], scopeUnitCode: u.scope_unit_code }), scopeCode: `${county}000000`, scopePrefix: county };
  const at = () => now;
  const carbon = new CarbonService(store, at, new RuleService(store, at));
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const towns = await store.db.selectFrom('units').select('code').where('level', '=', 'town').where('code', 'like', `${county}%`).orderBy('code').execute();
  for (const t of towns) {
    const r = await carbon.saveTownFigures(admin, t.code, year, {
      residentsEmission: between(rng, 8_000, 20_000), farmMachineryEmission: between(rng, 400, 2_000), transportEmission: between(rng, 2_500, 9_000),
      waterAbsorption: between(rng, 100, 800), grassAbsorption: between(rng, 200, 1_500), cropsAbsorption: between(rng, 1_000, 5_000),
      source: '演示数据（合成），非实测', note: '按巴南 2023 试点口径的演示填报',
    });
    if (!r.ok) throw new Error(`demo carbon figures for ${t.code}: ${JSON.stringify(r.error)}`);
  }
  return { towns: towns.length, year };
}

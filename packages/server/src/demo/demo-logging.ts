import type { CuttingType, QuotaCell } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { RuleService } from '../rules/service.ts';
import { ProblemService } from '../problems/service.ts';
import { LoggingService, type PermitInput } from '../ledger/logging-service.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { mulberry32 } from './synthetic-geometry.ts';

export interface DemoLoggingSummary {
  permits: number;
  refused: number;
  overdueReplanting: number;
}

/**
 * Logging demo (issue 5 §3) through the real service: last year's and this year's county quota, permits issued
 * on the demo parcels at dates through each year (some refused by the rules, as at a real counter), re-planting
 * for most of last year's cut, one epidemic-point town, and the overdue re-planting check run at `now`.
 */
export async function buildDemoLogging(store: Store, countyCode: string, now: Date): Promise<DemoLoggingSummary> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 11);
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${countyCode.slice(0, 6)}000000` });
  const county = `${countyCode.slice(0, 6)}000000`;
  const thisYear = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  let clock = now;
  const rules = new RuleService(store, () => clock);
  const logging = new LoggingService(store, () => clock, new ProblemService(store, () => clock, rules, { webhookUrl: null }));

  const cells: QuotaCell[] = [
    { forestClass: 'commercial', origin: 'planted', cuttingType: 'main', volumeM3: 18_000 },
    { forestClass: 'commercial', origin: 'planted', cuttingType: 'tending', volumeM3: 6_000 },
    { forestClass: 'commercial', origin: 'natural', cuttingType: 'tending', volumeM3: 4_000 },
    { forestClass: 'commercial', origin: 'planted', cuttingType: 'regeneration', volumeM3: 3_000 },
    { forestClass: 'public_welfare', origin: 'natural', cuttingType: 'tending', volumeM3: 3_500 },
    { forestClass: 'public_welfare', origin: 'planted', cuttingType: 'regeneration', volumeM3: 1_500 },
    { forestClass: 'commercial', origin: 'planted', cuttingType: 'low_yield', volumeM3: 2_000 },
  ];
  const towns = await store.db.selectFrom('units').select('code').where('level', '=', 'town').where('code', 'like', `${countyCode.slice(0, 6)}%`).orderBy('code').execute();
  if (towns[1]) await logging.declareEpidemicPoint(viewer, { unitCode: towns[1].code, declaredOn: `${thisYear - 2}-11-20`, documentNo: `酉林检〔${thisYear - 2}〕17号` });

  const parcels = await store.db.selectFrom('parcels').select(['id', 'forest_category', 'origin', 'volume_m3', 'area_m2', 'dominant_species', 'owner'])
    .where('unit_code', 'like', `${countyCode.slice(0, 6)}%`).where('land_class', '=', '0111').where('volume_m3', '>', 20).orderBy('unit_code').orderBy('parcel_no').execute();
  let permits = 0;
  let refused = 0;
  let shortGiven = 0;
  for (const year of [thisYear - 1, thisYear]) {
    clock = new Date(Date.UTC(year, 0, 5, 2));
    const set = await logging.setQuota(viewer, county, year, { totalM3: 40_000, note: `酉阳县${year}年度森林采伐限额（示例）`, items: cells });
    if (!set.ok) throw new Error(`demo quota: ${JSON.stringify(set.error)}`);
    const lastDay = year === thisYear ? now.getTime() : Date.UTC(year, 11, 20);
    const count = year === thisYear ? 24 : 40;
    for (let i = 0; i < count && parcels.length; i++) {
      const p = parcels[Math.floor(rng() * parcels.length)]!;
      clock = new Date(Date.UTC(year, 0, 10) + ((lastDay - Date.UTC(year, 0, 10)) * i) / count);
      const natural = p.origin === 'natural';
      const publicWelfare = p.forest_category === '11' || p.forest_category === '12';
      const cuttingType: CuttingType = natural ? 'tending' : publicWelfare ? 'regeneration' : rng() < 0.7 ? 'main' : 'tending';
      const share = cuttingType === 'tending' ? 0.15 : 0.6;
      const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const input: PermitInput = {
        parcelId: p.id, applicant: p.owner ?? '村集体经济组织', cuttingType, cuttingMethod: cuttingType === 'main' ? 'clear' : 'selective',
        species: p.dominant_species ?? '杉木',
        // a household's or a collective's permit: a few 亩 to ~60 亩, tens to hundreds of m³
        areaMu: Math.min(5 + Math.round(rng() * 55), Math.max(0.5, Math.round(p.area_m2 * 0.0015 * share * 10) / 10)),
        volumeM3: Math.min(40 + Math.round(rng() * 560), Math.max(1, Math.round((p.volume_m3 ?? 0) * share))), cuttingFrom: day(new Date(clock.getTime() + 5 * 86_400_000)),
        cuttingTo: day(new Date(clock.getTime() + 65 * 86_400_000)), pestApproval: rng() < 0.5 ? `酉林检〔${year}〕${10 + i}号` : undefined,
      };
      // A few of last year's early permits were given a short re-planting deadline, and were not re-planted.
      const short = year === thisYear - 1 && shortGiven < 3 && cuttingType !== 'tending';
      if (short) input.replantDeadline = `${year}-12-31`;
      const issued = await logging.issuePermit(viewer, input);
      if (!issued.ok) {
        refused++;
        continue;
      }
      permits++;
      if (short) shortGiven++;
      // Most of last year's clear-cut sites are re-planted the next spring; a few are not.
      if (year === thisYear - 1 && !short && issued.value.replanting !== 'not_required' && rng() < 0.75) {
        clock = new Date(Math.min(now.getTime(), Date.UTC(year + 1, 2, 15)));
        await logging.recordReplanting(viewer, issued.value.id, { plantedOn: day(clock), areaMu: Math.round(issued.value.areaM2 * 0.0015 * 10) / 10 + 0.1, species: issued.value.species });
      }
    }
  }
  clock = now;
  const { opened } = await logging.openOverdueReplanting(now);
  return { permits, refused, overdueReplanting: opened };
}

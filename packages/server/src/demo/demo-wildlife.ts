import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { viewerOf, type Role, type Viewer } from '../auth/viewer.ts';
import { RuleService } from '../rules/service.ts';
import { ProblemService } from '../problems/service.ts';
import { WildlifeStationService } from '../wildlife/station-service.ts';
import { WildlifeReportService } from '../wildlife/report-service.ts';
import { BoarDamageService } from '../wildlife/boar-damage-service.ts';
import { WildlifeMissingReportJob } from '../wildlife/missing-report-job.ts';
import { mulberry32 } from './synthetic-geometry.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = 60;
const species = ['白鹭', '野猪', '猕猴', '红腹锦鸡', '小麂', '黑水鸡', '灰胸竹鸡'];

export interface DemoWildlifeSummary {
  stations: number;
  reports: number;
  missing: number;
  deaths: number;
  boarDamages: number;
}

/**
 * Wildlife epidemic monitoring through the real services (issue 7 §7): three village stations, each reporting daily
 * over the last 60 days — mostly zero reports, some sightings, a few late and a few missed days (flagged to the
 * supervisor by the missing-report job as each day's cut-off passed), two abnormal deaths (→ problems) — and wild boar
 * damage reports whose claims stand at every status.
 */
export async function buildDemoWildlife(store: Store, countyCode: string, now: Date): Promise<DemoWildlifeSummary | null> {
  const county = countyCode.slice(0, 6);
  const rng = mulberry32(Number(county) + 71);
  let clock = now.getTime();
  const at = () => new Date(clock);
  const rules = new RuleService(store, at);
  const problems = new ProblemService(store, at, rules, { webhookUrl: null });
  const stations = new WildlifeStationService(store, at);
  const reports = new WildlifeReportService(store, at, rules, problems);
  const boar = new BoarDamageService(store, at, problems);
  const job = new WildlifeMissingReportJob(store, rules);
  const userOf = async (username: string): Promise<Viewer | null> => {
    const u = await store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return u ? viewerOf({ id: u.id, username: u.username, personId: u.person_id, roles: JSON.parse(u.roles) as Role[], scopeUnitCode: u.scope_unit_code }) : null;
  };
  const admin = await userOf('admin');
  if (!admin) return null;
  const bureau = { ...admin, scopeCode: `${county}000000`, scopePrefix: county };
  const villages = await store.db.selectFrom('units').select(['code', 'short_name', 'parent_code', 'geom_json']).where('level', '=', 'village')
    .where('code', 'like', `${county}%`).where('geom_json', 'is not', null).orderBy('code').execute();
  if (villages.length < 3) return null;

  const shanghaiDay = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
  const shanghai = (date: string, hours: number) => Date.parse(`${date}T00:00:00+08:00`) + hours * HOUR;
  const first = shanghaiDay(now.getTime() - DAYS * DAY);
  const summary: DemoWildlifeSummary = { stations: 0, reports: 0, missing: 0, deaths: 0, boarDamages: 0 };
  const made: { id: string; lon: number; lat: number; reporter: Viewer }[] = [];
  clock = shanghai(first, 8);
  for (const [i, name] of ['疫源疫病监测站', '候鸟迁徙监测点', '野猪活动监测点'].entries()) {
    const v = villages[Math.floor((i + 0.5) * (villages.length / 3))]!;
    const reporter = await userOf(`ranger-${v.code}-1`);
    const supervisor = await userOf(`supervisor-${v.code}`);
    if (!reporter) continue;
    const [lon, lat] = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
    const r = await stations.create(bureau, {
      name: `${v.short_name}${name}`, unitCode: v.code, level: i === 0 ? 'provincial' : 'county', lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6,
      supervisorUserId: supervisor?.userId ?? null, reporterUserIds: [reporter.userId], activeFrom: first,
    });
    if (!r.ok) continue;
    made.push({ id: r.value.id, lon: r.value.lon, lat: r.value.lat, reporter });
    summary.stations++;
  }
  if (!made.length) return summary;

  // Two abnormal deaths, on fixed days of the first two stations, so the demo always has them.
  const deathOn = new Map([[`0|${DAYS - 20}`, { species: '白鹭', count: 14, dead: 3 }], [`1|${DAYS - 7}`, { species: '黑水鸡', count: 6, dead: 2 }]]);
  let serial = 0;
  for (let n = 0; n < DAYS; n++) {
    const date = shanghaiDay(Date.parse(`${first}T12:00:00+08:00`) + n * DAY);
    for (const [i, s] of made.entries()) {
      const death = deathOn.get(`${i}|${n}`);
      const roll = rng();
      if (!death && roll < 0.04) continue; // missed: nobody reports
      const late = !death && roll < 0.09;
      clock = late ? shanghai(date, 24 + 9 + rng() * 2) : shanghai(date, 8 + rng() * 6.5);
      if (clock > now.getTime()) continue;
      const sighting = death ?? (rng() < 0.22 ? { species: species[Math.floor(rng() * species.length)]!, count: 1 + Math.floor(rng() * 30), dead: 0 } : null);
      const r = await reports.submit(s.reporter, {
        id: `demo-wl-${county}-${(serial++).toString(36).padStart(4, '0')}`, stationId: s.id, date, zero: !sighting, observations: sighting ? [sighting] : [],
        ...(death ? { note: '岸边发现，已拍照并封控现场' } : {}),
      });
      if (r.ok) {
        summary.reports++;
        if (death) summary.deaths++;
      }
    }
    // The hourly job after the day's cut-off: flags the day's missed reports and tells the supervisors.
    const check = shanghai(date, 16);
    if (check <= now.getTime()) summary.missing += (await job.run(new Date(check))).flagged;
  }

  const plan: { crop: string; areaMu: number; claimYuan: number | null; steps: ('assess' | 'pay' | 'refuse')[]; household: string; daysAgo: number }[] = [
    { crop: '玉米', areaMu: 1.8, claimYuan: 1500, steps: [], household: '冉启明', daysAgo: 3 },
    { crop: '红薯', areaMu: 0.8, claimYuan: 600, steps: ['assess'], household: '田秀英', daysAgo: 12 },
    { crop: '水稻', areaMu: 2.5, claimYuan: 2400, steps: ['assess', 'pay'], household: '白正华', daysAgo: 26 },
    { crop: '土豆', areaMu: 1.2, claimYuan: 900, steps: ['assess', 'pay'], household: '彭家贵', daysAgo: 41 },
    { crop: '花生', areaMu: 0.5, claimYuan: 800, steps: ['refuse'], household: '石小兰', daysAgo: 33 },
    { crop: '玉米', areaMu: 0.6, claimYuan: null, steps: [], household: '杨老四', daysAgo: 8 },
  ];
  for (const [i, p] of plan.entries()) {
    const s = made[i % made.length]!;
    clock = now.getTime() - p.daysAgo * DAY;
    const r = await boar.report(s.reporter, {
      id: `demo-boar-${county}-${i + 1}`, stationId: s.id, occurredOn: shanghaiDay(clock - DAY), lon: s.lon, lat: s.lat, household: p.household, crop: p.crop, areaMu: p.areaMu,
      description: `夜间野猪下山拱食${p.crop}，地块边有明显足迹和拱痕`, claimedFen: p.claimYuan === null ? null : p.claimYuan * 100,
    });
    if (!r.ok) continue;
    summary.boarDamages++;
    let d = r.value.damage;
    for (const step of p.steps) {
      clock += 2 * DAY;
      const next = await boar.claimStep(bureau, d.id, {
        version: d.version, action: step, ...(step === 'assess' ? { assessedFen: Math.round(p.claimYuan! * 100 * 0.8), note: '现场核实受损面积，按标准核定' } : {}),
        ...(step === 'refuse' ? { reason: '现场核实为家畜踩踏，非野猪致害' } : {}),
      });
      if (!next.ok) break;
      d = next.value;
    }
  }
  return summary;
}

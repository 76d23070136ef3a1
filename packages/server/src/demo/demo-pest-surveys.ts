import { defaultPineSpecies, summaryUnitCode } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { RuleService } from '../rules/service.ts';
import { ProblemService } from '../problems/service.ts';
import { LoggingService } from '../ledger/logging-service.ts';
import { SurveyService, type SurveyRecordInput } from '../pests/surveys/service.ts';
import { EpidemicService } from '../pests/epidemic/service.ts';
import { mulberry32 } from './synthetic-geometry.ts';

// The real 2024 work plan of the Youyang forestry bureau asks to "持续巩固松材线虫疫区‘摘牌’成效" without numbers; the
// demo's target counts are synthetic and the source text says so.
const PLAN = '《酉阳县林业局2024年工作要点》八、六是“持续巩固松材线虫疫区‘摘牌’成效”（原文未定数量，目标值为演示设定）';

export interface DemoPestSurveySummary {
  campaigns: number;
  records: number;
  points: number;
  targets: number;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * Pine wilt surveys and epidemic points for the demo county through the real services (issue 7 §3–§4): spring and
 * autumn campaigns of the last two years (surveyed in full) and of this year (in part, up to today); epidemic points —
 * one declared three years ago whose two autumn surveys since found nothing (it may apply for removal), the logging
 * demo's point with an infected 小班 last autumn (still detected), one removed last year and one removed this year —
 * and this year's targets. No dead trees: the register's demo is another module's.
 */
export async function buildDemoPestSurveys(store: Store, countyCode: string, now: Date): Promise<DemoPestSurveySummary> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 97);
  const county = `${countyCode.slice(0, 6)}000000`;
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: county });
  const clock = () => now;
  const rules = new RuleService(store, clock);
  const surveys = new SurveyService(store, clock, rules);
  const epidemic = new EpidemicService(store, clock, rules, surveys);
  const logging = new LoggingService(store, clock, new ProblemService(store, clock, rules, { webhookUrl: null }));
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const out: DemoPestSurveySummary = { campaigns: 0, records: 0, points: 0, targets: 0 };

  const pines = await store.db.selectFrom('parcels').select(['id', 'unit_code', 'year']).where('unit_code', 'like', `${countyCode.slice(0, 6)}%`)
    .where('dominant_species', 'in', [...defaultPineSpecies]).orderBy('unit_code').orderBy('parcel_no').execute();
  if (!pines.length) return out;
  const pineTowns = [...new Set(pines.map((p) => summaryUnitCode(p.unit_code, 'town')))];
  // The logging demo's point (the county's second town) is the one still detected; ours are other pine towns.
  const allTowns = await store.db.selectFrom('units').select(['code', 'short_name']).where('level', '=', 'town').where('code', 'like', `${countyCode.slice(0, 6)}%`).orderBy('code').execute();
  const loggingPoint = allTowns[1]?.code;
  const [mayApply, removedLastYear, removedThisYear] = pineTowns.filter((t) => t !== loggingPoint && !allTowns.find((u) => u.code === t)?.short_name.endsWith('街道'));
  // This year's autumn survey, when open: each town gets a share of its grid done so far.
  const townShare = new Map(pineTowns.map((t) => [t, 0.2 + rng() * 0.7]));

  for (const year of [thisYear - 2, thisYear - 1, thisYear]) {
    for (const [season, from, to] of [['spring', iso(year, 3, 1), iso(year, 5, 31)], ['autumn', iso(year, 9, 1), iso(year, 11, 30)]] as const) {
      const created = await surveys.create(viewer, { unitCode: county, year, season, startsOn: from, endsOn: to });
      if (!created.ok) continue;
      out.campaigns++;
      const c = created.value;
      if (today < from) continue;
      const last = today < to ? today : to;
      const days = Math.max(1, Math.round((Date.parse(last) - Date.parse(from)) / 86_400_000) + 1);
      const closed = today > to;
      const records: SurveyRecordInput[] = [];
      for (const p of pines.filter((x) => x.year === c.ledgerYear)) {
        const town = summaryUnitCode(p.unit_code, 'town');
        const done = closed || rng() < (season === 'autumn' ? townShare.get(town)! : 0.5 + 0.5 * rng());
        const day = new Date(Date.parse(from) + Math.floor(rng() * days) * 86_400_000).toISOString().slice(0, 10);
        if (!done) continue;
        const infected = season === 'autumn' && year === thisYear - 1 && town === loggingPoint && !records.some((r) => r.infected);
        records.push({ parcelId: p.id, surveyedOn: day, ...(infected ? { infected: true, note: '省林业有害生物检测中心检测报告（演示）：阳性' } : {}) });
      }
      for (let i = 0; i < records.length; i += 500) {
        const r = await surveys.record(viewer, c.id, records.slice(i, i + 500));
        if (r.ok) out.records += r.value.recorded;
      }
    }
  }

  const declare = async (unitCode: string | undefined, declaredOn: string, documentNo: string, removedOn?: string) => {
    if (!unitCode) return;
    const d = await logging.declareEpidemicPoint(viewer, { unitCode, declaredOn, documentNo });
    if (!d.ok) return;
    out.points++;
    if (removedOn) await logging.removeEpidemicPoint(viewer, d.value.id, removedOn);
  };
  await declare(mayApply, iso(thisYear - 3, 4, 15), `酉林检〔${thisYear - 3}〕5号（演示）`);
  await declare(removedLastYear, iso(thisYear - 5, 6, 1), `酉林检〔${thisYear - 5}〕9号（演示）`, iso(thisYear - 1, 6, 30));
  if (today > iso(thisYear, 3, 20)) await declare(removedThisYear, iso(thisYear - 4, 5, 8), `酉林检〔${thisYear - 4}〕11号（演示）`, iso(thisYear, 3, 20));
  for (const [kind, count] of [['remove_points', 3], ['keep_free', 2]] as const) {
    if ((await epidemic.setTarget(viewer, { unitCode: county, year: thisYear, kind, count, source: PLAN })).ok) out.targets++;
  }
  return out;
}

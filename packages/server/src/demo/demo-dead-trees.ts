import { randomUUID } from 'node:crypto';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import {
  checkDeadTreeStep, checkDisposal, clearingMode, deadTreeState, defaultPestRules, pointInPolygon, samplingPlan, type DeadTreeEvent, type DisposalMethod,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { RuleService } from '../rules/service.ts';
import { ProblemService } from '../problems/service.ts';
import { DeadTreeRepository } from '../pests/dead-trees/repository.ts';
import { DeadTreeService, furthestStep, newTreeRow } from '../pests/dead-trees/service.ts';
import { mulberry32 } from './synthetic-geometry.ts';
import { syntheticName } from './synthetic-people.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shanghaiDay = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
/** 08:00–17:00 Shanghai on the day of `t`, at a random minute. */
const workHour = (t: number, rng: () => number) => Date.parse(`${shanghaiDay(t)}T00:00:00+08:00`) + (8 + rng() * 9) * HOUR;

/**
 * A season of pine wilt work (issue 7 §9): a few thousand dead pines in the pine 小班 of several towns, found over
 * the last three months by survey, drone and patrol, each taken as far through its lifecycle as its age allows —
 * sampled by the 技术方案's plan for its 小班 (one 小班 of 140 dead pines waiting for its 5 % follow-up), tested
 * (positive only in the towns that are epidemic points), felled, disposed of within the limits (即死即清 outside
 * the centralised window) and the stumps treated — with a few samples and fellings left overdue, which the overdue
 * job then turns into problems. Every step passes the same domain checks as the API; a failure is a bug and throws.
 */
export async function buildDemoDeadTrees(store: Store, countyCode: string, now: Date): Promise<number> {
  const county = countyCode.slice(0, 6);
  const rng = mulberry32(Number(county) + 77);
  const rules = defaultPestRules;
  const nowMs = now.getTime();
  const year = Number(shanghaiDay(nowMs).slice(0, 4));
  const seasonStart = Math.max(Date.parse(`${year}-01-01T00:00:00+08:00`), nowMs - 95 * DAY);
  const parcels = await store.db.selectFrom('parcels').select(['id', 'parcel_no', 'unit_code', 'geom_json', 'area_m2']).where('unit_code', 'like', `${county}%`)
    .where('dominant_species', '=', '马尾松').where('geom_json', 'is not', null).where('year', '=', year).orderBy('unit_code').orderBy('parcel_no').execute();
  if (parcels.length < 20) return 0;
  const points = await store.db.selectFrom('epidemic_points').select(['unit_code', 'declared_on', 'removed_on']).where('unit_code', 'like', `${county}%`).execute();
  // Positives only where the nematode still is: a standing point found infected in last year's survey (a point
  // with clear years behind it keeps them — the demo's town that may apply for removal stays so).
  const infectedLastYear = await store.db.selectFrom('pest_survey_parcels as p').innerJoin('pest_survey_campaigns as c', 'c.id', 'p.campaign_id').select('p.unit_code')
    .where('p.unit_code', 'like', `${county}%`).where('p.infected', '=', 1).where('c.year', '=', Number(shanghaiDay(now.getTime()).slice(0, 4)) - 1).execute();
  const stillInfected = new Set(infectedLastYear.map((r) => r.unit_code.slice(0, 9)));
  const pointTowns = new Set(points.filter((p) => p.removed_on === null).map((p) => p.unit_code.slice(0, 9)).filter((t) => stillInfected.size === 0 || stillInfected.has(t)));
  // The towns with most pine 小班, the epidemic points first: that is where a county's dead pines are.
  const byTown = new Map<string, typeof parcels>();
  for (const p of parcels) byTown.set(p.unit_code.slice(0, 9), [...(byTown.get(p.unit_code.slice(0, 9)) ?? []), p]);
  const towns = [...byTown.entries()].sort((a, b) => Number(pointTowns.has(b[0])) - Number(pointTowns.has(a[0])) || b[1].length - a[1].length).slice(0, 5);

  const trees: ReturnType<typeof newTreeRow>[] = [];
  const steps: Parameters<DeadTreeRepository['insertSteps']>[0] = [];
  const crews = Array.from({ length: 8 }, () => syntheticName(rng));
  const at = now.toISOString();
  let overdueSamples = 0, overdueFellings = 0;
  let big = false;

  for (const [town, list] of towns) {
    const infected = pointTowns.has(town);
    const chosen = list.filter(() => rng() < 0.7).slice(0, 30);
    for (const parcel of chosen) {
      const geometry = JSON.parse(parcel.geom_json!) as Polygon | MultiPolygon;
      const ring = (geometry.type === 'Polygon' ? geometry.coordinates[0]! : geometry.coordinates[0]![0]!) as Position[];
      const xs = ring.map((p) => p[0]!), ys = ring.map((p) => p[1]!);
      const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
      const n = !big ? 140 : rng() < 0.08 ? 101 + Math.floor(rng() * 40) : 6 + Math.floor(rng() * 45);
      const showcase = !big;
      big = true;
      // One survey sweep of the 小班 finds most of its dead pines in a few days; patrols and drones add the rest.
      const sweep = showcase ? nowMs - 25 * DAY - rng() * 5 * DAY : seasonStart + rng() * (nowMs - seasonStart - 10 * DAY);
      const parcelTrees: { row: ReturnType<typeof newTreeRow>; found: number }[] = [];
      for (let i = 0; i < n; i++) {
        let lon = 0, lat = 0;
        for (let k = 0; k < 200; k++) {
          lon = Math.round((box[0] + rng() * (box[2] - box[0])) * 1e6) / 1e6;
          lat = Math.round((box[1] + rng() * (box[3] - box[1])) * 1e6) / 1e6;
          if (pointInPolygon([lon, lat], geometry)) break;
        }
        const r = rng();
        const source = showcase || r < 0.55 ? 'survey' : r < 0.8 ? 'drone' : r < 0.95 ? 'patrol' : 'remote_sensing';
        const found = Math.min(nowMs - HOUR, workHour(source === 'survey' ? sweep + rng() * 4 * DAY : seasonStart + rng() * (nowMs - seasonStart), rng));
        const row = newTreeRow({
          id: randomUUID(), unitCode: parcel.unit_code, parcel: { id: parcel.id, parcelNo: parcel.parcel_no }, lon, lat, species: '马尾松',
          dbhCm: Math.round((10 + rng() * 26) * 10) / 10, condition: rng() < 0.12 ? 'dying' : 'dead', source, sourceRef: source === 'drone' || source === 'remote_sensing' ? `${source === 'drone' ? 'UAV' : 'RS'}-${town.slice(6)}-${trees.length + i + 1}` : null,
          importBatch: null, foundAt: new Date(found).toISOString(), foundBy: crews[Math.floor(rng() * crews.length)]!, createdBy: null,
        }, at);
        parcelTrees.push({ row, found });
      }
      parcelTrees.sort((a, b) => a.found - b.found);
      // Sampling by the plan of the 小班: the first batch, and (when all negative and old enough) the follow-up.
      let sampled = 0, negatives = 0, positives = 0;
      const toSample = new Set<number>();
      const plan = () => samplingPlan({ deadTrees: n, sampled, negatives, positives }, rules.sampling);
      const first = plan();
      if (first.ok) for (let i = 0; i < Math.min(first.value.nextBatch, n); i++) toSample.add(i);
      const events = new Map<number, DeadTreeEvent[]>();
      const push = (i: number, step: DeadTreeEvent, person: string, data: Record<string, unknown> | null = null) => {
        const t = parcelTrees[i]!;
        const list = events.get(i) ?? [{ step: 'found', at: t.row.found_at, condition: t.row.condition as 'dead' | 'dying' }];
        const findings = checkDeadTreeStep(list, step, at);
        if (findings.length) throw new Error(`demo dead tree ${step.step}: ${findings.map((f) => f.message).join('; ')}`);
        list.push(step);
        events.set(i, list);
        steps.push({ id: randomUUID(), tree_id: t.row.id, step: step.step, at: step.at, person, user_id: null, lon: t.row.lon, lat: t.row.lat, photo_file_id: null, data: data ? JSON.stringify(data) : null, note: null, created_at: at });
      };
      const lab = infected && rng() < 0.7; // in an epidemic point most 小班 with dead pines carry the nematode
      for (const i of toSample) {
        const t = parcelTrees[i]!;
        const sampleAt = t.found + 2 * HOUR + rng() * 20 * HOUR;
        if (sampleAt > nowMs - HOUR) continue;
        const sampleNo = `${county}-${year}-${String(steps.length).padStart(5, '0')}`;
        push(i, { step: 'sampled', at: new Date(sampleAt).toISOString() }, '森防站采样组', { sampleNo });
        Object.assign(t.row, { sampled_at: new Date(sampleAt).toISOString(), sample_no: sampleNo });
        sampled++;
        // Most results arrive in 2–5 days; a few samples sent recently are still at the lab, and one or two are late.
        const late = overdueSamples < 3 && !showcase && rng() < 0.02 && nowMs - sampleAt > 9 * DAY;
        const resultAt = sampleAt + (2 + rng() * 3) * DAY;
        if (late) { overdueSamples++; continue; }
        if (resultAt > nowMs - HOUR) continue;
        const outcome = lab && !showcase && rng() < 0.55 ? 'positive' : 'negative';
        push(i, { step: 'result', at: new Date(resultAt).toISOString(), outcome }, '县森防站检测室', { outcome });
        Object.assign(t.row, { result_at: new Date(resultAt).toISOString(), outcome });
        if (outcome === 'positive') positives++;
        else negatives++;
      }
      if (!showcase) {
        const follow = plan();
        if (follow.ok && follow.value.nextBatch > 0 && follow.value.stage !== 'first') {
          for (let i = 0, k = 0; i < n && k < follow.value.nextBatch; i++) {
            const t = parcelTrees[i]!;
            if (t.row.sampled_at) continue;
            const sampleAt = Math.max(t.found + 2 * HOUR, nowMs - 2 * DAY - rng() * DAY);
            if (sampleAt > nowMs - HOUR) continue;
            push(i, { step: 'sampled', at: new Date(sampleAt).toISOString() }, '森防站采样组');
            Object.assign(t.row, { sampled_at: new Date(sampleAt).toISOString() });
            k++;
          }
        }
      }
      // Clearing: felled in a day or two (the showcase 小班 waits for its follow-up samples), disposed of the same
      // day outside the centralised window, within it before the window ends; then the stump.
      for (let i = 0; i < n; i++) {
        if (showcase) break;
        const t = parcelTrees[i]!;
        const afterSample = t.row.sampled_at ? Date.parse(t.row.sampled_at) + HOUR : t.found + HOUR;
        const candidate = Math.max(afterSample, workHour(t.found + Math.floor(rng() * 3) * DAY, rng));
        // Crews fell by day: a tree whose sample was taken late in the evening is felled the next morning.
        const felled = new Date(candidate + 8 * HOUR).getUTCHours() >= 17 ? workHour(candidate + DAY, rng) : candidate;
        if (felled > nowMs - HOUR || rng() < 0.12) continue;
        push(i, { step: 'felled', at: new Date(felled).toISOString() }, '除治队');
        t.row.felled_at = new Date(felled).toISOString();
        const mode = clearingMode(shanghaiDay(felled), rules.disposal);
        const leaveOverdue = mode.mode === 'same_day' && overdueFellings < 2 && rng() < 0.01;
        if (leaveOverdue) { overdueFellings++; continue; }
        const disposed = mode.mode === 'same_day' ? felled + (0.5 + rng()) * HOUR : Math.min(felled + rng() * 12 * DAY, Date.parse(`${mode.disposeBy}T23:00:00+08:00`));
        if (disposed > nowMs - HOUR || (mode.mode === 'centralised' && rng() < 0.35)) continue;
        const r = rng();
        const method: DisposalMethod = r < 0.6 ? 'chipped' : r < 0.85 ? 'burned' : r < 0.95 ? 'peeled' : 'mesh_fumigated';
        const disposal = {
          method, stumpHeightCm: Math.round((1.5 + rng() * 3.5) * 10) / 10, chipSizeCm: method === 'chipped' ? Math.round((0.4 + rng() * 0.6) * 10) / 10 : null,
          chipThicknessCm: method === 'chipped' ? Math.round((0.2 + rng() * 0.4) * 10) / 10 : null, peelThicknessCm: method === 'peeled' ? Math.round((0.1 + rng() * 0.15) * 100) / 100 : null,
          fumigated: method === 'mesh_fumigated' ? true : null, branchesTreated: true,
        };
        const disposedAt = new Date(disposed).toISOString();
        const findings = checkDisposal({ ...disposal, felledAt: t.row.felled_at, disposedAt }, rules.disposal);
        if (findings.length) throw new Error(`demo disposal: ${findings.map((f) => f.message).join('; ')}`);
        push(i, { step: 'disposed', at: disposedAt }, '除治队', { disposal });
        Object.assign(t.row, { disposed_at: disposedAt, disposal_method: method });
        const stump = disposed + (0.2 + rng() * 20) * HOUR;
        if (stump > nowMs - HOUR || rng() < 0.1) continue;
        push(i, { step: 'stump_treated', at: new Date(stump).toISOString() }, '除治队');
        t.row.stump_treated_at = new Date(stump).toISOString();
      }
      for (const [i, t] of parcelTrees.entries()) {
        const list = events.get(i) ?? [{ step: 'found', at: t.row.found_at, condition: t.row.condition as 'dead' | 'dying' }];
        const state = deadTreeState(list);
        Object.assign(t.row, { state: furthestStep(list), cause: state.cause, done: state.done ? 1 : 0 });
        steps.push({ id: randomUUID(), tree_id: t.row.id, step: 'found', at: t.row.found_at, person: t.row.found_by, user_id: null, lon: t.row.lon, lat: t.row.lat, photo_file_id: null, data: JSON.stringify({ condition: t.row.condition, source: t.row.source }), note: null, created_at: at });
        trees.push(t.row);
      }
    }
  }
  await store.db.transaction().execute(async (trx) => {
    const repo = new DeadTreeRepository(trx);
    await repo.insertMany(trees);
    await repo.insertSteps(steps);
  });
  // The overdue job as the server would run it now: late samples and fellings become problems of the loop.
  const ruleService = new RuleService(store, () => now);
  await new DeadTreeService(store, () => now, ruleService, new ProblemService(store, () => now, ruleService, { webhookUrl: null })).openOverdue(at);
  return trees.length;
}

import type { MultiPolygon } from 'geojson';
import { assessPatrol, defaultTrackRules, periodsBetween, syntheticTrack, type Fix, type Leg, type TrackFlag } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { PatrolRepository, type EndedPatrolRow } from '../patrols/repository.ts';
import { DutyReportRepository, type DutyReport } from '../reports/repository.ts';
import { mulberry32 } from './synthetic-geometry.ts';

/**
 * A year of synthetic patrols for a demo county (issue 3 §7): rangers and village chiefs weekly, town chiefs
 * quarterly, each person with a steady or a patchy habit, so the compliance board shows a realistic mix of
 * met and missed duties. The last week carries full GPS tracks (a fix every 30 s), assessed by the same rules as real
 * uploads (some driven, some outside the area); older patrols keep only their summary figures, as if their
 * tracks had been archived, which keeps the demo small enough to build at start-up.
 */
export interface DemoPatrolSummary {
  reports: number;
  patrols: number;
  withTracks: number;
  fixes: number;
}

interface Patroller {
  userId: string;
  personId: string;
  unitCode: string;
  role: string;
  level: string;
  area: MultiPolygon | null;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const TRACK_DAYS = 7;

function centre(area: MultiPolygon): [number, number] {
  const ring = area.coordinates[0]![0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
}

/** Rounds of about 1 km that return near their start, like a patrol working a hillside inside a grid. */
function loopLegs(rng: () => number, metres: number, speedMps: number): Leg[] {
  const legs: Leg[] = [];
  const rounds = Math.max(1, Math.round(metres / 1_000));
  for (let r = 0; r < rounds; r++) {
    const n = 6 + Math.floor(rng() * 4);
    const turn = rng() * 360;
    for (let i = 0; i < n; i++) legs.push({ headingDeg: turn + (360 * i) / n, metres: metres / rounds / n, speedMps });
  }
  return legs;
}

export async function buildDemoPatrols(store: Store, countyCode: string, now: Date, days = 365): Promise<DemoPatrolSummary> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) ^ 0x9e3779b9);
  const prefix = `${countyCode.slice(0, 6)}%`;
  const rows = await store.db
    .selectFrom('posts')
    .innerJoin('users', 'users.person_id', 'posts.person_id')
    .leftJoin('areas', 'areas.post_id', 'posts.id')
    .select(['users.id as user_id', 'posts.person_id', 'posts.unit_code', 'posts.role', 'posts.level', 'areas.geom_json'])
    .where('posts.unit_code', 'like', prefix)
    .where('posts.level', 'in', ['village', 'town'])
    .where('posts.role', 'in', ['ranger', 'chief'])
    .execute();
  const patrollers: Patroller[] = rows.map((r) => ({
    userId: r.user_id, personId: r.person_id, unitCode: r.unit_code, role: r.role, level: r.level,
    area: r.geom_json ? (JSON.parse(r.geom_json) as MultiPolygon) : null,
  }));

  const end = now.getTime() - 2 * 3_600_000;
  const start = end - days * DAY;
  const periods = {
    week: periodsBetween(new Date(start).toISOString(), new Date(end).toISOString(), 'week'),
    quarter: periodsBetween(new Date(start).toISOString(), new Date(end).toISOString(), 'quarter'),
  };
  const patrols: EndedPatrolRow[] = [];
  const tracks: { id: string; fixes: Fix[] }[] = [];
  let serial = 0;

  for (const p of patrollers) {
    // Most people patrol steadily; some are patchy; a few rarely go out.
    const habit = rng();
    const diligence = habit < 0.7 ? 0.96 : habit < 0.9 ? 0.8 : 0.45;
    const quarterly = p.level === 'town';
    // Duty periods are Shanghai calendar periods; the habit decides, period by period, whether they go out.
    for (const period of periods[quarterly ? 'quarter' : 'week']) {
      if (rng() > diligence) continue;
      const periodStart = Date.parse(period.start);
      const periodDays = Math.round((Date.parse(period.end) - periodStart) / DAY);
      const count = quarterly ? 1 + Math.floor(rng() * 2) : rng() < 0.55 ? 1 : rng() < 0.8 ? 2 : 3;
      for (let k = 0; k < count; k++) {
        // Daytime in Shanghai (08:00–16:00 local) on some day of the period; period.start is local midnight.
        const day = periodStart + Math.floor(rng() * periodDays) * DAY;
        const startedMs = day + 8 * 3_600_000 + Math.floor(rng() * 8 * 3_600_000);
        if (startedMs >= end - 3 * 3_600_000 || startedMs < start) continue;
        const id = `demo-patrol-${countyCode.slice(0, 6)}-${(serial++).toString(36)}`;
        const driven = rng() < 0.03;
        const strayed = rng() < 0.03;
        const speed = 0.6 + rng() * 0.6;
        const metres = 1_500 + rng() * 4_000;
        if (startedMs >= end - TRACK_DAYS * DAY && p.area) {
          const [lon, lat] = centre(p.area);
          const origin: [number, number] = strayed ? [lon + 0.03, lat + 0.02] : [lon, lat];
          const legs = driven ? [{ headingDeg: rng() * 360, metres: 6_000 + rng() * 4_000, speedMps: 9 + rng() * 3 }] : loopLegs(rng, metres, speed);
          const fixes = syntheticTrack({ start: origin, startTime: startedMs, legs, intervalS: 30, rng });
          const a = assessPatrol({ fixes, area: p.area, rules: defaultTrackRules });
          const endedMs = fixes[fixes.length - 1]!.t;
          patrols.push({
            id, userId: p.userId, personId: p.personId, unitCode: p.unitCode,
            startedAt: new Date(startedMs).toISOString(), endedAt: new Date(endedMs).toISOString(),
            distanceM: a.distanceM, durationS: a.durationS, movingS: a.movingS, inAreaShare: a.inAreaShare, fixesKept: a.fixesKept,
            flags: a.flags, valid: a.valid, invalidReasons: a.invalidReasons, fingerprint: a.fingerprint,
          });
          tracks.push({ id, fixes });
        } else {
          // Most patrols last 35 minutes or more; a few are cut short.
          const durationS = rng() < 0.04 ? 900 + rng() * 900 : Math.max(metres / speed, 35 * 60) + rng() * 1_800;
          const flags: TrackFlag[] = [];
          if (driven) flags.push('vehicle');
          if (strayed) flags.push('outside_area');
          if (rng() < 0.02) flags.push('teleport');
          const inAreaShare = p.area ? (strayed ? 0.1 + rng() * 0.3 : 0.8 + rng() * 0.2) : null;
          const invalidReasons = strayed ? ['outside_area'] : [];
          patrols.push({
            id, userId: p.userId, personId: p.personId, unitCode: p.unitCode,
            startedAt: new Date(startedMs).toISOString(), endedAt: new Date(startedMs + durationS * 1000).toISOString(),
            distanceM: driven ? metres * 3 : metres, durationS, movingS: durationS * (0.85 + rng() * 0.1), inAreaShare,
            fixesKept: null, flags, valid: invalidReasons.length === 0 && durationS >= defaultTrackRules.minDurationMinutes * 60,
            invalidReasons: durationS >= defaultTrackRules.minDurationMinutes * 60 ? invalidReasons : [...invalidReasons, 'too_short'], fingerprint: null,
          });
        }
      }
    }
  }

  // Chiefs' reports upward: village chiefs monthly, town chiefs half-yearly, most of them on time.
  const reports: Omit<DutyReport, 'personName' | 'unitName'>[] = [];
  const reportPeriods = {
    month: periodsBetween(new Date(start).toISOString(), new Date(end).toISOString(), 'month'),
    half: periodsBetween(new Date(start).toISOString(), new Date(end).toISOString(), 'half'),
  };
  for (const p of patrollers.filter((x) => x.role === 'chief')) {
    const kind = p.level === 'town' ? 'half' : 'month';
    const diligence = rng() < 0.8 ? 0.92 : 0.5;
    for (const period of reportPeriods[kind]) {
      const submitted = Date.parse(period.end) - Math.floor(rng() * 5 * DAY) - 3_600_000;
      if (rng() > diligence || submitted >= end || submitted < start) continue;
      reports.push({
        id: `demo-report-${countyCode.slice(0, 6)}-${(serial++).toString(36)}`,
        userId: p.userId, personId: p.personId, unitCode: p.unitCode, submittedAt: new Date(submitted).toISOString(),
        title: `${period.key} 林长工作报告`,
        content: `${period.key} 期间按要求开展巡林，责任区内未发现重大问题。（示例数据）`,
      });
    }
  }

  const at = now.toISOString();
  let fixCount = 0;
  await store.db.transaction().execute(async (trx) => {
    const repo = new PatrolRepository(trx);
    await repo.insertEnded(patrols, at);
    for (const t of tracks) fixCount += await repo.addFixes(t.id, t.fixes);
    await new DutyReportRepository(trx).insertMany(reports, at);
  });
  return { reports: reports.length, patrols: patrols.length, withTracks: tracks.length, fixes: fixCount };
}

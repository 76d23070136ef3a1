import { sql, type Kysely } from 'kysely';
import type { Fix, ObservationKind, Patrol, PatrolObservation, TrackFingerprint, TrackFlag } from '@linzhang/domain';
import type { Database, PatrolTable } from '../db/schema.ts';
import { isPostgres } from '../db/engine-of.ts';
import { codePrefix, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';

export type { Patrol };

export interface EndedPatrolRow {
  id: string;
  userId: string;
  personId: string;
  unitCode: string;
  startedAt: string;
  endedAt: string;
  distanceM: number;
  durationS: number;
  movingS: number;
  inAreaShare: number | null;
  fixesKept: number | null;
  flags: TrackFlag[];
  valid: boolean;
  invalidReasons: string[];
  fingerprint: TrackFingerprint | null;
}

export interface EffortRow {
  key: string;
  unitCode: string;
  personId: string | null;
  patrols: number;
  valid: number;
  flagged: number;
  distanceM: number;
  durationS: number;
}

export interface PatrolFilter {
  scopePrefix: string;
  unitPrefix?: string;
  personId?: string;
  from?: string;
  to?: string;
  valid?: boolean;
  flag?: TrackFlag;
}

export class PatrolRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('patrols')
      .innerJoin('units', 'units.code', 'patrols.unit_code')
      .leftJoin('people', 'people.id', 'patrols.person_id')
      .select([
        'patrols.id', 'patrols.user_id', 'patrols.person_id', 'patrols.unit_code', 'patrols.status', 'patrols.started_at',
        'patrols.ended_at', 'patrols.distance_m', 'patrols.duration_s', 'patrols.moving_s', 'patrols.in_area_share',
        'patrols.fixes_kept', 'patrols.flags', 'patrols.valid', 'patrols.invalid_reasons',
        'units.short_name as unit_name', 'people.name as person_name',
      ]);
  }

  private toPatrol(r: {
    id: string; user_id: string; person_id: string | null; unit_code: string; status: PatrolTable['status']; started_at: string;
    ended_at: string | null; distance_m: number | null; duration_s: number | null; moving_s: number | null;
    in_area_share: number | null; fixes_kept: number | null; flags: string; valid: number | null; invalid_reasons: string;
    unit_name: string; person_name: string | null;
  }): Patrol {
    return {
      id: r.id, userId: r.user_id, personId: r.person_id, personName: r.person_name, unitCode: r.unit_code, unitName: r.unit_name,
      status: r.status, startedAt: r.started_at, endedAt: r.ended_at, distanceM: r.distance_m, durationS: r.duration_s,
      movingS: r.moving_s, inAreaShare: r.in_area_share, fixesKept: r.fixes_kept, flags: JSON.parse(r.flags) as TrackFlag[],
      valid: r.valid === null ? null : r.valid !== 0, invalidReasons: JSON.parse(r.invalid_reasons) as string[],
    };
  }

  async get(id: string): Promise<Patrol | null> {
    const row = await this.base().where('patrols.id', '=', id).executeTakeFirst();
    return row ? this.toPatrol(row) : null;
  }

  async list(filter: PatrolFilter, page: PageRequest): Promise<PageOf<Patrol>> {
    let q = this.base().where('patrols.unit_code', 'like', codePrefix(filter.scopePrefix));
    if (filter.unitPrefix) q = q.where('patrols.unit_code', 'like', codePrefix(filter.unitPrefix));
    if (filter.personId) q = q.where('patrols.person_id', '=', filter.personId);
    if (filter.from) q = q.where('patrols.started_at', '>=', filter.from);
    if (filter.to) q = q.where('patrols.started_at', '<', filter.to);
    if (filter.valid !== undefined) q = q.where('patrols.valid', '=', filter.valid ? 1 : 0);
    if (filter.flag) q = q.where('patrols.flags', 'like', `%"${filter.flag}"%`);
    const { rows, total } = await paginate(q.orderBy('patrols.started_at', 'desc').orderBy('patrols.id'), page);
    return { items: rows.map((r) => this.toPatrol(r)), total };
  }

  async insert(p: { id: string; userId: string; personId: string | null; unitCode: string; startedAt: string }, at: string): Promise<void> {
    await this.db
      .insertInto('patrols')
      .values({
        id: p.id, user_id: p.userId, person_id: p.personId, unit_code: p.unitCode, status: 'active',
        started_at: p.startedAt, ended_at: null, distance_m: null, duration_s: null, moving_s: null, in_area_share: null,
        fixes_kept: null, valid: null, fingerprint: null, created_at: at, updated_at: at,
      })
      .execute();
  }

  /** Bulk insert of ended, assessed patrols (the demo's year of activity). */
  async insertEnded(rows: EndedPatrolRow[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('patrols')
        .values(
          rows.slice(i, i + 500).map((p) => ({
            id: p.id, user_id: p.userId, person_id: p.personId, unit_code: p.unitCode, status: 'ended' as const,
            started_at: p.startedAt, ended_at: p.endedAt, distance_m: p.distanceM, duration_s: p.durationS, moving_s: p.movingS,
            in_area_share: p.inAreaShare, fixes_kept: p.fixesKept, flags: JSON.stringify(p.flags), valid: p.valid ? 1 : 0,
            invalid_reasons: JSON.stringify(p.invalidReasons), fingerprint: p.fingerprint ? JSON.stringify(p.fingerprint) : null,
            created_at: at, updated_at: at,
          })),
        )
        .execute();
    }
  }

  /** Inserts fixes, skipping any (patrol, time) already stored; returns how many were new. */
  async addFixes(patrolId: string, fixes: readonly Fix[]): Promise<number> {
    if (isPostgres(this.db as Kysely<unknown>)) return this.addFixesPostgres(patrolId, fixes);
    let added = 0;
    for (let i = 0; i < fixes.length; i += 1000) {
      const batch = fixes.slice(i, i + 1000);
      const result = await this.db
        .insertInto('patrol_fixes')
        .values(batch.map((f) => ({ patrol_id: patrolId, t: f.t, lon: f.lon, lat: f.lat, accuracy: f.accuracy ?? null })))
        .onConflict((oc) => oc.columns(['patrol_id', 't']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /**
   * PostgreSQL: one statement per 10,000 fixes, the columns passed as arrays and unnested, instead of a
   * multi-row VALUES list with five parameters a row (measured in BENCHMARKS.md).
   */
  private async addFixesPostgres(patrolId: string, fixes: readonly Fix[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < fixes.length; i += 10_000) {
      const batch = fixes.slice(i, i + 10_000);
      const result = await sql`insert into patrol_fixes (patrol_id, t, lon, lat, accuracy)
        select ${patrolId}, t, lon, lat, accuracy
        from unnest(${batch.map((f) => f.t)}::bigint[], ${batch.map((f) => f.lon)}::float8[], ${batch.map((f) => f.lat)}::float8[],
                    ${batch.map((f) => f.accuracy ?? null)}::float8[]) as f(t, lon, lat, accuracy)
        on conflict (patrol_id, t) do nothing`.execute(this.db);
      added += Number(result.numAffectedRows ?? 0);
    }
    return added;
  }

  /** Inserts observations, skipping ids already stored; returns how many were new. */
  async addObservations(patrolId: string, items: readonly PatrolObservation[], at: string): Promise<number> {
    if (items.length === 0) return 0;
    const result = await this.db
      .insertInto('patrol_observations')
      .values(items.map((o) => ({ id: o.id, patrol_id: patrolId, t: o.t, lon: o.lon, lat: o.lat, kind: o.kind, note: o.note, photos: JSON.stringify(o.photos ?? []), created_at: at })))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  async observations(patrolId: string): Promise<PatrolObservation[]> {
    const rows = await this.db.selectFrom('patrol_observations').select(['id', 't', 'lon', 'lat', 'kind', 'note', 'photos']).where('patrol_id', '=', patrolId).orderBy('t').execute();
    return rows.map((r) => ({ id: r.id, t: Number(r.t), lon: r.lon, lat: r.lat, kind: r.kind as ObservationKind, note: r.note, photos: JSON.parse(r.photos) as string[] }));
  }

  /** Unit codes of patrols whose observations show a file (for the file read check). */
  async unitsShowingFile(fileId: string): Promise<string[]> {
    if (!/^[0-9a-f]{64}$/.test(fileId)) return [];
    const rows = await this.db
      .selectFrom('patrol_observations').innerJoin('patrols', 'patrols.id', 'patrol_observations.patrol_id')
      .select('patrols.unit_code').where('patrol_observations.photos', 'like', `%"${fileId}"%`).execute();
    return rows.map((r) => r.unit_code);
  }

  /** Owners of observation ids (to refuse an id another patrol already uses). */
  async observationPatrols(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('patrol_observations').select(['id', 'patrol_id']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.patrol_id]));
  }

  async fixes(patrolId: string): Promise<Fix[]> {
    const rows = await this.db.selectFrom('patrol_fixes').select(['t', 'lon', 'lat', 'accuracy']).where('patrol_id', '=', patrolId).orderBy('t').execute();
    return rows.map((r) => ({ t: Number(r.t), lon: r.lon, lat: r.lat, accuracy: r.accuracy }));
  }

  async setStatus(id: string, status: PatrolTable['status'], at: string): Promise<void> {
    await this.db.updateTable('patrols').set({ status, updated_at: at }).where('id', '=', id).execute();
  }

  async openPause(patrolId: string, startedAt: string): Promise<void> {
    await this.db.insertInto('patrol_pauses').values({ patrol_id: patrolId, started_at: startedAt, ended_at: null })
      .onConflict((oc) => oc.columns(['patrol_id', 'started_at']).doNothing()).execute();
  }

  async closePause(patrolId: string, endedAt: string): Promise<void> {
    await this.db.updateTable('patrol_pauses').set({ ended_at: endedAt }).where('patrol_id', '=', patrolId).where('ended_at', 'is', null).execute();
  }

  async pauses(patrolId: string): Promise<{ startedAt: string; endedAt: string | null }[]> {
    const rows = await this.db.selectFrom('patrol_pauses').select(['started_at', 'ended_at']).where('patrol_id', '=', patrolId).orderBy('started_at').execute();
    return rows.map((r) => ({ startedAt: r.started_at, endedAt: r.ended_at }));
  }

  async saveAssessment(
    id: string,
    a: { endedAt: string; distanceM: number; durationS: number; movingS: number; inAreaShare: number | null; fixesKept: number; flags: TrackFlag[]; valid: boolean; invalidReasons: string[]; fingerprint: TrackFingerprint },
    at: string,
  ): Promise<void> {
    await this.db
      .updateTable('patrols')
      .set({
        status: 'ended', ended_at: a.endedAt, distance_m: a.distanceM, duration_s: a.durationS, moving_s: a.movingS,
        in_area_share: a.inAreaShare, fixes_kept: a.fixesKept, flags: JSON.stringify(a.flags), valid: a.valid ? 1 : 0,
        invalid_reasons: JSON.stringify(a.invalidReasons), fingerprint: JSON.stringify(a.fingerprint), updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Fingerprints of a person's earlier ended patrols (for the duplicate-track check). */
  async earlierFingerprints(personId: string, before: string, limit = 200): Promise<TrackFingerprint[]> {
    const rows = await this.db
      .selectFrom('patrols')
      .select('fingerprint')
      .where('person_id', '=', personId)
      .where('started_at', '<', before)
      .where('fingerprint', 'is not', null)
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => JSON.parse(r.fingerprint!) as TrackFingerprint);
  }

  /**
   * Patrol effort (SMART-style) of ended patrols started in [from, to), grouped by person, village or town:
   * patrols, valid patrols, flagged patrols, kilometres and hours.
   */
  async effort(scopePrefix: string, from: string, to: string, groupBy: 'person' | 'village' | 'town'): Promise<EffortRow[]> {
    const key =
      groupBy === 'person' ? sql<string>`patrols.person_id` : groupBy === 'village' ? sql<string>`patrols.unit_code` : sql<string>`substr(patrols.unit_code, 1, 9)`;
    const rows = await this.db
      .selectFrom('patrols')
      .select([
        key.as('key'),
        (eb) => eb.fn.min('patrols.unit_code').as('unit_code'),
        (eb) => eb.fn.min('patrols.person_id').as('person_id'),
        (eb) => eb.fn.countAll().as('patrols'),
        sql<number>`sum(case when patrols.valid = 1 then 1 else 0 end)`.as('valid'),
        sql<number>`sum(case when patrols.flags <> '[]' then 1 else 0 end)`.as('flagged'),
        sql<number>`coalesce(sum(patrols.distance_m), 0)`.as('distance_m'),
        sql<number>`coalesce(sum(patrols.duration_s), 0)`.as('duration_s'),
      ])
      .where('patrols.unit_code', 'like', codePrefix(scopePrefix))
      .where('patrols.status', '=', 'ended')
      .where('patrols.started_at', '>=', from)
      .where('patrols.started_at', '<', to)
      .groupBy(key)
      .execute();
    return rows.map((r) => ({
      key: String(r.key), unitCode: r.unit_code, personId: r.person_id, patrols: Number(r.patrols), valid: Number(r.valid),
      flagged: Number(r.flagged), distanceM: Number(r.distance_m), durationS: Number(r.duration_s),
    }));
  }

  /** The tracks of valid patrols started in [from, to) in a subtree, as lon/lat lists in time order. */
  async validTracks(scopePrefix: string, from: string, to: string): Promise<[number, number][][]> {
    const rows = await this.db
      .selectFrom('patrol_fixes')
      .innerJoin('patrols', 'patrols.id', 'patrol_fixes.patrol_id')
      .select(['patrol_fixes.patrol_id', 'patrol_fixes.lon', 'patrol_fixes.lat'])
      .where('patrols.unit_code', 'like', codePrefix(scopePrefix))
      .where('patrols.valid', '=', 1)
      .where('patrols.started_at', '>=', from)
      .where('patrols.started_at', '<', to)
      .orderBy('patrol_fixes.patrol_id')
      .orderBy('patrol_fixes.t')
      .execute();
    const tracks = new Map<string, [number, number][]>();
    for (const r of rows) {
      let track = tracks.get(r.patrol_id);
      if (!track) tracks.set(r.patrol_id, (track = []));
      track.push([r.lon, r.lat]);
    }
    return [...tracks.values()];
  }

  /** Valid patrols (start time and distance) per person in a subtree and time span (duty compliance). */
  async validPatrolTimes(scopePrefix: string, from: string, to: string): Promise<Map<string, { startedAt: string; distanceM: number }[]>> {
    const rows = await this.db
      .selectFrom('patrols')
      .select(['person_id', 'started_at', 'distance_m'])
      .where('unit_code', 'like', codePrefix(scopePrefix))
      .where('valid', '=', 1)
      .where('started_at', '>=', from)
      .where('started_at', '<=', to) // up to and including the as-of moment
      .where('person_id', 'is not', null)
      .execute();
    const out = new Map<string, { startedAt: string; distanceM: number }[]>();
    for (const r of rows) {
      const list = out.get(r.person_id!) ?? [];
      list.push({ startedAt: r.started_at, distanceM: r.distance_m ?? 0 });
      out.set(r.person_id!, list);
    }
    return out;
  }

  /** The responsibility areas of a person's posts, for the in-area share. */
  async areasOfPerson(personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('areas')
      .innerJoin('posts', 'posts.id', 'areas.post_id')
      .select('areas.geom_json')
      .where('posts.person_id', '=', personId)
      .execute();
    return rows.map((r) => r.geom_json).filter((g): g is string => g !== null);
  }
}


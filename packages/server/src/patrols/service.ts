import type { MultiPolygon, Polygon } from 'geojson';
import { assessPatrol, scopePrefix, type Fix, type PatrolDetail, type PatrolObservation, type TrackFlag } from '@linzhang/domain';
import { RuleService, shanghaiDate, type RuleSource } from '../rules/service.ts';
import type { Kysely } from 'kysely';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { inScope, type Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { unitFilterPrefix } from '../db/register-service.ts';
import { FileRepository } from '../files/repository.ts';
import { PatrolRepository, type Patrol } from './repository.ts';

export type { PatrolDetail };

const CLOCK_SKEW_MS = 10 * 60_000; // a phone's clock may run a little ahead; not hours

function mergeAreas(geoms: string[]): MultiPolygon | null {
  if (geoms.length === 0) return null;
  const coordinates = geoms.flatMap((g) => {
    const parsed = JSON.parse(g) as Polygon | MultiPolygon;
    return parsed.type === 'Polygon' ? [parsed.coordinates] : parsed.coordinates;
  });
  return { type: 'MultiPolygon', coordinates };
}

/** Patrols (巡林): start, pause, resume, end, batched fixes; idempotent for retried uploads (issue 3 §1). */
export class PatrolService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly rules: RuleSource = new RuleService(store, now),
  ) {}

  async list(
    viewer: Viewer,
    query: PageRequest & { unit?: string; person?: string; from?: string; to?: string; valid?: boolean; flag?: TrackFlag },
  ): Promise<ServiceResult<PageOf<Patrol>>> {
    const unitPrefix = unitFilterPrefix(viewer, query.unit, scopePrefix);
    if (!unitPrefix) return notFound();
    if (!unitPrefix.ok) return unitPrefix;
    return success(
      await new PatrolRepository(this.store.db).list(
        { scopePrefix: viewer.scopePrefix, unitPrefix: unitPrefix.value, personId: query.person, from: query.from, to: query.to, valid: query.valid, flag: query.flag },
        query,
      ),
    );
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<PatrolDetail>> {
    const repo = new PatrolRepository(this.store.db);
    const patrol = await repo.get(id);
    if (!patrol || !inScope(viewer, patrol.unitCode)) return notFound();
    const fixes = await repo.fixes(id);
    return success({
      ...patrol,
      track: fixes.length >= 2 ? { type: 'LineString', coordinates: fixes.map((f) => [f.lon, f.lat]) } : null,
      pauses: await repo.pauses(id),
      observations: await repo.observations(id),
    });
  }

  /** Starts a patrol under a client-chosen id; starting the same id again answers the same patrol. */
  async start(viewer: Viewer, input: { id: string; startedAt: string }): Promise<ServiceResult<{ patrol: Patrol; created: boolean }>> {
    const startedMs = Date.parse(input.startedAt);
    if (Number.isNaN(startedMs)) return invalid('/body/startedAt', '时间格式无效');
    if (startedMs > this.now().getTime() + CLOCK_SKEW_MS) return invalid('/body/startedAt', '开始时间晚于当前时间');
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new PatrolRepository(trx);
      const existing = await repo.get(input.id);
      if (existing) {
        if (existing.userId !== viewer.userId) return failure({ kind: 'conflict', field: '/body/id', message: '巡林编号已被占用' });
        return success({ patrol: existing, created: false });
      }
      await repo.insert({ id: input.id, userId: viewer.userId, personId: viewer.personId, unitCode: viewer.scopeCode, startedAt: new Date(startedMs).toISOString() }, at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'patrol', entityId: input.id, after: { startedAt: input.startedAt } }, at);
      return success({ patrol: (await repo.get(input.id))!, created: true });
    });
  }

  /** The patrol, if the viewer may write to it: in scope (else 404) and their own (else 403). */
  private async own(repo: PatrolRepository, viewer: Viewer, id: string): Promise<ServiceResult<Patrol>> {
    const patrol = await repo.get(id);
    if (!patrol || !inScope(viewer, patrol.unitCode)) return notFound();
    if (patrol.userId !== viewer.userId) return forbidden();
    return success(patrol);
  }

  async addFixes(viewer: Viewer, id: string, fixes: Fix[]): Promise<ServiceResult<{ received: number; added: number }>> {
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new PatrolRepository(trx);
      const patrol = await this.own(repo, viewer, id);
      if (!patrol.ok) return patrol;
      const added = await repo.addFixes(id, fixes);
      if (added > 0 && patrol.value.status === 'ended') await this.assess(trx, patrol.value, patrol.value.endedAt!);
      return success({ received: fixes.length, added });
    });
  }

  /** May this viewer see a file? Yes when a patrol they can see shows it at one of its points. */
  async canSeeFile(viewer: Viewer, fileId: string): Promise<boolean> {
    return (await new PatrolRepository(this.store.db).unitsShowingFile(fileId)).some((u) => inScope(viewer, u));
  }

  /** Notes made at points of the track; a retried upload adds nothing twice. */
  async addObservations(viewer: Viewer, id: string, items: PatrolObservation[]): Promise<ServiceResult<{ received: number; added: number }>> {
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new PatrolRepository(trx);
      const patrol = await this.own(repo, viewer, id);
      if (!patrol.ok) return patrol;
      const owners = await repo.observationPatrols(items.map((o) => o.id));
      const clash = items.findIndex((o) => owners.has(o.id) && owners.get(o.id) !== id);
      if (clash >= 0) return failure({ kind: 'conflict', field: `/body/observations/${clash}/id`, message: '记录编号已被其他巡林使用' });
      const named = [...new Set(items.flatMap((o) => o.photos ?? []))];
      const stored = await new FileRepository(trx).many(named);
      for (const [i, o] of items.entries()) {
        const j = (o.photos ?? []).findIndex((p) => !stored.has(p));
        if (j >= 0) return invalid(`/body/observations/${i}/photos/${j}`, '照片不存在，请先上传照片');
      }
      const added = await repo.addObservations(id, items, at);
      return success({ received: items.length, added });
    });
  }

  async pause(viewer: Viewer, id: string, at: string, resume: boolean): Promise<ServiceResult<Patrol>> {
    if (Number.isNaN(Date.parse(at))) return invalid('/body/at', '时间格式无效');
    const now = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new PatrolRepository(trx);
      const patrol = await this.own(repo, viewer, id);
      if (!patrol.ok) return patrol;
      if (patrol.value.status === 'ended') return failure({ kind: 'conflict', message: '巡林已结束' });
      const iso = new Date(Date.parse(at)).toISOString();
      if (resume) await repo.closePause(id, iso);
      else await repo.openPause(id, iso);
      await repo.setStatus(id, resume ? 'active' : 'paused', now);
      return success((await repo.get(id))!);
    });
  }

  /** Ends the patrol and assesses its track; ending again re-assesses (same data, same answer). */
  async end(viewer: Viewer, id: string, endedAt: string): Promise<ServiceResult<Patrol>> {
    const endMs = Date.parse(endedAt);
    if (Number.isNaN(endMs)) return invalid('/body/endedAt', '时间格式无效');
    if (endMs > this.now().getTime() + CLOCK_SKEW_MS) return invalid('/body/endedAt', '结束时间晚于当前时间');
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new PatrolRepository(trx);
      const patrol = await this.own(repo, viewer, id);
      if (!patrol.ok) return patrol;
      if (endMs < Date.parse(patrol.value.startedAt)) return invalid('/body/endedAt', '结束时间早于开始时间');
      const iso = new Date(endMs).toISOString();
      await repo.closePause(id, iso);
      await this.assess(trx, patrol.value, iso);
      const after = (await repo.get(id))!;
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'patrol', entityId: id, before: patrol.value, after }, at);
      return success(after);
    });
  }

  private async assess(trx: Kysely<Database>, patrol: Patrol, endedAt: string): Promise<void> {
    const repo = new PatrolRepository(trx);
    const endMs = Date.parse(endedAt);
    const fixes = (await repo.fixes(patrol.id)).filter((f) => f.t >= Date.parse(patrol.startedAt) - CLOCK_SKEW_MS && f.t <= endMs);
    const pauses = (await repo.pauses(patrol.id)).map(({ startedAt, endedAt: e }) => [Date.parse(startedAt), e ? Date.parse(e) : endMs] as const);
    const area = patrol.personId ? mergeAreas(await repo.areasOfPerson(patrol.personId)) : null;
    const earlier = patrol.personId ? await repo.earlierFingerprints(patrol.personId, patrol.startedAt) : [];
    // A patrol is judged by the track rules in force on the day it started.
    const rules = await this.rules.trackRulesAt(shanghaiDate(patrol.startedAt), trx);
    const a = assessPatrol({ fixes, pauses, area, earlier, rules });
    await repo.saveAssessment(
      patrol.id,
      { endedAt, distanceM: a.distanceM, durationS: a.durationS, movingS: a.movingS, inAreaShare: a.inAreaShare, fixesKept: a.fixesKept, flags: a.flags, valid: a.valid, invalidReasons: a.invalidReasons, fingerprint: a.fingerprint },
      this.now().toISOString(),
    );
  }
}

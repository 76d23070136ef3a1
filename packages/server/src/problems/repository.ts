import type { Kysely, Selectable, Updateable } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  openStatuses, type Problem, type ProblemCategory, type ProblemEvent, type ProblemEventAction, type ProblemPhoto,
  type ProblemSeverity, type ProblemSource, type ProblemStatus, type UnitLevel,
} from '@linzhang/domain';
import type { Database, ProblemTable } from '../db/schema.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';

export type ProblemRow = Selectable<ProblemTable>;
export type NewProblemRow = Omit<ProblemTable, 'due_soon_notified' | 'escalation_count' | 'interviewed' | 'needs_field_check'> & { needs_field_check: number };

export interface ProblemFilter {
  scopePrefix: string;
  unitPrefix?: string;
  status?: ProblemStatus[];
  category?: ProblemCategory;
  source?: ProblemSource;
  assigneePersonId?: string;
  overdueAt?: string; // only problems open past their deadline at this instant
  escalated?: boolean;
  text?: string;
  reportedFrom?: string;
  reportedTo?: string;
  /** What waits for this person: their assignments, and (by role) problems to accept, verify or close. */
  todo?: { personId: string | null; userId: string; manages: boolean; reviews: boolean };
}

export class ProblemRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('problems')
      .innerJoin('units as u', 'u.code', 'problems.unit_code')
      .leftJoin('units as au', 'au.code', 'problems.assignee_unit_code')
      .leftJoin('people as ap', 'ap.id', 'problems.assignee_person_id')
      .leftJoin('people as rp', 'rp.id', 'problems.reporter_person_id')
      .selectAll('problems')
      .select((eb) => [
        'u.short_name as unit_name', 'au.short_name as assignee_unit_name', 'ap.name as assignee_person_name', 'rp.name as reporter_person_name',
        eb.selectFrom('problem_photos').select((e) => e.fn.countAll<number>().as('n')).whereRef('problem_photos.problem_id', '=', 'problems.id').as('photo_count'),
        eb.selectFrom('problem_photos').select((e) => e.fn.countAll<number>().as('n')).whereRef('problem_photos.problem_id', '=', 'problems.id')
          .where('problem_photos.findings_json', '!=', '[]').as('photo_flags'),
      ]);
  }

  private toProblem(r: ProblemRow & { unit_name: string; assignee_unit_name: string | null; assignee_person_name: string | null; reporter_person_name: string | null; photo_count: number | string | null; photo_flags: number | string | null }, asOf: string): Problem {
    const open = openStatuses.includes(r.status as ProblemStatus);
    return {
      id: r.id, category: r.category as ProblemCategory, source: r.source as ProblemSource, severity: r.severity as ProblemSeverity,
      title: r.title, description: r.description, lon: r.lon, lat: r.lat,
      geometry: r.geom_json ? (JSON.parse(r.geom_json) as Polygon | MultiPolygon) : null,
      unitCode: r.unit_code, unitName: r.unit_name, status: r.status as ProblemStatus, version: r.version,
      reportedAt: r.reported_at, deadlineAt: r.deadline_at,
      overdue: open ? r.deadline_at < asOf : r.handled_at !== null && r.handled_at > r.deadline_at,
      escalationCount: r.escalation_count, escalationLevel: r.escalation_level as UnitLevel | null, supervisionDueAt: r.supervision_due_at,
      reporterUserId: r.reporter_user_id, reporterName: r.reporter_person_name ?? r.reporter_name, reporterPhone: r.reporter_phone,
      assigneeUnitCode: r.assignee_unit_code, assigneeUnitName: r.assignee_unit_name, assigneePersonId: r.assignee_person_id,
      assigneePersonName: r.assignee_person_name, assignedAt: r.assigned_at, handledAt: r.handled_at,
      handledByUserId: r.handled_by_user_id, handledByPersonId: r.handled_by_person_id, closedAt: r.closed_at,
      needsFieldCheck: r.needs_field_check === 1, patrolId: r.patrol_id, parcelRef: r.parcel_ref, fireRef: r.fire_ref, pestRef: r.pest_ref,
      externalRef: r.external_ref, photoCount: Number(r.photo_count ?? 0), photoFlagged: Number(r.photo_flags ?? 0) > 0,
    };
  }

  async get(id: string, asOf: string): Promise<Problem | null> {
    const row = await this.base().where('problems.id', '=', id).executeTakeFirst();
    return row ? this.toProblem(row, asOf) : null;
  }

  async row(id: string): Promise<ProblemRow | null> {
    return (await this.db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  private filtered(f: ProblemFilter) {
    const scope = codePrefix(f.scopePrefix);
    let q = this.base().where((eb) => eb.or([eb('problems.unit_code', 'like', scope), eb('problems.assignee_unit_code', 'like', scope)]));
    if (f.unitPrefix) q = q.where('problems.unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.status?.length) q = q.where('problems.status', 'in', f.status);
    if (f.category) q = q.where('problems.category', '=', f.category);
    if (f.source) q = q.where('problems.source', '=', f.source);
    if (f.assigneePersonId) q = q.where('problems.assignee_person_id', '=', f.assigneePersonId);
    if (f.overdueAt) q = q.where('problems.status', 'in', [...openStatuses]).where('problems.deadline_at', '<', f.overdueAt);
    if (f.escalated) q = q.where('problems.escalation_count', '>', 0);
    if (f.reportedFrom) q = q.where('problems.reported_at', '>=', f.reportedFrom);
    if (f.reportedTo) q = q.where('problems.reported_at', '<', f.reportedTo);
    if (f.todo) {
      const t = f.todo;
      q = q.where((eb) => {
        const ors = [];
        if (t.personId) ors.push(eb.and([eb('problems.assignee_person_id', '=', t.personId), eb('problems.status', 'in', ['assigned', 'in_handling'])]));
        if (t.manages) ors.push(eb.and([eb('problems.unit_code', 'like', scope), eb('problems.status', 'in', ['reported', 'accepted', 'verified'])]));
        if (t.reviews) {
          ors.push(eb.and([
            eb('problems.unit_code', 'like', scope), eb('problems.status', '=', 'handled'),
            eb.or([eb('problems.handled_by_user_id', 'is', null), eb('problems.handled_by_user_id', '!=', t.userId)]),
          ]));
        }
        return ors.length ? eb.or(ors) : eb.val(false);
      });
    }
    if (f.text) {
      const t = containsText(f.text);
      q = q.where((eb) => eb.or([eb('problems.title', 'like', t), eb('problems.description', 'like', t), eb('problems.external_ref', 'like', t)]));
    }
    return q;
  }

  async list(f: ProblemFilter, page: PageRequest, asOf: string): Promise<PageOf<Problem>> {
    const { rows, total } = await paginate(this.filtered(f).orderBy('problems.reported_at', 'desc').orderBy('problems.id'), page);
    return { items: rows.map((r) => this.toProblem(r, asOf)), total };
  }

  /** Light rows for the map (clustered in the page); capped. */
  async points(f: ProblemFilter, limit: number): Promise<{ id: string; lon: number; lat: number; status: string; category: string; severity: string; deadlineAt: string; title: string }[]> {
    let q = this.db.selectFrom('problems').select(['id', 'lon', 'lat', 'status', 'category', 'severity', 'deadline_at', 'title']).where('unit_code', 'like', codePrefix(f.scopePrefix));
    if (f.unitPrefix) q = q.where('unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.status?.length) q = q.where('status', 'in', f.status);
    if (f.category) q = q.where('category', '=', f.category);
    if (f.source) q = q.where('source', '=', f.source);
    const rows = await q.orderBy('reported_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, lon: r.lon, lat: r.lat, status: r.status, category: r.category, severity: r.severity, deadlineAt: r.deadline_at, title: r.title }));
  }

  async insert(row: NewProblemRow): Promise<void> {
    await this.db.insertInto('problems').values(row).execute();
  }

  /** Applies `changes` only if the stored version is still `version` (optimistic lock); false when someone else got there first. */
  async updateIfVersion(id: string, version: number, changes: Omit<Updateable<ProblemTable>, 'id' | 'version'>): Promise<boolean> {
    const r = await this.db.updateTable('problems').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async existingExternalRefs(source: ProblemSource, refs: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await this.db.selectFrom('problems').select('external_ref').where('source', '=', source).where('external_ref', 'in', refs.slice(i, i + 500)).execute();
      for (const r of rows) if (r.external_ref) out.add(r.external_ref);
    }
    return out;
  }

  /** Appends a timeline entry and returns its id (serial: the order of steps taken in one millisecond is kept). */
  async insertEvent(e: { problemId: string; at: string; action: ProblemEventAction; fromStatus: string | null; toStatus: string | null; userId: string | null; note: string | null; data: unknown }): Promise<number> {
    const row = await this.db
      .insertInto('problem_events')
      .values({ problem_id: e.problemId, at: e.at, action: e.action, from_status: e.fromStatus, to_status: e.toStatus, user_id: e.userId, note: e.note, data_json: e.data == null ? null : JSON.stringify(e.data) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async events(problemId: string): Promise<ProblemEvent[]> {
    const rows = await this.db
      .selectFrom('problem_events')
      .leftJoin('users', 'users.id', 'problem_events.user_id')
      .selectAll('problem_events')
      .select('users.name as user_name')
      .where('problem_id', '=', problemId)
      .orderBy('at')
      .orderBy('problem_events.id')
      .execute();
    return rows.map((r) => ({
      id: String(r.id), at: r.at, action: r.action as ProblemEventAction, fromStatus: r.from_status as ProblemStatus | null, toStatus: r.to_status as ProblemStatus | null,
      userId: r.user_id, userName: r.user_name, note: r.note, data: r.data_json ? (JSON.parse(r.data_json) as Record<string, unknown>) : null,
    }));
  }

  async insertPhotos(rows: { id: string; problemId: string; eventId: number; fileId: string; findings: unknown[] }[], at: string): Promise<void> {
    if (!rows.length) return;
    await this.db
      .insertInto('problem_photos')
      .values(rows.map((r) => ({ id: r.id, problem_id: r.problemId, event_id: r.eventId, file_id: r.fileId, findings_json: JSON.stringify(r.findings), created_at: at })))
      .execute();
  }

  async photos(problemId: string): Promise<ProblemPhoto[]> {
    const rows = await this.db
      .selectFrom('problem_photos')
      .innerJoin('files', 'files.id', 'problem_photos.file_id')
      .select(['problem_photos.file_id', 'problem_photos.event_id', 'problem_photos.findings_json', 'files.taken_at', 'files.lon', 'files.lat'])
      .where('problem_photos.problem_id', '=', problemId)
      .orderBy('problem_photos.created_at')
      .orderBy('problem_photos.id')
      .execute();
    return rows.map((r) => ({
      fileId: r.file_id, eventId: String(r.event_id), takenAt: r.taken_at, lon: r.lon, lat: r.lat,
      findings: JSON.parse(r.findings_json) as { code: string; message: string }[],
    }));
  }

  /** Unit codes of problems that show a file (for the file read check). */
  async unitsShowingFile(fileId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('problem_photos').innerJoin('problems', 'problems.id', 'problem_photos.problem_id')
      .select('problems.unit_code').where('problem_photos.file_id', '=', fileId).execute();
    return rows.map((r) => r.unit_code);
  }

  /** Open problems whose reminder or deadline has come by `asOf` (the escalation job's candidates). */
  async dueForEscalation(asOf: string): Promise<ProblemRow[]> {
    return this.db
      .selectFrom('problems')
      .selectAll()
      .where('status', 'in', [...openStatuses])
      .where('due_soon_at', '<=', asOf)
      .where((eb) => eb.or([eb('due_soon_notified', '=', 0), eb('interviewed', '=', 0)]))
      .orderBy('deadline_at')
      .execute();
  }

  async insertInterview(i: { id: string; problemId: string; unitCode: string; personId: string | null; reason: string; dueAt: string }, at: string): Promise<void> {
    await this.db
      .insertInto('interviews')
      .values({ id: i.id, problem_id: i.problemId, unit_code: i.unitCode, person_id: i.personId, reason: i.reason, due_at: i.dueAt, held_at: null, outcome: null, created_at: at })
      .execute();
  }

  async interviews(scopePrefix: string, page: PageRequest): Promise<PageOf<{ id: string; problemId: string; problemTitle: string; unitCode: string; unitName: string; personId: string | null; personName: string | null; reason: string; dueAt: string; heldAt: string | null; outcome: string | null }>> {
    const q = this.db
      .selectFrom('interviews')
      .innerJoin('problems', 'problems.id', 'interviews.problem_id')
      .innerJoin('units', 'units.code', 'interviews.unit_code')
      .leftJoin('people', 'people.id', 'interviews.person_id')
      .select(['interviews.id', 'interviews.problem_id', 'problems.title', 'interviews.unit_code', 'units.short_name', 'interviews.person_id', 'people.name', 'interviews.reason', 'interviews.due_at', 'interviews.held_at', 'interviews.outcome'])
      .where('interviews.unit_code', 'like', codePrefix(scopePrefix))
      .orderBy('interviews.due_at', 'desc')
      .orderBy('interviews.id');
    const { rows, total } = await paginate(q, page);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id, problemId: r.problem_id, problemTitle: r.title, unitCode: r.unit_code, unitName: r.short_name, personId: r.person_id,
        personName: r.name, reason: r.reason, dueAt: r.due_at, heldAt: r.held_at, outcome: r.outcome,
      })),
    };
  }

  /** Problems found on patrol (SMART "problems found") reported in [from, to), per person, village or town. */
  async foundOnPatrol(scopePrefix: string, from: string, to: string, groupBy: 'person' | 'village' | 'town'): Promise<Map<string, { count: number; unitCode: string; personId: string | null }>> {
    const rows = await this.db
      .selectFrom('problems')
      .select(['reporter_person_id', 'unit_code'])
      .where('unit_code', 'like', codePrefix(scopePrefix))
      .where('source', '=', 'patrol')
      .where('reported_at', '>=', from)
      .where('reported_at', '<', to)
      .execute();
    const out = new Map<string, { count: number; unitCode: string; personId: string | null }>();
    for (const r of rows) {
      const key = groupBy === 'person' ? String(r.reporter_person_id) : groupBy === 'village' ? r.unit_code : r.unit_code.slice(0, 9);
      const e = out.get(key) ?? { count: 0, unitCode: r.unit_code, personId: r.reporter_person_id };
      e.count++;
      out.set(key, e);
    }
    return out;
  }

  /** Rows for statistics over problems reported in [from, to) in a subtree. */
  async forStatistics(scopePrefix: string, from: string, to: string) {
    return this.db
      .selectFrom('problems')
      .select(['unit_code', 'category', 'status', 'reported_at', 'deadline_at', 'handled_at', 'closed_at', 'escalation_count'])
      .where('unit_code', 'like', codePrefix(scopePrefix))
      .where('reported_at', '>=', from)
      .where('reported_at', '<', to)
      .execute();
  }
}

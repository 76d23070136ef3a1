import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DeadTreeStep } from '@linzhang/domain';
import type { Database, DeadTreeTable } from '../../db/schema.ts';
import { codePrefix, containsText, paginate, type PageRequest } from '../../db/paginate.ts';

export type DeadTreeRow = Selectable<DeadTreeTable> & { unit_name: string };

export interface DeadTreeFilter {
  scopePrefix: string;
  unitPrefix?: string;
  parcelId?: string;
  state?: readonly string[];
  cause?: readonly string[];
  done?: boolean;
  source?: string;
  from?: string; // found at or after (ISO)
  to?: string; // found before (ISO)
  text?: string;
}

export interface DeadTreeStepRow {
  id: string;
  step: DeadTreeStep;
  at: string;
  person: string;
  userName: string | null;
  lon: number | null;
  lat: number | null;
  photoFileId: string | null;
  data: Record<string, unknown> | null;
  note: string | null;
}

/** Per 小班 counts for the sampling rule (DOMAIN.md §6). */
export interface ParcelSamplingCounts {
  parcelId: string;
  parcelNo: string | null;
  unitCode: string;
  unitName: string;
  deadTrees: number;
  sampled: number;
  negatives: number;
  positives: number;
}

/** The dead-tree register (疫木) and its steps; the only place that speaks SQL for them. */
export class DeadTreeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db.selectFrom('dead_trees as t').innerJoin('units as u', 'u.code', 't.unit_code').selectAll('t').select('u.short_name as unit_name');
  }

  private filtered(f: DeadTreeFilter) {
    let q = this.base().where('t.unit_code', 'like', codePrefix(f.scopePrefix));
    if (f.unitPrefix) q = q.where('t.unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.parcelId) q = q.where('t.parcel_id', '=', f.parcelId);
    if (f.state?.length) q = q.where('t.state', 'in', [...f.state]);
    if (f.cause?.length) q = q.where('t.cause', 'in', [...f.cause]);
    if (f.done !== undefined) q = q.where('t.done', '=', f.done ? 1 : 0);
    if (f.source) q = q.where('t.source', '=', f.source);
    if (f.from) q = q.where('t.found_at', '>=', f.from);
    if (f.to) q = q.where('t.found_at', '<', f.to);
    if (f.text) {
      const t = containsText(f.text);
      q = q.where((eb) => eb.or([eb('t.parcel_no', 'like', t), eb('t.sample_no', 'like', t), eb('t.source_ref', 'like', t), eb('t.found_by', 'like', t), eb('t.id', 'like', t)]));
    }
    return q;
  }

  async row(id: string): Promise<DeadTreeRow | undefined> {
    return this.base().where('t.id', '=', id).executeTakeFirst();
  }

  async list(f: DeadTreeFilter, page: PageRequest): Promise<{ rows: DeadTreeRow[]; total: number }> {
    return paginate(this.filtered(f).orderBy('t.found_at', 'desc').orderBy('t.id'), page);
  }

  async all(f: DeadTreeFilter, limit: number): Promise<DeadTreeRow[]> {
    return this.filtered(f).orderBy('t.found_at', 'desc').orderBy('t.id').limit(limit).execute();
  }

  /** Counts by lifecycle state and by cause within the filter, for the page's legend. */
  async counts(f: DeadTreeFilter): Promise<{ state: string; cause: string; done: number; n: number }[]> {
    const rows = await this.filtered(f).clearSelect().select(['t.state', 't.cause', 't.done']).select((eb) => eb.fn.countAll().as('n')).groupBy(['t.state', 't.cause', 't.done']).execute();
    return rows.map((r) => ({ state: r.state, cause: r.cause, done: Number(r.done), n: Number(r.n) }));
  }

  async insert(row: Insertable<DeadTreeTable>): Promise<void> {
    await this.db.insertInto('dead_trees').values(row).execute();
  }

  async insertMany(rows: Insertable<DeadTreeTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('dead_trees').values(rows.slice(i, i + 200)).execute();
  }

  /** Applies `changes` only if the stored version is still `version` (optimistic lock). */
  async updateIfVersion(id: string, version: number, changes: Omit<Updateable<DeadTreeTable>, 'id' | 'version'>): Promise<boolean> {
    const r = await this.db.updateTable('dead_trees').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertStep(s: { treeId: string; step: string; at: string; person: string; userId: string | null; lon: number | null; lat: number | null; photoFileId: string | null; data: Record<string, unknown> | null; note: string | null }, createdAt: string): Promise<void> {
    await this.db.insertInto('dead_tree_steps').values({
      id: randomUUID(), tree_id: s.treeId, step: s.step, at: s.at, person: s.person, user_id: s.userId, lon: s.lon, lat: s.lat, photo_file_id: s.photoFileId,
      data: s.data ? JSON.stringify(s.data) : null, note: s.note, created_at: createdAt,
    }).execute();
  }

  async insertSteps(rows: { id: string; tree_id: string; step: string; at: string; person: string; user_id: string | null; lon: number | null; lat: number | null; photo_file_id: string | null; data: string | null; note: string | null; created_at: string }[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('dead_tree_steps').values(rows.slice(i, i + 200)).execute();
  }

  async steps(treeId: string): Promise<DeadTreeStepRow[]> {
    const rows = await this.db.selectFrom('dead_tree_steps as s').leftJoin('users as us', 'us.id', 's.user_id')
      .select(['s.id', 's.step', 's.at', 's.person', 's.lon', 's.lat', 's.photo_file_id', 's.data', 's.note', 's.created_at', 'us.name as user_name'])
      .where('s.tree_id', '=', treeId).orderBy('s.at').orderBy('s.created_at').execute();
    return rows.map((r) => ({
      id: r.id, step: r.step as DeadTreeStep, at: r.at, person: r.person, userName: r.user_name ?? null, lon: r.lon, lat: r.lat, photoFileId: r.photo_file_id,
      data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null, note: r.note,
    }));
  }

  async sourceRefsTaken(source: string, refs: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await this.db.selectFrom('dead_trees').select('source_ref').where('source', '=', source).where('source_ref', 'in', refs.slice(i, i + 500)).execute();
      for (const r of rows) if (r.source_ref) out.add(r.source_ref);
    }
    return out;
  }

  /** The counts the sampling rule needs for each 小班 with dead pines found in [from, to). */
  async samplingCounts(scopePrefix: string, from: string, to: string, parcelId?: string): Promise<ParcelSamplingCounts[]> {
    let q = this.db.selectFrom('dead_trees as t').innerJoin('parcels as p', 'p.id', 't.parcel_id').innerJoin('units as u', 'u.code', 'p.unit_code')
      .select(['t.parcel_id', 'p.parcel_no', 'p.unit_code', 'u.short_name as unit_name'])
      .select((eb) => [
        eb.fn.countAll().as('dead'),
        eb.fn.count('t.sampled_at').as('sampled'),
        eb.fn.sum(eb.case().when('t.outcome', '=', 'negative').then(1).else(0).end()).as('negatives'),
        eb.fn.sum(eb.case().when('t.outcome', '=', 'positive').then(1).else(0).end()).as('positives'),
      ])
      .where('t.unit_code', 'like', codePrefix(scopePrefix)).where('t.found_at', '>=', from).where('t.found_at', '<', to);
    if (parcelId) q = q.where('t.parcel_id', '=', parcelId);
    const rows = await q.groupBy(['t.parcel_id', 'p.parcel_no', 'p.unit_code', 'u.short_name']).orderBy('p.unit_code').orderBy('p.parcel_no').execute();
    return rows.map((r) => ({
      parcelId: r.parcel_id!, parcelNo: r.parcel_no, unitCode: r.unit_code, unitName: r.unit_name,
      deadTrees: Number(r.dead), sampled: Number(r.sampled), negatives: Number(r.negatives ?? 0), positives: Number(r.positives ?? 0),
    }));
  }

  /** Trees found in [from, to) that lie in no 小班 of the ledger (they cannot be planned by 小班). */
  async outsideParcels(scopePrefix: string, from: string, to: string): Promise<number> {
    const r = await this.db.selectFrom('dead_trees').select((eb) => eb.fn.countAll().as('n')).where('unit_code', 'like', codePrefix(scopePrefix))
      .where('parcel_id', 'is', null).where('found_at', '>=', from).where('found_at', '<', to).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Whether any tree of the county tested positive before `before` (ISO): the county had an infection. */
  async countyHadPositive(countyPrefix: string, before: string, exceptId: string): Promise<boolean> {
    const r = await this.db.selectFrom('dead_trees').select('id').where('unit_code', 'like', codePrefix(countyPrefix)).where('outcome', '=', 'positive')
      .where('result_at', '<', before).where('id', '!=', exceptId).limit(1).executeTakeFirst();
    return !!r;
  }

  async epidemicPeriods(countyPrefix: string): Promise<{ unitCode: string; declaredOn: string; removedOn: string | null }[]> {
    const rows = await this.db.selectFrom('epidemic_points').select(['unit_code', 'declared_on', 'removed_on']).where('unit_code', 'like', codePrefix(countyPrefix)).execute();
    return rows.map((r) => ({ unitCode: r.unit_code, declaredOn: r.declared_on, removedOn: r.removed_on }));
  }

  /** Trees with a duty that may be overdue: sampled without result, a first positive not fully reported, felled and not disposed. */
  async openDuties(): Promise<DeadTreeRow[]> {
    return this.base().where('t.done', '=', 0).where((eb) => eb.or([
      eb.and([eb('t.sampled_at', 'is not', null), eb('t.result_at', 'is', null)]),
      eb.and([eb('t.first_in_county', '=', 1), eb.or([eb('t.phone_reported_at', 'is', null), eb('t.written_report_at', 'is', null)])]),
      eb.and([eb('t.felled_at', 'is not', null), eb('t.disposed_at', 'is', null)]),
    ])).orderBy('t.found_at').execute();
  }

  async overdueDuties(treeId: string): Promise<{ duty: string; due_at: string; problem_id: string }[]> {
    return this.db.selectFrom('dead_tree_overdue').select(['duty', 'due_at', 'problem_id']).where('tree_id', '=', treeId).execute();
  }

  async overdueKeys(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('dead_tree_overdue').select(['tree_id', 'duty']).execute();
    return new Set(rows.map((r) => `${r.tree_id}|${r.duty}`));
  }

  async insertOverdue(treeId: string, duty: string, dueAt: string, problemId: string, at: string): Promise<void> {
    await this.db.insertInto('dead_tree_overdue').values({ tree_id: treeId, duty, due_at: dueAt, problem_id: problemId, created_at: at }).execute();
  }

  async creatorOf(id: string): Promise<{ id: string; created_by: string | null } | undefined> {
    return this.db.selectFrom('dead_trees').select(['id', 'created_by']).where('id', '=', id).executeTakeFirst();
  }

  /** The problem a tree may be registered from (松树异常死亡 reported on patrol, by the public…). */
  async problem(id: string): Promise<{ id: string; unit_code: string; category: string; pest_ref: string | null } | undefined> {
    return this.db.selectFrom('problems').select(['id', 'unit_code', 'category', 'pest_ref']).where('id', '=', id).executeTakeFirst();
  }

  async linkProblem(problemId: string, treeId: string, at: string): Promise<void> {
    await this.db.updateTable('problems').set({ pest_ref: treeId, updated_at: at }).where('id', '=', problemId).execute();
  }

  async overdueClaimed(treeId: string, duty: string): Promise<boolean> {
    return !!(await this.db.selectFrom('dead_tree_overdue').select('tree_id').where('tree_id', '=', treeId).where('duty', '=', duty).executeTakeFirst());
  }

  async fileExists(fileId: string): Promise<boolean> {
    return !!(await this.db.selectFrom('files').select('id').where('id', '=', fileId).executeTakeFirst());
  }

  async photoInScope(fileId: string, scopePrefix: string): Promise<boolean> {
    const hit = await this.db.selectFrom('dead_tree_steps as s').innerJoin('dead_trees as t', 't.id', 's.tree_id').select('t.id')
      .where('s.photo_file_id', '=', fileId).where('t.unit_code', 'like', codePrefix(scopePrefix)).executeTakeFirst();
    return !!hit;
  }
}

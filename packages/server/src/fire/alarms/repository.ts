import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { FireEvent, FireEventKind, FireSource, FireStatus } from '@linzhang/domain';
import type { Database, FireRecordTable } from '../../db/schema.ts';
import { codePrefix, containsText, paginate, type PageRequest } from '../../db/paginate.ts';

export type FireRow = Selectable<FireRecordTable> & { unit_name: string };

export interface FireFilter {
  scopePrefix: string;
  unitPrefix?: string;
  status?: readonly FireStatus[];
  source?: FireSource;
  from?: string; // discovered at or after (ISO)
  to?: string; // discovered before (ISO)
  text?: string;
}

/** The fire records (火情) and their timeline; the only place that speaks SQL for them. */
export class FireRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db.selectFrom('fire_records as f').innerJoin('units as u', 'u.code', 'f.unit_code').selectAll('f').select('u.short_name as unit_name');
  }

  private filtered(f: FireFilter) {
    let q = this.base().where('f.unit_code', 'like', codePrefix(f.scopePrefix));
    if (f.unitPrefix) q = q.where('f.unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.status?.length) q = q.where('f.status', 'in', [...f.status]);
    if (f.source) q = q.where('f.source', '=', f.source);
    if (f.from) q = q.where('f.discovered_at', '>=', f.from);
    if (f.to) q = q.where('f.discovered_at', '<', f.to);
    if (f.text) {
      const t = containsText(f.text);
      q = q.where((eb) => eb.or([eb('f.title', 'like', t), eb('f.description', 'like', t), eb('f.cause', 'like', t)]));
    }
    return q;
  }

  async row(id: string): Promise<FireRow | undefined> {
    return this.base().where('f.id', '=', id).executeTakeFirst();
  }

  async list(f: FireFilter, page: PageRequest): Promise<{ rows: FireRow[]; total: number }> {
    return paginate(this.filtered(f).orderBy('f.discovered_at', 'desc').orderBy('f.id'), page);
  }

  async all(f: FireFilter, limit: number): Promise<FireRow[]> {
    return this.filtered(f).orderBy('f.discovered_at', 'desc').limit(limit).execute();
  }

  async insert(row: Insertable<FireRecordTable>): Promise<void> {
    await this.db.insertInto('fire_records').values(row).execute();
  }

  /** Applies `changes` only if the stored version is still `version` (optimistic lock). */
  async updateIfVersion(id: string, version: number, changes: Omit<Updateable<FireRecordTable>, 'id' | 'version'>): Promise<boolean> {
    const r = await this.db.updateTable('fire_records').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setProblem(id: string, problemId: string): Promise<void> {
    await this.db.updateTable('fire_records').set({ problem_id: problemId }).where('id', '=', id).execute();
  }

  async insertEvent(e: { fireId: string; kind: FireEventKind; step: FireStatus | null; at: string; person: string | null; userId: string | null; note: string | null; data: Record<string, unknown> | null }, createdAt: string): Promise<void> {
    await this.db.insertInto('fire_events').values({
      id: randomUUID(), fire_id: e.fireId, kind: e.kind, step: e.step, at: e.at, person: e.person, user_id: e.userId, note: e.note,
      data: e.data ? JSON.stringify(e.data) : null, created_at: createdAt,
    }).execute();
  }

  async events(fireId: string): Promise<FireEvent[]> {
    const rows = await this.db.selectFrom('fire_events as e').leftJoin('users as us', 'us.id', 'e.user_id')
      .select(['e.id', 'e.kind', 'e.step', 'e.at', 'e.person', 'e.note', 'e.data', 'e.created_at', 'us.name as user_name'])
      .where('e.fire_id', '=', fireId).orderBy('e.at').orderBy('e.created_at').execute();
    return rows.map((r) => ({
      id: r.id, kind: r.kind as FireEventKind, step: r.step as FireStatus | null, at: r.at, person: r.person, userName: r.user_name ?? null, note: r.note,
      data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
    }));
  }

  /** The open record from a device discovered since `since`, if any (the alarm dedupe of contract C). */
  async openFromDevice(deviceId: string, since: string, openStatuses: readonly FireStatus[]): Promise<{ id: string; version: number } | undefined> {
    return this.db.selectFrom('fire_records').select(['id', 'version']).where('source', '=', 'device').where('source_ref', '=', deviceId)
      .where('discovered_at', '>=', since).where('status', 'in', [...openStatuses]).orderBy('discovered_at', 'desc').executeTakeFirst();
  }

  /** Records discovered within [from, to) inside a bbox: candidates for the hotspot duplicate check. */
  async near(bbox: [number, number, number, number], from: string, to: string): Promise<{ id: string; lon: number; lat: number; discovered_at: string; source: string; source_ref: string | null }[]> {
    return this.db.selectFrom('fire_records').select(['id', 'lon', 'lat', 'discovered_at', 'source', 'source_ref'])
      .where('lon', '>=', bbox[0]).where('lat', '>=', bbox[1]).where('lon', '<=', bbox[2]).where('lat', '<=', bbox[3])
      .where('discovered_at', '>=', from).where('discovered_at', '<', to).execute();
  }

  /** Open records (for the timer job), oldest first. */
  async open(openStatuses: readonly FireStatus[]): Promise<FireRow[]> {
    return this.base().where('f.status', 'in', [...openStatuses]).orderBy('f.discovered_at').execute();
  }

  async alertedTimers(fireId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('fire_timer_alerts').select('timer_name').where('fire_id', '=', fireId).execute();
    return new Set(rows.map((r) => r.timer_name));
  }

  async insertAlert(fireId: string, timerName: string, recipients: number, at: string): Promise<void> {
    await this.db.insertInto('fire_timer_alerts').values({ fire_id: fireId, timer_name: timerName, recipients, notified_at: at }).execute();
  }

  async problemSummary(problemId: string): Promise<{ id: string; status: string; title: string } | undefined> {
    return this.db.selectFrom('problems').select(['id', 'status', 'title']).where('id', '=', problemId).executeTakeFirst();
  }
}

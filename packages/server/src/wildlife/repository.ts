import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, WildlifeBoarDamageTable, WildlifeDailyReportTable, WildlifeStationTable } from '../db/schema.ts';
import { codePrefix, containsText, paginate, type PageRequest } from '../db/paginate.ts';

export type StationRow = Selectable<WildlifeStationTable> & { unit_name: string; supervisor_name: string | null };
export type ReportRow = Selectable<WildlifeDailyReportTable>;
export type BoarRow = Selectable<WildlifeBoarDamageTable> & { unit_name: string; station_name: string | null };

/** Who a viewer is for the station filters: their scope, and the stations they report for or supervise. */
export interface StationAccess {
  scopePrefix: string;
  userId: string;
}

export interface BoarFilter {
  scopePrefix: string;
  unitPrefix?: string;
  claimStatus?: string;
  from?: string; // occurred on or after (date)
  to?: string; // occurred on or before (date)
}

/** Wildlife epidemic monitoring (疫源疫病监测) and wild boar damage: the only place that speaks SQL for them. */
export class WildlifeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private stationBase() {
    return this.db.selectFrom('wildlife_stations as s').innerJoin('units as u', 'u.code', 's.unit_code').leftJoin('users as sup', 'sup.id', 's.supervisor_user_id')
      .selectAll('s').select(['u.short_name as unit_name', 'sup.name as supervisor_name']);
  }

  async station(id: string): Promise<StationRow | undefined> {
    return this.stationBase().where('s.id', '=', id).executeTakeFirst();
  }

  /** Stations in the scope (optionally under a unit), and those the user reports for or supervises wherever they are. */
  async stations(access: StationAccess, unitPrefix?: string): Promise<StationRow[]> {
    let q = this.stationBase().where((eb) => eb.or([
      eb('s.unit_code', 'like', codePrefix(access.scopePrefix)),
      eb('s.supervisor_user_id', '=', access.userId),
      eb('s.id', 'in', eb.selectFrom('wildlife_station_reporters').select('station_id').where('user_id', '=', access.userId)),
    ]));
    if (unitPrefix !== undefined) q = q.where('s.unit_code', 'like', codePrefix(unitPrefix));
    return q.orderBy('s.unit_code').orderBy('s.name').execute();
  }

  /** Every station active on some day from `from` on (for the missing-report job, all counties). */
  async activeStationsSince(from: string): Promise<StationRow[]> {
    return this.stationBase().where((eb) => eb.or([eb('s.active_to', 'is', null), eb('s.active_to', '>=', from)])).orderBy('s.id').execute();
  }

  async insertStation(row: Insertable<WildlifeStationTable>): Promise<void> {
    await this.db.insertInto('wildlife_stations').values(row).execute();
  }

  async updateStationIfVersion(id: string, version: number, changes: Omit<Updateable<WildlifeStationTable>, 'id' | 'version'>): Promise<boolean> {
    const r = await this.db.updateTable('wildlife_stations').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteStation(id: string): Promise<void> {
    await this.db.deleteFrom('wildlife_missing_flags').where('station_id', '=', id).execute();
    await this.db.deleteFrom('wildlife_station_reporters').where('station_id', '=', id).execute();
    await this.db.deleteFrom('wildlife_stations').where('id', '=', id).execute();
  }

  async reporters(stationIds: string[]): Promise<{ station_id: string; user_id: string; name: string; username: string }[]> {
    if (!stationIds.length) return [];
    return this.db.selectFrom('wildlife_station_reporters as r').innerJoin('users as us', 'us.id', 'r.user_id')
      .select(['r.station_id', 'r.user_id', 'us.name', 'us.username']).where('r.station_id', 'in', stationIds).orderBy('us.username').execute();
  }

  async setReporters(stationId: string, userIds: string[]): Promise<void> {
    await this.db.deleteFrom('wildlife_station_reporters').where('station_id', '=', stationId).execute();
    if (userIds.length) await this.db.insertInto('wildlife_station_reporters').values(userIds.map((u) => ({ station_id: stationId, user_id: u }))).execute();
  }

  async isReporter(stationId: string, userId: string): Promise<boolean> {
    return !!(await this.db.selectFrom('wildlife_station_reporters').select('user_id').where('station_id', '=', stationId).where('user_id', '=', userId).executeTakeFirst());
  }

  async users(ids: string[]): Promise<{ id: string; name: string; scope_unit_code: string; disabled: number }[]> {
    if (!ids.length) return [];
    return this.db.selectFrom('users').select(['id', 'name', 'scope_unit_code', 'disabled']).where('id', 'in', ids).execute();
  }

  /** Active users whose scope lies in the prefix, matching a name or username (for picking reporters and supervisors). */
  async usersIn(scopePrefix: string, text: string | undefined, limit: number): Promise<{ id: string; name: string; username: string; roles: string }[]> {
    let q = this.db.selectFrom('users').select(['id', 'name', 'username', 'roles']).where('scope_unit_code', 'like', codePrefix(scopePrefix)).where('disabled', '=', 0);
    if (text) q = q.where((eb) => eb.or([eb('name', 'like', containsText(text)), eb('username', 'like', containsText(text))]));
    return q.orderBy('username').limit(limit).execute();
  }

  async unit(code: string): Promise<{ code: string; short_name: string } | undefined> {
    return this.db.selectFrom('units').select(['code', 'short_name']).where('code', '=', code).executeTakeFirst();
  }

  async reportCount(stationId: string): Promise<number> {
    const r = await this.db.selectFrom('wildlife_daily_reports').select((eb) => eb.fn.countAll<number>().as('n')).where('station_id', '=', stationId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async hasBoarDamages(stationId: string): Promise<boolean> {
    return !!(await this.db.selectFrom('wildlife_boar_damages').select('id').where('station_id', '=', stationId).executeTakeFirst());
  }

  async report(id: string): Promise<ReportRow | undefined> {
    return this.db.selectFrom('wildlife_daily_reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async reportOn(stationId: string, date: string): Promise<ReportRow | undefined> {
    return this.db.selectFrom('wildlife_daily_reports').selectAll().where('station_id', '=', stationId).where('date', '=', date).executeTakeFirst();
  }

  /** The reports of the stations from `from` to `to` (dates, inclusive), by station and day. */
  async reports(stationIds: string[], from: string, to: string): Promise<ReportRow[]> {
    if (!stationIds.length) return [];
    return this.db.selectFrom('wildlife_daily_reports').selectAll().where('station_id', 'in', stationIds).where('date', '>=', from).where('date', '<=', to)
      .orderBy('station_id').orderBy('date').execute();
  }

  async insertReport(row: Insertable<WildlifeDailyReportTable>): Promise<void> {
    await this.db.insertInto('wildlife_daily_reports').values(row).execute();
  }

  async updateReportIfVersion(id: string, version: number, changes: Omit<Updateable<WildlifeDailyReportTable>, 'id' | 'version'>): Promise<boolean> {
    const r = await this.db.updateTable('wildlife_daily_reports').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setReportProblem(id: string, problemId: string): Promise<void> {
    await this.db.updateTable('wildlife_daily_reports').set({ problem_id: problemId }).where('id', '=', id).execute();
  }

  async flags(stationIds: string[], from: string, to: string): Promise<{ station_id: string; date: string; flagged_at: string; recipients: number }[]> {
    if (!stationIds.length) return [];
    return this.db.selectFrom('wildlife_missing_flags').select(['station_id', 'date', 'flagged_at', 'recipients']).where('station_id', 'in', stationIds)
      .where('date', '>=', from).where('date', '<=', to).execute();
  }

  /** Marks a missed (station, day) once; false when it was already marked (by an earlier or a concurrent run). */
  async insertFlag(f: { stationId: string; date: string; cutoffAt: string; at: string; recipients: number }): Promise<boolean> {
    const r = await this.db.insertInto('wildlife_missing_flags')
      .values({ station_id: f.stationId, date: f.date, cutoff_at: f.cutoffAt, flagged_at: f.at, recipients: f.recipients })
      .onConflict((oc) => oc.columns(['station_id', 'date']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  private boarBase() {
    return this.db.selectFrom('wildlife_boar_damages as b').innerJoin('units as u', 'u.code', 'b.unit_code').leftJoin('wildlife_stations as s', 's.id', 'b.station_id')
      .selectAll('b').select(['u.short_name as unit_name', 's.name as station_name']);
  }

  async boarDamage(id: string): Promise<BoarRow | undefined> {
    return this.boarBase().where('b.id', '=', id).executeTakeFirst();
  }

  async boarDamages(f: BoarFilter, page: PageRequest): Promise<{ rows: BoarRow[]; total: number }> {
    let q = this.boarBase().where('b.unit_code', 'like', codePrefix(f.scopePrefix));
    if (f.unitPrefix) q = q.where('b.unit_code', 'like', codePrefix(f.unitPrefix));
    if (f.claimStatus) q = q.where('b.claim_status', '=', f.claimStatus);
    if (f.from) q = q.where('b.occurred_on', '>=', f.from);
    if (f.to) q = q.where('b.occurred_on', '<=', f.to);
    return paginate(q.orderBy('b.occurred_on', 'desc').orderBy('b.id'), page);
  }

  async insertBoarDamage(row: Insertable<WildlifeBoarDamageTable>): Promise<void> {
    await this.db.insertInto('wildlife_boar_damages').values(row).execute();
  }

  async updateBoarIfVersion(id: string, version: number, changes: Omit<Updateable<WildlifeBoarDamageTable>, 'id' | 'version'>): Promise<boolean> {
    const r = await this.db.updateTable('wildlife_boar_damages').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async problemSummary(id: string): Promise<{ id: string; status: string; title: string } | undefined> {
    return this.db.selectFrom('problems').select(['id', 'status', 'title']).where('id', '=', id).executeTakeFirst();
  }
}

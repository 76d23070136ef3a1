import type { Insertable, Kysely } from 'kysely';
import type { Database, WorkplanTargetReportTable, WorkplanTargetTrackingTable } from '../db/schema.ts';

/** A plan target with its task and plan, as the tracking service reads it. */
export interface TargetRow {
  id: string;
  plan_id: string;
  task_id: string;
  position: number;
  subject: string;
  value: number;
  unit: string;
  op: string;
  text: string;
  task_number: string | null;
  task_title: string;
  task_deadline: string | null;
  plan_unit_code: string;
  plan_year: number;
  plan_title: string;
}

/** SQL of target tracking (issue 8 §2): owners and measure, progress reports, evidence files, urged reports. */
export class WorkPlanTargetRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private targets() {
    return this.db.selectFrom('workplan_targets as g')
      .innerJoin('workplan_tasks as t', 't.id', 'g.task_id')
      .innerJoin('workplans as p', 'p.id', 'g.plan_id')
      .select(['g.id', 'g.plan_id', 'g.task_id', 'g.position', 'g.subject', 'g.value', 'g.unit', 'g.op', 'g.text',
        't.number as task_number', 't.title as task_title', 't.deadline as task_deadline', 'p.unit_code as plan_unit_code', 'p.year as plan_year', 'p.title as plan_title']);
  }

  async target(id: string): Promise<TargetRow | null> {
    const row = await this.targets().where('g.id', '=', id).executeTakeFirst();
    return row ? { ...row, value: Number(row.value) } : null;
  }

  async targetsOf(planId: string): Promise<TargetRow[]> {
    const rows = await this.targets().where('g.plan_id', '=', planId).orderBy('g.position').execute();
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  }

  async tracking(targetIds: string[]) {
    if (!targetIds.length) return [];
    return this.db.selectFrom('workplan_target_tracking').selectAll().where('target_id', 'in', targetIds).execute();
  }

  async allTracking() {
    return this.db.selectFrom('workplan_target_tracking').select(['target_id', 'owner_person_id', 'owner_unit_codes', 'closed_at']).execute();
  }

  /**
   * Writes a target's tracking: a first one, or over the version read (`fromVersion`). False when someone else wrote
   * it in between — the version moved, or a first tracking was stored meanwhile.
   */
  async upsertTracking(row: WorkplanTargetTrackingTable, fromVersion: number | null): Promise<boolean> {
    if (fromVersion === null) {
      const r = await this.db.insertInto('workplan_target_tracking').values(row).onConflict((oc) => oc.column('target_id').doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
    }
    const { target_id, ...rest } = row;
    const r = await this.db.updateTable('workplan_target_tracking').set(rest).where('target_id', '=', target_id).where('version', '=', fromVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Ticks a target off (`closed.at` set) or undoes it (null), over the version read and only from the other state;
   * false when someone else changed it in between.
   */
  async setClosed(targetId: string, closed: { at: string | null; by: string | null; note: string | null }, fromVersion: number, at: string): Promise<boolean> {
    const r = await this.db.updateTable('workplan_target_tracking')
      .set({ closed_at: closed.at, closed_by: closed.by, close_note: closed.note, version: fromVersion + 1, updated_by: closed.by, updated_at: at })
      .where('target_id', '=', targetId).where('version', '=', fromVersion).where('closed_at', closed.at === null ? 'is not' : 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async reports(targetIds: string[]) {
    if (!targetIds.length) return [];
    return this.db.selectFrom('workplan_target_reports as r').leftJoin('users as u', 'u.id', 'r.reported_by')
      .select(['r.id', 'r.target_id', 'r.period_key', 'r.value', 'r.unit', 'r.note', 'r.reported_by', 'r.reported_at', 'r.version', 'u.name as reporter_name'])
      .where('r.target_id', 'in', targetIds).orderBy('r.period_key').execute();
  }

  async report(targetId: string, periodKey: string) {
    return this.db.selectFrom('workplan_target_reports').selectAll().where('target_id', '=', targetId).where('period_key', '=', periodKey).executeTakeFirst();
  }

  async insertReport(row: Insertable<WorkplanTargetReportTable>): Promise<void> {
    await this.db.insertInto('workplan_target_reports').values(row).execute();
  }

  async replaceReport(id: string, changes: { value: number | null; unit: string | null; note: string; reported_by: string | null; reported_at: string; version: number }): Promise<void> {
    await this.db.updateTable('workplan_target_reports').set(changes).where('id', '=', id).execute();
  }

  async files(targetIds: string[]) {
    if (!targetIds.length) return [];
    return this.db.selectFrom('workplan_target_files').selectAll().where('target_id', 'in', targetIds).orderBy('added_at').execute();
  }

  async addFiles(rows: { target_id: string; file_id: string; report_id: string | null; added_by: string | null; added_at: string }[]): Promise<void> {
    if (rows.length) await this.db.insertInto('workplan_target_files').values(rows).execute();
  }

  /** A plan's id and unit, or undefined. */
  plan(planId: string): Promise<{ id: string; unit_code: string } | undefined> {
    return this.db.selectFrom('workplans').select(['id', 'unit_code']).where('id', '=', planId).executeTakeFirst();
  }

  /** The short names of the units among `codes` that exist. */
  async unitNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', codes).execute();
    return new Map(rows.map((u) => [u.code, u.short_name]));
  }

  /** The names of the people among `ids`. */
  async personNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('people').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((p) => [p.id, p.name]));
  }

  async person(id: string) {
    return this.db.selectFrom('people').select(['id', 'unit_code']).where('id', '=', id).executeTakeFirst();
  }

  /** The plans (their units) that show a file as a target's evidence or report attachment. */
  async planUnitsShowingFile(fileId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('workplan_target_files as f').innerJoin('workplan_targets as g', 'g.id', 'f.target_id').innerJoin('workplans as p', 'p.id', 'g.plan_id')
      .select('p.unit_code').where('f.file_id', '=', fileId).execute();
    return rows.map((r) => r.unit_code);
  }

  async urges(targetIds: string[]) {
    if (!targetIds.length) return [];
    return this.db.selectFrom('workplan_target_urges').selectAll().where('target_id', 'in', targetIds).orderBy('period_key').execute();
  }

  /** Open tracked targets with a report schedule: what the overdue-report job looks at. */
  async scheduled() {
    return this.db.selectFrom('workplan_target_tracking as k')
      .innerJoin('workplan_targets as g', 'g.id', 'k.target_id').innerJoin('workplan_tasks as t', 't.id', 'g.task_id').innerJoin('workplans as p', 'p.id', 'g.plan_id')
      .select(['k.target_id', 'k.report_every', 'k.due_on', 'k.owner_person_id', 'k.owner_unit_codes', 't.deadline as task_deadline', 'g.subject', 'g.text', 'p.year', 'p.unit_code', 'p.title as plan_title'])
      .where('k.report_every', 'is not', null).where('k.closed_at', 'is', null).execute();
  }

  async insertUrge(row: { target_id: string; period_key: string; urged_at: string; notified: number }): Promise<void> {
    await this.db.insertInto('workplan_target_urges').values(row).execute();
  }
}

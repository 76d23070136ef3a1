import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { codePrefix, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';

import type { DutyReport } from '@linzhang/domain';

export type { DutyReport };

export class DutyReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('duty_reports')
      .innerJoin('units', 'units.code', 'duty_reports.unit_code')
      .leftJoin('people', 'people.id', 'duty_reports.person_id')
      .select([
        'duty_reports.id', 'duty_reports.user_id', 'duty_reports.person_id', 'duty_reports.unit_code', 'duty_reports.title',
        'duty_reports.content', 'duty_reports.submitted_at', 'units.short_name as unit_name', 'people.name as person_name',
      ]);
  }

  private toReport(r: { id: string; user_id: string; person_id: string | null; unit_code: string; title: string; content: string; submitted_at: string; unit_name: string; person_name: string | null }): DutyReport {
    return {
      id: r.id, userId: r.user_id, personId: r.person_id, personName: r.person_name, unitCode: r.unit_code, unitName: r.unit_name,
      title: r.title, content: r.content, submittedAt: r.submitted_at,
    };
  }

  async get(id: string): Promise<DutyReport | null> {
    const row = await this.base().where('duty_reports.id', '=', id).executeTakeFirst();
    return row ? this.toReport(row) : null;
  }

  async list(filter: { scopePrefix: string; unitPrefix?: string }, page: PageRequest): Promise<PageOf<DutyReport>> {
    let q = this.base().where('duty_reports.unit_code', 'like', codePrefix(filter.scopePrefix));
    if (filter.unitPrefix) q = q.where('duty_reports.unit_code', 'like', codePrefix(filter.unitPrefix));
    const { rows, total } = await paginate(q.orderBy('duty_reports.submitted_at', 'desc').orderBy('duty_reports.id'), page);
    return { items: rows.map((r) => this.toReport(r)), total };
  }

  async insert(r: Omit<DutyReport, 'personName' | 'unitName'>, at: string): Promise<void> {
    await this.db
      .insertInto('duty_reports')
      .values({ id: r.id, user_id: r.userId, person_id: r.personId, unit_code: r.unitCode, title: r.title, content: r.content, submitted_at: r.submittedAt, created_at: at })
      .execute();
  }

  async insertMany(rows: Omit<DutyReport, 'personName' | 'unitName'>[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('duty_reports')
        .values(rows.slice(i, i + 500).map((r) => ({ id: r.id, user_id: r.userId, person_id: r.personId, unit_code: r.unitCode, title: r.title, content: r.content, submitted_at: r.submittedAt, created_at: at })))
        .execute();
    }
  }

  /** Submission times per person in a subtree from `from` up to and including `to` (report-duty compliance). */
  async submissionTimes(scopePrefix: string, from: string, to: string): Promise<Map<string, string[]>> {
    const rows = await this.db
      .selectFrom('duty_reports')
      .select(['person_id', 'submitted_at'])
      .where('unit_code', 'like', codePrefix(scopePrefix))
      .where('submitted_at', '>=', from)
      .where('submitted_at', '<=', to) // up to and including the as-of moment
      .where('person_id', 'is not', null)
      .execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.person_id!, [...(out.get(r.person_id!) ?? []), r.submitted_at]);
    return out;
  }
}

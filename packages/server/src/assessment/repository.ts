import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AssessmentManualScoreTable, AssessmentResultTable, AssessmentSchemeTable, Database } from '../db/schema.ts';
import { codePrefix } from '../db/paginate.ts';
import { isPostgres } from '../db/engine-of.ts';

export interface SchemeRow { id: string; unit_code: string; year: number; version: number; title: string; items_json: string; created_at: string; short_name: string }

type Db = Kysely<Database> | Transaction<Database>;

/** SQL of the assessment (issue 8 §3): schemes and their versions, the assessor's manual points, finalised quarters. */
export class AssessmentRepository {
  constructor(private readonly db: Db) {}

  private schemes() {
    return this.db.selectFrom('assessment_schemes as s').innerJoin('units as u', 'u.code', 's.unit_code')
      .select(['s.id', 's.unit_code', 's.year', 's.version', 's.title', 's.items_json', 's.created_at', 'u.short_name']);
  }

  scheme(id: string): Promise<SchemeRow | undefined> {
    return this.schemes().where('s.id', '=', id).executeTakeFirst();
  }

  /**
   * Inside a transaction, takes the scheme's row as the lock every write of its manual points and finalisations takes
   * on PostgreSQL, so a manual score and a finalisation of the same scheme run one after the other (under READ
   * COMMITTED each could otherwise miss the other's write). SQLite writes through one connection, one at a time.
   */
  async lockScheme(id: string): Promise<void> {
    if (!isPostgres(this.db as Kysely<unknown>)) return;
    await this.db.selectFrom('assessment_schemes').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** A unit's latest scheme: latest year, then version. */
  latestOf(unitCode: string): Promise<SchemeRow | undefined> {
    return this.schemes().where('s.unit_code', '=', unitCode).orderBy('s.year', 'desc').orderBy('s.version', 'desc').executeTakeFirst();
  }

  schemesIn(prefix: string, year: number | undefined): Promise<SchemeRow[]> {
    let q = this.schemes().where('s.unit_code', 'like', codePrefix(prefix));
    if (year !== undefined) q = q.where('s.year', '=', year);
    return q.orderBy('s.year', 'desc').orderBy('s.unit_code').orderBy('s.version', 'desc').execute();
  }

  lastVersion(unitCode: string, year: number): Promise<{ id: string; version: number } | undefined> {
    return this.db.selectFrom('assessment_schemes').select(['id', 'version']).where('unit_code', '=', unitCode).where('year', '=', year).orderBy('version', 'desc').executeTakeFirst();
  }

  async insertScheme(row: Insertable<AssessmentSchemeTable>): Promise<void> {
    await this.db.insertInto('assessment_schemes').values(row).execute();
  }

  unit(code: string): Promise<{ code: string; level: string } | undefined> {
    return this.db.selectFrom('units').select(['code', 'level']).where('code', '=', code).executeTakeFirst();
  }

  /** The units a scheme of `unitCode` assesses: the next level, by code. */
  towns(unitCode: string): Promise<{ code: string; short_name: string }[]> {
    return this.db.selectFrom('units').select(['code', 'short_name']).where('parent_code', '=', unitCode).orderBy('code').execute();
  }

  manualScores(schemeId: string, period?: string) {
    let q = this.db.selectFrom('assessment_manual_scores').selectAll().where('scheme_id', '=', schemeId);
    if (period !== undefined) q = q.where('period_key', '=', period);
    return q.execute();
  }

  manualScore(key: { scheme_id: string; period_key: string; unit_code: string; item_key: string }) {
    return this.db.selectFrom('assessment_manual_scores').selectAll().where('scheme_id', '=', key.scheme_id).where('period_key', '=', key.period_key)
      .where('unit_code', '=', key.unit_code).where('item_key', '=', key.item_key).executeTakeFirst();
  }

  async insertManual(rows: Insertable<AssessmentManualScoreTable>[]): Promise<void> {
    if (rows.length) await this.db.insertInto('assessment_manual_scores').values(rows).execute();
  }

  async updateManual(row: Insertable<AssessmentManualScoreTable>): Promise<void> {
    await this.db.updateTable('assessment_manual_scores').set({ points: row.points, note: row.note, entered_by: row.entered_by ?? null, entered_at: row.entered_at })
      .where('scheme_id', '=', row.scheme_id).where('period_key', '=', row.period_key).where('unit_code', '=', row.unit_code).where('item_key', '=', row.item_key).execute();
  }

  /** The finalised scores of a scheme's quarter at a level, or of all its quarters. */
  results(schemeId: string, filter: { period?: string; level?: string } = {}) {
    let q = this.db.selectFrom('assessment_results').selectAll().where('scheme_id', '=', schemeId);
    if (filter.period !== undefined) q = q.where('period_key', '=', filter.period);
    if (filter.level !== undefined) q = q.where('level', '=', filter.level);
    return q.orderBy('period_key').execute();
  }

  async insertResults(rows: Insertable<AssessmentResultTable>[]): Promise<void> {
    await this.db.insertInto('assessment_results').values(rows).execute();
  }

  /** Withdraws a quarter's finalisation; how many rows went (0: it was not finalised, or someone withdrew it first). */
  async deleteResults(schemeId: string, period: string): Promise<number> {
    const r = await this.db.deleteFrom('assessment_results').where('scheme_id', '=', schemeId).where('period_key', '=', period).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

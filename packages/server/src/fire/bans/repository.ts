import type { Kysely, Selectable } from 'kysely';
import type { FireOrderKind, SuggestionDay } from '@linzhang/domain';
import type { Database, FireBanSuggestionTable, FireOrderTable, FireSeasonTable } from '../../db/schema.ts';
import { codePrefix } from '../../db/paginate.ts';

export interface FireSeasonRow { id: string; unitCode: string; unitName: string; year: number; startsOn: string; endsOn: string; note: string | null; updatedAt: string }
export interface FireOrderRow {
  id: string; countyCode: string; kind: FireOrderKind; docNo: string; title: string; body: string; startsAt: string; endsAt: string; areas: string[]; issuer: string;
  status: 'draft' | 'issued' | 'lifted'; suggestionId: string | null; issuedAt: string | null; liftedAt: string | null; liftReason: string | null; createdAt: string; updatedAt: string;
}
export interface FireBanSuggestionRow {
  id: string; countyCode: string; startsOn: string; endsOn: string; areas: string[]; days: SuggestionDay[]; peakLevel: number; ruleMinLevel: number; ruleMinDays: number;
  status: 'pending' | 'converted' | 'dismissed'; orderId: string | null; dismissReason: string | null; decidedAt: string | null; createdAt: string; updatedAt: string;
}

const toOrder = (r: Selectable<FireOrderTable>): FireOrderRow => ({
  id: r.id, countyCode: r.county_code, kind: r.kind as FireOrderKind, docNo: r.doc_no, title: r.title, body: r.body, startsAt: r.starts_at, endsAt: r.ends_at,
  areas: JSON.parse(r.areas) as string[], issuer: r.issuer, status: r.status as FireOrderRow['status'], suggestionId: r.suggestion_id, issuedAt: r.issued_at,
  liftedAt: r.lifted_at, liftReason: r.lift_reason, createdAt: r.created_at, updatedAt: r.updated_at,
});
const toSuggestion = (r: Selectable<FireBanSuggestionTable>): FireBanSuggestionRow => ({
  id: r.id, countyCode: r.county_code, startsOn: r.starts_on, endsOn: r.ends_on, areas: JSON.parse(r.areas) as string[], days: JSON.parse(r.days) as SuggestionDay[],
  peakLevel: r.peak_level, ruleMinLevel: r.rule_min_level, ruleMinDays: r.rule_min_days, status: r.status as FireBanSuggestionRow['status'], orderId: r.order_id,
  dismissReason: r.dismiss_reason, decidedAt: r.decided_at, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Fire seasons, fire orders and ban suggestions (issue 6 §4). */
export class FireBanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async seasons(prefix: string, year: number | undefined): Promise<FireSeasonRow[]> {
    let q = this.db.selectFrom('fire_seasons as s').innerJoin('units as u', 'u.code', 's.unit_code').selectAll('s').select('u.short_name')
      .where('s.unit_code', 'like', codePrefix(prefix));
    if (year !== undefined) q = q.where('s.year', '=', year);
    const rows = await q.orderBy('s.year', 'desc').orderBy('s.unit_code').execute();
    return rows.map((r) => ({ id: r.id, unitCode: r.unit_code, unitName: r.short_name, year: r.year, startsOn: r.starts_on, endsOn: r.ends_on, note: r.note, updatedAt: r.updated_at }));
  }

  async seasonOf(unitCode: string, year: number): Promise<Selectable<FireSeasonTable> | undefined> {
    return this.db.selectFrom('fire_seasons').selectAll().where('unit_code', '=', unitCode).where('year', '=', year).executeTakeFirst();
  }

  async saveSeason(row: Omit<Selectable<FireSeasonTable>, 'created_at' | 'created_by'>, existing: boolean, by: string, at: string): Promise<void> {
    if (existing) await this.db.updateTable('fire_seasons').set({ starts_on: row.starts_on, ends_on: row.ends_on, note: row.note, updated_at: row.updated_at }).where('id', '=', row.id).execute();
    else await this.db.insertInto('fire_seasons').values({ ...row, created_by: by, created_at: at }).execute();
  }

  async orders(countyPrefix: string): Promise<FireOrderRow[]> {
    const rows = await this.db.selectFrom('fire_orders').selectAll().where('county_code', 'like', codePrefix(countyPrefix)).orderBy('starts_at', 'desc').orderBy('doc_no').execute();
    return rows.map(toOrder);
  }

  async order(id: string): Promise<FireOrderRow | null> {
    const r = await this.db.selectFrom('fire_orders').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toOrder(r) : null;
  }

  async docNoTaken(countyCode: string, docNo: string, exceptId: string | null): Promise<boolean> {
    const r = await this.db.selectFrom('fire_orders').select('id').where('county_code', '=', countyCode).where('doc_no', '=', docNo).executeTakeFirst();
    return !!r && r.id !== exceptId;
  }

  /** Issued orders whose period has not ended by `at` (in force now or later); the caller checks the start. */
  async issuedNotEnded(at: string): Promise<FireOrderRow[]> {
    const rows = await this.db.selectFrom('fire_orders').selectAll().where('status', '=', 'issued').where('ends_at', '>', at).orderBy('starts_at').execute();
    return rows.map(toOrder);
  }

  async insertOrder(o: FireOrderRow, by: string): Promise<void> {
    await this.db.insertInto('fire_orders').values({
      id: o.id, county_code: o.countyCode, kind: o.kind, doc_no: o.docNo, title: o.title, body: o.body, starts_at: o.startsAt, ends_at: o.endsAt, areas: JSON.stringify(o.areas),
      issuer: o.issuer, status: o.status, suggestion_id: o.suggestionId, issued_at: o.issuedAt, lifted_at: o.liftedAt, lift_reason: o.liftReason, created_by: by,
      created_at: o.createdAt, updated_at: o.updatedAt,
    }).execute();
  }

  async updateOrder(o: FireOrderRow): Promise<void> {
    await this.db.updateTable('fire_orders').set({
      kind: o.kind, doc_no: o.docNo, title: o.title, body: o.body, starts_at: o.startsAt, ends_at: o.endsAt, areas: JSON.stringify(o.areas), issuer: o.issuer,
      status: o.status, issued_at: o.issuedAt, lifted_at: o.liftedAt, lift_reason: o.liftReason, updated_at: o.updatedAt,
    }).where('id', '=', o.id).execute();
  }

  async suggestions(countyPrefix: string): Promise<FireBanSuggestionRow[]> {
    const rows = await this.db.selectFrom('fire_ban_suggestions').selectAll().where('county_code', 'like', codePrefix(countyPrefix)).orderBy('starts_on', 'desc').execute();
    return rows.map(toSuggestion);
  }

  async suggestion(id: string): Promise<FireBanSuggestionRow | null> {
    const r = await this.db.selectFrom('fire_ban_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toSuggestion(r) : null;
  }

  /** A county's suggestion whose run overlaps or touches [from, to] (the same spell of dry weather). */
  async suggestionTouching(countyCode: string, from: string, to: string): Promise<FireBanSuggestionRow | null> {
    const r = await this.db.selectFrom('fire_ban_suggestions').selectAll().where('county_code', '=', countyCode).where('starts_on', '<=', to).where('ends_on', '>=', from)
      .orderBy('starts_on').executeTakeFirst();
    return r ? toSuggestion(r) : null;
  }

  async insertSuggestion(s: FireBanSuggestionRow): Promise<void> {
    await this.db.insertInto('fire_ban_suggestions').values({
      id: s.id, county_code: s.countyCode, starts_on: s.startsOn, ends_on: s.endsOn, areas: JSON.stringify(s.areas), days: JSON.stringify(s.days), peak_level: s.peakLevel,
      rule_min_level: s.ruleMinLevel, rule_min_days: s.ruleMinDays, status: s.status, order_id: s.orderId, dismiss_reason: s.dismissReason, decided_by: null,
      decided_at: s.decidedAt, created_at: s.createdAt, updated_at: s.updatedAt,
    }).execute();
  }

  async updateSuggestion(s: FireBanSuggestionRow, decidedBy: string | null): Promise<void> {
    await this.db.updateTable('fire_ban_suggestions').set({
      starts_on: s.startsOn, ends_on: s.endsOn, areas: JSON.stringify(s.areas), days: JSON.stringify(s.days), peak_level: s.peakLevel, status: s.status, order_id: s.orderId,
      dismiss_reason: s.dismissReason, ...(decidedBy ? { decided_by: decidedBy } : {}), decided_at: s.decidedAt, updated_at: s.updatedAt,
    }).where('id', '=', s.id).execute();
  }

  async unitNames(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', [...new Set(codes)]).execute();
    return new Map(rows.map((r) => [r.code, r.short_name]));
  }

  async counties(): Promise<string[]> {
    return (await this.db.selectFrom('units').select('code').where('level', '=', 'county').orderBy('code').execute()).map((r) => r.code);
  }
}

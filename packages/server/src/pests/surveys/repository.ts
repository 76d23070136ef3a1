import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, PestSurveyCampaignTable, PestSurveyParcelTable } from '../../db/schema.ts';
import { codePrefix, containsText, paginate, type PageRequest } from '../../db/paginate.ts';

export type CampaignRow = Selectable<PestSurveyCampaignTable> & { unit_name: string };

export interface GridFilter {
  unitPrefix: string; // the part of the campaign the viewer sees
  ledgerYear: number;
  pineSpecies: readonly string[];
}

export interface ParcelFilter extends GridFilter {
  status?: 'surveyed' | 'outstanding' | undefined;
  text?: string | undefined;
}

export interface SurveyedRecordRow {
  parcel_id: string;
  unit_code: string;
  parcel_no: string;
  pine_area_m2: number;
  infected: number;
  occurrence_m2: number | null;
  surveyed_on: string;
}

const n = (v: unknown): number => Number(v ?? 0);

/** Survey campaigns, the 小班 they surveyed, and the reads of the ledger and the dead-tree register they need. */
export class SurveyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private campaignBase() {
    return this.db.selectFrom('pest_survey_campaigns as c').innerJoin('units as u', 'u.code', 'c.unit_code').selectAll('c').select('u.short_name as unit_name');
  }

  /** Campaigns of units under `prefix` or of the units above it (`ancestors`: a county campaign covers its towns). */
  async campaigns(prefix: string, ancestors: readonly string[], filter: { year?: number | undefined; season?: string | undefined }): Promise<CampaignRow[]> {
    let q = this.campaignBase().where((eb) => eb.or([eb('c.unit_code', 'like', codePrefix(prefix)), ...(ancestors.length ? [eb('c.unit_code', 'in', [...ancestors])] : [])]));
    if (filter.year) q = q.where('c.year', '=', filter.year);
    if (filter.season) q = q.where('c.season', '=', filter.season);
    return q.orderBy('c.year', 'desc').orderBy('c.starts_on', 'desc').orderBy('c.unit_code').execute();
  }

  async campaign(id: string): Promise<CampaignRow | undefined> {
    return this.campaignBase().where('c.id', '=', id).executeTakeFirst();
  }

  async campaignAt(unitCode: string, year: number, season: string): Promise<{ id: string } | undefined> {
    return this.db.selectFrom('pest_survey_campaigns').select('id').where('unit_code', '=', unitCode).where('year', '=', year).where('season', '=', season).executeTakeFirst();
  }

  async insertCampaign(row: Insertable<PestSurveyCampaignTable>): Promise<void> {
    await this.db.insertInto('pest_survey_campaigns').values(row).execute();
  }

  /** The ledger year a campaign of `year` works from: the latest up to it, else the earliest there is. */
  async ledgerYearFor(prefix: string, year: number): Promise<number | null> {
    const base = this.db.selectFrom('parcels').where('unit_code', 'like', codePrefix(prefix));
    const before = await base.select((eb) => eb.fn.max('year').as('y')).where('year', '<=', year).executeTakeFirst();
    if (before?.y != null) return Number(before.y);
    const after = await base.select((eb) => eb.fn.min('year').as('y')).executeTakeFirst();
    return after?.y == null ? null : Number(after.y);
  }

  /** Per village: the pine 小班 of the grid, how many of them the campaign surveyed, and the extra ones surveyed. */
  async villageCounts(campaignId: string, f: GridFilter) {
    const grid = await this.db.selectFrom('parcels as p')
      .leftJoin('pest_survey_parcels as r', (j) => j.onRef('r.parcel_id', '=', 'p.id').on('r.campaign_id', '=', campaignId))
      .select(['p.unit_code', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('p.area_m2').as('area'), (eb) => eb.fn.count('r.parcel_id').as('done'),
        sql<number>`sum(case when r.parcel_id is null then 0 else p.area_m2 end)`.as('done_area')])
      .where('p.year', '=', f.ledgerYear).where('p.unit_code', 'like', codePrefix(f.unitPrefix)).where('p.dominant_species', 'in', [...f.pineSpecies])
      .groupBy('p.unit_code').execute();
    const extra = await this.db.selectFrom('pest_survey_parcels as r').innerJoin('parcels as p', 'p.id', 'r.parcel_id')
      .select(['r.unit_code', (eb) => eb.fn.countAll().as('n')])
      .where('r.campaign_id', '=', campaignId).where('r.unit_code', 'like', codePrefix(f.unitPrefix))
      .where((eb) => eb.or([eb('p.dominant_species', 'is', null), eb('p.dominant_species', 'not in', [...f.pineSpecies])]))
      .groupBy('r.unit_code').execute();
    const out = new Map<string, { unitCode: string; gridParcels: number; gridAreaM2: number; surveyedParcels: number; surveyedAreaM2: number; extraParcels: number }>();
    for (const g of grid) out.set(g.unit_code, { unitCode: g.unit_code, gridParcels: n(g.n), gridAreaM2: n(g.area), surveyedParcels: n(g.done), surveyedAreaM2: n(g.done_area), extraParcels: 0 });
    for (const e of extra) {
      const row = out.get(e.unit_code) ?? { unitCode: e.unit_code, gridParcels: 0, gridAreaM2: 0, surveyedParcels: 0, surveyedAreaM2: 0, extraParcels: 0 };
      row.extraParcels = n(e.n);
      out.set(e.unit_code, row);
    }
    return [...out.values()];
  }

  /** The 小班 of the grid and those surveyed anyway, with their survey record when there is one. */
  async parcels(campaignId: string, f: ParcelFilter, page: PageRequest) {
    let q = this.db.selectFrom('parcels as p').innerJoin('units as u', 'u.code', 'p.unit_code')
      .leftJoin('pest_survey_parcels as r', (j) => j.onRef('r.parcel_id', '=', 'p.id').on('r.campaign_id', '=', campaignId))
      .leftJoin('users as us', 'us.id', 'r.surveyed_by')
      .select(['p.id', 'p.parcel_no', 'p.unit_code', 'u.short_name as unit_name', 'p.dominant_species', 'p.area_m2', 'r.parcel_id as surveyed_parcel', 'r.pine_area_m2', 'r.infected',
        'r.occurrence_m2', 'r.surveyed_on', 'r.note', 'us.name as surveyor'])
      .where('p.year', '=', f.ledgerYear).where('p.unit_code', 'like', codePrefix(f.unitPrefix))
      .where((eb) => eb.or([eb('p.dominant_species', 'in', [...f.pineSpecies]), eb('r.parcel_id', 'is not', null)]));
    if (f.status === 'surveyed') q = q.where('r.parcel_id', 'is not', null);
    if (f.status === 'outstanding') q = q.where('r.parcel_id', 'is', null);
    if (f.text) q = q.where('p.parcel_no', 'like', containsText(f.text));
    return paginate(q.orderBy('p.unit_code').orderBy('p.parcel_no'), page);
  }

  async ledgerParcels(ids: readonly string[]) {
    if (!ids.length) return [];
    return this.db.selectFrom('parcels').select(['id', 'year', 'unit_code', 'parcel_no', 'dominant_species', 'area_m2']).where('id', 'in', [...ids]).execute();
  }

  async upsertRecord(row: Insertable<PestSurveyParcelTable>): Promise<void> {
    const { campaign_id: _c, parcel_id: _p, created_at: _at, ...changes } = row;
    await this.db.insertInto('pest_survey_parcels').values(row).onConflict((oc) => oc.columns(['campaign_id', 'parcel_id']).doUpdateSet(changes)).execute();
  }

  async record(campaignId: string, parcelId: string) {
    return this.db.selectFrom('pest_survey_parcels').selectAll().where('campaign_id', '=', campaignId).where('parcel_id', '=', parcelId).executeTakeFirst();
  }

  async deleteRecord(campaignId: string, parcelId: string): Promise<void> {
    await this.db.deleteFrom('pest_survey_parcels').where('campaign_id', '=', campaignId).where('parcel_id', '=', parcelId).execute();
  }

  async records(campaignId: string, unitPrefix: string): Promise<SurveyedRecordRow[]> {
    return this.db.selectFrom('pest_survey_parcels').select(['parcel_id', 'unit_code', 'parcel_no', 'pine_area_m2', 'infected', 'occurrence_m2', 'surveyed_on'])
      .where('campaign_id', '=', campaignId).where('unit_code', 'like', codePrefix(unitPrefix)).orderBy('unit_code').orderBy('parcel_no').execute();
  }

  /** Dead pines of the register found in [from, to) per village and 小班 number, with the lab outcomes. */
  async deadTreeCounts(unitPrefix: string, from: string, to: string) {
    const rows = await this.db.selectFrom('dead_trees')
      .select(['unit_code', 'parcel_no', (eb) => eb.fn.countAll().as('n'),
        sql<number>`sum(case when outcome = 'positive' then 1 else 0 end)`.as('positive'), sql<number>`sum(case when outcome = 'negative' then 1 else 0 end)`.as('negative')])
      .where('unit_code', 'like', codePrefix(unitPrefix)).where('parcel_no', 'is not', null).where('found_at', '>=', from).where('found_at', '<', to)
      .groupBy(['unit_code', 'parcel_no']).execute();
    return rows.map((r) => ({ unitCode: r.unit_code, parcelNo: r.parcel_no!, total: n(r.n), positive: n(r.positive), negative: n(r.negative) }));
  }

  /** Every positive dead pine of the register under `prefix`: where and when it was found. */
  async positives(prefix: string): Promise<{ unit_code: string; found_at: string }[]> {
    return this.db.selectFrom('dead_trees').select(['unit_code', 'found_at']).where('unit_code', 'like', codePrefix(prefix)).where('outcome', '=', 'positive').execute();
  }

  /** The 小班 surveys marked infected under `prefix`, with the year of their campaign. */
  async infectedRecords(prefix: string): Promise<{ unit_code: string; year: number }[]> {
    return this.db.selectFrom('pest_survey_parcels as r').innerJoin('pest_survey_campaigns as c', 'c.id', 'r.campaign_id').select(['r.unit_code', 'c.year'])
      .where('r.unit_code', 'like', codePrefix(prefix)).where('r.infected', '=', 1).execute();
  }
}

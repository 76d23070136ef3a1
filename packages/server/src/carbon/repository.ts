import type { Kysely, Selectable } from 'kysely';
import type { CarbonTownFigureTable, Database } from '../db/schema.ts';
import { codePrefix } from '../db/paginate.ts';

export type TownFigureRow = Selectable<CarbonTownFigureTable>;

/** The SQL of forest carbon: the ledger's volumes by species and the towns' entered figures. */
export class CarbonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Village, species and volume of every ledger parcel of a subtree and year. */
  parcels(scopePrefix: string, year: number) {
    return this.db.selectFrom('parcels').select(['unit_code', 'dominant_species', 'volume_m3'])
      .where('unit_code', 'like', codePrefix(scopePrefix)).where('year', '=', year).execute();
  }

  parcel(id: string) {
    return this.db.selectFrom('parcels').select(['id', 'parcel_no', 'year', 'unit_code', 'land_class', 'dominant_species', 'volume_m3', 'area_m2'])
      .where('id', '=', id).executeTakeFirst();
  }

  /** The ledger years that have parcels in a subtree, earliest first. */
  async years(scopePrefix: string): Promise<number[]> {
    const rows = await this.db.selectFrom('parcels').select('year').distinct().where('unit_code', 'like', codePrefix(scopePrefix)).orderBy('year').execute();
    return rows.map((r) => Number(r.year));
  }

  units(codes: string[]) {
    if (!codes.length) return Promise.resolve([]);
    return this.db.selectFrom('units').select(['code', 'short_name', 'level']).where('code', 'in', codes).execute();
  }

  /** The towns of a subtree (the unit itself when it is one). */
  towns(scopePrefix: string) {
    return this.db.selectFrom('units').select(['code', 'short_name']).where('level', '=', 'town').where('code', 'like', codePrefix(scopePrefix)).orderBy('code').execute();
  }

  townFigures(scopePrefix: string, year: number): Promise<TownFigureRow[]> {
    return this.db.selectFrom('carbon_town_figures').selectAll().where('unit_code', 'like', codePrefix(scopePrefix)).where('year', '=', year).execute();
  }

  townFigure(unitCode: string, year: number): Promise<TownFigureRow | undefined> {
    return this.db.selectFrom('carbon_town_figures').selectAll().where('unit_code', '=', unitCode).where('year', '=', year).executeTakeFirst();
  }

  async saveTownFigure(row: TownFigureRow): Promise<void> {
    const { unit_code: _u, year: _y, ...rest } = row;
    await this.db.insertInto('carbon_town_figures').values(row).onConflict((oc) => oc.columns(['unit_code', 'year']).doUpdateSet(rest)).execute();
  }
}

import type { Kysely } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { LedgerParcelVersion, ParcelAttributes } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { geometryBbox, type SpatialEngine } from '../db/spatial.ts';

export interface NewParcel extends Omit<ParcelAttributes, 'unitCode'> {
  id: string;
  year: number;
  unitCode: string;
  areaM2: number;
  geometry: MultiPolygon;
  importBatch: string | null;
}

export class ParcelRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly spatial: SpatialEngine,
  ) {}

  /** Parcel numbers already in the ledger for a year, as `unit|number` keys. */
  async existingNumbers(year: number, unitCodes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < unitCodes.length; i += 500) {
      const rows = await this.db.selectFrom('parcels').select(['unit_code', 'parcel_no']).where('year', '=', year).where('unit_code', 'in', unitCodes.slice(i, i + 500)).execute();
      for (const r of rows) out.add(`${r.unit_code}|${r.parcel_no}`);
    }
    return out;
  }

  async insertMany(parcels: NewParcel[], at: string): Promise<void> {
    for (let i = 0; i < parcels.length; i += 200) {
      const chunk = parcels.slice(i, i + 200);
      await this.db
        .insertInto('parcels')
        .values(chunk.map((p) => {
          const [minx, miny, maxx, maxy] = geometryBbox(p.geometry) ?? [null, null, null, null];
          return {
            id: p.id, year: p.year, parcel_no: p.parcelNo, unit_code: p.unitCode, land_class: p.landClass, forest_category: p.forestCategory,
            authority_level: p.authorityLevel, origin: p.origin, dominant_species: p.dominantSpecies, age_group: p.ageGroup,
            canopy_closure: p.canopyClosure, volume_m3: p.volumeM3, owner_type: p.ownerType, owner: p.owner, area_m2: p.areaM2,
            geom_json: JSON.stringify(p.geometry), minx, miny, maxx, maxy, import_batch: p.importBatch, created_at: at, updated_at: at,
          };
        }))
        .execute();
      await this.spatial.sync(this.db, 'parcels', chunk.map((p) => p.id));
    }
  }

  /** The attributes statistics need, for a subtree and year. */
  async forStatistics(scopePrefix: string, year: number) {
    return this.db
      .selectFrom('parcels')
      .select(['unit_code', 'land_class', 'forest_category', 'origin', 'dominant_species', 'canopy_closure', 'area_m2', 'volume_m3'])
      .where('unit_code', 'like', codePrefix(scopePrefix))
      .where('year', '=', year)
      .execute();
  }

  /** Number, village, area and outline of the forest land (林地 classes) of a subtree and year. */
  async forestGeometries(scopePrefix: string, year: number, forestClasses: string[]) {
    const rows = await this.db.selectFrom('parcels').select(['id', 'parcel_no', 'unit_code', 'area_m2', 'geom_json'])
      .where('unit_code', 'like', codePrefix(scopePrefix)).where('year', '=', year).where('land_class', 'in', forestClasses).where('geom_json', 'is not', null)
      .orderBy('unit_code').orderBy('parcel_no').execute();
    return rows.map((r) => ({ id: r.id, parcelNo: r.parcel_no, unitCode: r.unit_code, areaM2: r.area_m2, geometry: JSON.parse(r.geom_json!) as MultiPolygon }));
  }

  async countForest(scopePrefix: string, year: number, forestClasses: string[]): Promise<number> {
    const row = await this.db.selectFrom('parcels').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_code', 'like', codePrefix(scopePrefix)).where('year', '=', year).where('land_class', 'in', forestClasses).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The fields a yearly comparison needs. */
  async versions(scopePrefix: string, year: number): Promise<LedgerParcelVersion[]> {
    const rows = await this.db.selectFrom('parcels').select(['unit_code', 'parcel_no', 'land_class', 'forest_category', 'area_m2'])
      .where('unit_code', 'like', codePrefix(scopePrefix)).where('year', '=', year).execute();
    return rows.map((r) => ({ unitCode: r.unit_code, parcelNo: r.parcel_no, landClass: r.land_class, forestCategory: r.forest_category, areaM2: r.area_m2 }));
  }

  async list(filter: { scopePrefix: string; unitPrefix?: string; year: number; landClass?: string; q?: string }, page: PageRequest): Promise<PageOf<ParcelSummary>> {
    let q = this.db
      .selectFrom('parcels')
      .innerJoin('units', 'units.code', 'parcels.unit_code')
      .select(['parcels.id', 'parcels.year', 'parcels.parcel_no', 'parcels.unit_code', 'units.short_name as unit_name', 'parcels.land_class', 'parcels.forest_category',
        'parcels.authority_level', 'parcels.origin', 'parcels.dominant_species', 'parcels.age_group', 'parcels.canopy_closure', 'parcels.volume_m3',
        'parcels.owner_type', 'parcels.owner', 'parcels.area_m2'])
      .where('parcels.unit_code', 'like', codePrefix(filter.scopePrefix))
      .where('parcels.year', '=', filter.year);
    if (filter.unitPrefix) q = q.where('parcels.unit_code', 'like', codePrefix(filter.unitPrefix));
    if (filter.landClass) q = q.where('parcels.land_class', '=', filter.landClass);
    if (filter.q) q = q.where('parcels.parcel_no', 'like', containsText(filter.q));
    const { rows, total } = await paginate(q.orderBy('parcels.unit_code').orderBy('parcels.parcel_no'), page);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id, year: r.year, parcelNo: r.parcel_no, unitCode: r.unit_code, unitName: r.unit_name, landClass: r.land_class, forestCategory: r.forest_category,
        authorityLevel: r.authority_level, origin: r.origin, dominantSpecies: r.dominant_species, ageGroup: r.age_group, canopyClosure: r.canopy_closure,
        volumeM3: r.volume_m3, ownerType: r.owner_type, owner: r.owner, areaM2: r.area_m2,
      })),
    };
  }
}

export interface ParcelSummary {
  id: string;
  year: number;
  parcelNo: string;
  unitCode: string;
  unitName: string;
  landClass: string;
  forestCategory: string | null;
  authorityLevel: string | null;
  origin: string | null;
  dominantSpecies: string | null;
  ageGroup: string | null;
  canopyClosure: number | null;
  volumeM3: number | null;
  ownerType: string | null;
  owner: string | null;
  areaM2: number;
}

import { sql, type Kysely, type SqlBool } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { LedgerParcelVersion, ParcelAttributes } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { geometryBbox, type Bbox, type SpatialEngine } from '../db/spatial.ts';
import { packWorldGeometry } from '../tiles/tile-geometry.ts';

export interface NewParcel extends Omit<ParcelAttributes, 'unitCode'> {
  id: string;
  year: number;
  unitCode: string;
  areaM2: number;
  geometry: MultiPolygon;
  importBatch: string | null;
}

/** One group of `statisticsGroups`. */
export interface ParcelGroup {
  childCode: string;
  landClass: string;
  /** Canopy closure ≥ 0.2, below it, or not recorded. */
  canopyAtLeast02: boolean | null;
  forestCategory: string | null;
  origin: string | null;
  dominantSpecies: string | null;
  parcels: number;
  areaM2: number;
  volumeM3: number;
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
            geom_tile: this.spatial.kind === 'sqlite' ? packWorldGeometry(p.geometry) : null,
          };
        }))
        .execute();
      await this.spatial.sync(this.db, 'parcels', chunk.map((p) => p.id));
    }
  }

  /** The ledger years that have parcels in a subtree, latest first. */
  async years(scopePrefix: string): Promise<number[]> {
    const rows = await this.db.selectFrom('parcels').select('year').distinct().where('unit_code', 'like', codePrefix(scopePrefix)).orderBy('year', 'desc').execute();
    return rows.map((r) => r.year);
  }

  /**
   * What a map tile needs of the parcels of a year and subtree whose bbox meets `bbox`, skipping those whose
   * bbox is smaller than `minSpan` degrees both ways (they would collapse to a point in the tile anyway).
   */
  async forTile(scopePrefix: string, year: number, bbox: Bbox, minSpan: [number, number] = [0, 0]): Promise<ParcelTileRow[]> {
    const small = minSpan[0] > 0 || minSpan[1] > 0;
    const [minx, miny, maxx, maxy] = bbox;
    // On SQLite the R*Tree holds each parcel's box: parcels too small to show at this zoom are dropped there, without
    // reading their rows (whose box columns lie behind the GeoJSON text).
    const where = this.spatial.kind === 'sqlite' && small
      ? sql<SqlBool>`parcels.rowid in (select id from parcels_rtree where minx <= ${maxx} and maxx >= ${minx} and miny <= ${maxy} and maxy >= ${miny}
          and (maxx - minx >= ${minSpan[0]} or maxy - miny >= ${minSpan[1]}))`
      : this.spatial.intersectsBbox('parcels', bbox);
    let q = this.db
      .selectFrom('parcels')
      .select(['id', 'parcel_no', 'unit_code', 'land_class', 'forest_category', 'origin', 'area_m2', 'geom_tile'])
      // The text only for rows written before the packed outline existed (SQLite reads a column only when asked).
      .select(sql<string | null>`case when geom_tile is null then geom_json end`.as('geom_json'))
      .where(where)
      // Unary plus keeps the planner off the (year, …) index: with it SQLite would read the whole year and test
      // each row against the R*Tree's list; the spatial index is the selective one for a tile.
      .where(sql<number>`+year`, '=', year)
      .where('unit_code', 'like', codePrefix(scopePrefix))
      .where('geom_json', 'is not', null);
    if (small && this.spatial.kind !== 'sqlite') q = q.where(sql<SqlBool>`(maxx - minx >= ${minSpan[0]} or maxy - miny >= ${minSpan[1]})`);
    return (await q.execute()) as ParcelTileRow[];
  }

  /** Id, number, year and outline of the parcels of `maxYear` or before whose boxes hold the point, latest year first. */
  async outlinesAtPoint(lon: number, lat: number, maxYear: number) {
    return this.db.selectFrom('parcels').select(['id', 'parcel_no', 'year', 'geom_json'])
      .where(this.spatial.intersectsBbox('parcels', [lon, lat, lon, lat])).where('year', '<=', maxYear).where('geom_json', 'is not', null)
      .orderBy('year', 'desc').execute();
  }

  /** Outlines with category and origin of a year's parcels whose boxes meet `bbox` (land-use overlap). */
  async shapesInBbox(scopePrefix: string, year: number, bbox: Bbox) {
    const rows = await this.db.selectFrom('parcels').select(['id', 'parcel_no', 'unit_code', 'forest_category', 'origin', 'geom_json'])
      .where(this.spatial.intersectsBbox('parcels', bbox)).where(sql<number>`+year`, '=', year).where('unit_code', 'like', codePrefix(scopePrefix))
      .where('geom_json', 'is not', null).execute();
    return rows.map((r) => ({ id: r.id, parcelNo: r.parcel_no, unitCode: r.unit_code, forestCategory: r.forest_category, origin: r.origin, geometry: JSON.parse(r.geom_json!) as MultiPolygon }));
  }

  /** The attributes statistics need, for a subtree and year. */
  /**
   * The ledger of a subtree and year summed in the database: parcels, area and volume per unit one level below (the
   * first `childDigits` digits of the code), land class, canopy class (≥ 0.2, below, or unknown — all that forest
   * coverage asks of the closure), forest category, origin and dominant species. A county of 100,000 parcels comes
   * back as a few thousand groups.
   */
  async statisticsGroups(scopePrefix: string, year: number, childDigits: number): Promise<ParcelGroup[]> {
    const child = sql<string>`substr(unit_code, 1, ${sql.lit(childDigits)})`;
    const canopy = sql<number | null>`case when canopy_closure is null then null when canopy_closure >= 0.2 then 1 else 0 end`;
    const rows = await this.db.selectFrom('parcels')
      .select([
        child.as('child'), 'land_class', canopy.as('canopy'), 'forest_category', 'origin', 'dominant_species',
        (eb) => eb.fn.countAll<number>().as('parcels'), (eb) => eb.fn.sum<number>('area_m2').as('area_m2'),
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('volume_m3'), sql.lit(0)).as('volume_m3'),
      ])
      .where('unit_code', 'like', codePrefix(scopePrefix)).where('year', '=', year)
      .groupBy([child, 'land_class', canopy, 'forest_category', 'origin', 'dominant_species'])
      .execute();
    return rows.map((r) => ({
      childCode: r.child.padEnd(12, '0'), landClass: r.land_class, canopyAtLeast02: r.canopy === null ? null : Number(r.canopy) === 1,
      forestCategory: r.forest_category, origin: r.origin, dominantSpecies: r.dominant_species,
      parcels: Number(r.parcels), areaM2: Number(r.area_m2), volumeM3: Number(r.volume_m3),
    }));
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

  async list(filter: ParcelFilter, page: PageRequest): Promise<PageOf<ParcelSummary>> {
    const { rows, total } = await paginate(this.filtered(filter), page);
    return { total, items: rows.map(toSummary) };
  }

  /** Every parcel the filter keeps, in list order, at most `limit` (for exports). */
  async all(filter: ParcelFilter, limit: number): Promise<ParcelSummary[]> {
    return (await this.filtered(filter).limit(limit).execute()).map(toSummary);
  }

  private filtered(filter: ParcelFilter) {
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
    // 'none' asks for the parcels without a value (non-forest land has no category or origin).
    if (filter.forestCategory) q = filter.forestCategory === 'none' ? q.where('parcels.forest_category', 'is', null) : q.where('parcels.forest_category', '=', filter.forestCategory);
    if (filter.origin) q = filter.origin === 'none' ? q.where('parcels.origin', 'is', null) : q.where('parcels.origin', '=', filter.origin);
    if (filter.q) q = q.where('parcels.parcel_no', 'like', containsText(filter.q));
    return q.orderBy('parcels.unit_code').orderBy('parcels.parcel_no');
  }
}

export interface ParcelFilter {
  scopePrefix: string;
  unitPrefix?: string;
  year: number;
  landClass?: string;
  forestCategory?: string;
  origin?: string;
  q?: string;
}

const toSummary = (r: {
  id: string; year: number; parcel_no: string; unit_code: string; unit_name: string; land_class: string; forest_category: string | null; authority_level: string | null;
  origin: string | null; dominant_species: string | null; age_group: string | null; canopy_closure: number | null; volume_m3: number | null; owner_type: string | null;
  owner: string | null; area_m2: number;
}): ParcelSummary => ({
  id: r.id, year: r.year, parcelNo: r.parcel_no, unitCode: r.unit_code, unitName: r.unit_name, landClass: r.land_class, forestCategory: r.forest_category,
  authorityLevel: r.authority_level, origin: r.origin, dominantSpecies: r.dominant_species, ageGroup: r.age_group, canopyClosure: r.canopy_closure,
  volumeM3: r.volume_m3, ownerType: r.owner_type, owner: r.owner, areaM2: r.area_m2,
});

export interface ParcelTileRow {
  id: string;
  parcel_no: string;
  unit_code: string;
  land_class: string;
  forest_category: string | null;
  origin: string | null;
  area_m2: number;
  /** The packed outline (SQLite), else the GeoJSON text. */
  geom_tile: Uint8Array | null;
  geom_json: string | null;
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

import type { Kysely } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { ParcelAttributes } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
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
}

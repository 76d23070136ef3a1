import type { Kysely } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { Database } from '../db/schema.ts';
import { geometryBbox, type Bbox, type SpatialEngine } from '../db/spatial.ts';
import { paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { scopedWhere } from '../db/register-repository.ts';
import { areaKinds, type Area, type AreaKind, type AreaWithGeometry } from '@linzhang/domain';

export { areaKinds, type Area, type AreaKind, type AreaWithGeometry };

const columns = ['id', 'name', 'kind', 'unit_code', 'post_id', 'area_m2'] as const;
const toArea = (r: { id: string; name: string; kind: string; unit_code: string; post_id: string | null; area_m2: number }): Area => ({
  id: r.id,
  name: r.name,
  kind: r.kind as AreaKind,
  unitCode: r.unit_code,
  postId: r.post_id,
  areaM2: r.area_m2,
});

export class AreaRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly spatial: SpatialEngine,
  ) {}

  async list(filter: { scopePrefix: string; unitPrefix?: string; kind?: AreaKind; q?: string }, page: PageRequest): Promise<PageOf<Area>> {
    let query = this.db.selectFrom('areas').select(columns).where(scopedWhere(this.db, 'areas', filter));
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    const { rows, total } = await paginate(query.orderBy('unit_code').orderBy('name').orderBy('id'), page);
    return { items: rows.map(toArea), total };
  }

  async get(id: string): Promise<AreaWithGeometry | null> {
    const row = await this.db.selectFrom('areas').select([...columns, 'geom_json']).where('id', '=', id).executeTakeFirst();
    return row ? { ...toArea(row), geometry: JSON.parse(row.geom_json!) as MultiPolygon } : null;
  }

  async insertMany(rows: AreaWithGeometry[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      const batch = rows.slice(i, i + 200);
      await this.db
        .insertInto('areas')
        .values(
          batch.map((a) => {
            const bbox = geometryBbox(a.geometry);
            return {
              id: a.id, name: a.name, kind: a.kind, unit_code: a.unitCode, post_id: a.postId, area_m2: a.areaM2,
              geom_json: JSON.stringify(a.geometry),
              minx: bbox?.[0] ?? null, miny: bbox?.[1] ?? null, maxx: bbox?.[2] ?? null, maxy: bbox?.[3] ?? null,
              created_at: at, updated_at: at,
            };
          }),
        )
        .execute();
      await this.spatial.sync(this.db, 'areas', batch.map((a) => a.id));
    }
  }

  async update(id: string, a: AreaWithGeometry, at: string): Promise<void> {
    const bbox = geometryBbox(a.geometry);
    await this.db
      .updateTable('areas')
      .set({
        name: a.name, kind: a.kind, unit_code: a.unitCode, post_id: a.postId, area_m2: a.areaM2,
        geom_json: JSON.stringify(a.geometry),
        minx: bbox?.[0] ?? null, miny: bbox?.[1] ?? null, maxx: bbox?.[2] ?? null, maxy: bbox?.[3] ?? null,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    await this.spatial.sync(this.db, 'areas', [id]);
  }

  /** Areas of a subtree with geometry, optionally only those whose bbox meets `bbox`. */
  async geometries(scopePrefix: string, options: { bbox?: Bbox; kind?: AreaKind } = {}): Promise<AreaWithGeometry[]> {
    let query = this.db.selectFrom('areas').select([...columns, 'geom_json']).where(scopedWhere(this.db, 'areas', { scopePrefix }));
    if (options.kind) query = query.where('kind', '=', options.kind);
    if (options.bbox) query = query.where(this.spatial.intersectsBbox('areas', options.bbox));
    const rows = await query.orderBy('id').execute();
    return rows.map((r) => ({ ...toArea(r), geometry: JSON.parse(r.geom_json!) as MultiPolygon }));
  }
}

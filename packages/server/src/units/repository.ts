import { sql, type Kysely } from 'kysely';
import type { MultiPolygon } from 'geojson';
import { scopePrefix, type Unit, type UnitWithGeometry } from '@linzhang/domain';
import type { Database, UnitTable } from '../db/schema.ts';
import type { SpatialEngine, Bbox } from '../db/spatial.ts';
import { geometryBbox } from '../db/spatial.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';

export type UnitLevel = UnitTable['level'];

export type { Unit, UnitWithGeometry };

export interface UnitFilter {
  scopePrefix: string;
  parent?: string;
  level?: UnitLevel;
  q?: string;
}

export type UnitRow = UnitWithGeometry;

const columns = ['code', 'name', 'short_name', 'level', 'kind', 'parent_code', 'area_m2'] as const;

const toUnit = (r: Pick<UnitTable, (typeof columns)[number]>): Unit => ({
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  level: r.level,
  kind: r.kind,
  parentCode: r.parent_code,
  areaM2: r.area_m2,
});

export class UnitRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly spatial: SpatialEngine,
  ) {}

  async list(filter: UnitFilter, page: PageRequest): Promise<PageOf<Unit>> {
    let query = this.db.selectFrom('units').select(columns).where('code', 'like', codePrefix(filter.scopePrefix));
    if (filter.parent) query = query.where('parent_code', '=', filter.parent);
    if (filter.level) query = query.where('level', '=', filter.level);
    if (filter.q) {
      const pattern = containsText(filter.q);
      query = query.where((eb) =>
        eb.or([
          eb('name', 'like', sql<string>`${pattern} escape '\\'`),
          eb('code', 'like', sql<string>`${pattern} escape '\\'`),
        ]),
      );
    }
    const { rows, total } = await paginate(query.orderBy('code'), page);
    return { items: rows.map(toUnit), total };
  }

  async get(code: string): Promise<UnitWithGeometry | null> {
    const row = await this.db.selectFrom('units').select([...columns, 'geom_json']).where('code', '=', code).executeTakeFirst();
    if (!row) return null;
    return { ...toUnit(row), geometry: row.geom_json ? (JSON.parse(row.geom_json) as MultiPolygon) : null };
  }

  /**
   * Where a unit lies on the map: its own boundary's box, or — for a unit without one, such as a city whose counties
   * carry the boundaries — the box around every unit under it that has one; null when none has.
   */
  async extent(code: string): Promise<Bbox | null> {
    const own = await this.db.selectFrom('units').select(['minx', 'miny', 'maxx', 'maxy']).where('code', '=', code).executeTakeFirst();
    if (own && own.minx !== null && own.miny !== null && own.maxx !== null && own.maxy !== null) return [own.minx, own.miny, own.maxx, own.maxy];
    const { fn } = this.db;
    const under = await this.db.selectFrom('units').where('code', 'like', codePrefix(scopePrefix(code))).where('minx', 'is not', null)
      .select([fn.min('minx').as('minx'), fn.min('miny').as('miny'), fn.max('maxx').as('maxx'), fn.max('maxy').as('maxy')]).executeTakeFirst();
    return under && under.minx !== null && under.miny !== null && under.maxx !== null && under.maxy !== null
      ? [Number(under.minx), Number(under.miny), Number(under.maxx), Number(under.maxy)] : null;
  }

  async exists(code: string): Promise<boolean> {
    return !!(await this.db.selectFrom('units').select('code').where('code', '=', code).executeTakeFirst());
  }

  /** Inserts many units in batches (demo, import). */
  async insertMany(units: UnitRow[], at: string): Promise<void> {
    for (let i = 0; i < units.length; i += 200) {
      const batch = units.slice(i, i + 200);
      await this.db
        .insertInto('units')
        .values(
          batch.map((u) => {
            const bbox = u.geometry ? geometryBbox(u.geometry) : null;
            return {
              code: u.code,
              name: u.name,
              short_name: u.shortName,
              level: u.level,
              kind: u.kind,
              parent_code: u.parentCode,
              area_m2: u.areaM2,
              geom_json: u.geometry ? JSON.stringify(u.geometry) : null,
              minx: bbox?.[0] ?? null,
              miny: bbox?.[1] ?? null,
              maxx: bbox?.[2] ?? null,
              maxy: bbox?.[3] ?? null,
              created_at: at,
              updated_at: at,
            };
          }),
        )
        .execute();
      await this.spatial.sync(this.db, 'units', batch.filter((u) => u.geometry).map((u) => u.code));
    }
  }

  async update(code: string, changes: { name?: string; shortName?: string; kind?: string; geometry?: MultiPolygon | null; areaM2?: number | null }, at: string): Promise<void> {
    const bbox = changes.geometry ? geometryBbox(changes.geometry) : null;
    await this.db
      .updateTable('units')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.shortName !== undefined ? { short_name: changes.shortName } : {}),
        ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
        ...(changes.geometry !== undefined
          ? {
              geom_json: changes.geometry ? JSON.stringify(changes.geometry) : null,
              minx: bbox?.[0] ?? null,
              miny: bbox?.[1] ?? null,
              maxx: bbox?.[2] ?? null,
              maxy: bbox?.[3] ?? null,
              area_m2: changes.areaM2 ?? null,
            }
          : {}),
        updated_at: at,
      })
      .where('code', '=', code)
      .execute();
    if (changes.geometry !== undefined) await this.spatial.sync(this.db, 'units', [code]);
  }

  /** Units of a subtree with their geometry, optionally only those whose bbox meets `bbox` (tiles, reports). */
  async geometries(scopePrefix: string, options: { bbox?: Bbox; levels?: UnitLevel[] } = {}): Promise<UnitWithGeometry[]> {
    let query = this.db
      .selectFrom('units')
      .select([...columns, 'geom_json'])
      .where('code', 'like', codePrefix(scopePrefix))
      .where('geom_json', 'is not', null);
    if (options.levels) query = query.where('level', 'in', options.levels);
    if (options.bbox) query = query.where(this.spatial.intersectsBbox('units', options.bbox));
    const rows = await query.orderBy('code').execute();
    return rows.map((r) => ({ ...toUnit(r), geometry: JSON.parse(r.geom_json!) as MultiPolygon }));
  }
}

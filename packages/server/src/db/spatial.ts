import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Geometry } from 'geojson';
import type { Database, SpatialTable } from './schema.ts';

export type Bbox = [minx: number, miny: number, maxx: number, maxy: number];
export type EngineKind = 'sqlite' | 'postgres';

const keyColumn: Record<SpatialTable, 'code' | 'id'> = { units: 'code', areas: 'id', parcels: 'id' };

/**
 * What differs between the engines for spatial data, behind one interface. Both engines keep the GeoJSON
 * text and its bbox in plain columns; SQLite indexes the bbox in an R*Tree table, PostgreSQL keeps a
 * PostGIS geometry(MultiPolygon, 4490) column with a GiST index.
 */
export interface SpatialEngine {
  readonly kind: EngineKind;
  /** Bring the engine's index in line with the rows' geom_json/bbox columns (call after every write). */
  sync(db: Kysely<Database>, table: SpatialTable, keys: string[]): Promise<void>;
  /** A condition on `table` (unaliased) that keeps rows whose bbox intersects `bbox`. */
  intersectsBbox(table: SpatialTable, bbox: Bbox): Expression<SqlBool>;
}

export const sqliteSpatial: SpatialEngine = {
  kind: 'sqlite',
  async sync(db, table, keys) {
    if (keys.length === 0) return;
    const rtree = sql.table(`${table}_rtree`);
    const k = sql.ref(`${table}.${keyColumn[table]}`);
    const list = sql.join(keys);
    await sql`delete from ${rtree} where id in (select rowid from ${sql.table(table)} where ${k} in (${list}))`.execute(db);
    await sql`insert into ${rtree} (id, minx, maxx, miny, maxy)
      select rowid, minx, maxx, miny, maxy from ${sql.table(table)}
      where ${k} in (${list}) and minx is not null`.execute(db);
  },
  intersectsBbox(table, [minx, miny, maxx, maxy]) {
    return sql<SqlBool>`${sql.table(table)}.rowid in (select id from ${sql.table(`${table}_rtree`)}
      where minx <= ${maxx} and maxx >= ${minx} and miny <= ${maxy} and maxy >= ${miny})`;
  },
};

export const postgresSpatial: SpatialEngine = {
  kind: 'postgres',
  async sync(db, table, keys) {
    if (keys.length === 0) return;
    const k = sql.ref(keyColumn[table]);
    await sql`update ${sql.table(table)} set geom = case when geom_json is null then null
      else ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geom_json), 4490)) end where ${k} in (${sql.join(keys)})`.execute(db);
  },
  intersectsBbox(table, [minx, miny, maxx, maxy]) {
    return sql<SqlBool>`${sql.ref(`${table}.geom`)} && ST_MakeEnvelope(${minx}, ${miny}, ${maxx}, ${maxy}, 4490)`;
  },
};

/** The bbox of any GeoJSON geometry, or null when it has no coordinates. */
export function geometryBbox(geometry: Geometry): Bbox | null {
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      minx = Math.min(minx, c[0]); maxx = Math.max(maxx, c[0]);
      miny = Math.min(miny, c[1]); maxy = Math.max(maxy, c[1]);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => visit(coordsOf(g)));
  else visit(geometry.coordinates);
  return minx === Infinity ? null : [minx, miny, maxx, maxy];
}

function coordsOf(g: Geometry): unknown {
  return g.type === 'GeometryCollection' ? g.geometries.map(coordsOf) : g.coordinates;
}

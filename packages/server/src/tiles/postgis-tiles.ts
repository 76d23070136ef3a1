import { sql, type Kysely } from 'kysely';
import { openStatuses } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import { codePrefix } from '../db/paginate.ts';
import type { TileLayer } from './service.ts';

/**
 * PostGIS builds the tile itself (ST_AsMVT). Geometries are CGCS2000 lon/lat; for Web Mercator they are
 * treated as WGS84 (the two differ by centimetres, DOMAIN.md §3), so no datum shift is looked up.
 */
export async function postgisTile(
  db: Kysely<Database>,
  layer: TileLayer,
  scopePrefix: string,
  z: number,
  x: number,
  y: number,
  year?: number,
  now: Date = new Date(),
): Promise<Uint8Array | null> {
  const prefix = codePrefix(scopePrefix);
  const source =
    layer === 'units'
      ? sql`select code, short_name as name, level, geom from units where code like ${prefix} and geom is not null`
      : layer === 'areas'
        ? sql`select id, name, kind, unit_code as "unitCode", geom from areas where unit_code like ${prefix}`
        : layer === 'trees'
          ? sql`select id, register_no as "registerNo", species, grade, health, ST_SetSRID(ST_MakePoint(lon, lat), 4490) as geom from ancient_trees where unit_code like ${prefix}`
          : layer === 'land_use'
            ? sql`select id, project, use_type as "useType", status, ST_SetSRID(ST_GeomFromGeoJSON(geom_json), 4490) as geom from land_use_approvals where unit_code like ${prefix}`
            : layer === 'infrastructure'
              ? sql`select id, kind, name, status, round(length_m)::float8 as "lengthM", ST_SetSRID(ST_GeomFromGeoJSON(geom_json), 4490) as geom from fire_infrastructure where unit_code like ${prefix}`
            : layer === 'problems'
              ? sql`select id, status, category, severity, (status in (${sql.join([...openStatuses])}) and deadline_at < ${now.toISOString()}) as overdue,
                  ST_SetSRID(ST_MakePoint(lon, lat), 4490) as geom from problems where unit_code like ${prefix}`
              : sql`select id, parcel_no as "parcelNo", unit_code as "unitCode", land_class as "landClass", forest_category as "forestCategory",
            origin, round(area_m2::numeric, 1)::float8 as "areaM2", geom from parcels where unit_code like ${prefix} and year = ${year ?? 0}::int and geom is not null`;
  const props =
    layer === 'units'
      ? sql`s.code, s.name, s.level`
      : layer === 'areas'
        ? sql`s.id, s.name, s.kind, s."unitCode"`
        : layer === 'trees'
          ? sql`s.id, s."registerNo", s.species, s.grade, s.health`
          : layer === 'land_use'
            ? sql`s.id, s.project, s."useType", s.status`
            : layer === 'infrastructure'
              ? sql`s.id, s.kind, s.name, s.status, s."lengthM"`
            : layer === 'problems'
              ? sql`s.id, s.status, s.category, s.severity, s.overdue`
              : sql`s.id, s."parcelNo", s."unitCode", s."landClass", s."forestCategory", s.origin, s."areaM2"`;
  const result = await sql<{ mvt: Buffer | null; n: number }>`
    with bounds as (select ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int) as env),
    clipped as (
      select ${props},
        ST_AsMVTGeom(ST_Transform(ST_SetSRID(s.geom, 4326), 3857), bounds.env, 4096, 64, true) as geom
      from (${source}) s, bounds
      where s.geom && ST_SetSRID(ST_Transform(bounds.env, 4326), 4490)
    )
    select ST_AsMVT(clipped, ${layer}::text, 4096, 'geom') as mvt, count(*)::int as n
    from clipped where geom is not null`.execute(db);
  const row = result.rows[0];
  return row && row.n > 0 && row.mvt ? new Uint8Array(row.mvt) : null;
}

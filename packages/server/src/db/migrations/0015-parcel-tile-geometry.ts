import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine-of.ts';

// Issue 5 §10: on SQLite each parcel also keeps its outline pre-projected to Web Mercator and packed as Int32
// (tiles/tile-geometry.ts packWorldGeometry), so cutting a dense low-zoom tile reads no JSON. PostgreSQL cuts tiles
// with ST_AsMVT and leaves the column empty. Rows written before this migration have none and fall back to geom_json.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`alter table parcels add column geom_tile bytea`.execute(db);
  else await sql`alter table parcels add column geom_tile blob`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The parcel tile geometry migration cannot be reverted');
}

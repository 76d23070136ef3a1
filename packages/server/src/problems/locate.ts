import type { Kysely } from 'kysely';
import { pointInPolygon } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import type { SpatialEngine } from '../db/spatial.ts';
import { UnitRepository } from '../units/repository.ts';

/**
 * The village (else the town, else the county) whose boundary contains a point, within a subtree: the unit a
 * problem belongs to is found from where it is (issue 4 §1). The engine's bbox index narrows the candidates,
 * an exact test decides, the same on both engines.
 */
export async function unitAtPoint(db: Kysely<Database>, spatial: SpatialEngine, scopePrefix: string, lon: number, lat: number): Promise<{ code: string; level: string } | null> {
  const units = await new UnitRepository(db, spatial).geometries(scopePrefix, { bbox: [lon, lat, lon, lat], levels: ['village', 'town', 'county'] });
  const rank: Record<string, number> = { village: 0, town: 1, county: 2 };
  const hits = units.filter((u) => u.geometry && pointInPolygon([lon, lat], u.geometry)).sort((a, b) => rank[a.level]! - rank[b.level]!);
  return hits[0] ? { code: hits[0].code, level: hits[0].level } : null;
}

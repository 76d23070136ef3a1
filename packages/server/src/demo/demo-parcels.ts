import { randomUUID } from 'node:crypto';
import type { MultiPolygon, Position } from 'geojson';
import { ellipsoidalArea } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { ParcelRepository, type NewParcel } from '../ledger/parcel-repository.ts';
import { mulberry32, partitionRing } from './synthetic-geometry.ts';

/**
 * A synthetic forest inventory for a demo county (issue 5): each village cut into parcels (小班) that tile it, with
 * land classes in proportions that give a county forest coverage near Youyang's 64 % target, and plausible species,
 * categories and volumes. Synthetic, like the demo's boundaries — said wherever the demo is described.
 */
const landMix: [string, number][] = [
  ['0111', 52], ['0113', 6], ['0131', 6], ['0132', 7], ['0120', 3], ['0141', 3], ['0163', 1], ['0210', 15], ['0230', 2], ['0250', 4], ['0240', 1],
];
const species = ['马尾松', '杉木', '柏木', '栎类', '桤木', '阔叶混交', '针阔混交'];

export async function buildDemoParcels(store: Store, countyCode: string, year: number, perVillage = 16): Promise<number> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 5);
  const pick = <T>(list: [T, number][]): T => {
    let r = rng() * list.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of list) if ((r -= w) < 0) return v;
    return list[0]![0];
  };
  const villages = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json']).where('level', '=', 'village')
    .where('code', 'like', `${countyCode.slice(0, 6)}%`).where('geom_json', 'is not', null).orderBy('code').execute();
  const parcels: NewParcel[] = [];
  for (const v of villages) {
    const ring = (JSON.parse(v.geom_json!) as MultiPolygon).coordinates[0]![0]! as Position[];
    const cells = partitionRing(ring, perVillage, rng);
    cells.forEach((cell, i) => {
      const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[cell]] };
      const areaM2 = ellipsoidalArea(geometry);
      const landClass = pick(landMix);
      const treeStand = landClass === '0111';
      const forest = landClass.startsWith('01');
      const canopyClosure = treeStand ? Math.round((0.15 + rng() * 0.75) * 100) / 100 : landClass === '0113' ? 0.7 : landClass === '0120' ? 0.15 : null;
      const natural = rng() < 0.6;
      parcels.push({
        id: randomUUID(), year, unitCode: v.code, parcelNo: `${String(1 + Math.floor(i / 8)).padStart(2, '0')}-${String(1 + (i % 8)).padStart(3, '0')}`,
        landClass, forestCategory: forest ? pick([['11', 35], ['12', 25], ['21', 15], ['22', 25]]) : null,
        authorityLevel: forest ? (rng() < 0.4 ? '10' : '20') : null, origin: forest ? (natural ? 'natural' : 'planted') : null,
        dominantSpecies: treeStand ? species[Math.floor(rng() * species.length)]! : landClass === '0113' ? '毛竹' : null,
        ageGroup: treeStand ? String(1 + Math.floor(rng() * 5)) : null, canopyClosure,
        // ~60–140 m³/ha for a closed stand, scaled by its canopy
        volumeM3: treeStand ? Math.round((areaM2 / 10_000) * (60 + rng() * 80) * (canopyClosure ?? 0.5)) : null,
        ownerType: forest ? (rng() < 0.12 ? '国有' : '集体') : null, owner: forest ? `${v.short_name}集体经济组织` : null,
        areaM2, geometry, importBatch: 'demo',
      });
    });
  }
  const at = new Date().toISOString();
  await store.db.transaction().execute(async (trx) => new ParcelRepository(trx, store.spatial).insertMany(parcels, at));
  return parcels.length;
}

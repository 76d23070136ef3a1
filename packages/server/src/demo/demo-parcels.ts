import { randomUUID } from 'node:crypto';
import type { MultiPolygon, Position } from 'geojson';
import { ellipsoidalArea } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { ParcelRepository, type NewParcel } from '../ledger/parcel-repository.ts';
import { mulberry32, partitionRing } from './synthetic-geometry.ts';

/**
 * A synthetic forest inventory for a demo county (issue 5): each village cut into parcels (小班) that tile it, with
 * land classes in proportions that give a county forest coverage near Youyang's 64.1 % (DOMAIN.md §8), and plausible species,
 * categories and volumes. Synthetic, like the demo's boundaries — said wherever the demo is described.
 */
const landMix: [string, number][] = [
  ['0111', 56], ['0113', 6], ['0131', 6], ['0132', 7], ['0120', 3], ['0141', 3], ['0163', 1], ['0210', 11], ['0230', 2], ['0250', 4], ['0240', 1],
];
const species = ['马尾松', '杉木', '柏木', '栎类', '桤木', '阔叶混交', '针阔混交'];

/** How many parcels a demo county gets unless told otherwise: 16 a village, quick enough for every test. */
export const DEFAULT_PARCELS_PER_VILLAGE = 16;

/**
 * Writes the parcels of one ledger year: `total` of them (default 16 a village) shared among the villages by
 * area, each village cut into compartments (林班, about √n of them) and each compartment into parcels (小班), so
 * neighbouring parcels share a land class more often than chance — as on a real inventory map. Returns the count.
 */
export async function buildDemoParcels(store: Store, countyCode: string, year: number, total?: number): Promise<number> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 5);
  const pick = <T>(list: [T, number][]): T => {
    let r = rng() * list.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of list) if ((r -= w) < 0) return v;
    return list[0]![0];
  };
  const villages = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json', 'area_m2']).where('level', '=', 'village')
    .where('code', 'like', `${countyCode.slice(0, 6)}%`).where('geom_json', 'is not', null).orderBy('code').execute();
  const wanted = total ?? DEFAULT_PARCELS_PER_VILLAGE * villages.length;
  const landArea = villages.reduce((s, v) => s + (v.area_m2 ?? 0), 0);
  // Shares by area, rounded by largest remainder so that they add up to `wanted` (and at least one a village).
  const quotas = villages.map((v) => (wanted * (v.area_m2 ?? 0)) / (landArea || 1));
  const counts = quotas.map(Math.floor);
  const byRemainder = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = wanted - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; k < missing; k++) counts[byRemainder[k % byRemainder.length]![1]]! += 1;
  const at = new Date().toISOString();
  let written = 0;
  let batch: NewParcel[] = [];
  // One transaction (all or nothing), written in batches so a full county never sits in memory at once.
  await store.db.transaction().execute(async (trx) => {
    const repository = new ParcelRepository(trx, store.spatial);
    const flush = async () => {
      await repository.insertMany(batch, at);
      written += batch.length;
      batch = [];
    };
    for (const [index, v] of villages.entries()) {
      const n = Math.max(1, counts[index]!);
      const compartments = Math.max(1, Math.round(Math.sqrt(n)));
      const ring = (JSON.parse(v.geom_json!) as MultiPolygon).coordinates[0]![0]! as Position[];
      partitionRing(ring, compartments, rng).forEach((compartment, c) => {
        const here = Math.floor(n / compartments) + (c < n % compartments ? 1 : 0);
        // A compartment leans to one land class: half its parcels take it, the rest follow the county's mix.
        const lean = pick(landMix);
        partitionRing(compartment, here, rng).forEach((cell, i) => {
          if (cell.length < 4) return;
          batch.push(parcel(v.code, v.short_name, year, `${String(c + 1).padStart(2, '0')}-${String(i + 1).padStart(3, '0')}`, cell, rng() < 0.5 ? lean : pick(landMix)));
        });
      });
      if (batch.length >= 5000) await flush();
    }
    if (batch.length) await flush();
  });
  return written;

  function parcel(unitCode: string, villageName: string, year: number, parcelNo: string, cell: Position[], landClass: string): NewParcel {
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[cell]] };
    const areaM2 = ellipsoidalArea(geometry);
    const treeStand = landClass === '0111';
    const forest = landClass.startsWith('01');
    const canopyClosure = treeStand ? Math.round((0.15 + rng() * 0.75) * 100) / 100 : landClass === '0113' ? 0.7 : landClass === '0120' ? 0.15 : null;
    const natural = rng() < 0.6;
    return {
      id: randomUUID(), year, unitCode, parcelNo,
      landClass, forestCategory: forest ? pick([['11', 35], ['12', 25], ['21', 15], ['22', 25]]) : null,
      authorityLevel: forest ? (rng() < 0.4 ? '10' : '20') : null, origin: forest ? (natural ? 'natural' : 'planted') : null,
      dominantSpecies: treeStand ? species[Math.floor(rng() * species.length)]! : landClass === '0113' ? '毛竹' : null,
      ageGroup: treeStand ? String(1 + Math.floor(rng() * 5)) : null, canopyClosure,
      // ~60–140 m³/ha for a closed stand, scaled by its canopy
      volumeM3: treeStand ? Math.round((areaM2 / 10_000) * (60 + rng() * 80) * (canopyClosure ?? 0.5)) : null,
      ownerType: forest ? (rng() < 0.12 ? '国有' : '集体') : null, owner: forest ? `${villageName}集体经济组织` : null,
      areaM2, geometry, importBatch: 'demo',
    };
  }
}

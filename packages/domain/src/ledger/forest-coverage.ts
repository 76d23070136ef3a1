import { landClasses } from './parcel-codes.ts';

// DOMAIN.md §3: forest coverage 森林覆盖率 = (乔木林地 with canopy closure ≥ 0.2 + 竹林地 + 国家特别规定灌木林地
// + crown area of 四旁树 and farmland shelterbelts) ÷ land area × 100% (森林法实施条例 art. 24).

export interface CoverageParcel {
  landClass: string;
  canopyClosure: number | null;
  areaM2: number;
}

export interface ForestCoverage {
  forestAreaM2: number; // the numerator without 四旁树
  treeStandM2: number; // 乔木林地, canopy ≥ 0.2
  bambooM2: number; // 竹林地
  specialShrubM2: number; // 国家特别规定灌木林地
  scatteredTreesM2: number; // 四旁树 and shelterbelt crown area, as given
  landAreaM2: number;
  coverage: number | null; // 0–1; null without a land area
  unknownCanopyM2: number; // 乔木林地 without a canopy closure: not counted, reported so it can be fixed
}

/** Forest coverage of a unit from its parcels; a tree stand without a canopy closure is left out and reported. */
export function forestCoverage(parcels: readonly CoverageParcel[], landAreaM2: number, scatteredTreesM2 = 0): ForestCoverage {
  let treeStandM2 = 0, bambooM2 = 0, specialShrubM2 = 0, unknownCanopyM2 = 0;
  for (const p of parcels) {
    if (p.landClass === '0111') {
      if (p.canopyClosure === null) unknownCanopyM2 += p.areaM2;
      else if (p.canopyClosure >= 0.2) treeStandM2 += p.areaM2;
    } else if (p.landClass === '0113') bambooM2 += p.areaM2;
    else if (p.landClass === '0131') specialShrubM2 += p.areaM2;
  }
  const forestAreaM2 = treeStandM2 + bambooM2 + specialShrubM2;
  return {
    forestAreaM2, treeStandM2, bambooM2, specialShrubM2, scatteredTreesM2, landAreaM2, unknownCanopyM2,
    coverage: landAreaM2 > 0 ? (forestAreaM2 + scatteredTreesM2) / landAreaM2 : null,
  };
}

/**
 * Areas by a parcel attribute (地类, 森林类别, 起源, species …), largest first. An entry may stand for several parcels
 * already summed (`parcels`, one when absent), as the ledger's SQL aggregates give them.
 */
export function areaBy<K extends string>(parcels: readonly { areaM2: number; key: K | null; parcels?: number }[]): { key: K | null; areaM2: number; parcels: number }[] {
  const sums = new Map<K | null, { areaM2: number; parcels: number }>();
  for (const p of parcels) {
    const s = sums.get(p.key) ?? { areaM2: 0, parcels: 0 };
    s.areaM2 += p.areaM2;
    s.parcels += p.parcels ?? 1;
    sums.set(p.key, s);
  }
  return [...sums.entries()].map(([key, s]) => ({ key, ...s })).sort((a, b) => b.areaM2 - a.areaM2);
}

export const isForestLand = (landClass: string): boolean => landClasses[landClass]?.forest === true;

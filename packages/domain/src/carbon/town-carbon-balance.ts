// DOMAIN.md §9, town carbon balance (Banan 2023 pilot): forest + water + grass + crops absorption minus residents,
// farm machinery and transport emissions → net sink or net emission per town. All figures in tCO₂e per year.

export interface TownCarbonFigures {
  waterAbsorption: number; // 水域吸收
  grassAbsorption: number; // 草地吸收
  cropsAbsorption: number; // 农作物吸收
  residentsEmission: number; // 居民生活排放
  farmMachineryEmission: number; // 农机排放
  transportEmission: number; // 交通排放
}

export type TownCarbonStatus = 'net_sink' | 'net_emission' | 'balanced' | 'unknown';
export const townCarbonStatusNames: Record<TownCarbonStatus, string> = { net_sink: '净碳汇', net_emission: '净排放', balanced: '收支平衡', unknown: '待森林碳汇' };

export interface TownCarbonBalance {
  absorptionT: number | null; // null while the forest sink is unknown
  emissionT: number;
  netT: number | null; // absorption − emission; > 0 a net sink
  status: TownCarbonStatus;
}

/** The balance of one town; `forestSinkT` is the ledger's annual forest sink (tCO₂e/a), null when it cannot be computed. */
export function townCarbonBalance(forestSinkT: number | null, f: TownCarbonFigures): TownCarbonBalance {
  const emissionT = f.residentsEmission + f.farmMachineryEmission + f.transportEmission;
  if (forestSinkT === null) return { absorptionT: null, emissionT, netT: null, status: 'unknown' };
  const absorptionT = forestSinkT + f.waterAbsorption + f.grassAbsorption + f.cropsAbsorption;
  const netT = absorptionT - emissionT;
  return { absorptionT, emissionT, netT, status: netT > 0 ? 'net_sink' : netT < 0 ? 'net_emission' : 'balanced' };
}

import { carbonRowFor, type CarbonParameters, type CarbonSpeciesRow } from './carbon-parameters.ts';

/** 44/12: the mass of CO₂ per mass of carbon (DOMAIN.md §9). */
export const CO2_PER_C = 44 / 12;

export interface ParcelCarbon {
  carbonT: number; // tC in living biomass above and below ground
  co2eT: number; // tCO₂e
  row: CarbonSpeciesRow;
  /** The species had no row and the parcel has a volume, so the 默认/其他 row was used (none is used without volume). */
  fallback: boolean;
}

/**
 * DOMAIN.md §9 (IPCC 2006 vol. 4): C = V × WD × BEF × (1 + R) × CF, CO₂e = C × 44/12.
 * A parcel without a volume (or with a non-positive one) holds no stand carbon by this method.
 */
export function parcelCarbon(volumeM3: number | null, species: string | null, p: CarbonParameters): ParcelCarbon {
  const { row, fallback } = carbonRowFor(species, p);
  const v = volumeM3 !== null && Number.isFinite(volumeM3) && volumeM3 > 0 ? volumeM3 : 0;
  const carbonT = v * row.woodDensity * row.bef * (1 + row.rootShootRatio) * row.carbonFraction;
  return { carbonT, co2eT: carbonT * CO2_PER_C, row, fallback: fallback && v > 0 };
}

/** DOMAIN.md §9: annual sink = ΔC / Δt (t per year; negative = the stock fell). Null when the years do not span time. */
export function annualSink(stockEarlier: number, stockLater: number, years: number): number | null {
  if (!Number.isFinite(years) || years <= 0) return null;
  return (stockLater - stockEarlier) / years;
}

import type { TownCarbonStatus } from '@linzhang/domain';

export interface Amount { parcels: number; volumeM3: number; carbonT: number; co2eT: number }
export interface ParameterRow { species: string; aliases: string[]; woodDensity: number; bef: number; rootShootRatio: number; carbonFraction: number; source: string }
export interface Stock extends Amount {
  unitCode: string; unitName: string; year: number; asOf: string; fallbackParcels: number; noVolumeParcels: number;
  children: (Amount & { unitCode: string; unitName: string })[];
  bySpecies: (Amount & { species: string | null; row: string; fallback: boolean })[];
  parameters: { rows: ParameterRow[]; fallbackSpecies: string; source: string };
}
export interface UnitSink { unitCode: string; unitName: string; fromCarbonT: number; toCarbonT: number; sinkT: number; sinkCo2eT: number }
export interface Sink extends UnitSink { from: number; to: number; years: number; children: UnitSink[] }
export interface Figures {
  residentsEmission: number; farmMachineryEmission: number; transportEmission: number; waterAbsorption: number; grassAbsorption: number; cropsAbsorption: number;
  source: string; note: string | null; updatedAt: string;
}
export interface TownRow {
  unitCode: string; unitName: string; forestSinkT: number | null; figures: Figures | null;
  balance: { absorptionT: number | null; emissionT: number; netT: number | null; status: TownCarbonStatus } | null;
}
export interface Balances { unitCode: string; year: number; sinkFrom: number | null; sinkNote: string | null; towns: TownRow[] }

/** Tonnes with thousands separators and two decimals (吨). */
export const tonnes = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
export const canEnterFigures = (roles: string[]) => roles.some((r) => r === 'admin' || r === 'staff');

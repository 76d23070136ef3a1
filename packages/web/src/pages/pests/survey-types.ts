import { squareMetresToMu } from '@linzhang/domain';
import { ApiError } from '../../api/client.ts';

export interface Progress {
  unitCode: string; gridParcels: number; gridAreaM2: number; surveyedParcels: number; surveyedAreaM2: number; extraParcels: number; outstandingParcels: number; share: number; complete: boolean;
}
export interface Campaign {
  id: string; unitCode: string; unitName: string; year: number; season: 'spring' | 'autumn'; seasonName: string; name: string; startsOn: string; endsOn: string;
  ledgerYear: number; pineSpecies: string[]; note: string | null; phase: 'not_started' | 'open' | 'closed'; progress: Progress;
}
export type NamedProgress = Progress & { unitName: string };
export interface CampaignDetail extends Campaign { towns: NamedProgress[]; villages: NamedProgress[] }
export interface SurveyParcel {
  parcelId: string; parcelNo: string; unitCode: string; unitName: string; dominantSpecies: string | null; areaM2: number; onGrid: boolean; surveyed: boolean;
  surveyedOn: string | null; surveyor: string | null; pineAreaM2: number | null; infected: boolean | null; occurrenceAreaM2: number | null; note: string | null;
}
export interface SummaryRow {
  unitCode: string; unitName: string; pineAreaM2: number; infectedParcels: number; occurrenceAreaM2: number; clearParcels: number; clearAreaM2: number; deadPines: number; deadDiseased: number; deadOther: number;
}

export const mu = (m2: number | null) => (m2 === null ? '—' : `${(Math.round(squareMetresToMu(m2) * 100) / 100).toFixed(2)} 亩`);
export const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');
export const phaseColour = { not_started: 'default', open: 'processing', closed: 'success' } as const;

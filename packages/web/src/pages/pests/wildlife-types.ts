import type { BoarClaimAction, BoarClaimStatus, WildlifeReportDayState } from '@linzhang/domain';

export interface Station {
  id: string; unitCode: string; unitName: string; name: string; level: 'national' | 'provincial' | 'county'; lon: number; lat: number;
  supervisor: { id: string; name: string } | null; reporters: { id: string; name: string; username: string }[];
  activeFrom: string; activeTo: string | null; note: string | null; version: number; canReport: boolean; canEdit: boolean;
}
export interface CalendarDay { date: string; state: WildlifeReportDayState; zero: boolean | null; reportId: string | null; deadTotal: number; flagged: boolean }
export interface Calendar { stationId: string; month: string; cutoff: string; days: CalendarDay[]; gaps: { from: string; to: string; days: number }[]; counts: Record<WildlifeReportDayState, number> }
export interface Observation { species: string; count: number; dead: number; note?: string | null }
export interface Report { id: string; stationId: string; date: string; zero: boolean; observations: Observation[]; deadTotal: number; note: string | null; reporterName: string; submittedAt: string; cutoffAt: string; late: boolean; version: number; problemId: string | null }
export interface Missing { stationId: string; stationName: string; unitName: string; supervisorName: string | null; date: string; cutoffAt: string; flaggedAt: string | null }
export interface BoarDamage {
  id: string; unitName: string; stationName: string | null; occurredOn: string; household: string; householdPhone: string | null; crop: string; areaMu: number; description: string;
  claim: { status: BoarClaimStatus; claimedFen: number; assessedFen: number | null; note: string | null; actions: BoarClaimAction[] } | null; problemId: string | null; version: number;
}

export const stationLevelNames: Record<Station['level'], string> = { national: '国家级', provincial: '省级', county: '县级' };
/** Day colours: reported green, late gold, missing red (the gaps), pending blue, the rest grey. */
export const dayColours: Record<WildlifeReportDayState, { bg: string; fg: string }> = {
  reported: { bg: '#d9f7be', fg: '#237804' }, late: { bg: '#fff1b8', fg: '#ad6800' }, missing: { bg: '#ff4d4f', fg: '#fff' },
  pending: { bg: '#e6f4ff', fg: '#0958d9' }, future: { bg: '#fafafa', fg: '#bfbfbf' }, inactive: { bg: '#f0f0f0', fg: '#8c8c8c' },
};
export const claimColours: Record<BoarClaimStatus, string> = { claimed: 'blue', assessed: 'orange', paid: 'green', refused: 'default' };
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `${(fen / 100).toFixed(2)} 元`);

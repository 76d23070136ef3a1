import type { InfrastructureCondition, InfrastructureKind, InfrastructureStatus, InfrastructureTargetKind } from '@linzhang/domain';
import { ApiError } from '../../api/client.ts';

export type WorkGeometry = { type: 'Point'; coordinates: number[] } | { type: 'LineString'; coordinates: number[][] } | { type: 'MultiLineString'; coordinates: number[][][] };

export interface Work {
  id: string; kind: InfrastructureKind; name: string; unitCode: string; unitName: string; geometry: WorkGeometry; lengthM: number | null; anchor: [number, number];
  builtYear: number | null; condition: InfrastructureCondition | null; status: InfrastructureStatus; capacityM3: number | null; photos: string[]; note: string | null;
}

export interface Group {
  id: string; unitCode: string; unitName: string; name: string; headName: string; headPhone: string; householdCount: number; members: string[]; formedYear: number | null; note: string | null;
}

export interface Target {
  id: string; unitCode: string; unitName: string; kind: InfrastructureTargetKind; year: number; value: number; basis: 'new' | 'total'; source: string | null;
}

export interface Progress {
  unitCode: string; kind: InfrastructureTargetKind; actual: number; building: number; target: number | null; targetFrom: 'own' | 'descendants' | null;
  basis: 'new' | 'total' | null; expected: number | null; status: 'met' | 'ahead' | 'behind' | null; sources: string[];
}

export interface Summary { unitCode: string; unitName: string; year: number; asOf: string; units: { unitCode: string; unitName: string; level: string; progress: Progress[] }[] }

/** Map and legend colours per kind. */
export const kindColour: Record<InfrastructureKind, string> = {
  firebreak: '#d4380d', fire_trail: '#8c5a2b', water_tank: '#1677ff', checkpoint: '#722ed1', smart_checkpoint: '#c41d7f', watchtower: '#d48806', video_point: '#08979c',
};
export const statusColour: Record<InfrastructureStatus, string> = { planned: 'default', building: 'processing', built: 'success', out_of_service: 'error' };
export const progressStatus = { met: { text: '已完成', colour: 'success' }, ahead: { text: '进度正常', colour: 'processing' }, behind: { text: '滞后', colour: 'error' } } as const;

export const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');
export const km = (m: number | null) => (m === null ? '—' : `${(m / 1000).toFixed(2)} 公里`);

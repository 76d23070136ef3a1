// Issue 6 §7, DOMAIN.md §5 "Infrastructure (seed 2023 Banan)": the fire-prevention works a bureau registers —
// firebreaks (km), water tanks with their pipe networks (sets), fire trails (km), checkpoints 检查站 and smart
// checkpoints 智能卡口, watchtowers 瞭望塔 and video points 视频监控点位 — and, beside them, the 十户联防 groups
// (DOMAIN.md §5: groups of ~10 households with a head). Lines are measured in km on the ellipsoid; points are counted.

export const infrastructureKinds = ['firebreak', 'fire_trail', 'water_tank', 'checkpoint', 'smart_checkpoint', 'watchtower', 'video_point'] as const;
export type InfrastructureKind = (typeof infrastructureKinds)[number];

/** What a target may be set for: every kind of work, and the number of 十户联防 groups. */
export const infrastructureTargetKinds = [...infrastructureKinds, 'ten_household_group'] as const;
export type InfrastructureTargetKind = (typeof infrastructureTargetKinds)[number];

export interface InfrastructureKindInfo {
  name: string;
  geometry: 'line' | 'point' | 'group';
  /** How progress is counted: total length in km, or the number of items. */
  measure: 'km' | 'count';
  /** The unit the plan counts it in (公里, 套, 个, 座). */
  unitLabel: string;
}

export const infrastructureKindInfo: Record<InfrastructureTargetKind, InfrastructureKindInfo> = {
  firebreak: { name: '防火隔离带', geometry: 'line', measure: 'km', unitLabel: '公里' },
  fire_trail: { name: '防火通道', geometry: 'line', measure: 'km', unitLabel: '公里' },
  water_tank: { name: '蓄水池（含管网）', geometry: 'point', measure: 'count', unitLabel: '套' },
  checkpoint: { name: '检查站', geometry: 'point', measure: 'count', unitLabel: '个' },
  smart_checkpoint: { name: '智能卡口', geometry: 'point', measure: 'count', unitLabel: '个' },
  watchtower: { name: '瞭望塔', geometry: 'point', measure: 'count', unitLabel: '座' },
  video_point: { name: '视频监控点位', geometry: 'point', measure: 'count', unitLabel: '个' },
  ten_household_group: { name: '十户联防组', geometry: 'group', measure: 'count', unitLabel: '个' },
};

export const infrastructureStatuses = ['planned', 'building', 'built', 'out_of_service'] as const;
export type InfrastructureStatus = (typeof infrastructureStatuses)[number];
export const infrastructureStatusNames: Record<InfrastructureStatus, string> = { planned: '规划', building: '在建', built: '已建成', out_of_service: '停用' };

export const infrastructureConditions = ['good', 'fair', 'poor'] as const;
export type InfrastructureCondition = (typeof infrastructureConditions)[number];
export const infrastructureConditionNames: Record<InfrastructureCondition, string> = { good: '完好', fair: '一般', poor: '损坏' };

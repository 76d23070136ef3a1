import type { FireResponseTimers, FireTimerState } from './fire-response-timers.ts';
import type { FireSizeClass } from './fire-size-class.ts';
import type { FireStatus, FireStep } from './fire-timeline.ts';

// Fire records (火情) as the API carries them: one definition for the server and the pages (issue 6 §6).

export const fireSources = ['patrol', 'public', 'camera', 'checkpoint', 'satellite', 'device', 'other'] as const;
export type FireSource = (typeof fireSources)[number];
export const fireSourceNames: Record<FireSource, string> = {
  patrol: '巡护发现', public: '群众报告', camera: '视频监控', checkpoint: '检查站/卡口', satellite: '卫星热点', device: '感知设备', other: '其他',
};

/** What a fire-sensing device reports (contract C with the device helper). */
export const deviceAlarmKinds = ['smoke', 'fire_source', 'flame', 'temperature'] as const;
export type DeviceAlarmKind = (typeof deviceAlarmKinds)[number];
export const deviceAlarmKindNames: Record<DeviceAlarmKind, string> = { smoke: '烟雾', fire_source: '火种', flame: '火焰', temperature: '温度异常' };

export interface FireRecord {
  id: string;
  unitCode: string;
  unitName: string;
  lon: number;
  lat: number;
  source: FireSource;
  title: string;
  description: string;
  status: FireStatus;
  version: number;
  discoveredAt: string;
  steps: Partial<Record<FireStep, string>>;
  endedAt: string | null;
  endReason: string | null;
  burnedHa: number | null; // 过火面积
  forestBurnedHa: number | null; // 受害森林面积
  sizeClass: FireSizeClass | null;
  deaths: number | null;
  injuries: number | null;
  economicLossYuan: number | null;
  lossNote: string | null;
  cause: string | null;
  problemId: string | null;
  reporterName: string | null;
  /** "135" timers breached and still awaiting their step, as of the answer. */
  breachedTimers: number;
  updatedAt: string;
}

export type FireEventKind = 'step' | 'alarm' | 'losses';

export interface FireEvent {
  id: string;
  kind: FireEventKind;
  step: FireStatus | null;
  at: string;
  person: string | null;
  userName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface FireDetail extends FireRecord {
  reporterPhone: string | null; // only for those who may handle the fire
  sourceData: Record<string, unknown> | null;
  events: FireEvent[];
  timers: FireTimerState[];
  timerRules: FireResponseTimers;
  nextSteps: FireStatus[];
  canHandle: boolean;
  problem: { id: string; status: string; title: string } | null;
}

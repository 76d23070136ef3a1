import { Tag } from 'antd';
import { deadTreeCauseNames, deadTreeStepNames, type DeadTreeCause, type DeadTreeStep } from '@linzhang/domain';

/** Where a dead pine stands in its lifecycle, for the map and the tags: red while untouched, greener as it is cleared. */
export type DeadTreeMapState = DeadTreeStep | 'done';
export const deadTreeStateNames: Record<DeadTreeMapState, string> = { ...deadTreeStepNames, found: '已发现（待处理）', done: '除治完成' };
export const deadTreeStateColours: Record<DeadTreeMapState, string> = {
  found: '#cf1322', sampled: '#d46b08', result: '#d4b106', felled: '#1677ff', disposed: '#13a8a8', stump_treated: '#52c41a', done: '#8c8c8c',
};
export const deadTreeCauseColours: Record<DeadTreeCause, string> = { diseased: 'red', unexplained: 'default', dying: 'orange', other: 'blue' };
export const deadTreeSourceNames: Record<string, string> = { patrol: '巡护发现', survey: '普查监测', drone: '无人机监测', remote_sensing: '遥感监测', other: '其他' };

export function DeadTreeStateTag({ state, done }: { state: DeadTreeStep; done: boolean }) {
  const s: DeadTreeMapState = done ? 'done' : state;
  return <Tag color={deadTreeStateColours[s]} data-testid="dead-tree-state">{deadTreeStateNames[s]}</Tag>;
}

export function CauseTag({ cause }: { cause: DeadTreeCause }) {
  return <Tag color={deadTreeCauseColours[cause]}>{deadTreeCauseNames[cause]}</Tag>;
}

export interface DeadTree {
  id: string; unitCode: string; unitName: string; parcelId: string | null; parcelNo: string | null; lon: number; lat: number; species: string | null; dbhCm: number | null;
  condition: 'dead' | 'dying'; source: string; sourceRef: string | null; foundAt: string; foundBy: string; state: DeadTreeStep; cause: DeadTreeCause; done: boolean;
  sampleNo: string | null; sampledAt: string | null; labReceivedAt: string | null; resultAt: string | null; outcome: 'positive' | 'negative' | null; firstInCounty: boolean;
  phoneReportedAt: string | null; writtenReportAt: string | null; felledAt: string | null; disposedAt: string | null; disposalMethod: string | null; stumpTreatedAt: string | null;
  version: number; updatedAt: string;
}

export interface DeadTreeDetail extends DeadTree {
  steps: { id: string; step: DeadTreeStep; at: string; person: string; userName: string | null; lon: number | null; lat: number | null; photoFileId: string | null; data: Record<string, unknown> | null; note: string | null }[];
  outstanding: DeadTreeStep[];
  allowedNext: DeadTreeStep[];
  deadlines: { writtenResultDue: string | null; calendarCovered: boolean; phoneReportDue: string | null; writtenReportDue: string | null; clearing: { mode: 'centralised' | 'same_day'; disposeBy: string } | null };
  overdue: { duty: string; dueAt: string; problemId: string }[];
  parcelSampling: { status: 'sample' | 'waiting' | 'positive' | 'negative'; nextBatch: number; explanation: string } | null;
  canRecord: boolean;
}

export const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

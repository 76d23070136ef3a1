import { Tag } from 'antd';
import { fireSizeClassNames, fireStatusNames, fireTimerStatusNames, type FireSizeClass, type FireStatus, type FireTimerStatus } from '@linzhang/domain';
import { ApiError } from '../../api/client.ts';

export const fireStatusColours: Record<FireStatus, string> = {
  discovered: '#cf1322', reported: '#d4380d', verified: '#d46b08', dispatched: '#d48806', arrived: '#7cb305', controlled: '#389e0d', out: '#8c8c8c',
  false_alarm: '#1d39c4', dismissed: '#595959',
};
export const sizeClassColours: Record<FireSizeClass, string> = { general: 'gold', larger: 'orange', major: 'volcano', especially_major: 'red' };
export const timerColours: Record<FireTimerStatus, string> = { pending: '#bfbfbf', running: '#1677ff', met: '#389e0d', breached: '#cf1322', cancelled: '#8c8c8c' };

export function FireStatusTag({ status }: { status: FireStatus }) {
  return <Tag color={fireStatusColours[status]} data-testid="fire-status">{fireStatusNames[status]}</Tag>;
}

export function SizeClassTag({ sizeClass }: { sizeClass: FireSizeClass | null }) {
  return sizeClass ? <Tag color={sizeClassColours[sizeClass]}>{fireSizeClassNames[sizeClass]}</Tag> : <Tag>待定</Tag>;
}

export const timerStatusText = (s: FireTimerStatus) => fireTimerStatusNames[s];

export const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');

import { useCallback, useEffect, useState } from 'react';
import { Card, Table } from 'antd';
import { api } from '../../api/client.ts';
import { opSigns } from './workplan-labels.ts';
import { ReportModal, TargetProgressCell, type TrackedTarget } from './TargetTracking.tsx';

/** 我负责的目标: targets the user owns (as the person, or their unit), across plans outside their scope too. */
export function MyTargets() {
  const [items, setItems] = useState<(TrackedTarget & { planTitle?: string })[] | null>(null);
  const [reporting, setReporting] = useState<TrackedTarget | null>(null);
  const load = useCallback(() => void api<{ items: TrackedTarget[] }>('GET', '/api/workplans/targets/mine').then((r) => setItems(r.items), () => setItems([])), []);
  useEffect(() => load(), [load]);
  if (!items?.length) return null;
  return (
    <Card title={`我负责的目标（${items.length}）`} data-testid="my-targets">
      <Table<TrackedTarget & { planTitle?: string }> size="small" rowKey="id" dataSource={items} pagination={false}
        columns={[
          { title: '工作要点', dataIndex: 'planTitle', width: 260 },
          { title: '指标', dataIndex: 'subject', width: 180 },
          { title: '目标', key: 'v', width: 120, render: (_, r) => <strong>{opSigns[r.op]} {r.value} {r.unit}</strong> },
          { title: '进度', key: 'p', render: (_, r) => <TargetProgressCell target={r} /> },
          { title: '', key: 'a', width: 90, render: (_, r) => <a onClick={() => setReporting(r)}>报告进度</a> },
        ]} />
      <ReportModal target={reporting} onClose={() => setReporting(null)} onSaved={() => { setReporting(null); load(); }} />
    </Card>
  );
}

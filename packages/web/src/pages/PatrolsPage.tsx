import { useState } from 'react';
import { Descriptions, Drawer, Empty, List, Space, Tag } from 'antd';
import { observationKindNames, type ObservationKind } from '@linzhang/domain';
import { ResourcePage } from '../components/ResourcePage.tsx';
import { TrackMap } from '../components/TrackMap.tsx';
import { api } from '../api/client.ts';
import type { Patrol, PatrolDetail } from '../api/patrol-types.ts';
import { duration, invalidReasonLabels, km, localTime, options, trackFlagLabels } from '../labels.ts';

const validity = (p: Patrol) =>
  p.valid === null ? <Tag>进行中</Tag> : p.valid ? <Tag color="green">有效</Tag> : <Tag color="red">无效</Tag>;

export function PatrolsPage() {
  const [detail, setDetail] = useState<PatrolDetail | null>(null);
  return (
    <>
      <ResourcePage<Patrol>
        title="巡林记录"
        resource="patrols"
        readOnly
        rowKey={(p) => p.id}
        onRowClick={(p) => void api<PatrolDetail>('GET', `/api/patrols/${p.id}`).then(setDetail)}
        columns={[
          { title: '巡林人', dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
          { title: '区划', dataIndex: 'unitName' },
          { title: '开始', dataIndex: 'startedAt', render: localTime },
          { title: '时长', dataIndex: 'durationS', render: duration },
          { title: '里程', dataIndex: 'distanceM', render: km },
          { title: '有效性', key: 'valid', render: (_: unknown, p) => validity(p) },
          { title: '提示', dataIndex: 'flags', render: (flags: string[]) => <Space size={2} wrap>{flags.map((f) => <Tag key={f} color="orange">{trackFlagLabels[f] ?? f}</Tag>)}</Space> },
        ]}
        filters={[
          { name: 'unit', kind: 'unit' },
          { name: 'valid', kind: 'select', placeholder: '有效性', options: [{ value: 'true', label: '有效' }, { value: 'false', label: '无效' }] },
          { name: 'flag', kind: 'select', placeholder: '异常提示', options: options(trackFlagLabels) },
        ]}
      />
      <Drawer title="巡林详情" open={detail !== null} onClose={() => setDetail(null)} size={640} destroyOnHidden>
        {detail && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {detail.track ? (
              <TrackMap track={detail.track} points={detail.observations.map((o) => ({ lon: o.lon, lat: o.lat, label: o.note }))} />
            ) : (
              <Empty description="没有轨迹（较早的示例记录只保留统计数据）" />
            )}
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="巡林人">{detail.personName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="区划">{detail.unitName}</Descriptions.Item>
              <Descriptions.Item label="开始">{localTime(detail.startedAt)}</Descriptions.Item>
              <Descriptions.Item label="结束">{localTime(detail.endedAt)}</Descriptions.Item>
              <Descriptions.Item label="时长（不含暂停）">{duration(detail.durationS)}</Descriptions.Item>
              <Descriptions.Item label="移动时间">{duration(detail.movingS)}</Descriptions.Item>
              <Descriptions.Item label="里程">{km(detail.distanceM)}</Descriptions.Item>
              <Descriptions.Item label="责任区内">{detail.inAreaShare === null ? '—' : `${(detail.inAreaShare * 100).toFixed(0)}%`}</Descriptions.Item>
              <Descriptions.Item label="有效性">{validity(detail)} {detail.invalidReasons.map((r) => invalidReasonLabels[r] ?? r).join('、')}</Descriptions.Item>
              <Descriptions.Item label="定位点">{detail.fixesKept ?? '—'}</Descriptions.Item>
            </Descriptions>
            {detail.observations.length > 0 && (
              <List size="small" header="巡林发现" bordered dataSource={detail.observations}
                renderItem={(o) => (
                  <List.Item>
                    <Tag color="gold">{observationKindNames[o.kind as ObservationKind] ?? o.kind}</Tag>
                    {localTime(new Date(o.t).toISOString())} {o.note || '（无说明）'}
                  </List.Item>
                )} />
            )}
          </Space>
        )}
      </Drawer>
    </>
  );
}

import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Col, Input, Row, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import {
  infrastructureConditionNames, infrastructureKindInfo, infrastructureKinds, infrastructureStatusNames, infrastructureStatuses,
  type InfrastructureCondition, type InfrastructureKind, type InfrastructureStatus,
} from '@linzhang/domain';
import { api, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { InfrastructureMap } from './InfrastructureMap.tsx';
import { InfrastructureForm } from './InfrastructureForm.tsx';
import { InfrastructureImport } from './InfrastructureImport.tsx';
import { InfrastructureTargets } from './InfrastructureTargets.tsx';
import { TenHouseholdGroups } from './TenHouseholdGroups.tsx';
import { errorText, kindColour, km, statusColour, type Work } from './infrastructure-types.ts';
import { initialUnit } from '../../url-params.ts';

/**
 * 森林防火 › 防火设施 (issue 6 §7): the works on a map by kind and in a filtered table, registered or edited with a
 * point or a line drawn on the map or pasted, imported from files; progress against the plan's targets per town;
 * the 十户联防 groups; Excel download of the whole register.
 */
export function InfrastructurePage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [kind, setKind] = useState<InfrastructureKind | undefined>();
  const [status, setStatus] = useState<InfrastructureStatus | undefined>();
  const [unit, setUnit] = useState<string | undefined>(initialUnit());
  const [q, setQ] = useState<string | undefined>();
  const params = useMemo(() => ({ kind, status, unit, q }), [kind, status, unit, q]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Work>('/api/fire/infrastructure', params, onError);
  const [editing, setEditing] = useState<Work | 'new' | null>(null);
  const [formKind, setFormKind] = useState<InfrastructureKind>('video_point');
  const [picked, setPicked] = useState<{ lon: number; lat: number } | null>(null);
  const [vertices, setVertices] = useState<number[][]>([]);
  const [importing, setImporting] = useState(false);
  const [version, setVersion] = useState(0);
  const changed = () => { void reload(); setVersion((v) => v + 1); };
  const drawing = editing ? (infrastructureKindInfo[formKind].geometry === 'line' ? 'line' : 'point') : null;
  const openWork = async (id: string) => {
    try {
      setPicked(null); setVertices([]);
      setEditing(await api<Work>('GET', `/api/fire/infrastructure/${id}`));
    } catch (e) {
      void toast.error(errorText(e));
    }
  };

  const register = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Select allowClear placeholder="类型" value={kind} onChange={setKind} style={{ width: 150 }} options={infrastructureKinds.map((k) => ({ value: k, label: infrastructureKindInfo[k].name }))} />
          <Select allowClear placeholder="状态" value={status} onChange={setStatus} style={{ width: 110 }} options={infrastructureStatuses.map((s) => ({ value: s, label: infrastructureStatusNames[s] }))} />
          <UnitSelect value={unit} onChange={setUnit} allowClear placeholder="区划" style={{ width: 200 }} />
          <Input.Search allowClear placeholder="名称" onSearch={(v) => setQ(v || undefined)} style={{ width: 160 }} />
        </Space>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`/api/fire/infrastructure.xlsx${query(params)}`}>导出 Excel</Button>
          {staff && <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>导入</Button>}
          {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => { setPicked(null); setVertices([]); setEditing('new'); }}>登记设施</Button>}
        </Space>
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <InfrastructureMap works={data.items} version={version} picking={drawing} draft={drawing === 'line' ? vertices : picked && drawing === 'point' ? [[picked.lon, picked.lat]] : []}
            onPick={(hit) => {
              if ('id' in hit) void openWork(hit.id);
              else if (drawing === 'line') setVertices((v) => [...v, [hit.lon, hit.lat]]);
              else setPicked(hit);
            }} />
        </Col>
        <Col xs={24} lg={14}>
          <Table<Work> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
            onRow={(r) => ({ onClick: () => void openWork(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '类型', dataIndex: 'kind', render: (k: InfrastructureKind) => <Tag color={kindColour[k]}>{infrastructureKindInfo[k].name}</Tag> },
              { title: '名称', dataIndex: 'name' },
              { title: '所属', dataIndex: 'unitName' },
              { title: '长度 / 容量', key: 'size', render: (_: unknown, w) => (w.lengthM !== null ? km(w.lengthM) : w.capacityM3 ? `${w.capacityM3} 立方米` : '—') },
              { title: '建成', dataIndex: 'builtYear', render: (y: number | null) => y ?? '—' },
              { title: '状态', dataIndex: 'status', render: (s: InfrastructureStatus) => <Tag color={statusColour[s]}>{infrastructureStatusNames[s]}</Tag> },
              { title: '完好', dataIndex: 'condition', render: (c: InfrastructureCondition | null) => (c ? infrastructureConditionNames[c] : '—') },
            ]} />
        </Col>
      </Row>
    </Space>
  );

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>防火设施</Typography.Title>
        <Tabs items={[
          { key: 'register', label: '设施台账', children: register },
          { key: 'targets', label: '目标完成', children: <InfrastructureTargets staff={staff} version={version} /> },
          { key: 'groups', label: '十户联防', children: <TenHouseholdGroups staff={staff} onChanged={() => setVersion((v) => v + 1)} /> },
        ]} />
      </Space>
      {editing && (
        <InfrastructureForm key={editing === 'new' ? 'new' : editing.id} work={editing === 'new' ? null : editing} picked={picked} vertices={vertices} onVertices={setVertices} onKind={setFormKind}
          onClose={() => setEditing(null)}
          onSaved={(w) => { setEditing(null); changed(); void toast.success(`已保存 ${w.name}（${w.unitName}${w.lengthM !== null ? `，${km(w.lengthM)}` : ''}）`); }}
          onDeleted={() => { setEditing(null); changed(); void toast.success('已删除'); }} />
      )}
      {importing && <InfrastructureImport onClose={() => setImporting(false)} onImported={(n) => { changed(); void toast.success(`已导入 ${n} 处设施`); }} />}
    </Card>
  );
}

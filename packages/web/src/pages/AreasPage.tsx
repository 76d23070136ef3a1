import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { ResourcePage } from '../components/ResourcePage.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { UnitName } from '../components/UnitName.tsx';
import { PostSelect } from '../components/PostSelect.tsx';
import { api, ApiError, query } from '../api/client.ts';
import type { Area, CoverageReport } from '../api/types.ts';
import { areaKindNames, areaText, options } from '../labels.ts';
import { useUser } from '../auth.tsx';

function parseGeometry(text: string): unknown {
  const value = JSON.parse(text) as { type?: string; geometry?: unknown };
  // Accept a bare geometry or a Feature, as GIS tools export either.
  return value.type === 'Feature' ? value.geometry : value;
}

function CoverageCheck() {
  const user = useUser();
  const [unit, setUnit] = useState<string | undefined>(user.scopeUnit.code);
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (!unit) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await api<CoverageReport>('GET', `/api/areas/report${query({ unit })}`));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '检查失败');
    } finally {
      setBusy(false);
    }
  };
  const gaps = report?.uncovered.filter((u) => u.uncoveredShare > 0.0005) ?? [];
  return (
    <>
      <Button onClick={() => setOpen(true)}>覆盖检查</Button>
      <Modal title="护林网格覆盖检查" open={open} onCancel={() => setOpen(false)} footer={null} width={760}>
        <div style={{ display: 'flex', gap: 8, marginBottom: 16 }}>
          <UnitSelect value={unit} onChange={setUnit} allowClear={false} />
          <Button type="primary" loading={busy} onClick={() => void run()}>开始检查</Button>
        </div>
        {error && <Alert type="error" title={error} />}
        {report && (
          <>
            {report.unchecked.length > 0 && (
              <Alert type="warning" style={{ marginBottom: 12 }} title={`${report.unchecked.length} 处几何未能检查`}
                description={report.unchecked.slice(0, 5).map((u) => `${u.name}：${u.reason}`).join('；')} />
            )}
            <Typography.Title level={5}>网格重叠（{report.overlaps.length} 处）</Typography.Title>
            <Table size="small" rowKey={(o) => `${o.aId}|${o.bId}`} dataSource={report.overlaps} pagination={{ pageSize: 5 }}
              columns={[{ title: '网格甲', dataIndex: 'aName' }, { title: '网格乙', dataIndex: 'bName' }, { title: '重叠面积', dataIndex: 'areaM2', render: areaText }]} />
            <Typography.Title level={5}>村域未覆盖（{gaps.length} 个村 / 共 {report.uncovered.length} 个村）</Typography.Title>
            <Table size="small" rowKey="unitCode" dataSource={gaps} pagination={{ pageSize: 5 }}
              columns={[
                { title: '村（社区）', dataIndex: 'unitName' },
                { title: '村域面积', dataIndex: 'unitAreaM2', render: areaText },
                { title: '未覆盖面积', dataIndex: 'uncoveredM2', render: areaText },
                { title: '未覆盖比例', dataIndex: 'uncoveredShare', render: (v: number) => `${(v * 100).toFixed(1)}%` },
              ]} />
          </>
        )}
      </Modal>
    </>
  );
}

export function AreasPage() {
  return (
    <ResourcePage<Area>
      title="责任区"
      resource="areas"
      rowKey={(a) => a.id}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '类型', dataIndex: 'kind', render: (v: string) => areaKindNames[v] ?? v },
        { title: '所属区划', dataIndex: 'unitCode', render: (v: string) => <UnitName code={v} /> },
        { title: '面积', dataIndex: 'areaM2', render: areaText },
      ]}
      filters={[
        { name: 'unit', kind: 'unit' },
        { name: 'kind', kind: 'select', placeholder: '类型', options: options(areaKindNames) },
        { name: 'q', kind: 'search', placeholder: '名称' },
      ]}
      extra={<CoverageCheck />}
      toFormValues={async (a) => {
        const detail = await api<Area & { geometry: unknown }>('GET', `/api/areas/${a.id}`);
        return { ...a, geometry: JSON.stringify(detail.geometry) };
      }}
      formFields={() => (
        <>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称' }, { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={options(areaKindNames)} /></Form.Item>
          <Form.Item name="unitCode" label="所属区划" rules={[{ required: true, message: '请选择区划' }]}><UnitSelect style={{ width: '100%' }} /></Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.unitCode !== b.unitCode}>
            {({ getFieldValue }) => (
              <Form.Item name="postId" label="责任人岗位（可不填）">
                <PostSelect unit={getFieldValue('unitCode') as string | undefined} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item
            name="geometry"
            label="边界（GeoJSON Polygon 或 MultiPolygon，CGCS2000 经纬度）"
            rules={[
              { required: true, message: '请粘贴边界 GeoJSON' },
              {
                validator: async (_, text: string) => {
                  if (!text) return;
                  let g: unknown;
                  try { g = parseGeometry(text); } catch { throw new Error('不是有效的 JSON'); }
                  const type = (g as { type?: string } | null)?.type;
                  if (type !== 'Polygon' && type !== 'MultiPolygon') throw new Error('几何类型应为 Polygon 或 MultiPolygon');
                },
              },
            ]}
          >
            <Input.TextArea rows={8} placeholder='{"type":"Polygon","coordinates":[[[108.7,28.8],…]]}' />
          </Form.Item>
        </>
      )}
      toBody={(v) => ({ name: v.name, kind: v.kind, unitCode: v.unitCode, postId: v.postId ?? null, geometry: parseGeometry(String(v.geometry)) })}
    />
  );
}

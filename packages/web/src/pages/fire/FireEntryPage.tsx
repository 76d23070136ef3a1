import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { overstayNames, type Overstay } from '@linzhang/domain';
import { api, ApiError, formFieldOf } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { showGeoJson, maplibregl, ownLayersStyle } from '../../components/map-style.ts';
import { localTime } from '../../labels.ts';

interface EntryPoint { id: string; code: string; name: string; unitCode: string; unitName: string; lon: number; lat: number; active: boolean; note: string | null; inside: number }
interface Visitor {
  id: string; pointId: string; pointName: string; unitCode: string; unitName: string; name: string | null; phone: string | null; phoneMasked: boolean; idTail: string | null;
  purpose: string; fireSource: boolean; enteredAt: string; exitedAt: string | null; purgedAt: string | null; overstay: Overstay | null;
}
interface PointValues { name: string; lon: number; lat: number; active: boolean; note?: string }

/** Entry points as dots (red while someone is inside); a click while adding gives the new point's place. */
function EntryMap({ points, picking, onPick }: { points: EntryPoint[]; picking: boolean; onPick: (lon: number, lat: number) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const latest = useRef({ picking, onPick });
  latest.current = { picking, onPick };
  const data = useMemo(() => ({
    type: 'FeatureCollection' as const,
    features: points.map((p) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] }, properties: { id: p.id, inside: p.inside, active: p.active } })),
  }), [points]);
  useEffect(() => {
    if (!box.current) return;
    const m = new maplibregl.Map({
      container: box.current, attributionControl: false, center: [108.77, 28.84], zoom: 8,
      style: ownLayersStyle({ points: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }, [{
        id: 'points', type: 'circle', source: 'points',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 14, 9],
          'circle-color': ['case', ['!', ['get', 'active']], '#999999', ['>', ['get', 'inside'], 0], '#d4202a', '#1f6f3b'],
          'circle-stroke-color': '#fff', 'circle-stroke-width': 2,
        },
      }]),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    m.on('click', (e) => latest.current.picking && latest.current.onPick(Math.round(e.lngLat.lng * 1e6) / 1e6, Math.round(e.lngLat.lat * 1e6) / 1e6));
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, []);
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    showGeoJson(m, 'points', data);
  }, [data]);
  return <div ref={box} data-testid="entry-map" style={{ height: 360, borderRadius: 8, overflow: 'hidden', cursor: picking ? 'crosshair' : undefined }} />;
}

const stayTag = (v: Visitor) => (v.exitedAt ? <Tag>已出林</Tag> : v.overstay ? <Tag color="red">{overstayNames[v.overstay]}</Tag> : <Tag color="green">在林</Tag>);

/** 森林防火 › 扫码入林: entry points on a map and in a table with their QR posters, who is inside now, and the registrations. */
export function FireEntryPage() {
  const user = useUser();
  const canKeep = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [points, setPoints] = useState<EntryPoint[]>([]);
  const [inside, setInside] = useState<Visitor[]>([]);
  const [editing, setEditing] = useState<EntryPoint | 'new' | null>(null);
  const [form] = Form.useForm<PointValues>();
  const [filters, setFilters] = useState<{ unit?: string; point?: string; range?: [Dayjs, Dayjs] | null; state?: string; q?: string }>({});
  const onError = useCallback((m: string) => void toast.error(m), [toast]);

  const load = useCallback(async () => {
    try {
      const [p, i] = await Promise.all([api<EntryPoint[]>('GET', '/api/fire/entry/points'), api<Visitor[]>('GET', '/api/fire/entry/inside')]);
      setPoints(p);
      setInside(i);
    } catch (e) {
      onError(e instanceof Error ? e.message : '加载失败');
    }
  }, [onError]);
  useEffect(() => void load(), [load]);

  const params = useMemo(() => ({
    unit: filters.unit, point: filters.point, state: filters.state, q: filters.q,
    from: filters.range?.[0].format('YYYY-MM-DD'), to: filters.range?.[1].format('YYYY-MM-DD'),
  }), [filters]);
  const registrations = usePaged<Visitor>('/api/fire/entry/registrations', params, onError);

  const open = (p: EntryPoint | 'new') => {
    setEditing(p);
    form.resetFields();
    form.setFieldsValue(p === 'new' ? { active: true } : { name: p.name, lon: p.lon, lat: p.lat, active: p.active, note: p.note ?? undefined });
  };
  const save = async (v: PointValues) => {
    try {
      if (editing === 'new') await api('POST', '/api/fire/entry/points', { ...v, note: v.note || undefined });
      else if (editing) await api('PUT', `/api/fire/entry/points/${editing.id}`, { ...v, note: v.note || undefined });
      void toast.success('已保存入林点');
      setEditing(null);
      await load();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.flatMap((fe) => { const f = formFieldOf(fe); return f ? [{ name: f as keyof PointValues, errors: [fe.message] }] : []; }));
      onError(e instanceof Error ? e.message : '保存失败');
    }
  };

  const visitorColumns = [
    { title: '姓名', dataIndex: 'name', render: (n: string | null, v: Visitor) => n ?? <Typography.Text type="secondary">{v.purgedAt ? '已按期删除' : '—'}</Typography.Text> },
    { title: '电话', dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
    { title: '入林点', dataIndex: 'pointName' },
    { title: '所在村', dataIndex: 'unitName' },
    { title: '事由', dataIndex: 'purpose' },
    { title: '携带火种', dataIndex: 'fireSource', render: (f: boolean) => (f ? <Tag color="volcano">是</Tag> : '否') },
    { title: '入林时间', dataIndex: 'enteredAt', render: (t: string) => localTime(t) },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {holder}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={`入林点（${points.length}）`} extra={canKeep && <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>新增入林点</Button>}>
            <EntryMap points={points} picking={editing !== null} onPick={(lon, lat) => form.setFieldsValue({ lon, lat })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`当前在林（${inside.length} 人）`} extra={<Typography.Text type="secondary">{inside.filter((v) => v.overstay).length} 人滞留</Typography.Text>}>
            <Table<Visitor> size="small" rowKey="id" dataSource={inside} pagination={{ pageSize: 8 }} locale={{ emptyText: '当前无人在林' }} data-testid="inside-table"
              columns={[
                { title: '姓名', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
                { title: '电话', dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
                { title: '区域', key: 'where', render: (_, v) => `${v.unitName} · ${v.pointName}` },
                { title: '入林', dataIndex: 'enteredAt', render: (t: string) => localTime(t) },
                { title: '状态', key: 'state', render: (_, v) => stayTag(v) },
              ]} />
          </Card>
        </Col>
      </Row>
      <Card title="入林点列表">
        <Table<EntryPoint> size="small" rowKey="id" dataSource={points} pagination={{ pageSize: 10 }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '所在村', dataIndex: 'unitName' },
            { title: '短码', dataIndex: 'code', render: (c: string) => <a href={`/entry/${c}`} target="_blank" rel="noreferrer">/entry/{c}</a> },
            { title: '经纬度', key: 'at', render: (_, p) => `${p.lon.toFixed(5)}, ${p.lat.toFixed(5)}` },
            { title: '在林人数', dataIndex: 'inside' },
            { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
            {
              title: '操作', key: 'act', render: (_, p) => (
                <Space>
                  <Button size="small" icon={<FilePdfOutlined />} href={`/api/fire/entry/points/${p.id}/poster.pdf`} download>二维码海报</Button>
                  {canKeep && <Button size="small" onClick={() => open(p)}>修改</Button>}
                </Space>
              ),
            },
          ]} />
      </Card>
      <Card title="入林登记记录">
        <Space wrap style={{ marginBottom: 12 }}>
          <UnitSelect value={filters.unit} onChange={(unit) => setFilters({ ...filters, unit })} placeholder="区域" />
          <Select allowClear placeholder="入林点" style={{ width: 180 }} value={filters.point} onChange={(point?: string) => setFilters({ ...filters, point })} options={points.map((p) => ({ value: p.id, label: p.name }))} />
          <DatePicker.RangePicker value={filters.range ?? null} onChange={(range) => setFilters({ ...filters, range: range && range[0] && range[1] ? [range[0], range[1]] : null })} />
          <Select allowClear placeholder="在林 / 已出林" style={{ width: 140 }} value={filters.state} onChange={(state?: string) => setFilters({ ...filters, state })} options={[{ value: 'inside', label: '在林' }, { value: 'out', label: '已出林' }]} />
          <Input.Search allowClear placeholder="姓名或电话" style={{ width: 180 }} onSearch={(q) => setFilters({ ...filters, q: q || undefined })} />
        </Space>
        <Table<Visitor> size="small" rowKey="id" dataSource={registrations.data.items} loading={registrations.loading} pagination={registrations.pagination}
          columns={[...visitorColumns, { title: '出林时间', dataIndex: 'exitedAt', render: (t: string | null) => localTime(t) }, { title: '状态', key: 'state', render: (_: unknown, v: Visitor) => stayTag(v) }]} />
      </Card>
      <Modal open={editing !== null} title={editing === 'new' ? '新增入林点（可在地图上点选位置）' : '修改入林点'} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText="保存" mask={false} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="如 包家沟入林口" /></Form.Item>
          <Space>
            <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请填写经度' }]}><InputNumber min={73} max={136} step={0.0001} style={{ width: 160 }} /></Form.Item>
            <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请填写纬度' }]}><InputNumber min={3} max={54} step={0.0001} style={{ width: 160 }} /></Form.Item>
          </Space>
          <Form.Item name="active" label="启用" valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="note" label="备注"><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

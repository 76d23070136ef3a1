import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Descriptions, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { defaultDeviceTopicRoot, deviceAlarmKindNames, deviceAlarmKinds, deviceKindNames, deviceKinds, type DeviceAlarmKind, type DeviceKind } from '@linzhang/domain';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { showGeoJson, maplibregl, ownLayersStyle } from '../../components/map-style.ts';
import { localTime } from '../../labels.ts';

type Status = 'online' | 'offline' | 'never' | 'pending' | 'rejected' | 'inactive';
interface Counts { messages: number; invalid: number; alarms: number; people: number; vehicles: number }
interface Device {
  id: string; countyCode: string; deviceId: string; kind: DeviceKind; name: string; unitName: string; lon: number | null; lat: number | null; belongsTo: string | null;
  active: boolean; registration: 'pending' | 'accepted' | 'rejected'; status: Status; firstSeenAt: string | null; lastSeenAt: string | null; offlineSince: string | null;
  battery: number | null; signal: number | null; note: string | null; today: Counts;
}
interface Alarm { id: string; deviceRef: string; deviceId: string; deviceName: string; kind: DeviceAlarmKind; at: string; value: number | null; snapshot: string | null; fireId: string | null; fireCreated: boolean | null; forwardError: string | null }
interface Detail extends Device { days: (Counts & { day: string })[]; messages: { receivedAt: string; channel: string; payload: string; valid: boolean; error: string | null }[]; alarms: Alarm[] }
interface Ingest { link: { mode: 'off' | 'external' | 'embedded'; url: string | null; connected: boolean; lastError: string | null; since: string | null }; topicRoot: string; rejects: { day: string; reason: string; count: number; lastTopic: string; lastError: string }[] }

const statusInfo: Record<Status, { text: string; colour: string; tag: string }> = {
  online: { text: '在线', colour: '#389e0d', tag: 'green' }, offline: { text: '离线', colour: '#cf1322', tag: 'red' }, never: { text: '未上报', colour: '#8c8c8c', tag: 'default' },
  pending: { text: '待接收', colour: '#d48806', tag: 'gold' }, rejected: { text: '已拒绝', colour: '#595959', tag: 'default' }, inactive: { text: '停用', colour: '#bfbfbf', tag: 'default' },
};
const rejectNames: Record<string, string> = { bad_topic: '主题格式不符', unknown_county: '区县代码不在本平台' };
const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');

/** Devices with a point, coloured by status; a click opens one. */
function DeviceMap({ devices, onOpen }: { devices: Device[]; onOpen: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const data = useMemo(() => ({
    type: 'FeatureCollection' as const,
    features: devices.filter((d) => d.lon !== null && d.lat !== null).map((d) => ({
      type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [d.lon!, d.lat!] }, properties: { id: d.id, colour: statusInfo[d.status].colour },
    })),
  }), [devices]);
  useEffect(() => {
    if (!box.current) return;
    const m = new maplibregl.Map({
      container: box.current, attributionControl: false, center: [108.77, 28.84], zoom: 8,
      style: ownLayersStyle({ devices: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }, [
        { id: 'devices', type: 'circle', source: 'devices', paint: { 'circle-radius': 7, 'circle-color': ['get', 'colour'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
      ]),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    m.on('click', 'devices', (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') open.current(id);
    });
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, []);
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    showGeoJson(m, 'devices', data);
  }, [data]);
  return <div ref={box} data-testid="device-map" style={{ height: 400, borderRadius: 8, overflow: 'hidden' }} />;
}

/** 森林防火 › 设备状态: smart checkpoints, cameras and sensors reporting over MQTT (issue 6 §8). */
export function DevicesPage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [kind, setKind] = useState<DeviceKind | undefined>();
  const params = useMemo(() => ({ kind, registration: 'accepted' }), [kind]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Device>('/api/fire/devices', params, onError);
  const [all, setAll] = useState<Device[]>([]);
  const [pending, setPending] = useState<Device[]>([]);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [ingest, setIngest] = useState<Ingest | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Device | 'new' | null>(null);

  const loadSide = useCallback(async () => {
    try {
      const [a, p, al, i] = await Promise.all([
        api<{ items: Device[] }>('GET', `/api/fire/devices${query({ registration: 'accepted', limit: 500 })}`),
        api<{ items: Device[] }>('GET', `/api/fire/devices${query({ registration: 'pending', limit: 100 })}`),
        api<Alarm[]>('GET', '/api/fire/devices/alarms?limit=20'),
        api<Ingest>('GET', '/api/fire/devices/ingest'),
      ]);
      setAll(a.items);
      setPending(p.items);
      setAlarms(al);
      setIngest(i);
    } catch (e) {
      onError(errorText(e));
    }
  }, [onError]);
  useEffect(() => void loadSide(), [loadSide]);
  const changed = () => { void reload(); void loadSide(); };
  const counts = useMemo(() => all.reduce<Record<string, number>>((acc, d) => ({ ...acc, [d.status]: (acc[d.status] ?? 0) + 1 }), {}), [all]);
  const entries = all.reduce((acc, d) => ({ people: acc.people + d.today.people, vehicles: acc.vehicles + d.today.vehicles }), { people: 0, vehicles: 0 });
  const reject = async (d: Device) => {
    try {
      await api('POST', `/api/fire/devices/${d.id}/reject`);
      void toast.success(`已拒绝 ${d.deviceId}`);
      changed();
    } catch (e) {
      void toast.error(errorText(e));
    }
  };

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>设备状态</Typography.Title>
            {(['online', 'offline', 'never'] as const).map((s) => <Tag key={s} color={statusInfo[s].tag} data-testid={`count-${s}`}>{statusInfo[s].text} {counts[s] ?? 0}</Tag>)}
            <Typography.Text type="secondary">今日通行 {entries.people} 人、{entries.vehicles} 车次</Typography.Text>
          </Space>
          <Space wrap>
            <Select allowClear placeholder="设备类型" value={kind} onChange={setKind} style={{ width: 140 }} options={deviceKinds.map((k) => ({ value: k, label: deviceKindNames[k] }))} />
            {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>登记设备</Button>}
          </Space>
        </Space>
        {ingest && <LinkAlert ingest={ingest} />}
        <Row gutter={16}>
          <Col xs={24} lg={8}>
            <DeviceMap devices={all} onOpen={setOpenId} />
            <Space size={12} style={{ marginTop: 8 }} wrap>
              {(['online', 'offline', 'never', 'inactive'] as const).map((s) => <span key={s}><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: statusInfo[s].colour, marginRight: 4 }} />{statusInfo[s].text}</span>)}
            </Space>
          </Col>
          <Col xs={24} lg={16}>
            <Table<Device> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
              onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: '设备', key: 'name', render: (_: unknown, d: Device) => <Space orientation="vertical" size={0}><span>{d.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.deviceId}</Typography.Text></Space> },
                { title: '类型', dataIndex: 'kind', render: (k: DeviceKind) => deviceKindNames[k] },
                { title: '位置', key: 'where', render: (_: unknown, d: Device) => `${d.unitName}${d.belongsTo ? ` · ${d.belongsTo}` : ''}` },
                { title: '状态', dataIndex: 'status', render: (s: Status, d: Device) => <Tag color={statusInfo[s].tag} title={d.offlineSince ? `自 ${localTime(d.offlineSince)} 离线` : undefined}>{statusInfo[s].text}</Tag> },
                { title: '最后消息', dataIndex: 'lastSeenAt', render: (v: string | null) => localTime(v) },
                { title: '今日通行', key: 'entries', render: (_: unknown, d: Device) => (d.kind === 'smart_checkpoint' ? `${d.today.people} 人 / ${d.today.vehicles} 车` : '—') },
                { title: '今日消息', key: 'messages', render: (_: unknown, d: Device) => <span>{d.today.messages}{d.today.invalid ? <Typography.Text type="danger">（无效 {d.today.invalid}）</Typography.Text> : null}</span> },
              ]} />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card size="small" title="最近报警" data-testid="recent-alarms">
              <Table<Alarm> rowKey="id" size="small" pagination={false} dataSource={alarms} locale={{ emptyText: '暂无设备报警' }}
                columns={[
                  { title: '时间', dataIndex: 'at', render: (v: string) => localTime(v) },
                  { title: '设备', key: 'device', render: (_: unknown, a: Alarm) => <a onClick={() => setOpenId(a.deviceRef)}>{a.deviceName}</a> },
                  { title: '类型', dataIndex: 'kind', render: (k: DeviceAlarmKind) => <Tag color="red">{deviceAlarmKindNames[k]}</Tag> },
                  { title: '火情', key: 'fire', render: (_: unknown, a: Alarm) => (a.fireId ? <Link to={`/fire/alarms/${a.fireId}`}>{a.fireCreated ? '已立火情' : '并入火情'}</Link> : <Typography.Text type="warning">{a.forwardError ?? '处理中'}</Typography.Text>) },
                ]} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={`待接收设备（${pending.length}）`} data-testid="pending-devices">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>未登记的设备发来消息后出现在这里：消息照常计数，但报警不转为火情、通行不计入统计，直到工作人员填写类型和位置接收。</Typography.Paragraph>
              <Table<Device> rowKey="id" size="small" pagination={false} dataSource={pending} locale={{ emptyText: '没有待接收的设备' }}
                columns={[
                  { title: '设备编号', dataIndex: 'deviceId' },
                  { title: '首次消息', dataIndex: 'firstSeenAt', render: (v: string | null) => localTime(v) },
                  { title: '今日消息', key: 'm', render: (_: unknown, d: Device) => d.today.messages },
                  ...(staff ? [{ title: '', key: 'act', render: (_: unknown, d: Device) => <Space><Button size="small" type="link" onClick={() => setEditing(d)}>接收</Button><Button size="small" type="link" danger onClick={() => void reject(d)}>拒绝</Button></Space> }] : []),
                ]} />
            </Card>
          </Col>
        </Row>
        <Collapse items={[{ key: 'topics', label: '设备接入说明（给安装单位）', children: <TopicGuide ingest={ingest} /> }]} />
      </Space>
      {editing && <DeviceForm device={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(d) => { setEditing(null); changed(); void toast.success(`已保存 ${d.name}`); }} />}
      {openId && <DeviceDrawer id={openId} onClose={() => setOpenId(null)} onEdit={staff ? (d) => { setOpenId(null); setEditing(d); } : null} />}
    </Card>
  );
}

function LinkAlert({ ingest }: { ingest: Ingest }) {
  const { link, rejects } = ingest;
  const today = rejects.reduce((n, r) => n + r.count, 0);
  const where = link.mode === 'embedded' ? `内置 MQTT 服务（${link.url}）` : link.mode === 'external' ? `MQTT 服务 ${link.url}` : '';
  return (
    <Alert showIcon type={link.mode === 'off' ? 'warning' : link.connected ? 'success' : 'error'}
      title={link.mode === 'off' ? `设备接入未启动：${link.lastError ?? '服务以 --no-mqtt 启动'}` : link.connected ? `设备接入正常：已订阅${where}` : `设备接入中断：${where}${link.lastError ? `（${link.lastError}）` : ''}，正在重连`}
      description={today ? `近两日有 ${today} 条消息无法归属设备：${rejects.map((r) => `${rejectNames[r.reason] ?? r.reason} ${r.count} 条（如 ${r.lastTopic}）`).join('；')}` : undefined} />
  );
}

function TopicGuide({ ingest }: { ingest: Ingest | null }) {
  const root = ingest?.topicRoot ?? defaultDeviceTopicRoot;
  const rows = [
    { channel: 'heartbeat', what: '心跳（建议每 5 分钟一次）：刷新在线状态；超过规则配置中的分钟数无任何消息即报离线', example: '{"v":1,"battery":87,"signal":-71}' },
    { channel: 'entries', what: '通行计数（智能卡口）：一个时段（≤24 小时）内经过的人数、车辆数', example: '{"v":1,"from":"2026-03-01T09:00:00+08:00","to":"2026-03-01T10:00:00+08:00","people":14,"vehicles":3}' },
    { channel: 'alarm', what: `报警：kind 为 ${deviceAlarmKinds.map((k) => `${k}（${deviceAlarmKindNames[k]}）`).join('、')}；可带火点经纬度 lon/lat、测值 value、截图 snapshot`, example: '{"v":1,"kind":"smoke","at":"2026-03-01T14:05:00+08:00","lon":108.7712,"lat":28.8431}' },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>
        设备以 MQTT（QoS 1）发布 UTF-8 JSON 到 <Typography.Text code>{`${root}/<区县代码6位>/devices/<设备编号>/<通道>`}</Typography.Text>。
        设备编号为字母、数字、<Typography.Text code>. _ -</Typography.Text>，至多 64 位；时间须带时区（ISO 8601）。字段以外的内容、错误的 JSON 都会被记录为无效消息。
        {ingest?.link.mode === 'embedded' && <> 本机内置 MQTT 服务地址：<Typography.Text code>{ingest.link.url}</Typography.Text>（设备应连接服务器的局域网地址）。</>}
        完整说明见 docs/api.md“设备接入（MQTT）”。
      </Typography.Paragraph>
      <Table size="small" pagination={false} rowKey="channel" dataSource={rows}
        columns={[
          { title: '通道', dataIndex: 'channel', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: '用途', dataIndex: 'what' },
          { title: '示例', dataIndex: 'example', render: (e: string) => <Typography.Text code style={{ fontSize: 12 }}>{e}</Typography.Text> },
        ]} />
    </Space>
  );
}

function DeviceForm(props: { device: Device | null; onClose: () => void; onSaved: (d: Device) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const d = props.device;
  const accepting = d?.registration === 'pending';
  const save = async (v: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
      props.onSaved(d ? await api<Device>('PUT', `/api/fire/devices/${d.id}`, body) : await api<Device>('POST', '/api/fire/devices', body));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title={accepting ? `接收设备 ${d.deviceId}` : d ? `修改设备 ${d.deviceId}` : '登记设备'} open onClose={props.onClose} size={520}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{accepting ? '接收' : '保存'}</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}
        initialValues={d ? { kind: d.kind === 'other' && accepting ? undefined : d.kind, name: accepting ? undefined : d.name, lon: d.lon ?? undefined, lat: d.lat ?? undefined, belongsTo: d.belongsTo ?? undefined, active: d.active, note: d.note ?? undefined } : { kind: 'smart_checkpoint', active: true }}>
        {!d && <Form.Item name="deviceId" label="设备编号" extra="设备发布消息时使用的编号" rules={[{ required: true, message: '请填写设备编号' }, { pattern: /^[A-Za-z0-9._-]{1,64}$/, message: '只能是字母、数字和 . _ -' }]}><Input /></Form.Item>}
        <Form.Item name="kind" label="设备类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={deviceKinds.map((k) => ({ value: k, label: deviceKindNames[k] }))} /></Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="如 龙潭镇包家村入山口卡口" /></Form.Item>
        <Space wrap>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请填写经度' }]}><InputNumber style={{ width: 150 }} step={0.0001} /></Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请填写纬度' }]}><InputNumber style={{ width: 150 }} step={0.0001} /></Form.Item>
        </Space>
        <Form.Item name="belongsTo" label="所属卡口或设施"><Input placeholder="如 包家村入山口检查站" /></Form.Item>
        {d && !accepting && <Form.Item name="active" label="启用" valuePropName="checked"><Switch /></Form.Item>}
        <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Drawer>
  );
}

function DeviceDrawer(props: { id: string; onClose: () => void; onEdit: ((d: Device) => void) | null }) {
  const [d, setD] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => void api<Detail>('GET', `/api/fire/devices/${props.id}`).then(setD, (e: unknown) => setProblem(errorText(e))), [props.id]);
  return (
    <Drawer title={d ? `${d.name}（${d.deviceId}）` : '设备'} open onClose={props.onClose} size={640}
      extra={d && props.onEdit && <Button onClick={() => props.onEdit!(d)}>{d.registration === 'pending' ? '接收' : '修改'}</Button>}>
      {problem && <Alert type="error" showIcon title={problem} />}
      {d && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered items={[
            { key: 's', label: '状态', children: <Tag color={statusInfo[d.status].tag}>{statusInfo[d.status].text}</Tag> },
            { key: 'k', label: '类型', children: deviceKindNames[d.kind] },
            { key: 'u', label: '所在', children: `${d.unitName}${d.belongsTo ? ` · ${d.belongsTo}` : ''}` },
            { key: 'l', label: '最后消息', children: localTime(d.lastSeenAt) },
            { key: 'o', label: '离线起', children: localTime(d.offlineSince) },
            { key: 'b', label: '电量 / 信号', children: `${d.battery ?? '—'} / ${d.signal ?? '—'}` },
          ]} />
          <Typography.Title level={5}>近 14 日</Typography.Title>
          <Table size="small" rowKey="day" pagination={false} dataSource={d.days} locale={{ emptyText: '近 14 日无消息' }}
            columns={[{ title: '日期', dataIndex: 'day' }, { title: '消息', dataIndex: 'messages' }, { title: '无效', dataIndex: 'invalid' }, { title: '报警', dataIndex: 'alarms' }, { title: '人', dataIndex: 'people' }, { title: '车', dataIndex: 'vehicles' }]} />
          <Typography.Title level={5}>最近消息</Typography.Title>
          <Table size="small" rowKey={(m) => `${m.receivedAt}${m.payload}`} pagination={false} dataSource={d.messages} locale={{ emptyText: '尚无消息' }}
            columns={[
              { title: '收到', dataIndex: 'receivedAt', render: (v: string) => localTime(v) },
              { title: '通道', dataIndex: 'channel' },
              { title: '内容', dataIndex: 'payload', render: (p: string) => <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>{p}</Typography.Text> },
              { title: '校验', key: 'v', render: (_: unknown, m: Detail['messages'][number]) => (m.valid ? <Tag color="green">有效</Tag> : <Typography.Text type="danger">{m.error}</Typography.Text>) },
            ]} />
        </Space>
      )}
    </Drawer>
  );
}

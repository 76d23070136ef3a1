import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { FireOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import type { FeatureCollection, Point } from 'geojson';
import { fireSourceNames, fireSources, fireStatusNames, fireStatuses, type FireRecord, type FireSource, type FireStatus } from '@linzhang/domain';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import { fileToBase64 } from '../../api/file-base64.ts';
import { useUser } from '../../auth.tsx';
import { localTime, options } from '../../labels.ts';
import { newClientId } from '../../mobile/ids.ts';
import { usePaged } from '../../components/usePaged.ts';
import { PickablePointMap } from '../../components/PickablePointMap.tsx';
import { CheckedImportDrawer, type CheckedReport, type CheckedRow } from '../../components/CheckedImportDrawer.tsx';
import { errorText, fireStatusColours, FireStatusTag, SizeClassTag } from './fire-labels.tsx';
import { initialUnit, initialYear } from '../../url-params.ts';

type FireMap = FeatureCollection<Point, { id: string; title: string; status: FireStatus; open: number; breached: number }> & { truncated: boolean };
interface Kpis { fires: number; ordinaryFires: number; ordinaryOutWithin24h: number; shareOutWithin24h: number | null; meetsOutWithin24h: boolean | null; damageRatePermille: number | null; meetsDamageRate: boolean | null; burnedForestHa: number }
interface Stats { year: number; total: { fires: number; falseAlarms: number; byClass: Record<string, number>; economicLossYuan: number }; kpis: Kpis; forestAreaSource: string | null }

const canHandle = (roles: string[]) => roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief');
const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

const fireColour: unknown[] = ['match', ['get', 'status']];
for (const s of fireStatuses) fireColour.push(s, fireStatusColours[s]);
fireColour.push('#888');
/** Open fires red, breached ones larger with a dark ring. */
const firePaint = {
  'circle-radius': ['case', ['>', ['get', 'breached'], 0], 9, ['==', ['get', 'open'], 1], 7, 5],
  'circle-color': fireColour, 'circle-stroke-color': ['case', ['>', ['get', 'breached'], 0], '#5c0011', '#fff'], 'circle-stroke-width': 2,
} as never;

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** This year's fires by size class and the two Chongqing KPIs (DOMAIN.md §5). */
function FireKpiStrip({ version }: { version: number }) {
  const [s, setS] = useState<Stats | null>(null);
  useEffect(() => { void api<Stats>('GET', `/api/fires/statistics${query({ year: thisYear() })}`).then(setS).catch(() => setS(null)); }, [version]);
  if (!s) return null;
  const k = s.kpis;
  return (
    <Row gutter={16} data-testid="fire-kpis">
      <Col xs={12} md={6}><Statistic title={`${s.year} 年火灾（不含误报）`} value={s.total.fires} suffix="起" /></Col>
      <Col xs={12} md={6}><Statistic title="一般 / 较大 / 重大及以上" value={`${s.total.byClass.general} / ${s.total.byClass.larger} / ${(s.total.byClass.major ?? 0) + (s.total.byClass.especially_major ?? 0)}`} /></Col>
      <Col xs={12} md={6}>
        <Statistic title="一般火灾 24 小时扑灭率（目标 >95%）" value={pct(k.shareOutWithin24h)} styles={{ content: { color: k.meetsOutWithin24h === false ? '#cf1322' : '#389e0d' } }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{k.ordinaryOutWithin24h}/{k.ordinaryFires} 起</Typography.Text>
      </Col>
      <Col xs={12} md={6}>
        <Statistic title="森林火灾受害率（目标 ≤0.3‰）" value={k.damageRatePermille === null ? '—' : `${k.damageRatePermille.toFixed(3)}‰`} styles={{ content: { color: k.meetsDamageRate === false ? '#cf1322' : '#389e0d' } }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.forestAreaSource ?? '一本账中尚无森林面积，无法计算'}</Typography.Text>
      </Col>
    </Row>
  );
}

/** 森林防火 › 火情处置: the fires on a map and in a list, the report form and the satellite hotspot import. */
export function FireAlarmsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const handles = canHandle(user.roles);
  const [toast, holder] = message.useMessage();
  // A link for a year's fires (an indicator, the dashboard) lists all of them; otherwise the open ones first.
  const [status, setStatus] = useState<'open' | FireStatus | undefined>(initialYear() ? undefined : 'open');
  const [source, setSource] = useState<FireSource | undefined>();
  const [year, setYear] = useState<number | undefined>(initialYear());
  const [q, setQ] = useState<string | undefined>();
  // A link (an indicator, the dashboard) may open the list for one unit.
  const [unit] = useState<string | undefined>(initialUnit());
  const params = useMemo(() => ({ ...(status === 'open' ? { open: true } : status ? { status: [status] } : {}), source, year, q, unit }), [status, source, year, q, unit]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<FireRecord>('/api/fires', params, onError);
  const [points, setPoints] = useState<FireMap | null>(null);
  const [version, setVersion] = useState(0);
  const [reporting, setReporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [picked, setPicked] = useState<{ lon: number; lat: number } | null>(null);
  useEffect(() => { void api<FireMap>('GET', `/api/fires/map${query(params)}`).then(setPoints).catch((e: unknown) => onError(errorText(e))); }, [params, version, onError]);
  const changed = () => { void reload(); setVersion((v) => v + 1); };

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>火情处置</Typography.Title>
          <Space wrap>
            <Select placeholder="状态" allowClear value={status} onChange={setStatus} style={{ width: 130 }} aria-label="状态"
              options={[{ value: 'open', label: '处置中' }, ...fireStatuses.map((s) => ({ value: s, label: fireStatusNames[s] }))]} />
            <Select placeholder="来源" allowClear value={source} onChange={setSource} style={{ width: 130 }} options={fireSources.map((s) => ({ value: s, label: fireSourceNames[s] }))} />
            <Select placeholder="年度" allowClear value={year} onChange={setYear} style={{ width: 100 }} options={[0, 1, 2].map((d) => ({ value: thisYear() - d, label: `${thisYear() - d} 年` }))} />
            <Input.Search allowClear placeholder="标题、描述、火因" onSearch={(v) => setQ(v || undefined)} style={{ width: 180 }} />
            {handles && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入卫星热点</Button>}
            <Button type="primary" danger icon={<FireOutlined />} onClick={() => { setPicked(null); setReporting(true); }}>报告火情</Button>
          </Space>
        </Space>
        <FireKpiStrip version={version} />
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <PickablePointMap testId="fire-map" paint={firePaint} data={points} picking={reporting} onPick={(p) => ('id' in p ? navigate(`/fire/alarms/${p.id}`) : setPicked(p))} />
            <Space size={12} style={{ marginTop: 8 }} wrap>
              {(['discovered', 'reported', 'dispatched', 'controlled', 'out', 'false_alarm'] as const).map((s) => (
                <span key={s}><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: fireStatusColours[s], marginRight: 4 }} />{fireStatusNames[s]}</span>
              ))}
              <span><span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 7, border: '2px solid #5c0011', background: fireStatusColours.reported, marginRight: 4, verticalAlign: 'middle' }} />计时超时</span>
            </Space>
          </Col>
          <Col xs={24} lg={14}>
            <Table<FireRecord> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
              onRow={(r) => ({ onClick: () => navigate(`/fire/alarms/${r.id}`), style: { cursor: 'pointer' } })}
              columns={[
                { title: '发现时间', dataIndex: 'discoveredAt', render: (v: string) => localTime(v), width: 130 },
                {
                  title: '火情', dataIndex: 'title',
                  render: (t: string, r) => <div><div>{t}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.unitName} · {fireSourceNames[r.source]}</Typography.Text></div>,
                },
                { title: '状态', dataIndex: 'status', render: (s: FireStatus, r) => <Space size={4} wrap><FireStatusTag status={s} />{r.breachedTimers > 0 && <Tag color="red">超时 {r.breachedTimers}</Tag>}</Space>, width: 130 },
                { title: '等级', dataIndex: 'sizeClass', render: (c: FireRecord['sizeClass'], r) => (r.status === 'false_alarm' || r.status === 'dismissed' ? '—' : <SizeClassTag sizeClass={c} />), width: 80 },
              ]} />
          </Col>
        </Row>
      </Space>
      {reporting && <ReportFireDrawer picked={picked} name={user.name} onClose={() => setReporting(false)} onSaved={(f) => { setReporting(false); changed(); void toast.success('火情已报告，已同步立为问题'); navigate(`/fire/alarms/${f.id}`); }} />}
      {importing && <HotspotImportDrawer onClose={() => setImporting(false)} onCommitted={(n) => { changed(); void toast.success(`已导入 ${n} 个热点`); }} />}
    </Card>
  );
}

function ReportFireDrawer(props: { picked: { lon: number; lat: number } | null; name: string; onClose: () => void; onSaved: (f: { id: string }) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [id] = useState(() => newClientId('fire'));
  useEffect(() => { if (props.picked) form.setFieldsValue(props.picked); }, [props.picked, form]);
  const save = async (v: { source: string; lon: number; lat: number; discoveredAt: Dayjs; person: string; description: string; phone?: string; note?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      props.onSaved(await api<{ id: string }>('POST', '/api/fires', {
        id, source: v.source, lon: v.lon, lat: v.lat, discoveredAt: v.discoveredAt.toISOString(), person: v.person.trim(), description: v.description.trim(),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="报告火情" open onClose={props.onClose} size={520} mask={false}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" danger loading={busy} onClick={() => form.submit()}>报告</Button></Space>}>
      <Alert type="info" showIcon title="在左侧地图上点击火点位置，或直接填写经纬度（CGCS2000）。报告后自动在问题闭环中立一件“火灾隐患”问题。" style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ source: 'patrol', discoveredAt: dayjs(), person: props.name }}>
        <Space wrap>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 150 }} step={0.0001} aria-label="经度" /></Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 150 }} step={0.0001} aria-label="纬度" /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="source" label="发现方式" rules={[{ required: true }]}>
            <Select style={{ width: 150 }} options={options(fireSourceNames).filter((o) => o.value !== 'public' && o.value !== 'device')} />
          </Form.Item>
          <Form.Item name="discoveredAt" label="发现时间" rules={[{ required: true, message: '请填写发现时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="person" label="报告人" rules={[{ required: true, whitespace: true, message: '请填写报告人' }]}><Input style={{ width: 150 }} /></Form.Item>
          <Form.Item name="phone" label="联系电话"><Input style={{ width: 160 }} /></Form.Item>
        </Space>
        <Form.Item name="description" label="火情描述" rules={[{ required: true, whitespace: true, message: '请描述火情' }]}>
          <Input.TextArea rows={3} placeholder="地点、烟火大小、蔓延方向、周边有无村庄" />
        </Form.Item>
        <Form.Item name="note" label="备注"><Input /></Form.Item>
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Drawer>
  );
}

interface HotspotRow extends CheckedRow { lon: number | null; lat: number | null; at: string | null; confidence: string | null; frp: number | null; satellite: string | null; unitName: string | null }

/** Satellite hotspots CSV: checked row by row first, written only when confirmed. */
function HotspotImportDrawer({ onClose, onCommitted }: { onClose: () => void; onCommitted: (n: number) => void }) {
  return (
    <CheckedImportDrawer<HotspotRow> title="导入卫星热点" accept=".csv,.xlsx" unit="个" noun="热点" summaryTestId="hotspot-summary" errorText={errorText} onClose={onClose} onCommitted={onCommitted}
      help={<>
        CSV 或 Excel，列名为 FIRMS 格式（latitude, longitude, acq_date, acq_time（UTC，HHMM）, confidence, frp, satellite）或中文（纬度、经度、日期、时间、置信度、辐射功率、卫星）。
        逐行校验：不在管辖范围、数值错误、与已有火情或前面的行相距 1 公里、1 小时以内的不导入。先校验，确认后才写入，每个热点立一条火情并在问题闭环中立一件问题（须实地核实）。
      </>}
      run={async (file, commit) => api<CheckedReport<HotspotRow>>('POST', '/api/fires/hotspots', { fileName: file.name, contentBase64: await fileToBase64(file), commit })}
      columns={[
        { title: '行', dataIndex: 'row', width: 50 },
        { title: '观测时间', dataIndex: 'at', render: (v: string | null) => localTime(v), width: 130 },
        { title: '位置', key: 'pos', render: (_, r) => (r.lon === null ? '—' : `${r.lon.toFixed(4)}, ${r.lat!.toFixed(4)}`), width: 150 },
        { title: '村', dataIndex: 'unitName', render: (v: string | null) => v ?? '—', width: 90 },
        { title: '置信度', dataIndex: 'confidence', render: (v: string | null) => v ?? '—', width: 70 },
      ]} />
  );
}

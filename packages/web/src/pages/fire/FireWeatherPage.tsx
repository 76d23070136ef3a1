import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { CloudDownloadOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { GeoJSONSource } from 'maplibre-gl';
import dayjs from 'dayjs';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import { fileToBase64 } from '../../api/file-base64.ts';
import type { Page, Unit } from '../../api/types.ts';
import { useUser } from '../../auth.tsx';
import { boundsOfCoordinates, maplibregl, ownLayersStyle } from '../../components/map-style.ts';
import { shanghaiToday } from '../../shanghai-date.ts';

interface Station {
  id: string; code: string; name: string; lon: number; lat: number; elevationM: number | null; units: { code: string; name: string }[];
  startFfmc: number; startDmc: number; startDc: number; seasonStart: string; note: string | null; latest: { date: string; forecast: boolean; fwi: number | null } | null;
}
interface Indices { ffmc: number; dmc: number; dc: number; isi: number; bui: number; fwi: number; dsr: number; restarted: boolean }
interface StationDay {
  date: string; temp: number; rh: number; ws: number; prec: number; maxTemp: number | null; rh14: number | null; windForce: number | null; forecast: boolean;
  source: 'manual' | 'csv' | 'pull'; enteredAt: string; indices: Indices | null;
}
interface Finding { severity: 'error' | 'warning'; field?: string; message: string }
interface ImportReport {
  fileName: string; encoding: string | null; fileFindings: Finding[]; accepted: number; rejected: number; committed: boolean; written: number;
  rows: { row: number; ok: boolean; stationCode: string | null; date: string | null; findings: Finding[]; values: { temp: number; rh: number; ws: number; prec: number } | null }[];
}
interface Pull { id: string; startedAt: string; ok: boolean; trigger: 'schedule' | 'manual'; received: number; saved: number; summary: string; findings: string[] }

const sourceNames = { manual: '人工录入', csv: '文件导入', pull: '自动拉取' } as const;
const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');
const r1 = (v: number | undefined) => (v === undefined ? '—' : (Math.round(v * 10) / 10).toFixed(1));

/** Stations as points on our own unit layers; a click selects one. */
function StationMap({ stations, selected, onSelect }: { stations: Station[]; selected: string | null; onSelect: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const pick = useRef(onSelect);
  pick.current = onSelect;
  useEffect(() => {
    if (!box.current) return;
    const m = new maplibregl.Map({
      container: box.current, attributionControl: false, center: [108.77, 28.84], zoom: 8,
      style: ownLayersStyle({ stations: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }, [
        { id: 'stations', type: 'circle', source: 'stations', paint: { 'circle-radius': ['case', ['get', 'selected'], 9, 6], 'circle-color': ['case', ['get', 'selected'], '#c92a2a', '#1864ab'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
      ]),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    m.on('click', 'stations', (e) => { const id = e.features?.[0]?.properties?.id; if (typeof id === 'string') pick.current(id); });
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, []);
  const data = JSON.stringify(stations.map((s) => [s.id, s.lon, s.lat]));
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const points = JSON.parse(data) as [string, number, number][];
    const apply = () => {
      (m.getSource('stations') as GeoJSONSource | undefined)?.setData({
        type: 'FeatureCollection', features: points.map(([id, lon, lat]) => ({ type: 'Feature', properties: { id, selected: id === selected }, geometry: { type: 'Point', coordinates: [lon, lat] } })),
      });
      const b = boundsOfCoordinates(points.map(([, x, y]) => [x, y]));
      if (b && !selected) m.fitBounds(b, { padding: 50, maxZoom: 11, duration: 0 });
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [data, selected]);
  return <div ref={box} data-testid="station-map" style={{ height: 360, borderRadius: 8, overflow: 'hidden' }} />;
}

/** 森林防火 › 气象站与观测: stations on a map and in a table, a station's days with FWI indices, entry, CSV import and the pull. */
export function FireWeatherPage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [stations, setStations] = useState<Station[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const [version, setVersion] = useState(0);
  const load = useCallback(async () => {
    const list = await api<Station[]>('GET', '/api/fire/stations');
    setStations(list);
    setSelected((s) => s ?? list[0]?.id ?? null);
  }, []);
  useEffect(() => void load().catch((e: unknown) => void toast.error(errorText(e))), [load, toast]);
  const station = stations.find((s) => s.id === selected) ?? null;
  const changed = () => { void load(); setVersion((v) => v + 1); };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>气象站与观测</Typography.Title>
            {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新建气象站</Button>}
          </Space>
          <Row gutter={16}>
            <Col xs={24} lg={9}><StationMap stations={stations} selected={selected} onSelect={setSelected} /></Col>
            <Col xs={24} lg={15}>
              <Table<Station> rowKey="id" size="small" dataSource={stations} pagination={false} locale={{ emptyText: '尚无气象站' }}
                rowClassName={(s) => (s.id === selected ? 'ant-table-row-selected' : '')}
                onRow={(s) => ({ onClick: () => setSelected(s.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: '站号', dataIndex: 'code' },
                  { title: '站名', dataIndex: 'name' },
                  { title: '服务区划', dataIndex: 'units', render: (u: Station['units']) => u.map((x) => x.name).join('、') },
                  { title: '海拔', dataIndex: 'elevationM', render: (v: number | null) => (v === null ? '—' : `${v} m`) },
                  { title: '最近一日', dataIndex: 'latest', render: (l: Station['latest']) => (l ? <>{l.date} FWI {r1(l.fwi ?? undefined)}{l.forecast && <Tag color="purple" style={{ marginLeft: 4 }}>预报</Tag>}</> : '—') },
                  ...(staff ? [{ title: '', key: 'edit', render: (_: unknown, s: Station) => <Button size="small" icon={<EditOutlined />} onClick={(e) => { e.stopPropagation(); setEditing(s); }}>修改</Button> }] : []),
                ]} />
            </Col>
          </Row>
        </Space>
      </Card>
      {station && <StationDays key={station.id} station={station} staff={staff} version={version} onChanged={changed} />}
      {staff && <ImportCard onDone={changed} />}
      <PullCard staff={staff} onDone={changed} />
      {editing && <StationForm station={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(s) => { setEditing(null); setSelected(s.id); changed(); void toast.success(`已保存 ${s.name}`); }} />}
    </Space>
  );
}

function StationForm(props: { station: Station | null; onClose: () => void; onSaved: (s: Station) => void }) {
  const user = useUser();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    // A county's (or province's) staff pick among its towns; a town's among itself and its villages.
    const local = user.scopeUnit.level === 'town' || user.scopeUnit.level === 'village';
    void api<Page<Unit>>('GET', `/api/units${query(local ? { parent: user.scopeUnit.code, limit: 500 } : { level: 'town', limit: 500 })}`).then((p) => {
      const own = local ? [{ value: user.scopeUnit.code, label: user.scopeUnit.name }] : [];
      setUnits([...own, ...p.items.filter((u) => u.level === 'town' || u.level === 'village').map((u) => ({ value: u.code, label: u.shortName }))]);
    });
  }, [user.scopeUnit]);
  const s = props.station;
  const save = async (v: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
      props.onSaved(await api<Station>(s ? 'PUT' : 'POST', s ? `/api/fire/stations/${s.id}` : '/api/fire/stations', body));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title={s ? `修改气象站 ${s.name}` : '新建气象站'} open onClose={props.onClose} size={520}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}
        initialValues={s ? { ...s, unitCodes: s.units.map((u) => u.code), elevationM: s.elevationM ?? undefined, note: s.note ?? undefined } : { startFfmc: 85, startDmc: 6, startDc: 15, seasonStart: '01-01' }}>
        <Space wrap>
          <Form.Item name="code" label="站号" rules={[{ required: true, message: '请填写站号' }]}><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item name="name" label="站名" rules={[{ required: true, message: '请填写站名' }]}><Input style={{ width: 200 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请填写' }]}><InputNumber style={{ width: 130 }} step={0.0001} /></Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请填写' }]}><InputNumber style={{ width: 130 }} step={0.0001} /></Form.Item>
          <Form.Item name="elevationM" label="海拔（m）"><InputNumber style={{ width: 110 }} /></Form.Item>
        </Space>
        <Form.Item name="unitCodes" label="服务的乡镇/村（可多个）" rules={[{ required: true, message: '请至少选择一个' }]}>
          <Select mode="multiple" options={units} optionFilterProp="label" placeholder="选择该站代表的区划" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startFfmc" label="FFMC 起始值"><InputNumber style={{ width: 110 }} /></Form.Item>
          <Form.Item name="startDmc" label="DMC 起始值"><InputNumber style={{ width: 110 }} /></Form.Item>
          <Form.Item name="startDc" label="DC 起始值"><InputNumber style={{ width: 110 }} /></Form.Item>
          <Form.Item name="seasonStart" label="防火季起算日（MM-DD）"><Input style={{ width: 120 }} /></Form.Item>
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>每年防火季起算日、首个观测日以及缺测一天之后，FWI 指数链从起始值重新起算（默认 85 / 6 / 15）。</Typography.Paragraph>
        <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Drawer>
  );
}

function StationDays(props: { station: Station; staff: boolean; version: number; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const today = shanghaiToday();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([today.subtract(30, 'day'), today.add(7, 'day')]);
  const [days, setDays] = useState<StationDay[]>([]);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const params = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const base = `/api/fire/stations/${props.station.id}`;
  const url = `${base}/days`;
  const load = useCallback(async () => setDays(await api<StationDay[]>('GET', `${url}${query(params)}`)), [url, params.from, params.to]);
  useEffect(() => void load().catch((e: unknown) => void toast.error(errorText(e))), [load, toast, props.version]);
  const enter = async (v: { date: dayjs.Dayjs; forecast?: boolean } & Record<string, number | undefined>) => {
    setBusy(true);
    try {
      const { date, forecast, ...values } = v;
      const body = { ...Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined && x !== null)), forecast: !!forecast };
      const d = await api<StationDay>('PUT', `${base}/observations/${date.format('YYYY-MM-DD')}`, body);
      void toast.success(`已保存 ${d.date}：FWI ${r1(d.indices?.fwi)}`);
      form.resetFields(['temp', 'rh', 'ws', 'prec', 'maxTemp', 'rh14', 'windForce']);
      props.onChanged();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      void toast.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const s = props.station;
  return (
    <Card title={`${s.name}（${s.code}）逐日观测与火险天气指数`} extra={<Space>
      <DatePicker.RangePicker value={range} onChange={(v) => { if (v?.[0] && v[1]) setRange([v[0], v[1]]); }} allowClear={false} />
      <Button icon={<DownloadOutlined />} href={`${url}.xlsx${query(params)}`}>导出 Excel</Button>
    </Space>}>
      {holder}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        服务：{s.units.map((u) => u.name).join('、')}；起始值 FFMC {s.startFfmc} / DMC {s.startDmc} / DC {s.startDc}，防火季每年 {s.seasonStart} 起算。
        指数按 Van Wagner 1987（cffdrs）逐日连续计算；某日缺测则次日从起始值重新起算（表中标“重新起算”）。更正某日的数据会重算其后各日与所服务区划的火险等级。
      </Typography.Paragraph>
      {props.staff && (
        <Form form={form} layout="inline" onFinish={(v) => void enter(v)} initialValues={{ date: today }} style={{ marginBottom: 12, rowGap: 8 }} data-testid="observation-form">
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择' }]}><DatePicker allowClear={false} /></Form.Item>
          <Form.Item name="temp" label="正午气温 ℃" rules={[{ required: true, message: '必填' }]}><InputNumber style={{ width: 80 }} /></Form.Item>
          <Form.Item name="rh" label="相对湿度 %" rules={[{ required: true, message: '必填' }]}><InputNumber style={{ width: 80 }} /></Form.Item>
          <Form.Item name="ws" label="风速 km/h" rules={[{ required: true, message: '必填' }]}><InputNumber style={{ width: 80 }} /></Form.Item>
          <Form.Item name="prec" label="24h 降水 mm" rules={[{ required: true, message: '必填' }]}><InputNumber style={{ width: 80 }} /></Form.Item>
          <Form.Item name="maxTemp" label="最高气温"><InputNumber style={{ width: 70 }} /></Form.Item>
          <Form.Item name="rh14" label="14时湿度"><InputNumber style={{ width: 70 }} /></Form.Item>
          <Form.Item name="windForce" label="风力"><InputNumber style={{ width: 60 }} precision={0} /></Form.Item>
          <Form.Item name="forecast" valuePropName="checked"><Checkbox>预报</Checkbox></Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" loading={busy}>保存观测</Button></Form.Item>
        </Form>
      )}
      <Table<StationDay> rowKey="date" size="small" dataSource={[...days].reverse()} pagination={{ pageSize: 15 }} scroll={{ x: true }} locale={{ emptyText: '该时段没有观测' }}
        columns={[
          { title: '日期', dataIndex: 'date', render: (d: string, r) => <>{d}{r.forecast && <Tag color="purple" style={{ marginLeft: 4 }}>预报</Tag>}</> },
          { title: '气温', dataIndex: 'temp' }, { title: '湿度', dataIndex: 'rh' }, { title: '风速', dataIndex: 'ws' }, { title: '降水', dataIndex: 'prec' },
          { title: 'FFMC', key: 'ffmc', render: (_, r) => r1(r.indices?.ffmc) }, { title: 'DMC', key: 'dmc', render: (_, r) => r1(r.indices?.dmc) },
          { title: 'DC', key: 'dc', render: (_, r) => r1(r.indices?.dc) }, { title: 'ISI', key: 'isi', render: (_, r) => r1(r.indices?.isi) },
          { title: 'BUI', key: 'bui', render: (_, r) => r1(r.indices?.bui) }, { title: 'FWI', key: 'fwi', render: (_, r) => <b>{r1(r.indices?.fwi)}</b> },
          { title: 'DSR', key: 'dsr', render: (_, r) => r1(r.indices?.dsr) },
          { title: '', key: 'restart', render: (_, r) => (r.indices?.restarted ? <Tag>重新起算</Tag> : null) },
          { title: '来源', dataIndex: 'source', render: (v: StationDay['source']) => sourceNames[v] },
        ]} />
    </Card>
  );
}

function ImportCard({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<ImportReport>('POST', '/api/fire/weather/imports', { fileName: file.name, contentBase64: await fileToBase64(file), commit });
      setReport(r);
      if (r.committed) onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="导入观测（CSV / Excel）">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        列名可用中文或英文：站号(station)、日期(date)、气温(temp)、相对湿度(rh)、风速 km/h(ws)、降水量(prec)，可选最高气温(maxTemp)、14时湿度(rh14)、风力(windForce)、预报(forecast 是/否)。
        CSV 可为 UTF-8 或 GBK。先校验并逐行报告，确认后才写入；同站同日已有记录将被覆盖（留审计记录）。
      </Typography.Paragraph>
      <Space wrap>
        <Upload accept=".csv,.xlsx" maxCount={1} beforeUpload={(f) => { setFile(f); setReport(null); return false; }} onRemove={() => { setFile(null); setReport(null); }}>
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
        <Button disabled={!file} loading={busy} onClick={() => void run(false)}>校验</Button>
        <Button type="primary" disabled={!report || report.committed || !report.accepted} loading={busy} onClick={() => void run(true)}>确认导入 {report && !report.committed ? `${report.accepted} 行` : ''}</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {report && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert type={report.committed ? 'success' : report.rejected ? 'warning' : 'info'} showIcon
            title={report.committed ? `已导入 ${report.written} 行` : `校验结果：可导入 ${report.accepted} 行，有误 ${report.rejected} 行${report.encoding ? `（编码 ${report.encoding.toUpperCase()}）` : ''}——尚未写入`} />
          {report.fileFindings.map((f, i) => <Alert key={i} type="error" title={f.message} />)}
          <Table size="small" rowKey="row" dataSource={report.rows} pagination={{ pageSize: 10 }}
            columns={[
              { title: '行', dataIndex: 'row' }, { title: '站号', dataIndex: 'stationCode' }, { title: '日期', dataIndex: 'date' },
              { title: '结果', dataIndex: 'ok', render: (ok: boolean) => (ok ? <Tag color="green">可导入</Tag> : <Tag color="red">有误</Tag>) },
              { title: '说明', dataIndex: 'findings', render: (fs: Finding[]) => fs.map((f, i) => <div key={i} style={{ color: f.severity === 'error' ? '#cf1322' : '#d48806' }}>{f.field ? `${f.field}：` : ''}{f.message}</div>) },
            ]} />
        </Space>
      )}
    </Card>
  );
}

function PullCard({ staff, onDone }: { staff: boolean; onDone: () => void }) {
  const [toast, holder] = message.useMessage();
  const [status, setStatus] = useState<{ configured: boolean; recent: Pull[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => setStatus(await api<{ configured: boolean; recent: Pull[] }>('GET', '/api/fire/weather/pulls')), []);
  useEffect(() => void load().catch(() => undefined), [load]);
  const pull = async () => {
    setBusy(true);
    try {
      const p = await api<Pull>('POST', '/api/fire/weather/pull', {});
      void (p.ok ? toast.success(p.summary) : toast.error(p.summary));
      await load();
      onDone();
    } catch (e) {
      void toast.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="自动拉取" extra={staff && <Button icon={<CloudDownloadOutlined />} loading={busy} disabled={!status?.configured} onClick={() => void pull()}>立即拉取</Button>}>
      {holder}
      {status && !status.configured && <Alert type="info" showIcon title="未配置气象数据源（环境变量 LINZHANG_WEATHER_URL）：观测靠人工录入或文件导入。配置后每天北京时间 12 时后自动拉取。" />}
      {status?.configured && <Typography.Paragraph type="secondary">每天北京时间 12 时后自动拉取一次；拉取的数据不会覆盖人工录入或导入的实况。</Typography.Paragraph>}
      {status && status.recent.length > 0 && (
        <Table size="small" rowKey="id" dataSource={status.recent} pagination={false}
          columns={[
            { title: '时间', dataIndex: 'startedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            { title: '方式', dataIndex: 'trigger', render: (t: Pull['trigger']) => (t === 'manual' ? '手动' : '定时') },
            { title: '结果', dataIndex: 'ok', render: (ok: boolean) => (ok ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>) },
            { title: '说明', dataIndex: 'summary' },
          ]} />
      )}
    </Card>
  );
}

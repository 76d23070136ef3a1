import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography, message } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import type { FeatureCollection, Point } from 'geojson';
import { deadTreeCauseNames, deadTreeCauses, type DeadTreeCause } from '@linzhang/domain';
import { api, ApiError, formFieldOf, query, upload } from '../../api/client.ts';
import { fileToBase64 } from '../../api/file-base64.ts';
import { useUser } from '../../auth.tsx';
import { localTime, options } from '../../labels.ts';
import { newClientId } from '../../mobile/ids.ts';
import { usePaged } from '../../components/usePaged.ts';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { PickablePointMap } from '../../components/PickablePointMap.tsx';
import { CheckedImportDrawer, type CheckedReport, type CheckedRow } from '../../components/CheckedImportDrawer.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import { DeadTreeDrawer } from './DeadTreeDrawer.tsx';
import {
  CauseTag, DeadTreeStateTag, deadTreeSourceNames, deadTreeStateColours, deadTreeStateNames, thisYear, type DeadTree, type DeadTreeMapState,
} from './pest-labels.tsx';
import { initialParam, initialUnit, initialYear } from '../../url-params.ts';

type TreeMap = FeatureCollection<Point, { id: string; state: DeadTreeMapState; cause: DeadTreeCause }> & { truncated: boolean };
type Counts = { state: string; cause: string; done: boolean; n: number }[];
const mapStates: DeadTreeMapState[] = ['found', 'sampled', 'result', 'felled', 'disposed', 'stump_treated', 'done'];
const canRecord = (roles: string[]) => roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief' || r === 'ranger');

const treeColour: unknown[] = ['match', ['get', 'state']];
for (const s of mapStates) treeColour.push(s, deadTreeStateColours[s]);
treeColour.push('#888');
/** Coloured by lifecycle; a tree that tested positive has a dark ring. */
const treePaint = {
  'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 13, 5, 16, 8],
  'circle-color': treeColour, 'circle-stroke-color': ['case', ['==', ['get', 'cause'], 'diseased'], '#5c0011', '#fff'],
  'circle-stroke-width': ['case', ['==', ['get', 'cause'], 'diseased'], 1.5, 0.5],
} as never;

/** 有害生物 › 松材线虫病疫木: every dead pine on the map and in the list, its lifecycle, registration and list import. */
export function DeadTreesPage() {
  const user = useUser();
  const records = canRecord(user.roles);
  const [toast, holder] = message.useMessage();
  // A link (the dashboard's figure) may open the list for a unit, a year and the trees not yet done.
  const [year, setYear] = useState<number>(initialYear() ?? thisYear());
  const [state, setState] = useState<DeadTreeMapState | 'open' | undefined>(initialParam('state') === 'open' ? 'open' : undefined);
  const [unit] = useState<string | undefined>(initialUnit());
  const [cause, setCause] = useState<DeadTreeCause | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = useMemo(() => ({
    year, unit, ...(state === 'open' ? { open: true } : state === 'done' ? { open: false } : state ? { state: [state], open: true } : {}), ...(cause ? { cause: [cause] } : {}), q,
  }), [year, unit, state, cause, q]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<DeadTree>('/api/pests/dead-trees', params, onError);
  const [points, setPoints] = useState<TreeMap | null>(null);
  const [counts, setCounts] = useState<Counts>([]);
  const [version, setVersion] = useState(0);
  const [search, setSearch] = useSearchParams();
  const [open, setOpen] = useState<string | null>(search.get('tree'));
  const [registering, setRegistering] = useState(false);
  const [fromProblem, setFromProblem] = useState<ProblemSeed | null>(null);
  useEffect(() => {
    const id = search.get('problem');
    if (!id) return;
    void api<ProblemSeed>('GET', `/api/problems/${id}`).then((p) => { setFromProblem(p); setRegistering(true); }).catch((e: unknown) => onError(errorText(e)));
  }, [search, onError]);
  const [importing, setImporting] = useState(false);
  const [picked, setPicked] = useState<{ lon: number; lat: number } | null>(null);
  useEffect(() => { void api<TreeMap>('GET', `/api/pests/dead-trees/map${query(params)}`).then(setPoints).catch((e: unknown) => onError(errorText(e))); }, [params, version, onError]);
  useEffect(() => { void api<{ counts: Counts }>('GET', `/api/pests/dead-trees${query({ year, limit: 1 })}`).then((r) => setCounts(r.counts)).catch(() => setCounts([])); }, [year, version]);
  const changed = () => { void reload(); setVersion((v) => v + 1); };
  const byState = (s: DeadTreeMapState) => counts.filter((c) => (s === 'done' ? c.done : !c.done && c.state === s)).reduce((t, c) => t + c.n, 0);
  const total = counts.reduce((t, c) => t + c.n, 0);
  const diseased = counts.filter((c) => c.cause === 'diseased').reduce((t, c) => t + c.n, 0);

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>松材线虫病疫木</Typography.Title>
          <Space wrap>
            <Select value={year} onChange={setYear} style={{ width: 100 }} aria-label="年度" options={[0, 1, 2].map((d) => ({ value: thisYear() - d, label: `${thisYear() - d} 年` }))} />
            <Select placeholder="环节" allowClear value={state} onChange={setState} style={{ width: 150 }} aria-label="环节"
              options={[{ value: 'open', label: '未完成除治' }, ...mapStates.map((s) => ({ value: s, label: deadTreeStateNames[s] }))]} />
            <Select placeholder="死亡原因" allowClear value={cause} onChange={setCause} style={{ width: 170 }} options={deadTreeCauses.map((c) => ({ value: c, label: deadTreeCauseNames[c] }))} />
            <Input.Search allowClear placeholder="小班号、样品编号、编号" onSearch={(v) => setQ(v || undefined)} style={{ width: 190 }} />
            <Link to="/pests/sampling"><Button>小班取样</Button></Link>
            {records && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入清单</Button>}
            {records && <Button type="primary" icon={<PlusOutlined />} onClick={() => { setPicked(null); setRegistering(true); }}>登记疫木</Button>}
          </Space>
        </Space>
        <Space size={16} wrap data-testid="dead-tree-counts">
          <Typography.Text>{year} 年共 <b>{total}</b> 株，其中病死（检出） <b style={{ color: '#cf1322' }}>{diseased}</b> 株</Typography.Text>
          {mapStates.map((s) => (
            <span key={s}><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: deadTreeStateColours[s], marginRight: 4 }} />{deadTreeStateNames[s]} {byState(s)}</span>
          ))}
          <span><span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 6, border: '2px solid #5c0011', marginRight: 4, verticalAlign: 'middle' }} />检出松材线虫</span>
        </Space>
        {points?.truncated && <Alert type="warning" showIcon title="点位较多，地图只显示最近发现的 20000 株；可按环节或原因筛选" />}
        <Row gutter={16}>
          <Col xs={24} lg={11}>
            <PickablePointMap testId="dead-tree-map" height={480} paint={treePaint} data={points} picking={registering} onPick={(p) => ('id' in p ? setOpen(p.id) : setPicked(p))} />
          </Col>
          <Col xs={24} lg={13}>
            <Table<DeadTree> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
              onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: '发现', dataIndex: 'foundAt', render: (v: string) => localTime(v), width: 136 },
                {
                  title: '村 / 小班', key: 'where', width: 170,
                  render: (_, r) => <div style={{ whiteSpace: 'nowrap' }}><div>{r.unitName} · {r.parcelNo ? `${r.parcelNo} 小班` : '不在小班内'}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{deadTreeSourceNames[r.source]}{r.sampleNo ? ` · 样品 ${r.sampleNo}` : ''}</Typography.Text></div>,
                },
                { title: '环节', key: 'state', render: (_, r) => <DeadTreeStateTag state={r.state} done={r.done} />, width: 120 },
                { title: '原因', dataIndex: 'cause', render: (c: DeadTreeCause) => <CauseTag cause={c} /> },
              ]} />
          </Col>
        </Row>
      </Space>
      {open && <DeadTreeDrawer id={open} name={user.name} onClose={() => { setOpen(null); if (search.has('tree')) setSearch({}); }} onChanged={changed} />}
      {registering && (
        <RegisterDrawer picked={picked} problem={fromProblem} name={user.name} onClose={() => { setRegistering(false); setFromProblem(null); if (search.has('problem')) setSearch({}); }}
          onSaved={(t) => { setRegistering(false); setFromProblem(null); if (search.has('problem')) setSearch({}); changed(); void toast.success('已登记'); setOpen(t.id); }} />
      )}
      {importing && <ImportDrawer onClose={() => setImporting(false)} onCommitted={(n) => { changed(); void toast.success(`已导入 ${n} 株`); }} />}
    </Card>
  );
}

interface ProblemSeed { id: string; title: string; lon: number; lat: number; reportedAt: string; reporterName: string | null; category: string; pestRef: string | null }

function RegisterDrawer(props: { picked: { lon: number; lat: number } | null; problem: ProblemSeed | null; name: string; onClose: () => void; onSaved: (t: { id: string }) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [id] = useState(() => newClientId('tree'));
  useEffect(() => { if (props.picked) form.setFieldsValue(props.picked); }, [props.picked, form]);
  useEffect(() => {
    const p = props.problem;
    if (p) form.setFieldsValue({ lon: p.lon, lat: p.lat, source: 'patrol', foundAt: dayjs(p.reportedAt), person: p.reporterName ?? props.name, note: p.title });
  }, [props.problem, props.name, form]);
  const save = async (v: { lon: number; lat: number; condition: 'dead' | 'dying'; species?: string; dbhCm?: number; source: string; foundAt: Dayjs; person: string; note?: string; photos?: File[] }) => {
    setBusy(true);
    setProblem(null);
    try {
      const photo = v.photos?.[0] ? (await upload<{ id: string }>('/api/files', v.photos[0])).id : undefined;
      props.onSaved(await api<{ id: string }>('POST', '/api/pests/dead-trees', {
        id, lon: v.lon, lat: v.lat, condition: v.condition, source: v.source, foundAt: v.foundAt.toISOString(), person: v.person.trim(),
        ...(v.species?.trim() ? { species: v.species.trim() } : {}), ...(v.dbhCm ? { dbhCm: v.dbhCm } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}), ...(photo ? { photoFileId: photo } : {}),
        ...(props.problem ? { problemId: props.problem.id } : {}),
      }));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="登记疫木" open onClose={props.onClose} size={480} mask={false}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>登记</Button></Space>}>
      {props.problem
        ? <Alert type="info" showIcon title={`由问题“${props.problem.title}”登记：位置与发现时间取自问题，登记后问题关联该疫木。`} style={{ marginBottom: 12 }} />
        : <Alert type="info" showIcon title="在左侧地图上点击死亡松树的位置，或直接填写经纬度（CGCS2000）。所属村和小班按位置确定。" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ condition: 'dead', source: 'patrol', species: '马尾松', foundAt: dayjs(), person: props.name }}>
        <Space wrap>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 150 }} step={0.0001} aria-label="经度" /></Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 150 }} step={0.0001} aria-label="纬度" /></Form.Item>
        </Space>
        <Form.Item name="condition" label="状态"><Radio.Group options={[{ value: 'dead', label: '枯死' }, { value: 'dying', label: '濒死' }]} /></Form.Item>
        <Space wrap>
          <Form.Item name="species" label="树种"><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="dbhCm" label="胸径（cm）"><InputNumber min={0.1} max={300} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="source" label="发现方式"><Select style={{ width: 130 }} options={options(deadTreeSourceNames)} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="foundAt" label="发现时间" rules={[{ required: true, message: '请填写发现时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="person" label="发现人" rules={[{ required: true, whitespace: true, message: '请填写发现人' }]}><Input style={{ width: 140 }} /></Form.Item>
        </Space>
        <Form.Item name="photos" label="现场照片"><PhotoPicker camera={false} /></Form.Item>
        <Form.Item name="note" label="备注"><Input /></Form.Item>
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Drawer>
  );
}

interface ImportRow extends CheckedRow { lon: number | null; lat: number | null; ref: string | null; unitName: string | null; parcelNo: string | null }

/** A list of dead pines (CSV, Excel or GeoJSON points): checked row by row first, written only when confirmed. */
function ImportDrawer({ onClose, onCommitted }: { onClose: () => void; onCommitted: (n: number) => void }) {
  const [source, setSource] = useState('drone');
  const [foundOn, setFoundOn] = useState<Dayjs | null>(dayjs());
  return (
    <CheckedImportDrawer<ImportRow> title="导入疫木清单" accept=".csv,.xlsx,.geojson,.json" unit="株" summaryTestId="dead-tree-import-summary" errorText={errorText}
      onClose={onClose} onCommitted={onCommitted}
      help={<>
        CSV、Excel 或 GeoJSON 点文件，每行（每个点）一株死亡松树。列名：经度、纬度（必填），编号、树种、胸径、状态（枯死/濒死）、发现日期、发现人（可选）。
        逐行校验：不在管辖范围、数值错误、编号重复的不导入；不在任何小班内的可导入但不计入小班取样。先校验，确认后才写入。
      </>}
      controls={<>
        <Select value={source} onChange={setSource} style={{ width: 130 }} aria-label="来源" options={options(deadTreeSourceNames)} />
        <DatePicker value={foundOn} onChange={setFoundOn} placeholder="发现日期（文件未填时）" />
      </>}
      run={async (file, commit) => api<CheckedReport<ImportRow>>('POST', '/api/pests/dead-trees/import', {
        fileName: file.name, contentBase64: await fileToBase64(file), source, commit, ...(foundOn ? { foundOn: foundOn.format('YYYY-MM-DD') } : {}),
      })}
      columns={[
        { title: '行', dataIndex: 'row', width: 50 },
        { title: '编号', dataIndex: 'ref', render: (v: string | null) => v ?? '—', width: 100 },
        { title: '位置', key: 'pos', render: (_, r) => (r.lon === null ? '—' : `${r.lon.toFixed(5)}, ${r.lat!.toFixed(5)}`), width: 170 },
        { title: '村 / 小班', key: 'where', render: (_, r) => (r.unitName ? `${r.unitName} / ${r.parcelNo ?? '—'}` : '—'), width: 150 },
      ]} />
  );
}

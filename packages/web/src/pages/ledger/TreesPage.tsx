import { pickOrOpen } from '../../components/PickablePointMap.tsx';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography, message } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { treeGrade, treeGradeNames, treeGrades, treeHealth, treeHealthNames, type TreeGrade, type TreeHealth } from '@linzhang/domain';
import { api, ApiError, formFieldOf, query, upload } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { boundsOfCoordinates, maplibregl, ownLayersStyle } from '../../components/map-style.ts';

interface Tree {
  id: string; registerNo: string; unitName: string; lon: number; lat: number; species: string; latinName: string | null; estimatedAge: number | null; famous: boolean;
  grade: TreeGrade; girthCm: number | null; heightM: number | null; crownM: number | null; owner: string | null; caretakerName: string | null; caretakerPhone: string | null;
  health: TreeHealth; photos: string[]; note: string | null;
}
interface TreeDetail extends Tree { inspections: { id: string; inspectedOn: string; inspector: string; health: TreeHealth; finding: string; photos: string[] }[] }

const gradeColour: Record<TreeGrade, string> = { grade1: '#a8071a', grade2: '#d46b08', grade3: '#d4b106', famous: '#1d39c4' };
const healthColour: Record<TreeHealth, string> = { good: 'green', fair: 'gold', poor: 'orange', dying: 'red', dead: 'default' };
const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');

/**
 * All trees of the viewer's units from the server's vector tiles (coloured by grade); the current page's trees
 * frame the view. A click on a tree opens it; while registering, a click anywhere gives the new tree's point.
 */
function TreeMap({ trees, onPick, picking, version }: { trees: Tree[]; onPick: (t: { id: string } | { lon: number; lat: number }) => void; picking: boolean; version: number }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const latest = useRef({ onPick, picking });
  latest.current = { onPick, picking };
  const tiles = (v: number) => [`${window.location.origin}/api/tiles/trees/{z}/{x}/{y}.pbf?v=${v}`];
  useEffect(() => {
    if (!box.current) return;
    const m = new maplibregl.Map({
      container: box.current, attributionControl: false, center: [108.77, 28.84], zoom: 8,
      style: ownLayersStyle({ trees: { type: 'vector', tiles: tiles(0), maxzoom: 16 } }, [
        {
          id: 'trees', type: 'circle', source: 'trees', 'source-layer': 'trees',
          paint: {
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 14, 8],
            'circle-color': ['match', ['get', 'grade'], 'grade1', gradeColour.grade1, 'grade2', gradeColour.grade2, 'grade3', gradeColour.grade3, gradeColour.famous],
            'circle-stroke-color': '#fff', 'circle-stroke-width': 2,
          },
        },
      ]),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    pickOrOpen(m, 'trees', () => latest.current.picking, (p) => latest.current.onPick(p));
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, []);
  useEffect(() => {
    const m = map.current;
    if (!m || version === 0) return;
    const apply = () => (m.getSource('trees') as maplibregl.VectorTileSource | undefined)?.setTiles(tiles(version));
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [version]);
  const frame = JSON.stringify(trees.map((t) => [t.lon, t.lat]));
  useEffect(() => {
    const m = map.current;
    const points = JSON.parse(frame) as [number, number][];
    const bounds = boundsOfCoordinates(points);
    if (!m || !bounds) return;
    m.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 });
  }, [frame]);
  return <div ref={box} data-testid="tree-map" style={{ height: 420, borderRadius: 8, overflow: 'hidden', cursor: picking ? 'crosshair' : undefined }} />;
}

/** 林草湿一本账 › 古树名木: the register on a map and in a table, a form to register a tree, and its inspections. */
export function TreesPage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [grade, setGrade] = useState<TreeGrade | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = useMemo(() => ({ grade, q }), [grade, q]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Tree>('/api/trees', params, onError);
  const [openId, setOpenId] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [picked, setPicked] = useState<{ lon: number; lat: number } | null>(null);
  const [version, setVersion] = useState(0);

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>古树名木</Typography.Title>
          <Space wrap>
            <Select allowClear placeholder="等级" value={grade} onChange={setGrade} style={{ width: 120 }} options={treeGrades.map((g) => ({ value: g, label: treeGradeNames[g] }))} />
            <Input.Search allowClear placeholder="编号、树种、管护人" onSearch={(v) => setQ(v || undefined)} style={{ width: 200 }} />
            <Button icon={<DownloadOutlined />} href={`/api/trees.xlsx${query(params)}`}>导出 Excel</Button>
            {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => { setPicked(null); setRegistering(true); }}>登记古树名木</Button>}
          </Space>
        </Space>
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <TreeMap trees={data.items} version={version} picking={registering} onPick={(t) => ('id' in t ? setOpenId(t.id) : setPicked(t))} />
            <Space size={12} style={{ marginTop: 8 }} wrap>
              {treeGrades.map((g) => <span key={g}><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: gradeColour[g], marginRight: 4 }} />{treeGradeNames[g]}</span>)}
            </Space>
          </Col>
          <Col xs={24} lg={14}>
            <Table<Tree> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
              onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: '编号', dataIndex: 'registerNo' },
                { title: '树种', dataIndex: 'species' },
                { title: '村', dataIndex: 'unitName' },
                { title: '树龄', dataIndex: 'estimatedAge', render: (v: number | null) => (v ? `${v} 年` : '—') },
                { title: '等级', dataIndex: 'grade', render: (g: TreeGrade) => <Tag color={gradeColour[g]}>{treeGradeNames[g]}</Tag> },
                { title: '生长状况', dataIndex: 'health', render: (h: TreeHealth) => <Tag color={healthColour[h]}>{treeHealthNames[h]}</Tag> },
                { title: '管护人', dataIndex: 'caretakerName', render: (v: string | null) => v ?? '—' },
              ]} />
          </Col>
        </Row>
      </Space>
      {registering && <TreeForm picked={picked} onClose={() => setRegistering(false)} onSaved={(t) => { setRegistering(false); void reload(); setVersion((v) => v + 1); setOpenId(t.id); void toast.success(`已登记 ${t.registerNo}（${treeGradeNames[t.grade]}）`); }} />}
      {openId && <TreeDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => { void reload(); setVersion((v) => v + 1); }} />}
    </Card>
  );
}

function TreeForm(props: { picked: { lon: number; lat: number } | null; onClose: () => void; onSaved: (t: Tree) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const age = Form.useWatch('estimatedAge', form) as number | undefined;
  const famous = Form.useWatch('famous', form) as boolean | undefined;
  const grade = treeGrade(age ?? null, famous ?? false);
  useEffect(() => { if (props.picked) form.setFieldsValue(props.picked); }, [props.picked, form]);
  const save = async (v: Record<string, unknown> & { photoFiles?: File[] }) => {
    setBusy(true);
    setProblem(null);
    try {
      const photos: string[] = [];
      for (const file of v.photoFiles ?? []) photos.push((await upload<{ id: string }>('/api/files', file)).id);
      const { photoFiles: _files, ...rest } = v;
      void _files;
      const body = Object.fromEntries(Object.entries({ ...rest, photos }).filter(([, x]) => x !== undefined && x !== null && (x as unknown) !== ''));
      props.onSaved(await api<Tree>('POST', '/api/trees', body));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="登记古树名木" open onClose={props.onClose} size={560} mask={false}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>}>
      <Alert type="info" showIcon title="在左侧地图上点击树的位置，或直接填写经纬度（CGCS2000）。" style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ health: 'good', famous: false }}>
        <Space wrap>
          <Form.Item name="registerNo" label="编号" rules={[{ required: true, message: '请填写编号' }]}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 140 }} step={0.0001} /></Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 140 }} step={0.0001} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="species" label="树种" rules={[{ required: true, message: '请填写树种' }]}><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item name="latinName" label="拉丁名"><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="estimatedAge" label="估测树龄（年）"><InputNumber min={1} precision={0} style={{ width: 130 }} /></Form.Item>
          <Form.Item name="famous" label=" " valuePropName="checked"><Checkbox>名木</Checkbox></Form.Item>
        </Space>
        <Typography.Paragraph type={grade ? undefined : 'warning'}>等级：{grade ? treeGradeNames[grade] : '树龄不足 100 年且非名木，不列入名录'}</Typography.Paragraph>
        <Space wrap>
          <Form.Item name="girthCm" label="胸围（cm）"><InputNumber min={1} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="heightM" label="树高（m）"><InputNumber min={0.1} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="crownM" label="冠幅（m）"><InputNumber min={0.1} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="health" label="生长状况"><Select style={{ width: 120 }} options={treeHealth.map((h) => ({ value: h, label: treeHealthNames[h] }))} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="owner" label="权属"><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="caretakerName" label="管护人"><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="caretakerPhone" label="管护人电话"><Input style={{ width: 150 }} /></Form.Item>
        </Space>
        <Form.Item name="photoFiles" label="照片"><PhotoPicker max={3} /></Form.Item>
        <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Drawer>
  );
}

function TreeDrawer(props: { id: string; onClose: () => void; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const [t, setT] = useState<TreeDetail | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [form] = Form.useForm();
  const load = useCallback(async () => setT(await api<TreeDetail>('GET', `/api/trees/${props.id}`)), [props.id]);
  useEffect(() => void load().catch((e: unknown) => void toast.error(errorText(e))), [load, toast]);
  const inspect = async (v: { inspectedOn: dayjs.Dayjs; inspector: string; health: TreeHealth; finding: string }) => {
    try {
      await api('POST', `/api/trees/${props.id}/inspections`, { ...v, inspectedOn: v.inspectedOn.format('YYYY-MM-DD') });
      setInspecting(false);
      await load();
      props.onChanged();
      void toast.success('已登记巡查');
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  return (
    <Drawer title={t ? `${t.registerNo} ${t.species}` : '古树名木'} open onClose={props.onClose} size={560}>
      {holder}
      {t && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} items={[
            { label: '等级', children: <Tag color={gradeColour[t.grade]}>{treeGradeNames[t.grade]}</Tag> },
            { label: '生长状况', children: <Tag color={healthColour[t.health]}>{treeHealthNames[t.health]}</Tag> },
            { label: '树种', children: `${t.species}${t.latinName ? `（${t.latinName}）` : ''}` },
            { label: '估测树龄', children: t.estimatedAge ? `${t.estimatedAge} 年` : '—' },
            { label: '胸围 / 树高 / 冠幅', children: `${t.girthCm ?? '—'} cm / ${t.heightM ?? '—'} m / ${t.crownM ?? '—'} m`, span: 2 },
            { label: '位置', children: `${t.unitName}（${t.lon.toFixed(6)}, ${t.lat.toFixed(6)}）`, span: 2 },
            { label: '权属', children: t.owner ?? '—' },
            { label: '管护人', children: t.caretakerName ? `${t.caretakerName}${t.caretakerPhone ? ` ${t.caretakerPhone}` : ''}` : '—' },
          ]} />
          {t.photos.length > 0 && <Space wrap>{t.photos.map((p) => <img key={p} src={`/api/files/${p}`} alt="古树照片" style={{ width: 120, height: 120, objectFit: 'cover', borderRadius: 6 }} />)}</Space>}
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text strong>巡查记录</Typography.Text>
            <Button size="small" onClick={() => setInspecting(true)}>登记巡查</Button>
          </Space>
          <Table size="small" rowKey="id" pagination={false} dataSource={t.inspections} locale={{ emptyText: '尚无巡查记录' }}
            columns={[
              { title: '日期', dataIndex: 'inspectedOn' },
              { title: '巡查人', dataIndex: 'inspector' },
              { title: '状况', dataIndex: 'health', render: (h: TreeHealth) => <Tag color={healthColour[h]}>{treeHealthNames[h]}</Tag> },
              { title: '发现', dataIndex: 'finding' },
            ]} />
          <Modal title="登记巡查" open={inspecting} onCancel={() => setInspecting(false)} onOk={() => form.submit()} okText="登记" destroyOnHidden>
            <Form form={form} layout="vertical" onFinish={(v) => void inspect(v)} initialValues={{ health: t.health, inspector: t.caretakerName ?? undefined }}>
              <Form.Item name="inspectedOn" label="巡查日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="inspector" label="巡查人" rules={[{ required: true, message: '请填写巡查人' }]}><Input /></Form.Item>
              <Form.Item name="health" label="生长状况" rules={[{ required: true }]}><Select options={treeHealth.map((h) => ({ value: h, label: treeHealthNames[h] }))} /></Form.Item>
              <Form.Item name="finding" label="发现" rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={2} /></Form.Item>
            </Form>
          </Modal>
        </Space>
      )}
    </Drawer>
  );
}

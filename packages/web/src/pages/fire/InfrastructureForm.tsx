import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import {
  infrastructureConditionNames, infrastructureConditions, infrastructureKindInfo, infrastructureKinds, infrastructureStatusNames, infrastructureStatuses,
  lineLength, type InfrastructureKind,
} from '@linzhang/domain';
import { api, ApiError, formFieldOf, upload } from '../../api/client.ts';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { errorText, km, type Work, type WorkGeometry } from './infrastructure-types.ts';

interface Values {
  kind: InfrastructureKind; name: string; status: Work['status']; builtYear?: number; condition?: string; capacityM3?: number; note?: string;
  lon?: number; lat?: number; lineJson?: string; photoFiles?: File[];
}

/** A pasted GeoJSON line (a bare geometry, a Feature, or a list of [lon, lat] vertices), or the reason it is not one. */
export function parseLine(text: string): { geometry: WorkGeometry } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: '不是有效的 JSON' };
  }
  const g = (doc && typeof doc === 'object' && (doc as { type?: string }).type === 'Feature' ? (doc as { geometry: unknown }).geometry : doc) as { type?: string; coordinates?: unknown } | unknown[];
  if (Array.isArray(g)) return { geometry: { type: 'LineString', coordinates: g as number[][] } };
  if (g && (g.type === 'LineString' || g.type === 'MultiLineString')) return { geometry: g as WorkGeometry };
  return { error: '须为 GeoJSON LineString 或 MultiLineString' };
}

/**
 * Registers or edits a work. A point comes from a map click or typed coordinates; a line from pasted GeoJSON or
 * from vertices clicked on the map (`vertices`, kept by the page), shown with its length on the ellipsoid.
 */
export function InfrastructureForm(props: {
  work: Work | null; picked: { lon: number; lat: number } | null; vertices: number[][]; onVertices: (v: number[][]) => void;
  onKind: (kind: InfrastructureKind) => void; onClose: () => void; onSaved: (w: Work) => void; onDeleted: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const kind = (Form.useWatch('kind', form) as InfrastructureKind | undefined) ?? props.work?.kind ?? 'video_point';
  const isLine = infrastructureKindInfo[kind].geometry === 'line';
  const lineJson = Form.useWatch('lineJson', form) as string | undefined;
  const { onKind } = props;
  useEffect(() => onKind(kind), [kind, onKind]);
  useEffect(() => { if (props.picked && !isLine) form.setFieldsValue(props.picked); }, [props.picked, form, isLine]);
  useEffect(() => {
    if (isLine && props.vertices.length) form.setFieldsValue({ lineJson: JSON.stringify({ type: 'LineString', coordinates: props.vertices }) });
  }, [props.vertices, form, isLine]);
  const parsed = lineJson ? parseLine(lineJson) : null;
  const length = parsed && 'geometry' in parsed && parsed.geometry.type !== 'Point' ? (() => { try { return lineLength(parsed.geometry); } catch { return null; } })() : null;

  const w = props.work;
  const initial: Partial<Values> = w
    ? { kind: w.kind, name: w.name, status: w.status, builtYear: w.builtYear ?? undefined, condition: w.condition ?? undefined, capacityM3: w.capacityM3 ?? undefined, note: w.note ?? undefined,
        ...(w.geometry.type === 'Point' ? { lon: w.geometry.coordinates[0], lat: w.geometry.coordinates[1] } : { lineJson: JSON.stringify(w.geometry) }) }
    : { kind: 'video_point', status: 'built' };

  const save = async (v: Values) => {
    setProblem(null);
    let geometry: WorkGeometry;
    if (isLine) {
      const line = parseLine(v.lineJson ?? '');
      if ('error' in line) { form.setFields([{ name: 'lineJson', errors: [line.error] }]); return; }
      geometry = line.geometry;
    } else geometry = { type: 'Point', coordinates: [v.lon!, v.lat!] };
    setBusy(true);
    try {
      const photos = [...(w?.photos ?? [])];
      for (const file of v.photoFiles ?? []) photos.push((await upload<{ id: string }>('/api/files', file)).id);
      const body = Object.fromEntries(Object.entries({
        kind: v.kind, name: v.name, status: v.status, builtYear: v.builtYear, condition: v.condition, capacityM3: v.kind === 'water_tank' ? v.capacityM3 : undefined, note: v.note, geometry, photos,
      }).filter(([, x]) => x !== undefined && x !== null && x !== ''));
      props.onSaved(await api<Work>(w ? 'PUT' : 'POST', w ? `/api/fire/infrastructure/${w.id}` : '/api/fire/infrastructure', body));
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(e.errors.map((x) => {
          const f = formFieldOf(x);
          return { name: f === 'geometry' ? (isLine ? 'lineJson' : 'lon') : (f ?? ''), errors: [x.message] };
        }).filter((x) => x.name) as { name: keyof Values; errors: string[] }[]);
      }
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    try {
      await api('DELETE', `/api/fire/infrastructure/${w!.id}`);
      props.onDeleted();
    } catch (e) {
      setProblem(errorText(e));
    }
  };
  return (
    <Drawer title={w ? `修改：${w.name}` : '登记防火设施'} open onClose={props.onClose} size={520} mask={false}
      footer={<Space style={{ justifyContent: 'space-between', width: '100%' }}>
        {w ? <Popconfirm title="删除这处设施？" okText="删除" cancelText="取消" onConfirm={() => void remove()}><Button danger>删除</Button></Popconfirm> : <span />}
        <Space><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>
      </Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={initial}>
        <Space wrap>
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={infrastructureKinds.map((k) => ({ value: k, label: `${infrastructureKindInfo[k].name}（${infrastructureKindInfo[k].geometry === 'line' ? '线' : '点'}）` }))} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input style={{ width: 240 }} /></Form.Item>
        </Space>
        {isLine ? (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="在左侧地图上依次点击折线的各个顶点，或粘贴 GeoJSON 线（CGCS2000 经纬度）。" />
            <Space style={{ marginBottom: 8 }}>
              <Typography.Text>已点击 {props.vertices.length} 个顶点</Typography.Text>
              <Button size="small" disabled={!props.vertices.length} onClick={() => props.onVertices(props.vertices.slice(0, -1))}>撤销一点</Button>
              <Button size="small" disabled={!props.vertices.length} onClick={() => { props.onVertices([]); form.setFieldsValue({ lineJson: '' }); }}>清空</Button>
            </Space>
            <Form.Item name="lineJson" label="线（GeoJSON）" rules={[{ required: true, message: '请在地图上点击顶点或粘贴 GeoJSON' }]}
              extra={length !== null ? `椭球长度 ${km(length)}` : parsed && 'error' in parsed ? parsed.error : undefined}>
              <Input.TextArea rows={4} placeholder='{"type":"LineString","coordinates":[[108.77,28.84],[108.78,28.85]]}' />
            </Form.Item>
          </>
        ) : (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="在左侧地图上点击设施位置，或直接填写经纬度（CGCS2000）。" />
            <Space wrap>
              <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 140 }} step={0.0001} /></Form.Item>
              <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请选点或填写' }]}><InputNumber style={{ width: 140 }} step={0.0001} /></Form.Item>
            </Space>
          </>
        )}
        <Space wrap>
          <Form.Item name="status" label="状态" rules={[{ required: true }]}><Select style={{ width: 110 }} options={infrastructureStatuses.map((s) => ({ value: s, label: infrastructureStatusNames[s] }))} /></Form.Item>
          <Form.Item name="builtYear" label="建成年份"><InputNumber min={1950} max={2100} precision={0} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="condition" label="完好状况"><Select allowClear style={{ width: 110 }} options={infrastructureConditions.map((c) => ({ value: c, label: infrastructureConditionNames[c] }))} /></Form.Item>
          {kind === 'water_tank' && <Form.Item name="capacityM3" label="容量（立方米）"><InputNumber min={1} style={{ width: 130 }} /></Form.Item>}
        </Space>
        <Form.Item name="photoFiles" label={w?.photos.length ? `照片（已有 ${w.photos.length} 张，可再添加）` : '照片'}><PhotoPicker max={3} /></Form.Item>
        {w && w.photos.length > 0 && <Space wrap style={{ marginBottom: 12 }}>{w.photos.map((p) => <img key={p} src={`/api/files/${p}`} alt="设施照片" style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 6 }} />)}</Space>}
        <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {w && <Typography.Paragraph type="secondary">所属区划：{w.unitName}{w.lengthM !== null ? `；长度 ${km(w.lengthM)}（按线的中点确定所属村）` : ''}</Typography.Paragraph>}
      {problem && <Alert type="error" showIcon title={problem} />}
    </Drawer>
  );
}

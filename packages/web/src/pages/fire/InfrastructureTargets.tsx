import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { infrastructureKindInfo, infrastructureTargetKinds, type InfrastructureTargetKind } from '@linzhang/domain';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { errorText, progressStatus, type Progress, type Summary, type Target } from './infrastructure-types.ts';

const of = (p: Progress[], k: InfrastructureTargetKind) => p.find((x) => x.kind === k);
const amount = (kind: InfrastructureTargetKind, v: number) => (infrastructureKindInfo[kind].measure === 'km' ? v.toFixed(2) : String(Math.round(v * 10) / 10));

/**
 * 目标完成: per unit one level below the chosen one (a town's figures include its villages), the built count or
 * length of each kind against the year's target, as a bar chart for one kind and a table of all; and the targets.
 */
export function InfrastructureTargets(props: { staff: boolean; version: number }) {
  const [toast, holder] = message.useMessage();
  const thisYear = new Date().getFullYear();
  const [unit, setUnit] = useState<string | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [kind, setKind] = useState<InfrastructureTargetKind>('video_point');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [targets, setTargets] = useState<Target[]>([]);
  const [editing, setEditing] = useState<Partial<Target> | null>(null);
  const load = useCallback(async () => {
    try {
      const all = await api<Target[]>('GET', `/api/fire/infrastructure-targets${query({ unit })}`);
      setTargets(all);
      // Open on the latest year that has targets (the plan's year), else this year.
      const y = year ?? all[0]?.year ?? thisYear;
      if (year === undefined) setYear(y);
      const next = await api<Summary>('GET', `/api/fire/infrastructure/summary${query({ unit, year: y })}`);
      // A scope holding a single unit (a province with one county on the system): show the units below that one.
      if (unit === undefined && next.units.length === 2) setUnit(next.units[1]!.unitCode);
      else setSummary(next);
    } catch (e) {
      void toast.error(errorText(e));
    }
  }, [unit, year, thisYear, toast]);
  useEffect(() => void load(), [load, props.version]);
  const years = useMemo(() => [...new Set([thisYear, ...targets.map((t) => t.year), ...(year ? [year] : [])])].sort((a, b) => b - a), [targets, thisYear, year]);
  const children = useMemo(() => summary?.units.slice(1) ?? [], [summary]);
  const chart = useMemo(() => ({
    categories: children.map((u) => u.unitName),
    series: [
      { name: `已建成（${infrastructureKindInfo[kind].unitLabel}）`, values: children.map((u) => Number(amount(kind, of(u.progress, kind)?.actual ?? 0))) },
      { name: '目标', values: children.map((u) => of(u.progress, kind)?.target ?? 0) },
      { name: '在建', values: children.map((u) => Number(amount(kind, of(u.progress, kind)?.building ?? 0))) },
    ],
  }), [children, kind]);
  const axis = useMemo((): [string] => [infrastructureKindInfo[kind].unitLabel], [kind]);
  const shownKinds = infrastructureTargetKinds.filter((k) => summary?.units.some((u) => of(u.progress, k)));
  const cell = (p: Progress | undefined, k: InfrastructureTargetKind) => {
    if (!p) return '—';
    return (
      <Space size={4} orientation="vertical">
        <span>{amount(k, p.actual)}{p.target !== null ? ` / ${p.target}` : ''}{p.building ? `（在建 ${amount(k, p.building)}）` : ''}</span>
        {p.status && <Tag color={progressStatus[p.status].colour}>{progressStatus[p.status].text}</Tag>}
      </Space>
    );
  };
  const save = async (v: Target) => {
    try {
      await api('PUT', '/api/fire/infrastructure-targets', Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')));
      setEditing(null);
      void toast.success('已保存目标');
      await load();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name) as never);
      void toast.error(errorText(e));
    }
  };
  const [form] = Form.useForm<Target>();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Space wrap>
        <UnitSelect value={unit} onChange={setUnit} allowClear placeholder="区划（默认全部）" style={{ width: 220 }} />
        <Select value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
        <Select value={kind} onChange={setKind} style={{ width: 180 }} options={infrastructureTargetKinds.map((k) => ({ value: k, label: infrastructureKindInfo[k].name }))} />
        {summary && <Typography.Text type="secondary">截至 {summary.asOf}；“进度正常”指不少于按全年时序应完成的数量</Typography.Text>}
      </Space>
      {children.length > 0 && <BarChart categories={chart.categories} series={chart.series} axisNames={axis} />}
      {summary && (
        <Table size="small" rowKey="unitCode" pagination={false} dataSource={summary.units} scroll={{ x: true }}
          onRow={(r) => (r.unitCode === summary.unitCode ? { style: { background: '#f6ffed' } } : {})}
          columns={[
            { title: '区划', dataIndex: 'unitName', fixed: 'left', render: (v: string, r) => (r.unitCode === summary.unitCode ? <b>{v}（合计）</b> : v) },
            ...shownKinds.map((k) => ({ title: `${infrastructureKindInfo[k].name}（${infrastructureKindInfo[k].unitLabel}）`, key: k, render: (_: unknown, r: Summary['units'][number]) => cell(of(r.progress, k), k) })),
          ]} />
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>建设目标</Typography.Text>
        {props.staff && <Button icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing({ year: year ?? thisYear, basis: 'new' }); }}>设定目标</Button>}
      </Space>
      <Table<Target> size="small" rowKey="id" dataSource={targets} pagination={{ pageSize: 10 }} locale={{ emptyText: '尚未设定目标' }}
        columns={[
          { title: '年度', dataIndex: 'year' },
          { title: '区划', dataIndex: 'unitName' },
          { title: '类型', dataIndex: 'kind', render: (k: InfrastructureTargetKind) => infrastructureKindInfo[k].name },
          { title: '目标', dataIndex: 'value', render: (v: number, r) => `${v} ${infrastructureKindInfo[r.kind].unitLabel}` },
          { title: '口径', dataIndex: 'basis', render: (b: string) => (b === 'new' ? '当年新建' : '年末累计') },
          { title: '出处', dataIndex: 'source', render: (s: string | null) => <Typography.Text style={{ maxWidth: 420 }} ellipsis={{ tooltip: s }}>{s ?? '—'}</Typography.Text> },
          ...(props.staff ? [{ title: '', key: 'ops', render: (_: unknown, r: Target) => (
            <Space>
              <Button size="small" onClick={() => { form.setFieldsValue(r); setEditing(r); }}>修改</Button>
              <Popconfirm title="删除该目标？" okText="删除" cancelText="取消" onConfirm={() => void api('DELETE', `/api/fire/infrastructure-targets/${r.id}`).then(load, (e: unknown) => void toast.error(errorText(e)))}><Button size="small" danger>删除</Button></Popconfirm>
            </Space>
          ) }] : []),
        ]} />
      <Modal title="设定防火设施目标" open={!!editing} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText="保存" forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={editing ?? {}}>
          <Form.Item name="unitCode" label="区划" rules={[{ required: true, message: '请选择区划' }]}><UnitSelect /></Form.Item>
          <Space wrap>
            <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select style={{ width: 180 }} options={infrastructureTargetKinds.map((k) => ({ value: k, label: infrastructureKindInfo[k].name }))} /></Form.Item>
            <Form.Item name="year" label="年度" rules={[{ required: true }]}><InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} /></Form.Item>
            <Form.Item name="value" label="目标值" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0.01} style={{ width: 110 }} /></Form.Item>
            <Form.Item name="basis" label="口径"><Select style={{ width: 120 }} options={[{ value: 'new', label: '当年新建' }, { value: 'total', label: '年末累计' }]} /></Form.Item>
          </Space>
          <Form.Item name="source" label="出处（工作要点原文等）"><Input.TextArea rows={3} /></Form.Item>
        </Form>
        <Alert type="info" showIcon title="同一区划、类型、年度只有一个目标，再次设定即替换。" />
      </Modal>
    </Space>
  );
}

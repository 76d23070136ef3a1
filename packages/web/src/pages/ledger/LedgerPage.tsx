import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Typography, message } from 'antd';
import { Link } from 'react-router-dom';
import { formatArea, muToSquareMetres, squareMetresToMu, unitLevelOf } from '@linzhang/domain';
import { BarChart } from '../../components/BarChart.tsx';
import { api, ApiError, query } from '../../api/client.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useUser } from '../../auth.tsx';
import { currentYear, forestCategoryName, landClassName, originName, yearOptions } from './ledger-labels.ts';
import { initialUnit, initialYear } from '../../url-params.ts';

interface AreaRow { key: string | null; areaM2: number; parcels: number }
interface Stats {
  unitCode: string; unitName: string; year: number; parcels: number; areaM2: number; volumeM3: number;
  coverage: { forestAreaM2: number; treeStandM2: number; bambooM2: number; specialShrubM2: number; scatteredTreesM2: number; landAreaM2: number; coverage: number | null; unknownCanopyM2: number };
  byLandClass: AreaRow[]; byForestCategory: AreaRow[]; byOrigin: AreaRow[]; bySpecies: AreaRow[];
  children: { unitCode: string; unitName: string; parcels: number; areaM2: number; coverage: number | null }[];
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

function AreaTable({ title, rows, name }: { title: string; rows: AreaRow[]; name: (k: string | null) => string }) {
  return (
    <Card size="small" title={title}>
      <Table<AreaRow> size="small" pagination={false} rowKey={(r) => r.key ?? '-'} dataSource={rows.slice(0, 12)}
        columns={[
          { title: '类别', dataIndex: 'key', render: (k: string | null) => name(k) },
          { title: '面积', dataIndex: 'areaM2', render: (m: number) => formatArea(m) },
          { title: '小班数', dataIndex: 'parcels' },
        ]} />
    </Card>
  );
}

/** 林草湿一本账 › 统计: forest coverage by the DOMAIN.md §3 formula and areas by attribute, for a unit and its next level. */
export function LedgerPage() {
  const user = useUser();
  const [unit, setUnit] = useState<string | undefined>(initialUnit() ?? user.scopeUnit.code);
  const [year, setYear] = useState(initialYear() ?? currentYear());
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const load = useCallback(() => {
    setError(null);
    api<Stats>('GET', `/api/ledger/statistics${query({ unit, year })}`).then(setStats, (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [unit, year]);
  useEffect(load, [load]);
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const unitLevel = unit ? unitLevelOf(unit) : null;
  const landChart = useMemo(() => {
    const rows = (stats?.byLandClass ?? []).slice(0, 10);
    return { categories: rows.map((r) => landClassName(r.key)), series: [{ name: '面积（亩）', values: rows.map((r) => Math.round(squareMetresToMu(r.areaM2))) }] };
  }, [stats]);
  const childChart = useMemo(() => {
    const rows = (stats?.children ?? []).filter((c) => c.coverage !== null).slice(0, 40);
    return { categories: rows.map((c) => c.unitName), series: [{ name: '森林覆盖率（%）', values: rows.map((c) => Math.round(c.coverage! * 10000) / 100) }] };
  }, [stats]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>林草湿一本账</Typography.Title>
          <Space wrap>
            <UnitSelect value={unit} onChange={setUnit} allowClear={false} />
            <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 120 }} />
            <Link to="/ledger/parcels">小班列表</Link>
            <Link to="/ledger/import">导入小班</Link>
          </Space>
        </Space>
      </Card>
      {error && <Alert type="error" title={error} />}
      {stats && stats.parcels === 0 && <Alert type="info" title={`${stats.unitName} ${stats.year} 年度还没有小班数据。`} description={<Link to="/ledger/import">导入小班</Link>} />}
      {stats && stats.parcels > 0 && (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}><Card><Statistic title="森林覆盖率" value={pct(stats.coverage.coverage)} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title="森林面积（计入覆盖率）" value={formatArea(stats.coverage.forestAreaM2)} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title="小班面积合计" value={formatArea(stats.areaM2)} suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{stats.parcels} 个小班</Typography.Text>} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title="活立木蓄积" value={`${stats.volumeM3.toLocaleString('en-US', { maximumFractionDigits: 1 })} 立方米`} /></Card></Col>
          </Row>
          <Alert type="info" title={`森林覆盖率 =（郁闭度 ≥ 0.2 的乔木林地 ${formatArea(stats.coverage.treeStandM2)} + 竹林地 ${formatArea(stats.coverage.bambooM2)} + 国家特别规定灌木林地 ${formatArea(stats.coverage.specialShrubM2)} + 四旁树与农田林网占地 ${formatArea(stats.coverage.scatteredTreesM2)}）÷ 土地面积 ${formatArea(stats.coverage.landAreaM2)}（森林法实施条例第二十四条）`}
            description={<>
              {stats.coverage.unknownCanopyM2 > 0 && <div>另有 {formatArea(stats.coverage.unknownCanopyM2)} 乔木林地缺郁闭度，未计入，请补充。</div>}
              {stats.coverage.scatteredTreesM2 === 0 && <div>四旁树与农田林网占地尚未登记，按 0 计。</div>}
            </>}
            action={staff && (unitLevel === 'village' || unitLevel === 'town') ? <Button size="small" onClick={() => setRegistering(true)}>登记四旁树</Button> : undefined} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}><Card size="small" title="各地类面积"><BarChart categories={landChart.categories} series={landChart.series} axisNames={['亩']} height={260} /></Card></Col>
            {childChart.categories.length > 1 && <Col xs={24} lg={12}><Card size="small" title="下级区划森林覆盖率"><BarChart categories={childChart.categories} series={childChart.series} axisNames={['%']} height={260} /></Card></Col>}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}><AreaTable title="按地类" rows={stats.byLandClass} name={landClassName} /></Col>
            <Col xs={24} lg={12}><AreaTable title="按森林类别" rows={stats.byForestCategory} name={forestCategoryName} /></Col>
            <Col xs={24} lg={12}><AreaTable title="按起源" rows={stats.byOrigin} name={originName} /></Col>
            <Col xs={24} lg={12}><AreaTable title="按优势树种" rows={stats.bySpecies} name={(k) => k ?? '（未填）'} /></Col>
          </Row>
          <Card size="small" title="下级区划">
            <Table size="small" rowKey="unitCode" dataSource={stats.children} pagination={{ pageSize: 20 }}
              columns={[
                { title: '区划', dataIndex: 'unitName', render: (n: string, r) => <a onClick={() => setUnit(r.unitCode)}>{n}</a> },
                { title: '小班数', dataIndex: 'parcels' },
                { title: '小班面积', dataIndex: 'areaM2', render: (m: number) => formatArea(m) },
                { title: '森林覆盖率', dataIndex: 'coverage', render: pct },
              ]} />
          </Card>
        </>
      )}
      {registering && unit && <ScatteredTreesModal unitCode={unit} year={year} onClose={() => setRegistering(false)} onSaved={() => { setRegistering(false); load(); }} />}
    </Space>
  );
}

interface ScatteredTrees { unitCode: string; crownAreaM2: number; shelterbeltM2: number; treeCount: number | null; note: string | null }

/** Registers a village's or town's 四旁树 and shelterbelt crown area for a year (entered in 亩, stored in m²). */
function ScatteredTreesModal(props: { unitCode: string; year: number; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [toast, holder] = message.useMessage();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api<ScatteredTrees[]>('GET', `/api/ledger/scattered-trees${query({ unit: props.unitCode, year: props.year })}`).then((rows) => {
      const r = rows.find((x) => x.unitCode === props.unitCode);
      if (r) form.setFieldsValue({ crownMu: squareMetresToMu(r.crownAreaM2), shelterbeltMu: squareMetresToMu(r.shelterbeltM2), treeCount: r.treeCount ?? undefined, note: r.note ?? undefined });
    }).catch(() => undefined);
  }, [props.unitCode, props.year, form]);
  const save = async (v: { crownMu: number; shelterbeltMu?: number; treeCount?: number; note?: string }) => {
    setBusy(true);
    try {
      await api('PUT', `/api/ledger/scattered-trees/${props.unitCode}/${props.year}`, {
        crownAreaM2: muToSquareMetres(v.crownMu), shelterbeltM2: v.shelterbeltMu ? muToSquareMetres(v.shelterbeltMu) : 0, treeCount: v.treeCount ?? undefined, note: v.note || undefined,
      });
      props.onSaved();
    } catch (e) {
      void toast.error(e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors[0].message}` : ''}` : '保存失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`登记四旁树与农田林网（${props.year} 年度）`} open onCancel={props.onClose} onOk={() => form.submit()} okText="保存" confirmLoading={busy} destroyOnHidden>
      {holder}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="crownMu" label="四旁树占地（冠幅投影）面积（亩）" rules={[{ required: true, message: '请填写面积' }]}><InputNumber min={0} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="shelterbeltMu" label="农田林网占地面积（亩）"><InputNumber min={0} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="treeCount" label="四旁树株数"><InputNumber min={0} precision={0} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="note" label="数据来源"><Input placeholder="如 2024 年森林资源管理“一张图”年度更新" /></Form.Item>
      </Form>
    </Modal>
  );
}

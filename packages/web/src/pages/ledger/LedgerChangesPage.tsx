import { useEffect, useState } from 'react';
import { Alert, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { formatArea, type LandClassDelta, type ParcelChange } from '@linzhang/domain';
import { api, ApiError, query } from '../../api/client.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { UnitName } from '../../components/UnitName.tsx';
import { useUser } from '../../auth.tsx';
import { currentYear, forestCategoryName, landClassName, yearOptions } from './ledger-labels.ts';
import { initialParam, initialUnit } from '../../url-params.ts';

interface Changes { unitCode: string; from: number; to: number; landClasses: LandClassDelta[]; changes: ParcelChange[]; counts: Record<ParcelChange['kind'], number>; truncated: boolean }
interface Responsibility {
  unitCode: string; unitName: string; year: number; grids: number; parcels: number; forestM2: number; coveredM2: number; share: number | null;
  children: { unitCode: string; unitName: string; forestM2: number; coveredM2: number; share: number | null }[];
  gaps: { id: string; parcelNo: string; unitCode: string; unitName: string; areaM2: number; uncoveredM2: number }[];
  gapCount: number; unchecked: { id: string; parcelNo: string; reason: string }[];
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const signed = (m2: number) => `${m2 > 0 ? '+' : m2 < 0 ? '−' : ''}${formatArea(Math.abs(m2))}`;
const kindTag: Record<ParcelChange['kind'], React.ReactNode> = { added: <Tag color="green">新增</Tag>, removed: <Tag color="red">消失</Tag>, changed: <Tag color="orange">变化</Tag> };
const fieldNames = { landClass: '地类', forestCategory: '森林类别', area: '面积' } as const;
const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors[0].message}` : ''}` : '加载失败');

/** 林草湿一本账 › 年度变化与管护: what changed between two yearly ledgers, and forest land inside the rangers' grids. */
export function LedgerChangesPage() {
  const user = useUser();
  const [unit, setUnit] = useState<string | undefined>(initialUnit() ?? user.scopeUnit.code);
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>年度变化与管护责任</Typography.Title>
        <UnitSelect value={unit} onChange={setUnit} allowClear={false} />
      </Space>
      <Tabs defaultActiveKey={initialParam('tab') === 'responsibility' ? 'responsibility' : 'changes'} items={[
        { key: 'changes', label: '年度更新变化', children: <ChangesTab unit={unit} /> },
        { key: 'responsibility', label: '管护责任覆盖', children: <ResponsibilityTab unit={unit} onUnit={setUnit} /> },
      ]} />
    </Card>
  );
}

function ChangesTab({ unit }: { unit: string | undefined }) {
  const [from, setFrom] = useState(currentYear() - 1);
  const [to, setTo] = useState(currentYear());
  const [data, setData] = useState<Changes | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    api<Changes>('GET', `/api/ledger/changes${query({ unit, from, to })}`).then(setData, (e: unknown) => { setData(null); setError(errorText(e)); });
  }, [unit, from, to]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select value={from} onChange={setFrom} options={yearOptions()} style={{ width: 120 }} aria-label="起始年度" />
        <span>→</span>
        <Select value={to} onChange={setTo} options={yearOptions()} style={{ width: 120 }} aria-label="对比年度" />
      </Space>
      {error && <Alert type="error" title={error} />}
      {data && (
        <>
          <Row gutter={16}>
            <Col xs={8}><Card size="small"><Statistic title="新增小班" value={data.counts.added} /></Card></Col>
            <Col xs={8}><Card size="small"><Statistic title="消失小班" value={data.counts.removed} /></Card></Col>
            <Col xs={8}><Card size="small"><Statistic title="属性或面积变化" value={data.counts.changed} /></Card></Col>
          </Row>
          <Card size="small" title={`各地类面积 ${data.from} → ${data.to}`}>
            <Table<LandClassDelta> size="small" pagination={false} rowKey="landClass" dataSource={data.landClasses} data-testid="land-class-deltas"
              columns={[
                { title: '地类', dataIndex: 'landClass', render: landClassName },
                { title: `${data.from} 年`, dataIndex: 'fromM2', render: (m: number) => formatArea(m) },
                { title: `${data.to} 年`, dataIndex: 'toM2', render: (m: number) => formatArea(m) },
                { title: '增减', dataIndex: 'deltaM2', render: (m: number) => <Typography.Text type={m < 0 ? 'danger' : m > 0 ? 'success' : undefined}>{signed(m)}</Typography.Text> },
              ]} />
          </Card>
          <Card size="small" title="小班变化" extra={data.truncated ? '仅列出前 2000 条' : undefined}>
            <Table<ParcelChange> size="small" rowKey={(c) => `${c.unitCode}|${c.parcelNo}`} dataSource={data.changes} pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
              columns={[
                { title: '变化', dataIndex: 'kind', render: (k: ParcelChange['kind']) => kindTag[k] },
                { title: '村', dataIndex: 'unitCode', render: (c: string) => <UnitName code={c} /> },
                { title: '小班号', dataIndex: 'parcelNo' },
                { title: '内容', key: 'what', render: (_, c) => describe(c) },
              ]} />
          </Card>
        </>
      )}
    </Space>
  );
}

function describe(c: ParcelChange): string {
  if (c.kind === 'added') return `${landClassName(c.to.landClass)}，${formatArea(c.to.areaM2)}`;
  if (c.kind === 'removed') return `原为${landClassName(c.from.landClass)}，${formatArea(c.from.areaM2)}`;
  return c.fields.map((f) => {
    if (f === 'landClass') return `${fieldNames[f]}：${landClassName(c.from.landClass)} → ${landClassName(c.to.landClass)}`;
    if (f === 'forestCategory') return `${fieldNames[f]}：${forestCategoryName(c.from.forestCategory)} → ${forestCategoryName(c.to.forestCategory)}`;
    return `${fieldNames[f]}：${formatArea(c.from.areaM2)} → ${formatArea(c.to.areaM2)}`;
  }).join('；');
}

function ResponsibilityTab({ unit, onUnit }: { unit: string | undefined; onUnit: (code: string) => void }) {
  const [year, setYear] = useState(currentYear());
  const [data, setData] = useState<Responsibility | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setError(null);
    setLoading(true);
    api<Responsibility>('GET', `/api/ledger/responsibility${query({ unit, year })}`)
      .then(setData, (e: unknown) => { setData(null); setError(errorText(e)); })
      .finally(() => setLoading(false));
  }, [unit, year]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 120 }} aria-label="台账年度" />
        <Typography.Text type="secondary">林地小班落入护林员管护网格的面积比例；网格在“组织体系 › 责任区”维护。</Typography.Text>
      </Space>
      {loading && !data && <Typography.Text type="secondary">正在逐个小班核算……</Typography.Text>}
      {error && <Alert type="error" title={error} />}
      {data && data.parcels === 0 && <Alert type="info" title={`${data.unitName} ${data.year} 年度没有林地小班。`} />}
      {data && data.parcels > 0 && (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}><Card size="small"><Statistic title="管护责任覆盖率" value={pct(data.share)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title="林地面积" value={formatArea(data.forestM2)} suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>{data.parcels} 个小班</Typography.Text>} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title="未落实管护的林地" value={formatArea(data.forestM2 - data.coveredM2)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title="管护网格" value={data.grids} /></Card></Col>
          </Row>
          {data.unchecked.length > 0 && <Alert type="warning" title={`${data.unchecked.length} 个小班的边界无法核算：${data.unchecked.slice(0, 5).map((u) => u.parcelNo).join('、')}，请检查是否自相交`} />}
          <Card size="small" title="下级区划">
            <Table size="small" rowKey="unitCode" dataSource={data.children} pagination={{ pageSize: 20 }} data-testid="responsibility-children"
              columns={[
                { title: '区划', dataIndex: 'unitName', render: (n: string, r) => <a onClick={() => onUnit(r.unitCode)}>{n}</a> },
                { title: '林地面积', dataIndex: 'forestM2', render: (m: number) => formatArea(m) },
                { title: '落入网格', dataIndex: 'coveredM2', render: (m: number) => formatArea(m) },
                { title: '覆盖率', dataIndex: 'share', render: (v: number | null) => (v === null ? '—' : <Progress percent={Math.round(v * 1000) / 10} size="small" style={{ width: 160, margin: 0 }} status={v < 0.95 ? 'exception' : 'success'} />) },
              ]} />
          </Card>
          <Card size="small" title={`未落实管护责任的小班（${data.gapCount} 个${data.gapCount > data.gaps.length ? `，列出前 ${data.gaps.length} 个` : ''}）`}>
            <Table size="small" rowKey="id" dataSource={data.gaps} pagination={{ pageSize: 20 }} locale={{ emptyText: '林地小班都已落入管护网格' }}
              columns={[
                { title: '村', dataIndex: 'unitName' },
                { title: '小班号', dataIndex: 'parcelNo' },
                { title: '小班面积', dataIndex: 'areaM2', render: (m: number) => formatArea(m) },
                { title: '网格外面积', dataIndex: 'uncoveredM2', render: (m: number) => formatArea(m) },
              ]} />
          </Card>
        </>
      )}
    </Space>
  );
}

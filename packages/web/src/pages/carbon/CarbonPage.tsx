import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography, message } from 'antd';
import { townCarbonStatusNames, type TownCarbonStatus } from '@linzhang/domain';
import { api, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import { CarbonChart } from './CarbonChart.tsx';
import { TownFiguresForm } from './TownFiguresForm.tsx';
import { canEnterFigures, tonnes, type Balances, type ParameterRow, type Sink, type Stock, type TownRow } from './carbon-types.ts';

const statusColours: Record<TownCarbonStatus, string> = { net_sink: 'green', net_emission: 'red', balanced: 'blue', unknown: 'default' };
const StatusTag = ({ status }: { status: TownCarbonStatus }) => <Tag color={statusColours[status]}>{townCarbonStatusNames[status]}</Tag>;

/** 森林碳汇: stock and sink from the ledger's volumes by species (DOMAIN.md §9), and the towns' carbon balance. */
export function CarbonPage() {
  const user = useUser();
  const [toast, holder] = message.useMessage();
  const [unit, setUnit] = useState<string | undefined>();
  const [years, setYears] = useState<number[] | null>(null);
  const [year, setYear] = useState<number | undefined>();
  const [from, setFrom] = useState<number | undefined>();
  const [stock, setStock] = useState<Stock | null>(null);
  const [sink, setSink] = useState<Sink | null>(null);
  const [balances, setBalances] = useState<Balances | null>(null);
  const [editing, setEditing] = useState<TownRow | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<{ years: number[] }>('GET', `/api/carbon/years${query({ unit })}`).then((r) => {
      setYears(r.years);
      const latest = r.years.at(-1);
      setYear(latest);
      setFrom(r.years.filter((y) => latest !== undefined && y < latest).at(-1));
    }).catch((e: unknown) => setError(errorText(e)));
  }, [unit]);
  useEffect(() => {
    if (year === undefined) { setStock(null); return; }
    void api<Stock>('GET', `/api/carbon/stock${query({ unit, year })}`).then((s) => { setStock(s); setError(null); }).catch((e: unknown) => setError(errorText(e)));
  }, [unit, year]);
  useEffect(() => {
    if (year === undefined || from === undefined) { setSink(null); return; }
    void api<Sink>('GET', `/api/carbon/sink${query({ unit, from, to: year })}`).then(setSink).catch((e: unknown) => setError(errorText(e)));
  }, [unit, year, from]);
  const balanceYear = year ?? new Date().getFullYear();
  useEffect(() => {
    void api<Balances>('GET', `/api/carbon/towns${query({ unit, year: balanceYear })}`).then(setBalances).catch((e: unknown) => setError(errorText(e)));
  }, [unit, balanceYear, version]);

  const sinkOf = useMemo(() => new Map((sink?.children ?? []).map((c) => [c.unitCode, c.sinkCo2eT])), [sink]);
  const rowOf = useMemo(() => new Map((stock?.parameters.rows ?? []).map((r) => [r.species, r])), [stock]);
  const param = (species: string, key: keyof Omit<ParameterRow, 'species' | 'aliases' | 'source'>) => rowOf.get(species)?.[key]?.toFixed(3) ?? '—';
  // A species whose 小班 have no volume used no row: its parameters are not shown.
  const usedParam = (r: { row: string; volumeM3: number }, key: Parameters<typeof param>[1]) => (r.volumeM3 > 0 ? param(r.row, key) : '—');
  const earlier = (years ?? []).filter((y) => year !== undefined && y < year);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>森林碳汇</Typography.Title>
        <Space wrap>
          <UnitSelect allowClear value={unit} onChange={setUnit} placeholder="本级（默认）" style={{ width: 200 }} />
          <Select value={year} onChange={setYear} style={{ width: 130 }} aria-label="台账年度" placeholder="台账年度"
            options={(years ?? []).map((y) => ({ value: y, label: `${y} 年台账` }))} />
          <Select value={from} onChange={setFrom} allowClear style={{ width: 150 }} aria-label="对比年度" placeholder="对比年度（碳汇）" disabled={!earlier.length}
            options={earlier.map((y) => ({ value: y, label: `对比 ${y} 年` }))} />
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {years !== null && !years.length && <Alert type="info" showIcon title="一本账中尚无小班数据，无法计算森林碳储量。请先导入小班（含优势树种、蓄积）。" />}
      {stock && (
        <Card title={`${stock.unitName} ${stock.year} 年森林碳储量`}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Row gutter={16} data-testid="carbon-kpis">
              <Col xs={12} md={5}><Statistic title="碳储量（tC）" value={tonnes(stock.carbonT)} /></Col>
              <Col xs={12} md={5}><Statistic title="折合二氧化碳（tCO₂e）" value={tonnes(stock.co2eT)} /></Col>
              <Col xs={12} md={5}><Statistic title="蓄积（m³）" value={tonnes(stock.volumeM3)} /></Col>
              <Col xs={12} md={4}><Statistic title="小班" value={stock.parcels} suffix="个" /></Col>
              <Col xs={12} md={5}>
                {sink ? <Statistic title={`年碳汇（${sink.from}–${sink.to}，tCO₂e/年）`} value={tonnes(sink.sinkCo2eT)} styles={{ content: { color: sink.sinkCo2eT >= 0 ? '#389e0d' : '#cf1322' } }} />
                  : <Statistic title="年碳汇（tCO₂e/年）" value="—" />}
              </Col>
            </Row>
            {!sink && <Alert type="info" showIcon title={earlier.length ? '选择对比年度以计算年碳汇（ΔC ÷ Δt）。' : `只有 ${stock.year} 年一个年度的一本账，年碳汇需要两个年度的蓄积（ΔC ÷ Δt），暂不能计算。`} />}
            {stock.fallbackParcels > 0 && <Alert type="warning" showIcon title={`${stock.fallbackParcels} 个有蓄积的小班的优势树种不在参数表中，按“${stock.parameters.fallbackSpecies}”参数计算。`} />}
            {stock.noVolumeParcels > 0 && <Alert type="info" showIcon data-testid="no-volume" title={`${stock.noVolumeParcels} 个小班没有蓄积（如竹林、灌木林、未成林地），蓄积法不计其碳储量；竹林、灌木林的碳储量需按株数或面积另行计量。`} />}
            <Typography.Text type="secondary">碳储量 C = 蓄积 V × 基本木材密度 WD × 生物量扩展因子 BEF ×（1 + 根茎比 R）× 含碳率 CF；CO₂e = C × 44/12（IPCC 2006 第 4 卷）。参数按 {stock.asOf} 现行版本。</Typography.Text>
            {stock.children.length > 0 && <CarbonChart stock={stock} />}
            <Table rowKey="unitCode" size="small" dataSource={stock.children} pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 个单位` }}
              columns={[
                { title: '单位', dataIndex: 'unitName' },
                { title: '小班', dataIndex: 'parcels', align: 'right' },
                { title: '蓄积（m³）', dataIndex: 'volumeM3', render: tonnes, align: 'right' },
                { title: '碳储量（tC）', dataIndex: 'carbonT', render: tonnes, align: 'right' },
                { title: 'tCO₂e', dataIndex: 'co2eT', render: tonnes, align: 'right' },
                { title: '年碳汇（tCO₂e/年）', dataIndex: 'unitCode', render: (c: string) => (sink ? tonnes(sinkOf.get(c) ?? 0) : '—'), align: 'right' },
              ]} />
          </Space>
        </Card>
      )}
      {stock && (
        <Card title="按树种（含所用参数与来源）">
          <Table rowKey={(r) => r.species ?? ''} size="small" dataSource={stock.bySpecies} pagination={false} data-testid="carbon-species"
            columns={[
              { title: '优势树种', dataIndex: 'species', render: (s: string | null, r) => <Space size={4}>{s ?? '（未填）'}{r.fallback && <Tag color="orange">按{r.row}参数</Tag>}{r.volumeM3 <= 0 && <Tag>无蓄积，不计</Tag>}</Space> },
              { title: '小班', dataIndex: 'parcels', align: 'right' },
              { title: '蓄积（m³）', dataIndex: 'volumeM3', render: tonnes, align: 'right' },
              { title: 'tC', dataIndex: 'carbonT', render: tonnes, align: 'right' },
              { title: 'tCO₂e', dataIndex: 'co2eT', render: tonnes, align: 'right' },
              { title: 'WD', key: 'wd', render: (_: unknown, r) => usedParam(r, 'woodDensity'), align: 'right' },
              { title: 'BEF', key: 'bef', render: (_: unknown, r) => usedParam(r, 'bef'), align: 'right' },
              { title: 'R', key: 'r', render: (_: unknown, r) => usedParam(r, 'rootShootRatio'), align: 'right' },
              { title: 'CF', key: 'cf', render: (_: unknown, r) => usedParam(r, 'carbonFraction'), align: 'right' },
              { title: '参数来源', key: 'source', render: (_: unknown, r) => {
                if (r.volumeM3 <= 0) return '—'; // no volume: no row was used
                const source = rowOf.get(r.row)?.source ?? '';
                return <Space size={4}>{source.includes('[未确认]') && <Tag color="gold">未确认</Tag>}<Tooltip title={source}><Typography.Text style={{ maxWidth: 280 }} ellipsis>{source}</Typography.Text></Tooltip></Space>;
              } },
            ]} />
        </Card>
      )}
      <Card title={`乡镇碳收支（${balanceYear} 年）`}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">净值 = 森林碳汇 + 水域、草地、农作物吸收 − 居民生活、农机、交通排放（tCO₂e/年，巴南 2023 试点口径）；大于 0 为净碳汇，小于 0 为净排放。</Typography.Text>
          {balances?.sinkNote && <Alert type="info" showIcon title={`${balances.sinkNote}；填报的排放与吸收照常汇总，净值待森林碳汇可算后给出。`} />}
          <Table<TownRow> rowKey="unitCode" size="small" dataSource={balances?.towns ?? []} pagination={{ pageSize: 12, showTotal: (t) => `共 ${t} 个乡镇` }} data-testid="carbon-towns"
            columns={[
              { title: '乡镇', dataIndex: 'unitName' },
              { title: '森林碳汇', dataIndex: 'forestSinkT', render: tonnes, align: 'right' },
              { title: '水域', key: 'water', render: (_: unknown, r) => tonnes(r.figures?.waterAbsorption), align: 'right' },
              { title: '草地', key: 'grass', render: (_: unknown, r) => tonnes(r.figures?.grassAbsorption), align: 'right' },
              { title: '农作物', key: 'crops', render: (_: unknown, r) => tonnes(r.figures?.cropsAbsorption), align: 'right' },
              { title: '居民', key: 'residents', render: (_: unknown, r) => tonnes(r.figures?.residentsEmission), align: 'right' },
              { title: '农机', key: 'machinery', render: (_: unknown, r) => tonnes(r.figures?.farmMachineryEmission), align: 'right' },
              { title: '交通', key: 'transport', render: (_: unknown, r) => tonnes(r.figures?.transportEmission), align: 'right' },
              { title: '净值', key: 'net', render: (_: unknown, r) => tonnes(r.balance?.netT), align: 'right' },
              { title: '结论', key: 'status', render: (_: unknown, r) => (r.balance ? <StatusTag status={r.balance.status} /> : <Tag>未填报</Tag>) },
              { title: '来源', key: 'source', render: (_: unknown, r) => <Typography.Text type="secondary" style={{ maxWidth: 160 }} ellipsis>{r.figures?.source ?? '—'}</Typography.Text> },
              ...(canEnterFigures(user.roles) ? [{ title: '', key: 'edit', render: (_: unknown, r: TownRow) => <Button size="small" onClick={() => setEditing(r)}>{r.figures ? '修改' : '填报'}</Button> }] : []),
            ]} />
        </Space>
      </Card>
      {editing && <TownFiguresForm town={editing} year={balanceYear} onClose={() => setEditing(null)}
        onSaved={() => { void toast.success(`已保存：${editing.unitName}`); setEditing(null); setVersion((v) => v + 1); }} />}
    </Space>
  );
}

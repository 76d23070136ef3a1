import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { otherPestNames, otherPests, pestSeverityNames, type OtherPest } from '@linzhang/domain';
import { api, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { areaText } from '../../labels.ts';
import { usePaged } from '../../components/usePaged.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import { DisasterRateChart } from './DisasterRateChart.tsx';
import { OccurrenceForm } from './OccurrenceForm.tsx';
import { canRecordPests, perMille, shanghaiYear, type Occurrence, type RateRow, type RateYear } from './pest-types.ts';
import { initialUnit, initialYear } from '../../url-params.ts';

const severityColours = { light: 'gold', moderate: 'orange', severe: 'red' } as const;
const MeetsTag = ({ meets }: { meets: boolean | null }) => (meets === null ? <Tag>无林地</Tag> : meets ? <Tag color="green">达标</Tag> : <Tag color="red">超标</Tag>);

/** 成灾率 of the viewer's unit for a year and the last three years by town, against the target of rule kind pest_rules. */
function DisasterRateSection({ version }: { version: number }) {
  const [year, setYear] = useState(initialYear() ?? shanghaiYear());
  const [unit, setUnit] = useState<string | undefined>(initialUnit());
  const [series, setSeries] = useState<RateYear[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api<{ years: RateYear[] }>('GET', `/api/pests/disaster-rate/series${query({ from: year - 2, to: year, unit })}`)
      .then((s) => { setSeries(s.years); setError(null); }).catch((e: unknown) => setError(errorText(e)));
  }, [year, unit, version]);
  const current = series?.[series.length - 1];
  const rows = useMemo(() => [...(current?.children ?? [])].filter((c) => c.baseAreaM2 > 0 || c.disasterAreaM2 > 0)
    .sort((a, b) => (b.ratePerMille ?? -1) - (a.ratePerMille ?? -1)), [current]);
  return (
    <Card title="林业有害生物成灾率" extra={<Space wrap>
      <UnitSelect allowClear value={unit} onChange={setUnit} placeholder="本级（默认）" style={{ width: 200 }} />
      <Select value={year} onChange={setYear} style={{ width: 110 }} aria-label="年度" options={[0, 1, 2, 3, 4].map((d) => ({ value: shanghaiYear() - d, label: `${shanghaiYear() - d} 年` }))} />
    </Space>}>
      {error && <Alert type="error" showIcon title={error} />}
      {current && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={16} data-testid="disaster-kpis">
            <Col xs={12} md={5}>
              <Statistic title={`${current.unitName} ${current.year} 年成灾率（目标 ≤${current.targetPerMille}‰）`} value={perMille(current.total.ratePerMille)}
                styles={{ content: { color: current.total.meetsTarget === false ? '#cf1322' : '#389e0d' } }} />
            </Col>
            <Col xs={12} md={5}><Statistic title="成灾面积" value={areaText(current.total.disasterAreaM2)} /></Col>
            <Col xs={12} md={5}><Statistic title="有林地 + 未成林造林地" value={areaText(current.total.baseAreaM2)} /></Col>
            <Col xs={12} md={4}><Statistic title="寄主死亡小班（整体计入）" value={current.total.hostDeathParcels} suffix="个" /></Col>
            <Col xs={12} md={5}><Statistic title="超标的下级单位" value={current.children.filter((c) => c.meetsTarget === false).length} suffix={`/ ${current.children.filter((c) => c.meetsTarget !== null).length}`} /></Col>
          </Row>
          <Typography.Text type="secondary">
            成灾率 = 成灾面积 ÷（有林地 + 未成林造林地）× 1000‰；松材线虫病致死（病死、检测阳性）及其他有害生物造成寄主死亡的小班整体计入成灾面积。
            {current.ledgerYear === null ? '一本账中尚无小班，无法计算。' : `面积取自一本账 ${current.ledgerYear} 年。`}
          </Typography.Text>
          {current.deadTreesWithoutParcel > 0 && <Alert type="warning" showIcon title={`当年有 ${current.deadTreesWithoutParcel} 株阳性死亡松树未关联小班，未能计入成灾面积，请在疫木台账中补全小班。`} />}
          <DisasterRateChart years={series ?? []} />
          <Table<RateRow> rowKey="unitCode" size="small" dataSource={rows} pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 个单位` }}
            columns={[
              { title: '单位', dataIndex: 'unitName' },
              { title: '有林地', dataIndex: 'forestAreaM2', render: areaText, align: 'right' },
              { title: '未成林造林地', dataIndex: 'unforestedAreaM2', render: areaText, align: 'right' },
              { title: '成灾面积', dataIndex: 'disasterAreaM2', render: areaText, align: 'right' },
              { title: '寄主死亡小班', dataIndex: 'hostDeathParcels', align: 'right' },
              { title: '成灾率', dataIndex: 'ratePerMille', render: perMille, align: 'right' },
              { title: '达标', dataIndex: 'meetsTarget', render: (m: boolean | null) => <MeetsTag meets={m} /> },
            ]} />
        </Space>
      )}
    </Card>
  );
}

/** 有害生物 › 成灾率与其他病虫害: the disaster rate, and the occurrences of pests other than pine wilt disease. */
export function DisasterPage() {
  const user = useUser();
  const [toast, holder] = message.useMessage();
  const [year, setYear] = useState<number | undefined>();
  const [pest, setPest] = useState<OtherPest | undefined>();
  const [adding, setAdding] = useState(false);
  const [version, setVersion] = useState(0);
  const params = useMemo(() => ({ year, pest }), [year, pest]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Occurrence>('/api/pests/occurrences', params, onError);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Typography.Title level={4} style={{ margin: 0 }}>成灾率与其他病虫害</Typography.Title>
      <DisasterRateSection version={version} />
      <Card title="其他林业有害生物发生情况"
        extra={<Space wrap>
          <Select placeholder="年度" allowClear value={year} onChange={setYear} style={{ width: 100 }} options={[0, 1, 2, 3].map((d) => ({ value: shanghaiYear() - d, label: `${shanghaiYear() - d} 年` }))} />
          <Select placeholder="有害生物" allowClear value={pest} onChange={setPest} style={{ width: 130 }} options={otherPests.map((p) => ({ value: p, label: otherPestNames[p] }))} />
          {canRecordPests(user.roles) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记发生情况</Button>}
        </Space>}>
        <Table<Occurrence> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
          columns={[
            { title: '日期', dataIndex: 'observedOn', width: 110 },
            { title: '有害生物', dataIndex: 'pestName', render: (n: string, r) => <div><div>{n}</div>{r.host && <Typography.Text type="secondary" style={{ fontSize: 12 }}>寄主：{r.host}</Typography.Text>}</div> },
            { title: '发生地', dataIndex: 'unitName', render: (n: string, r) => (r.parcelNo ? `${n} · 小班 ${r.parcelNo}` : n) },
            { title: '程度', dataIndex: 'severity', render: (s: Occurrence['severity']) => <Tag color={severityColours[s]}>{pestSeverityNames[s]}</Tag>, width: 80 },
            { title: '发生面积', dataIndex: 'areaM2', render: areaText, align: 'right' },
            { title: '成灾面积', dataIndex: 'disasterAreaM2', render: (m: number, r) => <Space size={4}>{areaText(m)}{r.hostDeath && <Tag color="red">寄主死亡</Tag>}</Space>, align: 'right' },
            { title: '防治面积', dataIndex: 'controlledAreaM2', render: (m: number | null) => areaText(m), align: 'right' },
            { title: '调查人', dataIndex: 'surveyor', render: (s: string | null) => s ?? '—' },
          ]} />
      </Card>
      {adding && <OccurrenceForm onClose={() => setAdding(false)} onSaved={(o) => { setAdding(false); void toast.success(`已登记：${o.pestName}（${o.unitName}）`); void reload(); setVersion((v) => v + 1); }} />}
    </Space>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { BarChart } from '../components/BarChart.tsx';
import { Alert, Button, Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, query } from '../api/client.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useUser } from '../auth.tsx';

type Grouping = 'person' | 'village' | 'town';
interface Line { key: string; name: string; unitCode: string; unitName: string; patrols: number; valid: number; flagged: number; distanceKm: number; hours: number; problemsFound: number }
interface Report { from: string; to: string; rows: Line[]; totals: Omit<Line, 'key' | 'name' | 'unitCode' | 'unitName'> }

const shanghaiMidnight = (d: Dayjs): string => `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;

const groupLabels: Record<Grouping, string> = { person: '按人员', village: '按村（社区）', town: '按镇街' };

/** 巡林 › 巡林成效: patrols, kilometres and hours per person, village or town, with an Excel export. */
export function EffortPage() {
  const user = useUser();
  const [unit, setUnit] = useState<string | undefined>(user.scopeUnit.code);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const [groupBy, setGroupBy] = useState<Grouping>(user.scopeUnit.level === 'village' ? 'person' : 'village');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // Calendar days are Shanghai days, whatever the browser's own time zone.
  const params = query({ unit, groupBy, from: shanghaiMidnight(range[0]), to: shanghaiMidnight(range[1].add(1, 'day')) });

  useEffect(() => {
    setLoading(true);
    setError(null);
    api<Report>('GET', `/api/effort/patrols${params}`)
      .then(setReport, (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'))
      .finally(() => setLoading(false));
  }, [params]);

  // The 20 rows with the most kilometres, as bars: distance on the left axis, patrols and problems on the right.
  const chart = useMemo(() => {
    const top = [...(report?.rows ?? [])].sort((a, b) => b.distanceKm - a.distanceKm).slice(0, 20);
    return {
      categories: top.map((r) => r.name),
      series: [
        { name: '里程（公里）', values: top.map((r) => r.distanceKm) },
        { name: '巡林次数', values: top.map((r) => r.patrols), axis: 1 as const },
        { name: '发现问题', values: top.map((r) => r.problemsFound), axis: 1 as const },
      ],
    };
  }, [report]);
  const axisNames = useMemo((): [string, string] => ['公里', '次/件'], []);

  const first = groupBy === 'person' ? '人员' : groupBy === 'village' ? '村（社区）' : '镇街';
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>巡林成效</Typography.Title>
        <Space wrap>
          <UnitSelect value={unit} onChange={setUnit} allowClear={false} />
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <Segmented<Grouping> value={groupBy} onChange={setGroupBy} options={(Object.keys(groupLabels) as Grouping[]).map((g) => ({ value: g, label: groupLabels[g] }))} />
          <Button icon={<DownloadOutlined />} href={`/api/effort/patrols.xlsx${params}`}>导出 Excel</Button>
        </Space>
      </Space>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      {chart.categories.length > 0 && <BarChart categories={chart.categories} series={chart.series} axisNames={axisNames} />}
      <Table<Line>
        rowKey="key" size="middle" loading={loading} dataSource={report?.rows ?? []} pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 行` }}
        columns={[
          { title: first, dataIndex: 'name' },
          ...(groupBy === 'person' ? [{ title: '区划', dataIndex: 'unitName' }] : []),
          { title: '巡林次数', dataIndex: 'patrols', sorter: (a, b) => a.patrols - b.patrols },
          { title: '有效次数', dataIndex: 'valid', sorter: (a, b) => a.valid - b.valid },
          { title: '异常提示', dataIndex: 'flagged', sorter: (a, b) => a.flagged - b.flagged },
          { title: '里程（公里）', dataIndex: 'distanceKm', sorter: (a, b) => a.distanceKm - b.distanceKm },
          { title: '时长（小时）', dataIndex: 'hours', sorter: (a, b) => a.hours - b.hours },
          { title: '发现问题', dataIndex: 'problemsFound', sorter: (a, b) => a.problemsFound - b.problemsFound },
        ]}
        summary={() =>
          report && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={groupBy === 'person' ? 2 : 1}><b>合计</b></Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{report.totals.patrols}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{report.totals.valid}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{report.totals.flagged}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{report.totals.distanceKm.toFixed(2)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{report.totals.hours.toFixed(1)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7}>{report.totals.problemsFound}</Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}

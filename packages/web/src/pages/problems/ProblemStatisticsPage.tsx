import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProblemStatisticsRow } from '@linzhang/domain';
import { api, ApiError, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { localTime } from '../../labels.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { initialParam, initialUnit } from '../../url-params.ts';

interface Report {
  unitCode: string;
  from: string;
  to: string;
  asOf: string;
  rows: ProblemStatisticsRow[];
  total: ProblemStatisticsRow;
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hours = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} 小时`);

/** 办理统计: per child unit, how many problems, how fast, how many overdue or escalated, and the case investigation rate. */
export function ProblemStatisticsPage() {
  const user = useUser();
  const [unit, setUnit] = useState<string>(initialUnit() ?? user.scopeUnit.code);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const [from, to] = [initialParam('from'), initialParam('to')];
    return from && to && dayjs(from).isValid() && dayjs(to).isValid() ? [dayjs(from), dayjs(to)] : [dayjs().startOf('year'), dayjs()];
  });
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const params = useMemo(() => query({ unit, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }), [unit, range]);

  useEffect(() => {
    setLoading(true);
    setError(null);
    api<Report>('GET', `/api/problems/statistics${params}`)
      .then(setReport, (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'))
      .finally(() => setLoading(false));
  }, [params]);

  const columns: ColumnsType<ProblemStatisticsRow> = [
    {
      title: '区划', dataIndex: 'unitName', fixed: 'left', width: 120,
      // A town's row opens its villages.
      render: (name: string, r) => (r.unitCode !== unit && r.unitCode.endsWith('000') ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setUnit(r.unitCode)}>{name}</Button> : name),
    },
    { title: '上报', width: 64, dataIndex: 'reported', align: 'right' },
    { title: '未处置', width: 72, dataIndex: 'open', align: 'right' },
    { title: '已销号', width: 72, dataIndex: 'closed', align: 'right' },
    { title: '不予受理', width: 84, dataIndex: 'dismissed', align: 'right' },
    { title: '逾期', width: 64, dataIndex: 'overdue', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
    { title: '督办', width: 64, dataIndex: 'escalated', align: 'right' },
    { title: '按期办结率', width: 96, dataIndex: 'onTimeRate', align: 'right', render: pct },
    { title: '平均办结时长', width: 110, dataIndex: 'meanHoursToClose', align: 'right', render: hours },
    { title: '涉林案件', width: 84, dataIndex: 'cases', align: 'right' },
    { title: '已查处', width: 72, dataIndex: 'casesClosed', align: 'right' },
    { title: '涉林案件查处率', width: 124, dataIndex: 'caseInvestigationRate', align: 'right', render: pct },
  ];

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>问题办理统计</Typography.Title>
        <Space wrap>
          <UnitSelect value={unit} onChange={(v) => setUnit(v ?? user.scopeUnit.code)} allowClear={false} />
          <DatePicker.RangePicker allowClear={false} value={range} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} placeholder={['上报起', '上报止']} />
          <Button icon={<DownloadOutlined />} href={`/api/problems/statistics.xlsx${params}`} download>导出 Excel</Button>
        </Space>
      </Space>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      {report && (
        <Typography.Paragraph type="secondary">
          {report.total.unitName} · 上报时间 {report.from} 至 {report.to} · 截至 {localTime(report.asOf)}。按期办结率 = 按期处置 ÷（已处置 + 逾期）；涉林案件查处率目标 100%。
        </Typography.Paragraph>
      )}
      <Table<ProblemStatisticsRow>
        rowKey="unitCode" size="middle" columns={columns} dataSource={report?.rows ?? []} loading={loading} pagination={false} scroll={{ x: 1000 }}
        summary={() => report && (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              {columns.map((c, i) => {
                const key = (c as { dataIndex?: keyof ProblemStatisticsRow }).dataIndex!;
                const v = report.total[key];
                const text = i === 0 ? '合计' : c.render ? c.render(v, report.total, -1) : v;
                return <Table.Summary.Cell key={String(key)} index={i} align={i === 0 ? 'left' : 'right'}>{text as React.ReactNode}</Table.Summary.Cell>;
              })}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Card>
  );
}

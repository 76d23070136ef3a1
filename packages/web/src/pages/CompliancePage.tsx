import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, query } from '../api/client.ts';
import type { ComplianceReport, ComplianceRow, DutyStatus } from '../api/patrol-types.ts';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { useUser } from '../auth.tsx';
import { dutyStatusLabels, km, periodLabels, postLevelNames, postRoleNames } from '../labels.ts';
import { initialParam, initialUnit } from '../url-params.ts';

interface Node {
  key: string;
  name: string;
  counts: Record<DutyStatus, number>;
  row?: ComplianceRow;
  children?: Node[];
}

const emptyCounts = (): Record<DutyStatus, number> => ({ met: 0, behind: 0, missed: 0 });

/** Town → village → person, each level with its counts (drill down by expanding). */
function buildTree(rows: ComplianceRow[]): Node[] {
  const towns = new Map<string, Node>();
  const villages = new Map<string, Node>();
  const nameOf = new Map(rows.map((r) => [r.unitCode, r.unitName]));
  for (const r of rows) {
    const townCode = `${r.unitCode.slice(0, 9)}000`;
    const town = towns.get(townCode) ?? { key: townCode, name: nameOf.get(townCode) ?? townCode, counts: emptyCounts(), children: [] };
    towns.set(townCode, town);
    const count = (n: Node) => {
      n.counts[r.current.status] += 1;
      if (r.previous?.status === 'missed') n.counts.missed += 1;
    };
    count(town);
    const person: Node = { key: r.postId, name: r.personName, counts: emptyCounts(), row: r };
    if (r.unitCode === townCode || r.unitCode.endsWith('000')) {
      town.children!.push(person);
      continue;
    }
    let village = villages.get(r.unitCode);
    if (!village) {
      village = { key: r.unitCode, name: r.unitName, counts: emptyCounts(), children: [] };
      villages.set(r.unitCode, village);
      town.children!.push(village);
    }
    count(village);
    village.children!.push(person);
  }
  return [...towns.values()];
}

const countsCell = (c: Record<DutyStatus, number>) => (
  <Space size={4}>
    <Tag color="green">{c.met}</Tag><Tag color="orange">{c.behind}</Tag><Tag color="red">{c.missed}</Tag>
  </Space>
);

export function CompliancePage() {
  const user = useUser();
  const [unit, setUnit] = useState<string | undefined>(initialUnit() ?? user.scopeUnit.code);
  const [params] = useSearchParams();
  // ?asOf=ISO lets a link show the board as it stood at a moment (e.g. the end of last week).
  const [asOf, setAsOf] = useState<string | undefined>(params.get('asOf') ?? undefined);
  const [duty, setDuty] = useState<'patrols' | 'reports'>(initialParam('duty') === 'reports' ? 'reports' : 'patrols');
  const [report, setReport] = useState<ComplianceReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setLoading(true);
    setError(null);
    api<ComplianceReport>('GET', `/api/compliance/${duty}${query({ unit, asOf })}`)
      .then(setReport, (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'))
      .finally(() => setLoading(false));
  }, [unit, asOf, duty]);

  const tree = useMemo(() => (report ? buildTree(report.rows) : []), [report]);
  const [expanded, setExpanded] = useState<readonly React.Key[]>([]);
  // A town chief's board opens on their town's villages; a county's board starts at its towns.
  useEffect(() => setExpanded(tree.length === 1 ? [tree[0]!.key] : []), [tree]);
  const columns: ColumnsType<Node> = [
    { title: '单位 / 人员', dataIndex: 'name', render: (name: string, n) => (n.row ? <span>{name} <Typography.Text type="secondary">{postLevelNames[n.row.level]}{postRoleNames[n.row.role]}</Typography.Text></span> : <b>{name}</b>) },
    { title: '本期达标 / 本期未完成 / 上期未履职', key: 'counts', render: (_: unknown, n) => (n.row ? null : countsCell(n.counts)) },
    { title: '要求', key: 'rule', render: (_: unknown, n) => (n.row ? `每${periodLabels[n.row.rule.period] ?? n.row.rule.period}至少 ${n.row.rule.count} 次` : null) },
    { title: '本期', key: 'period', render: (_: unknown, n) => n.row?.current.periodKey },
    {
      title: duty === 'patrols' ? '本期有效巡林' : '本期已报告', key: 'done',
      render: (_: unknown, n) => (n.row ? (duty === 'patrols' ? `${n.row.current.done} 次 · ${km(n.row.currentDistanceM)}` : `${n.row.current.done} 次`) : null),
    },
    {
      title: '状态', key: 'status',
      render: (_: unknown, n) => n.row && (
        <Space size={2}>
          <Tag color={dutyStatusLabels[n.row.current.status]!.color}>{dutyStatusLabels[n.row.current.status]!.text}</Tag>
          {n.row.current.remind && <Tag color="gold">临近期末</Tag>}
        </Space>
      ),
    },
    {
      title: '上期', key: 'previous',
      render: (_: unknown, n) => n.row?.previous && (
        <Tag color={dutyStatusLabels[n.row.previous.status]!.color}>{n.row.previous.periodKey} {dutyStatusLabels[n.row.previous.status]!.text}</Tag>
      ),
    },
    { title: '本年已达标 / 未履职期数', key: 'history', render: (_: unknown, n) => (n.row ? `${n.row.periods.met} / ${n.row.periods.missed}` : null) },
  ];

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{duty === 'patrols' ? '巡林履职情况' : '报告履职情况'}</Typography.Title>
        <Space>
          <Segmented value={duty} onChange={(v) => setDuty(v as 'patrols' | 'reports')} options={[{ value: 'patrols', label: '巡林' }, { value: 'reports', label: '报告' }]} />
          <UnitSelect value={unit} onChange={setUnit} allowClear={false} />
          <DatePicker placeholder="截至（默认现在）" onChange={(d) => setAsOf(d ? `${d.format('YYYY-MM-DD')}T23:59:59+08:00` : undefined)} />
        </Space>
      </Space>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      {report && (
        <Space size="large" style={{ marginBottom: 16 }}>
          <Statistic title="已达标" value={report.counts.met} styles={{ content: { color: '#389e0d' } }} />
          <Statistic title="本期未完成" value={report.counts.behind} styles={{ content: { color: '#d46b08' } }} />
          <Statistic title="上期未履职" value={report.counts.missed} styles={{ content: { color: '#cf1322' } }} />
        </Space>
      )}
      <Table<Node> rowKey="key" columns={columns} dataSource={tree} loading={loading} pagination={false} size="middle" expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpanded }} />
    </Card>
  );
}

import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Space, Table, Tabs, Tag, Tooltip, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SendOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { problemCategoryNames, problemSeverityNames, problemSourceNames, type Problem, type ProblemStatus } from '@linzhang/domain';
import { usePaged } from '../../components/usePaged.ts';
import { ProblemFilters, problemQuery, type ProblemFilter } from '../../components/ProblemFilters.tsx';
import { DeadlineText, EscalationTag, ProblemStatusTag } from '../../components/ProblemTags.tsx';
import { BulkAssignModal } from '../../components/BulkAssignModal.tsx';
import { PublicReportQr } from '../../components/PublicReportQr.tsx';
import { useUser } from '../../auth.tsx';

const tabs = [
  { key: 'todo', label: '待我处理', params: { todo: true } },
  { key: 'mine', label: '交办给我', params: { mine: true } },
  { key: 'escalated', label: '已督办', params: { escalated: true } },
  { key: 'overdue', label: '逾期', params: { overdue: true } },
  { key: 'all', label: '全部', params: {} },
] as const;
type TabKey = (typeof tabs)[number]['key'];

/** Statuses from which a problem may (still) be assigned (the workflow's `assign` row). */
const assignable: readonly ProblemStatus[] = ['reported', 'accepted', 'assigned', 'in_handling'];
const filterKeys = ['unit', 'category', 'source', 'q', 'from', 'to'] as const;

/** The filters live in the address, so going back from a problem returns to the same list. */
function filterOf(search: URLSearchParams): ProblemFilter {
  const f: ProblemFilter = {};
  for (const k of filterKeys) {
    const v = search.get(k);
    if (v) Object.assign(f, { [k]: v });
  }
  const status = search.getAll('status') as ProblemStatus[];
  if (status.length) f.status = status;
  return f;
}

const columns: ColumnsType<Problem> = [
  {
    title: '标题', dataIndex: 'title',
    render: (title: string, p) => (
      <Space size={4}>
        <Link to={`/problems/${p.id}`}>{title}</Link>
        {p.severity !== 'general' && <Tag color={p.severity === 'urgent' ? 'red' : 'orange'}>{problemSeverityNames[p.severity]}</Tag>}
        {p.photoFlagged && <Tooltip title="照片的拍摄时间或位置与上报不符"><WarningOutlined style={{ color: '#fa8c16' }} /></Tooltip>}
      </Space>
    ),
  },
  { title: '类别', dataIndex: 'category', width: 112, render: (c: Problem['category']) => problemCategoryNames[c] },
  { title: '来源', dataIndex: 'source', width: 96, render: (s: Problem['source']) => problemSourceNames[s] },
  { title: '区划', dataIndex: 'unitName', width: 90 },
  { title: '状态', dataIndex: 'status', width: 116, render: (s: ProblemStatus) => <ProblemStatusTag status={s} /> },
  { title: '期限', dataIndex: 'deadlineAt', width: 176, render: (_: string, p) => <DeadlineText problem={p} /> },
  { title: '督办', key: 'escalation', width: 104, render: (_: unknown, p) => <EscalationTag problem={p} /> },
  { title: '承办人', key: 'assignee', width: 112, render: (_: unknown, p) => p.assigneePersonName ?? p.assigneeUnitName ?? '—' },
];

/** 问题处置: the problems waiting for me, assigned to me, escalated, overdue, or all of my area. */
export function ProblemListPage() {
  const user = useUser();
  const [search, setSearch] = useSearchParams();
  const tab: TabKey = tabs.some((t) => t.key === search.get('tab')) ? (search.get('tab') as TabKey) : 'todo';
  const key = search.toString();
  const filter = useMemo(() => filterOf(new URLSearchParams(key)), [key]);
  const params = useMemo(() => ({ ...problemQuery(filter), ...tabs.find((t) => t.key === tab)!.params }), [filter, tab]);
  const [toast, holder] = message.useMessage();
  const showError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, reload, pagination } = usePaged<Problem>('/api/problems', params, showError);
  const [selected, setSelected] = useState<Problem[]>([]);
  const [assigning, setAssigning] = useState(false);
  const manages = user.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief');

  const go = (nextTab: TabKey, next: ProblemFilter) => {
    const s = new URLSearchParams();
    if (nextTab !== 'todo') s.set('tab', nextTab);
    for (const k of filterKeys) if (next[k]) s.set(k, next[k]);
    for (const st of next.status ?? []) s.append('status', st);
    setSearch(s, { replace: true });
    setSelected([]);
  };

  return (
    <Card>
      {holder}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>问题处置</Typography.Title>
        <Space wrap>
          {manages && <PublicReportQr />}
          {manages && (
            <Button type="primary" icon={<SendOutlined />} disabled={selected.length === 0} onClick={() => setAssigning(true)}>
              批量交办{selected.length ? `（${selected.length}）` : ''}
            </Button>
          )}
        </Space>
      </Space>
      <Tabs activeKey={tab} onChange={(k) => go(k as TabKey, filter)} items={tabs.map((t) => ({ key: t.key, label: t.label }))} />
      <div style={{ marginBottom: 16 }}><ProblemFilters value={filter} onChange={(f) => go(tab, f)} /></div>
      <Table<Problem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        pagination={pagination}
        scroll={{ x: 1000 }}
        rowSelection={manages ? {
          selectedRowKeys: selected.map((p) => p.id),
          preserveSelectedRowKeys: true, // a selection may span pages
          onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
          getCheckboxProps: (p) => ({ disabled: !assignable.includes(p.status) }),
        } : undefined}
      />
      <BulkAssignModal problems={selected} open={assigning} onClose={(changed) => {
        setAssigning(false);
        if (changed) {
          setSelected([]);
          void reload();
        }
      }} />
    </Card>
  );
}

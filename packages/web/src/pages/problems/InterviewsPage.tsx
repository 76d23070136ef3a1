import { useNavigate } from 'react-router-dom';
import { Tag } from 'antd';
import { ResourcePage } from '../../components/ResourcePage.tsx';
import { localTime } from '../../labels.ts';

interface Interview {
  id: string;
  problemId: string;
  problemTitle: string;
  unitCode: string;
  unitName: string;
  personId: string | null;
  personName: string | null;
  reason: string;
  dueAt: string;
  heldAt: string | null;
  outcome: string | null;
}

/** 约谈记录: chiefs called in because a problem stayed overdue through repeated 督办. */
export function InterviewsPage() {
  const navigate = useNavigate();
  return (
    <ResourcePage<Interview>
      title="约谈记录"
      resource="interviews"
      readOnly
      rowKey={(i) => i.id}
      onRowClick={(i) => navigate(`/problems/${i.problemId}`)}
      filters={[]}
      columns={[
        { title: '问题', dataIndex: 'problemTitle', width: 200 },
        { title: '区划', dataIndex: 'unitName', width: 100 },
        { title: '约谈对象', dataIndex: 'personName', width: 100, render: (v: string | null) => v ?? '—' },
        { title: '事由', dataIndex: 'reason' },
        { title: '应约谈时间', dataIndex: 'dueAt', width: 150, render: localTime },
        { title: '状态', dataIndex: 'heldAt', width: 130, render: (v: string | null) => (v ? `已约谈 ${localTime(v)}` : <Tag color="orange">待约谈</Tag>) },
        { title: '结果', dataIndex: 'outcome', width: 120, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

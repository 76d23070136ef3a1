import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography, message } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import {
  problemActionNames, problemCategoryNames, problemSeverityNames, problemSourceNames, type ProblemAction, type ProblemDetail,
} from '@linzhang/domain';
import { api, ApiError } from '../../api/client.ts';
import { localTime } from '../../labels.ts';
import { DeadlineText, EscalationTag, ProblemStatusTag } from '../../components/ProblemTags.tsx';
import { ProblemMiniMap } from '../../components/ProblemMiniMap.tsx';
import { ProblemPhotos } from '../../components/ProblemPhotos.tsx';
import { ProblemTimeline } from '../../components/ProblemTimeline.tsx';
import { ProblemActionModal } from '../../components/ProblemActionModal.tsx';

/** The step that moves the loop forward is the primary button; refusals are red. */
const primary: readonly ProblemAction[] = ['accept', 'assign', 'start', 'handle', 'verify', 'close'];
const dangerous: readonly ProblemAction[] = ['dismiss', 'send_back'];

function facts(p: ProblemDetail): DescriptionsProps['items'] {
  const reporter = [p.reporterName, p.reporterPhone].filter(Boolean).join(' · ');
  return [
    { key: 'id', label: '编号', span: 'filled', children: <Typography.Text copyable style={{ fontSize: 12 }}>{p.id}</Typography.Text> },
    { key: 'category', label: '类别', children: problemCategoryNames[p.category] },
    { key: 'severity', label: '紧急程度', children: problemSeverityNames[p.severity] },
    { key: 'source', label: '来源', children: problemSourceNames[p.source] },
    { key: 'unit', label: '所属区划', children: p.unitName },
    { key: 'reportedAt', label: '上报时间', children: localTime(p.reportedAt) },
    { key: 'reporter', label: '上报人', children: reporter || '—' },
    { key: 'deadline', label: '办理期限', children: <DeadlineText problem={p} /> },
    { key: 'escalation', label: '督办', children: <Space size={4}><EscalationTag problem={p} />{p.supervisionDueAt && `督办期限 ${localTime(p.supervisionDueAt)}`}</Space> },
    { key: 'assignee', label: '承办', children: [p.assigneeUnitName, p.assigneePersonName].filter(Boolean).join(' · ') || '—' },
    { key: 'position', label: '位置', children: `${p.lon.toFixed(6)}, ${p.lat.toFixed(6)}` },
    ...(p.patrolId ? [{ key: 'patrol', label: '关联巡林', children: <Typography.Text style={{ fontSize: 12 }}>{p.patrolId}</Typography.Text> }] : []),
    ...(p.externalRef ? [{ key: 'external', label: '外部编号', children: p.externalRef }] : []),
    ...(p.parcelRef ? [{ key: 'parcel', label: '小班/图斑', children: p.parcelRef }] : []),
    ...(p.fireRef ? [{ key: 'fire', label: '关联火情', children: <Link to={`/fire/alarms/${p.fireRef}`}>查看火情处置</Link> }] : []),
    ...(p.pestRef ? [{ key: 'pest', label: '关联疫木', children: <Link to={`/pests?tree=${p.pestRef}`}>查看疫木除治</Link> }] : []),
    ...(!p.pestRef && p.category === 'dead_pine' ? [{ key: 'pest', label: '疫木', children: <Link to={`/pests?problem=${p.id}`}>登记为疫木（取样、伐除、除害处理）</Link> }] : []),
    { key: 'description', label: '描述', span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> },
  ];
}

/** One problem: its facts, place, photos and timeline, and the steps this user may take now. */
export function ProblemDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation(); // opened directly (a link, the inbox in a new tab): back goes to the list
  const [problem, setProblem] = useState<ProblemDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [action, setAction] = useState<ProblemAction | null>(null);
  const [toast, holder] = message.useMessage();

  const load = useCallback(async () => {
    try {
      setProblem(await api<ProblemDetail>('GET', `/api/problems/${encodeURIComponent(id)}`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else void toast.error(e instanceof Error ? e.message : '加载失败');
    }
  }, [id, toast]);
  useEffect(() => void load(), [load]);

  if (missing) return <Result status="404" title="问题不存在或无权查看" extra={<Link to="/problems">返回问题列表</Link>} />;
  if (!problem) return <Spin style={{ margin: 80 }} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {holder}
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回"
              onClick={() => (location.key === 'default' ? navigate('/problems') : navigate(-1))} />
            <Typography.Title level={4} style={{ margin: 0 }}>{problem.title}</Typography.Title>
            <span data-testid="problem-status"><ProblemStatusTag status={problem.status} /></span>
            {problem.needsFieldCheck && <Tag color="purple">须实地核实</Tag>}
          </Space>
          <Space wrap data-testid="problem-actions">
            {problem.actions.map((a) => (
              <Button key={a} type={primary.includes(a) ? 'primary' : 'default'} danger={dangerous.includes(a)} onClick={() => setAction(a)}>
                {problemActionNames[a]}
              </Button>
            ))}
          </Space>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="基本情况" size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={facts(problem)} />
            </Card>
            <Card title={`照片（${problem.photos.length}）`} size="small">
              <ProblemPhotos photos={problem.photos} events={problem.events} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title="位置" size="small"><ProblemMiniMap problem={problem} /></Card>
            <Card title="办理过程" size="small"><ProblemTimeline events={problem.events} reporterName={problem.reporterName} /></Card>
          </Space>
        </Col>
      </Row>
      <ProblemActionModal
        problem={problem}
        action={action}
        onClose={() => setAction(null)}
        onDone={(detail) => {
          setProblem(detail);
          void toast.success(`已${problemActionNames[action ?? 'accept']}`);
        }}
        onStale={(m) => {
          void toast.warning(`${m}（已为您刷新）`);
          void load();
        }}
      />
    </Space>
  );
}

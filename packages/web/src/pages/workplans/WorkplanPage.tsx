import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Card, Descriptions, Modal, Input, Space, Spin, Table, Tag, Tooltip, message } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { indicatorCatalogue, ruleActionNames, rulePeriodNames, ruleRoleNames, type RuleAction, type RulePeriod, type RuleRole, type TargetOp } from '@linzhang/domain';
import { api, ApiError } from '../../api/client.ts';
import { opSigns } from './workplan-labels.ts';
import { SentenceWithNumber } from './SentenceWithNumber.tsx';
import type { PlanSummary } from './WorkplansPage.tsx';
import { useUser } from '../../auth.tsx';
import { AdoptRuleModal } from './AdoptRuleModal.tsx';
import { CloseModal, ReportModal, TargetProgressCell, TrackingDrawer, scheduleNames, type TrackedTarget } from './TargetTracking.tsx';

interface StoredTarget { id: string; subject: string; value: number; unit: string; op: TargetOp; text: string }
interface StoredRule { id: string; text: string; role: RuleRole | null; action: RuleAction; period: RulePeriod; min: number }
interface StoredPlan extends PlanSummary {
  outline: { id: string; number: string | null; title: string; tasks: { id: string; number: string | null; title: string; text: string; deadline: string | null; targets: StoredTarget[]; rules: StoredRule[] }[] }[];
}
interface TargetRow extends StoredTarget { section: string; task: string; deadline: string | null; tracked: TrackedTarget | undefined }
interface RuleRow extends StoredRule { task: string }

/**
 * One imported plan: its quantitative targets in one table (by section and task) with their owners, measure and
 * progress (issue 8 §2), and its suggested duty rules.
 */
export function WorkplanPage() {
  const { id } = useParams();
  const [plan, setPlan] = useState<StoredPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = useUser();
  const canManage = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [tracked, setTracked] = useState<Map<string, TrackedTarget>>(new Map());
  const [trackedLoading, setTrackedLoading] = useState(true);
  const [editing, setEditing] = useState<TrackedTarget | null>(null);
  const [reporting, setReporting] = useState<TrackedTarget | null>(null);
  const [closing, setClosing] = useState<TrackedTarget | null>(null);
  const [adopting, setAdopting] = useState<RuleRow | null>(null);
  const isAdmin = user.roles.includes('admin');
  const [toast, toastHolder] = message.useMessage();
  const loadTargets = useCallback(() => {
    setTrackedLoading(true);
    api<{ items: TrackedTarget[] }>('GET', `/api/workplans/${id}/targets`).then(
      (r) => setTracked(new Map(r.items.map((t) => [t.id, t]))),
      (e: unknown) => setError(e instanceof ApiError ? e.message : '读取失败'),
    ).finally(() => setTrackedLoading(false));
  }, [id]);
  useEffect(() => {
    api<StoredPlan>('GET', `/api/workplans/${id}`).then(setPlan, (e: unknown) => setError(e instanceof ApiError ? e.message : '读取失败'));
    loadTargets();
  }, [id, loadTargets]);
  const saved = (t: TrackedTarget) => {
    setTracked((old) => new Map(old).set(t.id, t));
    setEditing(null);
    setReporting(null);
    setClosing(null);
  };
  const reopen = (t: TrackedTarget) => {
    let reason = '';
    Modal.confirm({
      title: `撤销销号：${t.subject}`, okText: '撤销销号', cancelText: '取消',
      content: <Input.TextArea rows={2} placeholder="撤销原因" onChange={(e) => { reason = e.target.value; }} />,
      onOk: async () => {
        if (!reason.trim()) {
          void toast.error('请填写撤销原因');
          throw new Error('reason');
        }
        saved(await api<TrackedTarget>('POST', `/api/workplans/targets/${t.id}/reopen`, { reason }));
      },
    });
  };
  const rows = useMemo(() => plan?.outline.flatMap((s) => s.tasks.flatMap((t) => t.targets.map((g): TargetRow => ({
    ...g, section: `${s.number ?? ''}${s.title}`, task: `${t.number ?? ''}${t.title}`, deadline: t.deadline, tracked: tracked.get(g.id),
  })))) ?? [], [plan, tracked]);
  const counts = useMemo(() => {
    const list = [...tracked.values()];
    return { tracked: list.filter((t) => t.tracking).length, met: list.filter((t) => t.progress.status === 'met').length, behind: list.filter((t) => t.progress.status === 'behind' || t.progress.status === 'not_met').length, closed: list.filter((t) => t.tracking?.closedAt).length, missing: list.reduce((s, t) => s + t.missingReports.length, 0) };
  }, [tracked]);
  const rules = useMemo(() => plan?.outline.flatMap((s) => s.tasks.flatMap((t) => t.rules.map((r): RuleRow => ({ ...r, task: `${t.number ?? ''}${t.title}` })))) ?? [], [plan]);
  if (error) return <Alert type="error" title={error} />;
  if (!plan) return <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={plan.title} extra={<Link to="/workplans">返回工作要点</Link>}>
        <Descriptions size="small" column={3} items={[
          { key: 'y', label: '年度', children: plan.year }, { key: 'v', label: '版本', children: `第 ${plan.version} 版` }, { key: 'u', label: '单位', children: plan.unitName },
          { key: 's', label: '部分 / 任务', children: `${plan.sections} / ${plan.tasks}` }, { key: 't', label: '量化指标', children: plan.targets }, { key: 'f', label: '来源文件', children: plan.sourceFile },
        ]} />
      </Card>
      {toastHolder}
      <Card title={`量化指标（${rows.length}）`} extra={<Space size={4} data-testid="target-counts">
        <Tag>已设置 {counts.tracked}</Tag><Tag color="green">已达成 {counts.met}</Tag><Tag color="orange">滞后/未完成 {counts.behind}</Tag><Tag color="volcano">缺报 {counts.missing} 期</Tag><Tag color="green">已销号 {counts.closed}</Tag>
      </Space>}>
        <Table<TargetRow> size="small" rowKey="id" dataSource={rows} pagination={false} loading={trackedLoading} data-testid="workplan-targets"
          columns={[
            { title: '部分', dataIndex: 'section', width: 110, onCell: (r, i) => ({ rowSpan: i !== undefined && i > 0 && rows[i - 1]!.section === r.section ? 0 : rows.filter((x) => x.section === r.section).length }) },
            {
              // The task in a tooltip: the cell's text stays the subject alone.
              title: '指标', dataIndex: 'subject', width: 150, render: (subject: string, r) => <Tooltip title={`任务：${r.task}`}><span>{subject}</span></Tooltip>,
            },
            {
              title: '目标', key: 'v', width: 110,
              render: (_, r) => <Space orientation="vertical" size={2}><strong>{opSigns[r.op]} {r.value} {r.unit}</strong>{r.deadline && <Tag color="orange">期限 {r.deadline}</Tag>}</Space>,
            },
            { title: '原文', key: 'text', render: (_, r) => <SentenceWithNumber text={r.text} value={r.value} unit={r.unit} /> },
            {
              title: '责任与度量', key: 'owner', width: 150, render: (_, r) => {
                const t = r.tracked?.tracking;
                if (!t) return <span style={{ color: '#999' }}>未设置</span>;
                return (
                  <Space orientation="vertical" size={0}>
                    <span>{t.ownerUnitNames.join('、')}{t.ownerPersonName ? ` · ${t.ownerPersonName}` : ''}</span>
                    <span style={{ fontSize: 12, color: '#666' }}>{t.measure === 'indicator' && t.indicatorKey ? `指标：${indicatorCatalogue[t.indicatorKey].name}` : '进度报告'}{t.reportEvery ? ` · ${scheduleNames[t.reportEvery]}报告` : ''}</span>
                  </Space>
                );
              },
            },
            { title: '进度', key: 'progress', width: 190, render: (_, r) => (r.tracked ? <TargetProgressCell target={r.tracked} /> : '—') },
            {
              title: '操作', key: 'actions', width: 84, render: (_, r) => {
                const t = r.tracked;
                if (!t) return null;
                const closed = Boolean(t.tracking?.closedAt);
                return (
                  <Space orientation="vertical" size={0}>
                    {canManage && !closed && <a onClick={() => setEditing(t)}>{t.tracking ? '修改设置' : '设置责任'}</a>}
                    {t.tracking && !closed && <a onClick={() => setReporting(t)}>报告进度</a>}
                    {canManage && t.tracking && !closed && <a onClick={() => setClosing(t)}>销号</a>}
                    {canManage && closed && <a onClick={() => reopen(t)}>撤销销号</a>}
                  </Space>
                );
              },
            },
          ]} />
      </Card>
      {rules.length > 0 && (
        <Card title={`职责建议（${rules.length}）`}>
          <Alert type="info" style={{ marginBottom: 12 }} title="这些是从要点中读出的巡林、报告等职责。导入本身不改变现行规则；管理员可逐条“采用为职责规则”（存为职责规则的新版本）。" />
          <Table<RuleRow> size="small" rowKey="id" dataSource={rules} pagination={false}
            columns={[
              { title: '任务', dataIndex: 'task', width: 220 },
              { title: '角色', dataIndex: 'role', width: 130, render: (r: RuleRole | null) => (r ? ruleRoleNames[r] : '未写明') },
              { title: '职责', key: 'a', width: 200, render: (_, r) => `每${rulePeriodNames[r.period]}${ruleActionNames[r.action]}至少 ${r.min} 次` },
              { title: '原文', dataIndex: 'text' },
              ...(isAdmin ? [{ title: '', key: 'adopt', width: 120, render: (_: unknown, r: RuleRow) => (r.action === 'meeting' ? null : <a onClick={() => setAdopting(r)}>采用为职责规则</a>) }] : []),
            ]} />
        </Card>
      )}
      <TrackingDrawer target={editing} planUnitCode={plan.unitCode} onClose={() => setEditing(null)} onSaved={saved} />
      <ReportModal target={reporting} onClose={() => setReporting(null)} onSaved={saved} />
      <CloseModal target={closing} onClose={() => setClosing(null)} onSaved={saved} />
      <AdoptRuleModal rule={adopting} onClose={() => setAdopting(null)} />
    </Space>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ruleActionNames, rulePeriodNames, ruleRoleNames, type RuleAction, type RulePeriod, type RuleRole, type TargetOp } from '@linzhang/domain';
import { api, ApiError } from '../../api/client.ts';
import { opSigns } from './workplan-labels.ts';
import { SentenceWithNumber } from './SentenceWithNumber.tsx';
import type { PlanSummary } from './WorkplansPage.tsx';

interface StoredTarget { id: string; subject: string; value: number; unit: string; op: TargetOp; text: string }
interface StoredRule { id: string; text: string; role: RuleRole | null; action: RuleAction; period: RulePeriod; min: number }
interface StoredPlan extends PlanSummary {
  outline: { id: string; number: string | null; title: string; tasks: { id: string; number: string | null; title: string; text: string; deadline: string | null; targets: StoredTarget[]; rules: StoredRule[] }[] }[];
}
interface TargetRow extends StoredTarget { section: string; task: string; deadline: string | null }
interface RuleRow extends StoredRule { task: string }

/** One imported plan: its quantitative targets in one table (by section and task) and its suggested duty rules. */
export function WorkplanPage() {
  const { id } = useParams();
  const [plan, setPlan] = useState<StoredPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<StoredPlan>('GET', `/api/workplans/${id}`).then(setPlan, (e: unknown) => setError(e instanceof ApiError ? e.message : '读取失败'));
  }, [id]);
  const rows = useMemo(() => plan?.outline.flatMap((s) => s.tasks.flatMap((t) => t.targets.map((g): TargetRow => ({
    ...g, section: `${s.number ?? ''}${s.title}`, task: `${t.number ?? ''}${t.title}`, deadline: t.deadline,
  })))) ?? [], [plan]);
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
      <Card title={`量化指标（${rows.length}）`}>
        <Table<TargetRow> size="small" rowKey="id" dataSource={rows} pagination={false} data-testid="workplan-targets"
          columns={[
            { title: '部分', dataIndex: 'section', width: 140, onCell: (r, i) => ({ rowSpan: i !== undefined && i > 0 && rows[i - 1]!.section === r.section ? 0 : rows.filter((x) => x.section === r.section).length }) },
            { title: '任务', dataIndex: 'task', width: 180, ellipsis: true },
            { title: '指标', dataIndex: 'subject', width: 170 },
            { title: '目标', key: 'v', width: 120, render: (_, r) => <strong>{opSigns[r.op]} {r.value} {r.unit}</strong> },
            { title: '期限', dataIndex: 'deadline', width: 100, render: (d: string | null) => (d ? <Tag color="orange">{d}</Tag> : '—') },
            { title: '原文', key: 'text', render: (_, r) => <SentenceWithNumber text={r.text} value={r.value} unit={r.unit} /> },
          ]} />
      </Card>
      {rules.length > 0 && (
        <Card title={`职责建议（${rules.length}）`}>
          <Alert type="info" style={{ marginBottom: 12 }} title="这些是从要点中读出的巡林、报告等职责，供在“系统管理 › 规则配置”中设置职责规则时参考，导入本身不改变现行规则。" />
          <Table<RuleRow> size="small" rowKey="id" dataSource={rules} pagination={false}
            columns={[
              { title: '任务', dataIndex: 'task', width: 220 },
              { title: '角色', dataIndex: 'role', width: 130, render: (r: RuleRole | null) => (r ? ruleRoleNames[r] : '未写明') },
              { title: '职责', key: 'a', width: 200, render: (_, r) => `每${rulePeriodNames[r.period]}${ruleActionNames[r.action]}至少 ${r.min} 次` },
              { title: '原文', dataIndex: 'text' },
            ]} />
        </Card>
      )}
    </Space>
  );
}

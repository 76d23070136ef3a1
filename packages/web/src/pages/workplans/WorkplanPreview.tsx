import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Empty, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import {
  ruleActionNames, ruleActions, rulePeriodNames, rulePeriods, ruleRoleNames, ruleRoles,
  type ParsedWorkPlan, type PlanRule, type PlanTarget, type RuleAction, type RulePeriod, type RuleRole, type TargetOp,
} from '@linzhang/domain';
import type { FieldError } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { opOptions } from './workplan-labels.ts';
import { SentenceWithNumber } from './SentenceWithNumber.tsx';

export type Preview = ParsedWorkPlan & { fileName: string; fileFindings: string[] };
type Kept<T> = T & { keep: boolean };
interface EditTask { number: string | null; title: string; text: string; deadline?: string; targets: Kept<PlanTarget>[]; rules: Kept<PlanRule>[] }
interface EditSection { number: string | null; title: string; tasks: EditTask[] }

export interface ConfirmedBody {
  fileName: string; title: string; year: number; issuer: string | null; unitCode: string;
  sections: { number: string | null; title: string; tasks: { number: string | null; title: string; text: string; deadline: string | null; targets: PlanTarget[]; rules: PlanRule[] }[] }[];
}

const roleOptions = ruleRoles.map((r) => ({ value: r, label: ruleRoleNames[r] }));
const actionOptions = ruleActions.map((a) => ({ value: a, label: ruleActionNames[a] }));
const periodOptions = rulePeriods.map((p) => ({ value: p, label: `每${rulePeriodNames[p]}` }));

/** "第 2 部分 第 1 项任务 第 3 个指标" for a server field error on the confirmed body. */
export function placeOf(field: string, sections: { number: string | null; title: string; tasks: { number: string | null; title: string }[] }[]): string {
  const m = /^\/body\/sections\/(\d+)(?:\/tasks\/(\d+)(?:\/(targets|rules)\/(\d+))?)?/.exec(field);
  if (!m) return field === '/body/year' ? '年度' : field === '/body/title' ? '标题' : field;
  const s = sections[Number(m[1])];
  const t = m[2] === undefined ? undefined : s?.tasks[Number(m[2])];
  return [s && `${s.number ?? ''}${s.title}`, t && `${t.number ?? ''}${t.title}`, m[3] && `第 ${Number(m[4]) + 1} ${m[3] === 'targets' ? '个指标' : '条职责'}`].filter(Boolean).join(' › ');
}

/**
 * The proposal as an outline to review: sections → tasks → their targets as editable rows (untick a wrong one,
 * correct its subject, comparison, value or unit) and the suggested duty rules. Only what stays ticked is sent.
 */
export function WorkplanPreview({ preview, busy, errors, onConfirm }: { preview: Preview; busy: boolean; errors: FieldError[]; onConfirm: (body: ConfirmedBody) => void }) {
  const user = useUser();
  const [unitCode, setUnitCode] = useState<string | undefined>(user.scopeUnit.code);
  const [title, setTitle] = useState(preview.title ?? preview.fileName.replace(/\.[^.]+$/, ''));
  const [year, setYear] = useState<number | null>(preview.year);
  const [sections, setSections] = useState<EditSection[]>(() => preview.sections.map((s) => ({
    number: s.number, title: s.title,
    tasks: s.tasks.map((t) => ({ ...t, targets: t.targets.map((g) => ({ ...g, keep: true })), rules: t.rules.map((r) => ({ ...r, keep: true })) })),
  })));
  const [onlyWithTargets, setOnlyWithTargets] = useState(false);
  const edit = (si: number, ti: number, change: (t: EditTask) => EditTask) =>
    setSections((all) => all.map((s, i) => (i !== si ? s : { ...s, tasks: s.tasks.map((t, j) => (j === ti ? change(t) : t)) })));
  const setTarget = (si: number, ti: number, k: number, patch: Partial<Kept<PlanTarget>>) => edit(si, ti, (t) => ({ ...t, targets: t.targets.map((g, i) => (i === k ? { ...g, ...patch } : g)) }));
  const setRule = (si: number, ti: number, k: number, patch: Partial<Kept<PlanRule>>) => edit(si, ti, (t) => ({ ...t, rules: t.rules.map((r, i) => (i === k ? { ...r, ...patch } : r)) }));
  const counts = useMemo(() => {
    const tasks = sections.flatMap((s) => s.tasks);
    return { tasks: tasks.length, targets: tasks.flatMap((t) => t.targets).filter((g) => g.keep).length, allTargets: tasks.flatMap((t) => t.targets).length, rules: tasks.flatMap((t) => t.rules).filter((r) => r.keep).length };
  }, [sections]);
  const confirm = () => onConfirm({
    fileName: preview.fileName, title, year: year ?? 0, issuer: preview.issuer, unitCode: unitCode ?? user.scopeUnit.code,
    sections: sections.map((s) => ({
      number: s.number, title: s.title,
      tasks: s.tasks.map((t) => ({
        number: t.number, title: t.title, text: t.text, deadline: t.deadline ?? null,
        targets: t.targets.filter((g) => g.keep).map(({ keep: _k, ...g }) => g),
        rules: t.rules.filter((r) => r.keep).map(({ keep: _k, ...r }) => r),
      })),
    })),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="workplan-preview">
      {preview.fileFindings.map((f) => <Alert key={f} type="info" title={f} />)}
      {preview.findings.map((f) => <Alert key={`${f.line}-${f.message}`} type={f.severity === 'warning' ? 'warning' : 'info'} title={`第 ${f.line} 行：${f.message}`} />)}
      <Space wrap>
        <span>标题</span><Input aria-label="要点标题" value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 420 }} />
        <span>所属单位</span><span data-testid="workplan-unit"><UnitSelect value={unitCode} onChange={setUnitCode} style={{ width: 200 }} /></span>
        <span>年度</span><InputNumber aria-label="要点年度" value={year} min={1990} max={2100} onChange={(v) => setYear(v)} style={{ width: 100 }} />
        <Checkbox checked={onlyWithTargets} onChange={(e) => setOnlyWithTargets(e.target.checked)}>只看含指标或职责的任务</Checkbox>
      </Space>
      <Alert type="info" title={`${sections.length} 个部分，${counts.tasks} 项任务；量化指标保留 ${counts.targets} / ${counts.allTargets} 个，职责建议保留 ${counts.rules} 条。取消勾选有误的指标，或直接修改名称、比较、数值、单位；确认后按此写入。`} />
      {sections.map((s, si) => (
        <section key={si} data-testid="workplan-section">
          <Typography.Title level={5} style={{ marginBottom: 8 }}>{s.number ?? ''}{s.title}</Typography.Title>
          {s.tasks.map((t, ti) => {
            if (onlyWithTargets && !t.targets.length && !t.rules.length) return null;
            return (
              <div key={ti} style={{ margin: '0 0 12px 16px' }} data-testid="workplan-task">
                <div>
                  <Typography.Text strong>{t.number ?? ''}{t.title}</Typography.Text>
                  {t.deadline && <Tag color="orange" style={{ marginLeft: 8 }}>期限 {t.deadline}</Tag>}
                  {!t.targets.length && !t.rules.length && <Typography.Text type="secondary" style={{ marginLeft: 8 }}>（无量化指标）</Typography.Text>}
                </div>
                {t.targets.length > 0 && (
                  <Table<Kept<PlanTarget>> size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={t.targets} style={{ marginTop: 4 }}
                    onRow={(g) => ({ style: g.keep ? {} : { opacity: 0.45 } })}
                    columns={[
                      { title: '保留', width: 56, render: (_, g, k) => <Checkbox aria-label={`保留指标 ${g.subject}`} checked={g.keep} onChange={(e) => setTarget(si, ti, k, { keep: e.target.checked })} /> },
                      { title: '指标', width: 220, render: (_, g, k) => <Input aria-label="指标名称" value={g.subject} disabled={!g.keep} onChange={(e) => setTarget(si, ti, k, { subject: e.target.value })} /> },
                      { title: '比较', width: 150, render: (_, g, k) => <Select<TargetOp> aria-label="比较" value={g.op} disabled={!g.keep} options={opOptions} onChange={(op) => setTarget(si, ti, k, { op })} style={{ width: 140 }} /> },
                      { title: '目标值', width: 120, render: (_, g, k) => <InputNumber aria-label="目标值" value={g.value} min={0} disabled={!g.keep} onChange={(v) => setTarget(si, ti, k, { value: v ?? 0 })} /> },
                      { title: '单位', width: 90, render: (_, g, k) => <Input aria-label="单位" value={g.unit} disabled={!g.keep} onChange={(e) => setTarget(si, ti, k, { unit: e.target.value })} style={{ width: 80 }} /> },
                      { title: '原文', render: (_, g) => <SentenceWithNumber text={g.text} value={g.value} unit={g.unit} /> },
                    ]} />
                )}
                {t.rules.length > 0 && (
                  <Table<Kept<PlanRule>> size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={t.rules} style={{ marginTop: 4 }} data-testid="workplan-rules"
                    columns={[
                      { title: '保留', width: 56, render: (_, r, k) => <Checkbox aria-label="保留职责" checked={r.keep} onChange={(e) => setRule(si, ti, k, { keep: e.target.checked })} /> },
                      { title: '角色', width: 150, render: (_, r, k) => <Select<RuleRole> aria-label="角色" value={r.role} allowClear placeholder="未写明" options={roleOptions} disabled={!r.keep} onChange={(role) => setRule(si, ti, k, role ? { role } : { role: undefined })} style={{ width: 140 }} /> },
                      { title: '周期', width: 110, render: (_, r, k) => <Select<RulePeriod> aria-label="周期" value={r.period} options={periodOptions} disabled={!r.keep} onChange={(period) => setRule(si, ti, k, { period })} style={{ width: 100 }} /> },
                      { title: '职责', width: 100, render: (_, r, k) => <Select<RuleAction> aria-label="职责" value={r.action} options={actionOptions} disabled={!r.keep} onChange={(action) => setRule(si, ti, k, { action })} style={{ width: 90 }} /> },
                      { title: '至少（次）', width: 100, render: (_, r, k) => <InputNumber aria-label="至少次数" value={r.min} min={1} disabled={!r.keep} onChange={(v) => setRule(si, ti, k, { min: v ?? 1 })} /> },
                      { title: '原文', dataIndex: 'text' },
                    ]} />
                )}
              </div>
            );
          })}
        </section>
      ))}
      {!sections.length && <Empty description="未识别出任何部分" />}
      {errors.length > 0 && <Alert type="error" title="有需要更正的内容" description={<ul style={{ margin: 0 }}>{errors.map((e) => <li key={e.field + e.message}>{placeOf(e.field, sections)}：{e.message}</li>)}</ul>} />}
      <Button type="primary" loading={busy} disabled={!year || !title.trim()} onClick={confirm}>确认导入（指标 {counts.targets} 个，职责 {counts.rules} 条）</Button>
    </Space>
  );
}

import { useState } from 'react';
import { Alert, Button, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { assessmentSchemeErrors, indicatorCatalogue, indicatorKeys, type AssessmentItem, type AssessmentSchemeInput, type ScoringRule } from '@linzhang/domain';
import { api, ApiError } from '../../api/client.ts';
import type { Scheme } from './AssessmentPage.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useUser } from '../../auth.tsx';

const ruleNames: Record<ScoringRule['kind'], string> = { linear: '按比例', threshold: '达标得分', deduct: '逐项扣分', manual: '人工评分' };
const defaultRule = (kind: ScoringRule['kind']): ScoringRule =>
  kind === 'linear' ? { kind, full: 100, zero: 60 } : kind === 'threshold' ? { kind, op: '>=', value: 100 } : kind === 'deduct' ? { kind, per: 1 } : { kind };

/** Edits a scheme's items (name, points, indicator, rule) and saves it as the next version of its year. */
export function SchemeEditor(props: { year: number; base: AssessmentSchemeInput; unitCode?: string | undefined; onClose: () => void; onSaved: (s: Scheme) => void }) {
  const user = useUser();
  // The county that assesses its towns: the user's own when they work at a county, else to be picked.
  const [unitCode, setUnitCode] = useState<string | undefined>(props.unitCode ?? (user.scopeUnit.level === 'county' ? user.scopeUnit.code : undefined));
  const [year, setYear] = useState(props.year);
  const [title, setTitle] = useState(props.base.title);
  const [items, setItems] = useState<AssessmentItem[]>(props.base.items.map((i) => ({ ...i, rule: { ...i.rule } })));
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const set = (i: number, change: Partial<AssessmentItem>) => setItems((old) => old.map((x, k) => (k === i ? { ...x, ...change } : x)));
  const setRule = (i: number, change: Partial<ScoringRule>) => setItems((old) => old.map((x, k) => (k === i ? { ...x, rule: { ...x.rule, ...change } as ScoringRule } : x)));
  const local = assessmentSchemeErrors({ title, items });
  const total = Math.round(items.reduce((s, i) => s + (i.weight || 0), 0) * 100) / 100;
  const where = (path: string) => {
    const m = /\/items\/(\d+)/.exec(path);
    return m ? `第 ${Number(m[1]) + 1} 项（${items[Number(m[1])]?.name ?? ''}）` : '';
  };
  const save = async () => {
    setSaving(true);
    try {
      props.onSaved(await api<Scheme>('POST', '/api/assessment/schemes', { year, title, items, ...(unitCode ? { unitCode } : {}) }));
    } catch (e) {
      setServerErrors(e instanceof ApiError && e.errors.length ? e.errors.map((x) => `${where(x.field)}${x.message}`) : [e instanceof Error ? e.message : '保存失败']);
    } finally {
      setSaving(false);
    }
  };
  const indicatorOptions = [{ value: '', label: '（人工评分）' }, ...indicatorKeys.map((k) => ({ value: k, label: `${indicatorCatalogue[k].name}（${indicatorCatalogue[k].unit}）` }))];
  return (
    <Modal open width={1100} title="考核方案" onCancel={props.onClose} okText="保存为新版本" onOk={() => void save()} confirmLoading={saving} okButtonProps={{ disabled: local.length > 0 || !unitCode }}>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>考核单位</span><span data-testid="scheme-unit"><UnitSelect value={unitCode} onChange={setUnitCode} placeholder="选择区县" allowClear={false} /></span>
        <span>年度</span><InputNumber value={year} min={2000} max={2100} onChange={(v) => setYear(Number(v))} aria-label="年度" />
        <span>名称</span><Input value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 420 }} aria-label="方案名称" />
        <span data-testid="scheme-total" style={{ color: total === 100 ? '#389e0d' : '#cf1322' }}>合计 {total} 分</span>
      </Space>
      {(local.length > 0 || serverErrors.length > 0) && (
        <Alert type="error" style={{ marginBottom: 12 }} title="方案尚不能保存" description={<ul style={{ margin: 0 }}>{[...local.map((e) => `${where(e.path)}${e.message}`), ...serverErrors].map((m) => <li key={m}>{m}</li>)}</ul>} />
      )}
      <Table<AssessmentItem> size="small" rowKey={(_, i) => String(i)} dataSource={items} pagination={false} data-testid="scheme-items"
        columns={[
          { title: '项目', key: 'name', width: 190, render: (_, r, i) => <Input value={r.name} onChange={(e) => set(i, { name: e.target.value })} aria-label={`项目名称 ${i + 1}`} /> },
          { title: '分值', key: 'w', width: 90, render: (_, r, i) => <InputNumber value={r.weight} min={0} max={100} onChange={(v) => set(i, { weight: Number(v ?? 0) })} aria-label={`分值 ${r.name}`} /> },
          {
            title: '数据来源', key: 'ind', width: 230, render: (_, r, i) => (
              <Select style={{ width: '100%' }} value={r.indicator ?? ''} options={indicatorOptions}
                onChange={(v: string) => set(i, v ? { indicator: v as AssessmentItem['indicator'], rule: r.rule.kind === 'manual' ? defaultRule('linear') : r.rule } : { indicator: null, rule: { kind: 'manual' } })} />
            ),
          },
          {
            title: '计分规则', key: 'rule', render: (_, r, i) => {
              if (r.indicator === null) return <span style={{ color: '#888' }}>人工评分（0 至 {r.weight} 分）</span>;
              const unit = indicatorCatalogue[r.indicator].unit;
              return (
                <Space size={4} wrap>
                  <Select style={{ width: 110 }} value={r.rule.kind} onChange={(k: ScoringRule['kind']) => set(i, { rule: defaultRule(k) })}
                    options={(['linear', 'threshold', 'deduct'] as const).map((k) => ({ value: k, label: ruleNames[k] }))} />
                  {r.rule.kind === 'linear' && <>满分<InputNumber size="small" value={r.rule.full} onChange={(v) => setRule(i, { full: Number(v) })} />{unit} 零分<InputNumber size="small" value={r.rule.zero} onChange={(v) => setRule(i, { zero: Number(v) })} />{unit}</>}
                  {r.rule.kind === 'threshold' && <><Select size="small" style={{ width: 64 }} value={r.rule.op} onChange={(op: '>=' | '<=') => setRule(i, { op })} options={[{ value: '>=', label: '≥' }, { value: '<=', label: '≤' }]} /><InputNumber size="small" value={r.rule.value} onChange={(v) => setRule(i, { value: Number(v) })} />{unit}</>}
                  {r.rule.kind === 'deduct' && <>每{unit}扣<InputNumber size="small" value={r.rule.per} min={0} onChange={(v) => setRule(i, { per: Number(v) })} />分</>}
                  <Select size="small" style={{ width: 120 }} value={r.noData} onChange={(v: 'full' | 'zero') => set(i, { noData: v })} options={[{ value: 'full', label: '无数据得满分' }, { value: 'zero', label: '无数据得零分' }]} />
                </Space>
              );
            },
          },
          { title: '', key: 'x', width: 50, render: (_, __, i) => <a onClick={() => setItems((old) => old.filter((_, k) => k !== i))}>删除</a> },
        ]} />
      <Button style={{ marginTop: 8 }} onClick={() => setItems((old) => [...old, { key: `item-${Date.now().toString(36)}`, name: '新项目', weight: 0, indicator: null, rule: { kind: 'manual' }, noData: 'zero' }])}>添加项目</Button>
    </Modal>
  );
}

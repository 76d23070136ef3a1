import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Space, Switch, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { FireBanRules, ForestEntryRules } from '@linzhang/domain';
import { api } from '../api/client.ts';
import { shanghaiToday } from '../shanghai-date.ts';

type Versions = { id: string; effectiveFrom: string; note: string | null; createdAt: string }[];
interface Overview<B> { inForce: B; defaults: B; versions: Versions }
type Field<B> = { key: keyof B & string; label: string; input: 'integer' | 'number' | 'switch' | 'time' | 'text' | 'textarea'; min?: number; max?: number };
interface Props { admin: boolean; save: (url: string, body: unknown) => Promise<void>; versionList: (versions: Versions) => ReactNode }

const shown = (v: unknown): string => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v));

/** A rule set of flat fields: the values in force beside the shipped defaults, saved as a new version from a date. */
function FlatRulesCard<B extends object>({ title, kind, fields, intro, admin, save, versionList }: Props & { title: string; kind: string; fields: Field<B>[]; intro: string }) {
  const [overview, setOverview] = useState<Overview<B> | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    const o = await api<Overview<B>>('GET', `/api/rules/${kind}`);
    setOverview(o);
    form.setFieldsValue({ ...o.inForce, effectiveFrom: shanghaiToday() });
  }, [kind, form]);
  useEffect(() => void load(), [load]);
  if (!overview) return <Card title={title} loading />;
  const input = (f: Field<B>) => {
    switch (f.input) {
      case 'integer': return <InputNumber min={f.min} max={f.max} precision={0} />;
      case 'number': return <InputNumber min={f.min} max={f.max} step={0.5} />;
      case 'switch': return <Switch />;
      case 'time': return <Input style={{ width: 100 }} placeholder="HH:mm" />;
      case 'text': return <Input style={{ width: 420 }} />;
      case 'textarea': return <Input.TextArea rows={3} style={{ width: 520 }} />;
    }
  };
  return (
    <Card title={title} extra={versionList(overview.versions)} data-testid={`rules-${kind}`}>
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={!admin}
        onFinish={(v: Record<string, unknown> & { effectiveFrom: Dayjs; note?: string }) => void save(`/api/rules/${kind}`, {
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), note: v.note || undefined,
          body: Object.fromEntries(fields.map((f) => [f.key, f.input === 'integer' || f.input === 'number' ? Number(v[f.key]) : v[f.key]])),
        }).then(load)}>
        <Table size="small" pagination={false} rowKey="key" dataSource={fields}
          columns={[
            { title: '规则', dataIndex: 'label' },
            { title: '现行值', key: 'value', render: (_: unknown, f: Field<B>) => <Form.Item name={f.key as string} noStyle valuePropName={f.input === 'switch' ? 'checked' : 'value'} rules={[{ required: f.input !== 'switch' }]}>{input(f)}</Form.Item> },
            { title: '系统默认（未经确认）', key: 'default', render: (_: unknown, f: Field<B>) => <Typography.Text type="secondary" style={{ maxWidth: 360, display: 'inline-block' }} ellipsis={{ tooltip: shown(overview.defaults[f.key]) }}>{shown(overview.defaults[f.key])}</Typography.Text> },
          ]} />
        {admin && (
          <Space style={{ marginTop: 16 }} wrap>
            <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isBefore(shanghaiToday(), 'day')} /></Form.Item>
            <Form.Item name="note" label="说明"><Input style={{ width: 320 }} /></Form.Item>
            <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>保存为新版本</Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

const banFields: Field<FireBanRules>[] = [
  { key: 'minLevel', label: '火险等级达到（级）', input: 'integer', min: 1, max: 5 },
  { key: 'minDays', label: '连续天数（天）', input: 'integer', min: 1, max: 60 },
  { key: 'includeForecast', label: '预报的火险等级也计入', input: 'switch' },
  { key: 'source', label: '依据', input: 'text' },
];
const entryFields: Field<ForestEntryRules>[] = [
  { key: 'retentionDays', label: '个人信息保存天数（到期删除姓名电话，保留统计）', input: 'integer', min: 1, max: 3650 },
  { key: 'maxHours', label: '入林超过（小时）未出视为滞留', input: 'number', min: 0.5, max: 72 },
  { key: 'darkAfter', label: '入林当天此时刻后未出视为天黑未出林', input: 'time' },
  { key: 'notice', label: '登记页防火须知', input: 'textarea' },
  { key: 'source', label: '依据', input: 'text' },
];

/** 禁火令建议 (rule kind fire_ban_rules, DOMAIN.md §5 [U]). */
export function FireBanRulesCard(props: Props) {
  return <FlatRulesCard<FireBanRules> {...props} title="禁火令建议规则" kind="fire_ban_rules" fields={banFields}
    intro="某区域火险等级连续若干天达到阈值时，系统每天自动生成禁火令建议并通知县林业局工作人员（DOMAIN.md §5：等级与天数由区县配置，默认值未经确认）。" />;
}

/** 扫码入林 (rule kind forest_entry_rules, DOMAIN.md §5 [U]). */
export function ForestEntryRulesCard(props: Props) {
  return <FlatRulesCard<ForestEntryRules> {...props} title="扫码入林规则" kind="forest_entry_rules" fields={entryFields}
    intro="入林登记的个人信息保存期限、滞留判定和登记页显示的防火须知（默认值未经确认，请按本地办法修改）。" />;
}

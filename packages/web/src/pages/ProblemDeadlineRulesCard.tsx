import { useEffect } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { problemCategories, problemCategoryNames, problemSeverities, problemSeverityNames, type ProblemDeadlineRule, type ProblemDeadlineRules } from '@linzhang/domain';
import { shanghaiToday } from '../shanghai-date.ts';

interface Props {
  overview: { inForce: ProblemDeadlineRules; defaults: ProblemDeadlineRules } | null;
  versions: React.ReactNode;
  admin: boolean;
  save: (url: string, body: unknown) => Promise<void>;
}

const anyOption = { value: '*', label: '（全部）' };
const categoryOptions = [anyOption, ...problemCategories.map((c) => ({ value: c, label: problemCategoryNames[c] }))];
const severityOptions = [anyOption, ...problemSeverities.map((s) => ({ value: s, label: problemSeverityNames[s] }))];

/** 问题办理时限: the versioned deadline table by category × severity, and the 督办/约谈 steps (DOMAIN.md §2 [U]). */
export function ProblemDeadlineRulesCard({ overview, versions, admin, save }: Props) {
  const [form] = Form.useForm();
  useEffect(() => {
    if (overview) form.setFieldsValue({ ...overview.inForce, items: overview.inForce.items.map((i) => ({ ...i })), effectiveFrom: shanghaiToday() });
  }, [overview, form]);
  if (!overview) return <Card title="问题办理时限与督办" loading />;
  return (
    <Card title="问题办理时限与督办" extra={versions}>
      <Form form={form} layout="vertical" disabled={!admin}
        onFinish={(v: ProblemDeadlineRules & { effectiveFrom: Dayjs; note?: string }) => void save('/api/rules/problem_deadlines', {
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
          note: v.note || undefined,
          body: {
            items: v.items.map((i) => ({ category: i.category, severity: i.severity, handleHours: Number(i.handleHours), dueSoonHours: Number(i.dueSoonHours) })),
            supervisionHours: Number(v.supervisionHours), interviewAtEscalation: Number(v.interviewAtEscalation), source: v.source,
          },
        })}>
        <Typography.Paragraph type="secondary">
          自上报起计算办理时限；同一问题取最具体的一条（类别和紧急程度都相同 → 类别相同 → 紧急程度相同 → 全部）。逾期后督办至上一级林长，督办期限过后再次督办，
          到规定次数时约谈责任林长。系统默认值未经确认，请按本地办法修改。
        </Typography.Paragraph>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              <Table<{ key: number; name: number }> size="small" pagination={false} rowKey="key" dataSource={fields.map((f) => ({ key: f.key, name: f.name }))}
                columns={[
                  { title: '问题类别', render: (_, f) => <Form.Item name={[f.name, 'category']} noStyle><Select options={categoryOptions} style={{ width: 190 }} /></Form.Item> },
                  { title: '紧急程度', render: (_, f) => <Form.Item name={[f.name, 'severity']} noStyle><Select options={severityOptions} style={{ width: 110 }} /></Form.Item> },
                  { title: '办理时限（小时）', render: (_, f) => <Form.Item name={[f.name, 'handleHours']} noStyle rules={[{ required: true }]}><InputNumber min={1} max={8784} /></Form.Item> },
                  { title: '提前提醒（小时）', render: (_, f) => <Form.Item name={[f.name, 'dueSoonHours']} noStyle rules={[{ required: true }]}><InputNumber min={0} max={8783} /></Form.Item> },
                  ...(admin ? [{ title: '', render: (_: unknown, f: { name: number }) => <Button type="link" danger onClick={() => remove(f.name)}>删除</Button> }] : []),
                ]} />
              {admin && <div><Button style={{ marginTop: 8 }} onClick={() => add({ category: 'illegal_logging', severity: 'urgent', handleHours: 12, dueSoonHours: 2 } satisfies ProblemDeadlineRule)}>添加一行</Button></div>}
            </>
          )}
        </Form.List>
        <Space style={{ marginTop: 16 }} wrap>
          <Form.Item name="supervisionHours" label="督办期限（小时）" rules={[{ required: true }]}><InputNumber min={1} max={8784} /></Form.Item>
          <Form.Item name="interviewAtEscalation" label="第几次督办时约谈" rules={[{ required: true }]}><InputNumber min={1} max={10} /></Form.Item>
          <Form.Item name="source" label="依据" rules={[{ required: true }]}><Input style={{ width: 360 }} /></Form.Item>
        </Space>
        {admin && (
          <Space wrap>
            <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isBefore(shanghaiToday(), 'day')} /></Form.Item>
            <Form.Item name="note" label="说明"><Input style={{ width: 320 }} /></Form.Item>
            <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>保存为新版本</Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { defaultFireResponseTimers, fireStatusNames, fireSteps, type FireResponseTimer, type FireResponseTimers } from '@linzhang/domain';
import { api } from '../../api/client.ts';
import { shanghaiToday } from '../../shanghai-date.ts';

interface Overview { inForce: FireResponseTimers; defaults: FireResponseTimers; versions: { id: string; effectiveFrom: string; note: string | null; createdAt: string }[] }
interface Props {
  versions: (versions: Overview['versions']) => React.ReactNode;
  admin: boolean;
  save: (url: string, body: unknown) => Promise<void>;
  /** Bumped by the page after a save so the card reloads. */
  reload: number;
}

const stepOptions = fireSteps.map((s) => ({ value: s, label: fireStatusNames[s] }));

/** 火情早期处置“135”计时: the versioned SLA timers over the fire timeline (DOMAIN.md §5: meaning of 1/3/5 [U]). */
export function FireResponseTimersCard({ versions, admin, save, reload }: Props) {
  const [form] = Form.useForm();
  const [overview, setOverview] = useState<Overview | null>(null);
  useEffect(() => {
    void api<Overview>('GET', '/api/rules/fire_response_timers').then((o) => {
      setOverview(o);
      form.setFieldsValue({ timers: o.inForce.timers.map((t) => ({ ...t })), source: o.inForce.source, effectiveFrom: shanghaiToday() });
    });
  }, [form, reload]);
  if (!overview) return <Card title="火情早期处置“135”计时" loading />;
  return (
    <Card title="火情早期处置“135”计时" extra={versions(overview.versions)} data-testid="fire-timers-card">
      <Alert type="warning" showIcon style={{ marginBottom: 12 }}
        title="重庆“135”早期处置机制确有其事，但 1、3、5 的含义未找到公开原文（未确认）"
        description={`系统默认：${defaultFireResponseTimers.timers.map((t) => `${t.name}（${fireStatusNames[t.fromStep]}→${fireStatusNames[t.toStep]} ${t.minutes} 分钟）`).join('；')}。请按本地森林防灭火指挥部的规定修改。`} />
      <Form form={form} layout="vertical" disabled={!admin}
        onFinish={(v: { timers: FireResponseTimer[]; source: string; effectiveFrom: Dayjs; note?: string }) => void save('/api/rules/fire_response_timers', {
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), note: v.note || undefined,
          body: { timers: v.timers.map((t) => ({ name: t.name, fromStep: t.fromStep, toStep: t.toStep, minutes: Number(t.minutes) })), source: v.source },
        })}>
        <Typography.Paragraph type="secondary">每个计时器自“起点环节”的时间起计，到“终点环节”为止；超过时限未到终点环节的，向属地林长和防火工作人员发送超时提醒（每个计时器一次）。</Typography.Paragraph>
        <Form.List name="timers">
          {(fields, { add, remove }) => (
            <>
              <Table<{ key: number; name: number }> size="small" pagination={false} rowKey="key" dataSource={fields.map((f) => ({ key: f.key, name: f.name }))}
                columns={[
                  { title: '名称', render: (_, f) => <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true }]}><Input style={{ width: 160 }} /></Form.Item> },
                  { title: '起点环节', render: (_, f) => <Form.Item name={[f.name, 'fromStep']} noStyle><Select options={stepOptions} style={{ width: 110 }} /></Form.Item> },
                  { title: '终点环节', render: (_, f) => <Form.Item name={[f.name, 'toStep']} noStyle><Select options={stepOptions} style={{ width: 110 }} /></Form.Item> },
                  { title: '时限（分钟）', render: (_, f) => <Form.Item name={[f.name, 'minutes']} noStyle rules={[{ required: true }]}><InputNumber min={0.5} max={10080} step={1} /></Form.Item> },
                  ...(admin ? [{ title: '', render: (_: unknown, f: { name: number }) => <Button type="link" danger onClick={() => remove(f.name)}>删除</Button> }] : []),
                ]} />
              {admin && fields.length < 6 && <div><Button style={{ marginTop: 8 }} onClick={() => add({ name: '', fromStep: 'dispatched', toStep: 'arrived', minutes: 60 } satisfies FireResponseTimer)}>添加计时器</Button></div>}
            </>
          )}
        </Form.List>
        <Form.Item name="source" label="依据（来源与确认情况）" rules={[{ required: true }]} style={{ marginTop: 16 }}><Input.TextArea rows={2} /></Form.Item>
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

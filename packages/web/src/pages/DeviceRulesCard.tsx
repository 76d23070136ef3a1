import { useEffect } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { deviceKindNames, deviceKinds, type DeviceKind, type DeviceRules } from '@linzhang/domain';
import { shanghaiToday } from '../shanghai-date.ts';

interface Props {
  overview: { inForce: DeviceRules; defaults: DeviceRules } | null;
  versions: React.ReactNode;
  admin: boolean;
  save: (url: string, body: unknown) => Promise<void>;
}

/** 设备离线判定: minutes of silence after which a device of each kind is reported offline (issue 6 §8, [U]). */
export function DeviceRulesCard({ overview, versions, admin, save }: Props) {
  const [form] = Form.useForm();
  useEffect(() => {
    if (overview) form.setFieldsValue({ silenceMinutes: { ...overview.inForce.silenceMinutes }, source: overview.inForce.source, effectiveFrom: shanghaiToday() });
  }, [overview, form]);
  if (!overview) return <Card title="设备离线判定" loading />;
  return (
    <Card title="设备离线判定（智能卡口、视频监控、烟感）" extra={versions}>
      <Form form={form} layout="vertical" disabled={!admin}
        onFinish={(v: DeviceRules & { effectiveFrom: Dayjs; note?: string }) => void save('/api/rules/device_rules', {
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), note: v.note || undefined,
          body: { silenceMinutes: Object.fromEntries(deviceKinds.map((k) => [k, Number(v.silenceMinutes[k])])), source: v.source },
        })}>
        <Table size="small" pagination={false} rowKey="kind" dataSource={deviceKinds.map((kind) => ({ kind }))}
          columns={[
            { title: '设备类型', dataIndex: 'kind', render: (k: DeviceKind) => deviceKindNames[k] },
            { title: '无消息超过（分钟）即报离线', dataIndex: 'kind', render: (k: DeviceKind) => <Form.Item name={['silenceMinutes', k]} noStyle rules={[{ required: true }]}><InputNumber min={1} max={10080} precision={0} aria-label={`${deviceKindNames[k]}离线分钟`} /></Form.Item> },
            { title: '系统默认（未经确认，可按设备说明书修改）', dataIndex: 'kind', render: (k: DeviceKind) => <Typography.Text type="secondary">{overview.defaults.silenceMinutes[k]}</Typography.Text> },
          ]} />
        <Form.Item name="source" label="依据" style={{ marginTop: 12 }} rules={[{ required: true, message: '请注明依据' }]}><Input /></Form.Item>
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

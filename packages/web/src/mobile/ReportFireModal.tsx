import { useState } from 'react';
import { Alert, Form, Input, Modal, Segmented } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { positionText, useCurrentPosition, type Position } from '../components/useCurrentPosition.ts';
import { queueFireReport } from './fire-report.ts';

interface Values {
  minutesAgo: number;
  description: string;
}

const ago = [{ value: 0, label: '刚刚' }, { value: 10, label: '10 分钟前' }, { value: 30, label: '半小时前' }, { value: 60, label: '1 小时前' }];

/**
 * 报告火情 on the phone: what is burning and when it was seen, at the phone's position; queued like everything else
 * recorded in the field, so it goes as soon as there is a signal. The 135 clock runs from the time seen.
 */
export function ReportFireModal(props: {
  open: boolean;
  userId: string;
  person: string;
  patrolId: string | null;
  lastFix: [number, number] | null;
  onClose: () => void;
  onQueued: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { position: gps, error: gpsError } = useCurrentPosition(props.open);
  const here: Position | null = gps ?? (props.lastFix ? { lon: props.lastFix[0], lat: props.lastFix[1], accuracy: null } : null);

  const submit = async (v: Values) => {
    if (!here) return;
    setBusy(true);
    setError(null);
    try {
      await queueFireReport(props.userId, props.patrolId, {
        description: v.description.trim(), lon: here.lon, lat: here.lat, person: props.person,
        discoveredAt: new Date(Date.now() - v.minutesAgo * 60_000).toISOString(),
      });
      form.resetFields();
      props.onQueued();
    } catch (e) {
      setError(e instanceof Error ? `保存失败：${e.message}` : '保存失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="报告火情（当前位置）" open={props.open} onCancel={props.onClose} okText="报告火情" cancelText="取消" confirmLoading={busy}
      okButtonProps={{ danger: true, disabled: !here }} onOk={() => form.submit()} destroyOnHidden>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={<span>火势危急时请先拨打森林火警电话 <a href="tel:12119">12119</a>，并注意自身安全</span>} />
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Alert
        type={here ? 'success' : 'info'}
        icon={<EnvironmentOutlined />}
        showIcon
        data-testid="fire-position"
        title={here ? `位置：${positionText(here)}` : (gpsError ?? '正在定位…')}
        style={{ marginBottom: 12 }}
      />
      <Form form={form} layout="vertical" initialValues={{ minutesAgo: 0 }} onFinish={(v) => void submit(v)}>
        <Form.Item name="minutesAgo" label="发现时间">
          <Segmented block options={ago} />
        </Form.Item>
        <Form.Item name="description" label="火情描述" rules={[{ required: true, whitespace: true, message: '请描述火情' }, { max: 2000 }]}>
          <Input.TextArea rows={3} placeholder="如：山坡上有浓烟，火点约 20 平方米，正向上坡蔓延" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

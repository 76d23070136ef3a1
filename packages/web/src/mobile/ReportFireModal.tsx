import { Alert, Form, Input, Modal, Segmented } from 'antd';
import { FieldReportStatus, useFieldReport, type FieldReportProps } from './field-report.tsx';
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
export function ReportFireModal(props: FieldReportProps) {
  const { form, busy, error, here, gpsError, submit } = useFieldReport<Values>({
    open: props.open, lastFix: props.lastFix, onQueued: props.onQueued,
    queue: (v, at) => queueFireReport(props.userId, props.patrolId, {
      description: v.description.trim(), lon: at.lon, lat: at.lat, person: props.person,
      discoveredAt: new Date(Date.now() - v.minutesAgo * 60_000).toISOString(),
    }),
  });

  return (
    <Modal title="报告火情（当前位置）" open={props.open} onCancel={props.onClose} okText="报告火情" cancelText="取消" confirmLoading={busy}
      okButtonProps={{ danger: true, disabled: !here }} onOk={() => form.submit()} destroyOnHidden>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={<span>火势危急时请先拨打森林火警电话 <a href="tel:12119">12119</a>，并注意自身安全</span>} />
      <FieldReportStatus here={here} gpsError={gpsError} error={error} testId="fire-position" />
      <Form form={form} layout="vertical" initialValues={{ minutesAgo: 0 }} onFinish={submit}>
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

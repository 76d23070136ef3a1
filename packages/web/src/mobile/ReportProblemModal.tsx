import { useState } from 'react';
import { Alert, Form, Input, Modal, Segmented, Select } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { problemCategoryNames, problemSeverityNames, type ProblemCategory, type ProblemSeverity } from '@linzhang/domain';
import { options } from '../labels.ts';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { positionText, useCurrentPosition, type Position } from '../components/useCurrentPosition.ts';
import { queueProblemReport } from './problem-report.ts';

interface Values {
  category: ProblemCategory;
  severity: ProblemSeverity;
  description: string;
  photos?: File[];
}

/** 上报问题 on the phone: what, how serious, a photo from the camera, and where the phone is now; queued offline. */
export function ReportProblemModal(props: {
  open: boolean;
  userId: string;
  patrolId: string | null;
  /** The patrol's last fix: the place until the phone gives a fresh one. */
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
      await queueProblemReport(props.userId, {
        category: v.category, severity: v.severity, description: v.description.trim(), lon: here.lon, lat: here.lat,
        photo: v.photos?.[0] ?? null, patrolId: props.patrolId,
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
    <Modal title="上报问题（当前位置）" open={props.open} onCancel={props.onClose} okText="上报" cancelText="取消" confirmLoading={busy}
      okButtonProps={{ disabled: !here }} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Alert
        type={here ? 'success' : 'info'}
        icon={<EnvironmentOutlined />}
        showIcon
        data-testid="report-position"
        title={here ? `位置：${positionText(here)}` : (gpsError ?? '正在定位…')}
        style={{ marginBottom: 12 }}
      />
      <Form form={form} layout="vertical" initialValues={{ severity: 'general' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={options(problemCategoryNames)} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="severity" label="紧急程度">
          <Segmented block options={options(problemSeverityNames)} />
        </Form.Item>
        <Form.Item name="description" label="描述" rules={[{ required: true, whitespace: true, message: '请描述问题' }, { max: 5000 }]}>
          <Input.TextArea rows={3} placeholder="如：发现新鲜伐桩 5 个" />
        </Form.Item>
        <Form.Item name="photos" label="现场照片">
          <PhotoPicker max={1} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Form, Input, Modal, Segmented, Select } from 'antd';
import { problemCategoryNames, problemSeverityNames, type ProblemCategory, type ProblemSeverity } from '@linzhang/domain';
import { options } from '../labels.ts';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { FieldReportStatus, useFieldReport, type FieldReportProps } from './field-report.tsx';
import { queueProblemReport } from './problem-report.ts';

interface Values {
  category: ProblemCategory;
  severity: ProblemSeverity;
  description: string;
  photos?: File[];
}

/** 上报问题 on the phone: what, how serious, a photo from the camera, and where the phone is now; queued offline. */
export function ReportProblemModal(props: FieldReportProps) {
  const { form, busy, error, here, gpsError, submit } = useFieldReport<Values>({
    open: props.open, lastFix: props.lastFix, onQueued: props.onQueued,
    queue: (v, at) => queueProblemReport(props.userId, {
      category: v.category, severity: v.severity, description: v.description.trim(), lon: at.lon, lat: at.lat,
      photo: v.photos?.[0] ?? null, patrolId: props.patrolId,
    }),
  });

  return (
    <Modal title="上报问题（当前位置）" open={props.open} onCancel={props.onClose} okText="上报" cancelText="取消" confirmLoading={busy}
      okButtonProps={{ disabled: !here }} onOk={() => form.submit()} destroyOnHidden>
      <FieldReportStatus here={here} gpsError={gpsError} error={error} testId="report-position" />
      <Form form={form} layout="vertical" initialValues={{ severity: 'general' }} onFinish={submit}>
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

import { Form, Input, InputNumber, Modal, Segmented, Select } from 'antd';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { FieldReportStatus, useFieldReport, type FieldReportProps } from './field-report.tsx';
import { queueDeadTree } from './dead-tree-report.ts';

interface Values {
  condition: 'dead' | 'dying';
  species?: string;
  dbhCm?: number | null;
  note?: string;
  photos?: File[];
}

const pines = ['马尾松', '华山松', '湿地松', '火炬松', '黑松', '油松', '云南松'].map((v) => ({ value: v, label: v }));

/**
 * 登记枯死松树 on the phone: a dead or dying pine where the phone stands, with a photo and its girth; queued offline
 * and registered once there is a signal, so the register shows it with its village and 小班.
 */
export function ReportDeadTreeModal(props: FieldReportProps) {
  const { form, busy, error, here, gpsError, submit } = useFieldReport<Values>({
    open: props.open, lastFix: props.lastFix, onQueued: props.onQueued,
    queue: (v, at) => queueDeadTree(props.userId, props.patrolId, {
      condition: v.condition, species: v.species ?? null, dbhCm: v.dbhCm ?? null, note: v.note?.trim() ?? '',
      lon: at.lon, lat: at.lat, photo: v.photos?.[0] ?? null, person: props.person,
    }),
  });

  return (
    <Modal title="登记枯死松树（当前位置）" open={props.open} onCancel={props.onClose} okText="登记" cancelText="取消" confirmLoading={busy}
      okButtonProps={{ disabled: !here }} onOk={() => form.submit()} destroyOnHidden>
      <FieldReportStatus here={here} gpsError={gpsError} error={error} testId="dead-tree-position" />
      <Form form={form} layout="vertical" initialValues={{ condition: 'dead', species: '马尾松' }} onFinish={submit}>
        <Form.Item name="condition" label="状况">
          <Segmented block options={[{ value: 'dead', label: '枯死' }, { value: 'dying', label: '濒死' }]} />
        </Form.Item>
        <Form.Item name="species" label="树种">
          <Select options={pines} allowClear />
        </Form.Item>
        <Form.Item name="dbhCm" label="胸径（厘米）" rules={[{ type: 'number', min: 1, max: 300, message: '胸径应在 1 至 300 厘米之间' }]}>
          <InputNumber style={{ width: '100%' }} min={1} max={300} placeholder="可不填" />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} placeholder="如：针叶全部变红，树干有天牛蛀孔" />
        </Form.Item>
        <Form.Item name="photos" label="现场照片">
          <PhotoPicker max={1} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import {
  problemActionNames, problemCategoryNames, problemSeverityNames, type ProblemAction, type ProblemCategory, type ProblemDetail, type ProblemSeverity,
} from '@linzhang/domain';
import { api, ApiError, formFieldOf, upload } from '../api/client.ts';
import { options } from '../labels.ts';
import { AssignFields } from './AssignFields.tsx';
import { PhotoPicker } from './PhotoPicker.tsx';

interface Values {
  reason?: string;
  note?: string;
  photos?: File[];
  assigneeUnitCode?: string;
  assigneePersonId?: string;
  category?: ProblemCategory;
  severity?: ProblemSeverity;
}

const needsReason: readonly ProblemAction[] = ['dismiss', 'send_back'];
const corrects: readonly ProblemAction[] = ['accept', 'assign'];

/** Uploads evidence photos; the answer names each by its content hash. */
async function uploadAll(files: File[]): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) ids.push((await upload<{ id: string }>('/api/files', f)).id);
  return ids;
}

/**
 * One workflow step on a problem: the form the action needs, sent with the version the page showed. A 409 means
 * someone else acted first: the page is told (`onStale`) so it can say so and reload.
 */
export function ProblemActionModal(props: {
  problem: ProblemDetail;
  action: ProblemAction | null;
  onClose: () => void;
  onDone: (detail: ProblemDetail) => void;
  onStale: (message: string) => void;
}) {
  const { problem, action } = props;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setError(null);
    props.onClose();
  };

  const submit = async (v: Values) => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      const photos = v.photos?.length ? await uploadAll(v.photos) : [];
      const body = {
        action, version: problem.version,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(photos.length ? { photos } : {}),
        ...(v.assigneePersonId ? { assigneePersonId: v.assigneePersonId } : {}),
        ...(v.assigneeUnitCode ? { assigneeUnitCode: v.assigneeUnitCode } : {}),
        ...(v.category && v.category !== problem.category ? { category: v.category } : {}),
        ...(v.severity && v.severity !== problem.severity ? { severity: v.severity } : {}),
      };
      const detail = await api<ProblemDetail>('POST', `/api/problems/${encodeURIComponent(problem.id)}/transitions`, body);
      close();
      props.onDone(detail);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        close();
        props.onStale(e.message);
        return;
      }
      if (e instanceof ApiError && e.errors.length) {
        const shown = new Set(Object.keys(form.getFieldsValue()));
        form.setFields(e.errors.flatMap((fe) => {
          const field = formFieldOf(fe);
          return field && shown.has(field) ? [{ name: field as keyof Values, errors: [fe.message] }] : [];
        }));
      }
      setError(e instanceof ApiError ? (e.errors[0] ? `${e.message}：${e.errors[0].message}` : e.message) : '网络异常，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const name = action ? problemActionNames[action] : '';
  return (
    <Modal title={`${name} · ${problem.title}`} open={action !== null} onCancel={close} destroyOnHidden width={560}
      okText={name} cancelText="取消" confirmLoading={busy} onOk={() => form.submit()}
      okButtonProps={{ danger: action !== null && needsReason.includes(action) }}>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}
        initialValues={{ category: problem.category, severity: problem.severity }}>
        {action === 'assign' && <AssignFields localUnit={problem.unitCode} />}
        {action && corrects.includes(action) && (
          <Form.Item label="类别与紧急程度（可更正，期限随之重算）" style={{ marginBottom: 0 }}>
            <Form.Item name="category" style={{ display: 'inline-block', width: 'calc(60% - 8px)', marginRight: 8 }}>
              <Select options={options(problemCategoryNames)} />
            </Form.Item>
            <Form.Item name="severity" style={{ display: 'inline-block', width: '40%' }}>
              <Select options={options(problemSeverityNames)} />
            </Form.Item>
          </Form.Item>
        )}
        {action && needsReason.includes(action) && (
          <Form.Item name="reason" label={action === 'dismiss' ? '不予受理理由' : '退回理由'} rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 2000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        {action === 'handle' && (
          <>
            <Form.Item name="note" label="处置情况" rules={[{ required: true, whitespace: true, message: '请说明处置情况' }, { max: 5000 }]}>
              <Input.TextArea rows={4} placeholder="如：已现场制止，责令恢复原状" />
            </Form.Item>
            <Form.Item name="photos" label="现场照片" rules={problem.needsFieldCheck ? [{ required: true, type: 'array', min: 1, message: '图斑须实地核实：请附现场照片' }] : []}
              extra="照片的拍摄时间与位置会与问题核对">
              <PhotoPicker max={9} />
            </Form.Item>
          </>
        )}
        {action && ['accept', 'start', 'verify', 'close'].includes(action) && (
          <Form.Item name="note" label="意见（可选）" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

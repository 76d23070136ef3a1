import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, InputNumber, Modal, Progress, Radio, Select, Space, Tag, Tooltip, message } from 'antd';
import type { FormInstance } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import {
  convertQuantity, indicatorCatalogue, indicatorKeys, targetProgressStatusNames, targetUnits,
  type IndicatorKey, type TargetOp, type TargetProgressStatus,
} from '@linzhang/domain';
import { api, ApiError, query, upload } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import type { Page, Unit } from '../../api/types.ts';
import { PersonSelect } from '../../components/PersonSelect.tsx';

// Issue 8 §2 on the plan page: who owns a target, what measures it, its progress, its reports, 督办 and 销号.

export type ReportSchedule = 'month' | 'quarter' | 'half';
export const scheduleNames: Record<ReportSchedule, string> = { month: '每月', quarter: '每季度', half: '每半年' };

export interface TrackedTarget {
  id: string;
  planYear: number;
  taskNumber: string | null;
  taskTitle: string;
  subject: string;
  value: number;
  unit: string;
  op: TargetOp;
  text: string;
  dueOn: string;
  tracking: {
    ownerUnitCodes: string[]; ownerUnitNames: string[]; ownerPersonId: string | null; ownerPersonName: string | null;
    measure: 'manual' | 'indicator'; indicatorKey: IndicatorKey | null; indicatorUnitCode: string | null;
    reportEvery: ReportSchedule | null; dueOn: string | null; closedAt: string | null; closeNote: string | null; version: number;
  } | null;
  reading: { value: number | null; unit: string; source: 'indicator' | 'report' | null; note: string | null; link: string | null };
  progress: { current: number | null; share: number | null; expected: number | null; status: TargetProgressStatus };
  reports: { id: string; periodKey: string; value: number | null; unit: string | null; note: string; reporterName: string | null; reportedAt: string; fileIds: string[] }[];
  evidence: string[];
  missingReports: { periodKey: string; urgedAt: string | null }[];
}

const statusColors: Record<TargetProgressStatus, string> = { met: 'green', on_track: 'blue', behind: 'orange', not_met: 'red', unknown: 'default', incompatible: 'red' };

/** Field errors of the server shown on the form's own fields; the rest in the message. */
function showErrors(form: FormInstance, e: unknown, toast: ReturnType<typeof message.useMessage>[0]) {
  void toast.error(applyServerErrors(form, e));
}

/** The progress cell: what has been done in the target's unit, against the target, with its status. */
export function TargetProgressCell({ target }: { target: TrackedTarget }) {
  const { progress, reading, tracking } = target;
  if (!tracking) return <span style={{ color: '#999' }}>未设置</span>;
  const status = <Tag color={statusColors[progress.status]} data-testid="target-status">{targetProgressStatusNames[progress.status]}</Tag>;
  const shown = progress.current === null ? '—' : `${progress.current} ${target.unit}`;
  const figure = reading.link ? <Link to={reading.link}>{shown}</Link> : shown;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Space size={4} wrap>{status}<span data-testid="target-current">{figure}</span>{tracking.closedAt && <Tag color="green">已销号</Tag>}</Space>
      {progress.share !== null && <Progress percent={Math.round(Math.min(1, progress.share) * 1000) / 10} size="small" status={progress.status === 'met' ? 'success' : progress.status === 'behind' || progress.status === 'not_met' ? 'exception' : 'normal'} />}
      {progress.expected !== null && <span style={{ fontSize: 12, color: '#888' }}>按时间进度应完成 {progress.expected} {target.unit}</span>}
      {reading.note && <span style={{ fontSize: 12, color: '#888' }}>{reading.note}</span>}
      {target.missingReports.length > 0 && (
        <Tooltip title={target.missingReports.map((m) => `${m.periodKey}${m.urgedAt ? '（已督办）' : ''}`).join('、')}>
          <Tag color="volcano" data-testid="target-missing">缺报 {target.missingReports.length} 期</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** The target shown: the one given, or while closing (given null) the last one, so the closing panel keeps its text. */
function useLastTarget(target: TrackedTarget | null): TrackedTarget | null {
  const last = useRef<TrackedTarget | null>(target);
  if (target) last.current = target;
  return target ?? last.current;
}

/** Clears a field's server error once the person changes it. */
const clearErrorsOnChange = (form: FormInstance) => (changed: Record<string, unknown>) =>
  form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })));

/** Sets owners, measure, schedule and due date. */
export function TrackingDrawer(props: { target: TrackedTarget | null; planUnitCode: string; onClose: () => void; onSaved: (t: TrackedTarget) => void }) {
  const [form] = Form.useForm();
  const [toast, holder] = message.useMessage();
  const [saving, setSaving] = useState(false);
  const [units, setUnits] = useState<{ value: string; label: string }[]>([]);
  const target = useLastTarget(props.target);
  const measure = Form.useWatch('measure', form) as 'manual' | 'indicator' | undefined;
  useEffect(() => {
    void Promise.all([
      api<Unit>('GET', `/api/units/${props.planUnitCode}`),
      api<Page<Unit>>('GET', `/api/units${query({ parent: props.planUnitCode, limit: 500 })}`),
    ]).then(([self, children]) => setUnits([self, ...children.items].map((u) => ({ value: u.code, label: u.shortName }))));
  }, [props.planUnitCode]);
  useEffect(() => {
    if (!target) return;
    const t = target.tracking;
    form.resetFields();
    form.setFieldsValue(t
      ? { ownerUnitCodes: t.ownerUnitCodes, ownerPersonId: t.ownerPersonId ?? undefined, measure: t.measure, indicatorKey: t.indicatorKey ?? undefined, reportEvery: t.reportEvery ?? undefined, dueOn: t.dueOn ?? undefined }
      : { ownerUnitCodes: [props.planUnitCode], measure: 'manual', reportEvery: 'quarter' });
  }, [target, form, props.planUnitCode]);
  // Only the indicators whose unit converts to the target's can measure it.
  const indicators = useMemo(() => indicatorKeys
    .filter((k) => target && convertQuantity(1, indicatorCatalogue[k].unit, target.unit) !== null)
    .map((k) => ({ value: k, label: `${indicatorCatalogue[k].name}（${indicatorCatalogue[k].unit}）` })), [target]);
  const save = async () => {
    const v = (await form.validateFields()) as { ownerUnitCodes: string[]; ownerPersonId?: string; measure: 'manual' | 'indicator'; indicatorKey?: string; reportEvery?: ReportSchedule; dueOn?: string };
    setSaving(true);
    try {
      const saved = await api<TrackedTarget>('PUT', `/api/workplans/targets/${target!.id}/tracking`, {
        ownerUnitCodes: v.ownerUnitCodes, ownerPersonId: v.ownerPersonId ?? null, measure: v.measure,
        indicatorKey: v.measure === 'indicator' ? v.indicatorKey ?? null : null, reportEvery: v.reportEvery ?? null, dueOn: v.dueOn || null,
        ...(target!.tracking ? { version: target!.tracking.version } : {}),
      });
      void toast.success('已保存');
      props.onSaved(saved);
    } catch (e) {
      showErrors(form, e, toast);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer open={props.target !== null} onClose={props.onClose} title={target ? `目标责任与度量：${target.subject}` : ''} size={520}
      extra={<Button type="primary" loading={saving} onClick={() => void save()}>保存</Button>}>
      {holder}
      {target && <Alert type="info" style={{ marginBottom: 16 }} title={`${target.subject} ${target.op === '<=' ? '≤' : target.op === '>=' ? '≥' : ''}${target.value} ${target.unit}`} description={target.text} />}
      <Form form={form} layout="vertical" onValuesChange={(changed: Record<string, unknown>) => {
        clearErrorsOnChange(form)(changed);
        // An indicator is read by the system: scheduled reports are for a measure people report.
        if ('measure' in changed) form.setFieldValue('reportEvery', changed.measure === 'manual' ? 'quarter' : undefined);
      }}>
        <Form.Item name="ownerUnitCodes" label="责任单位" rules={[{ required: true, message: '请至少选择一个责任单位' }]}>
          <Select mode="multiple" options={units} placeholder="选择责任单位" optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="ownerPersonId" label="责任人（可选）"><PersonSelect initialLabel={target?.tracking?.ownerPersonName ?? undefined} /></Form.Item>
        <Form.Item name="measure" label="度量方式" rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'indicator', label: '系统指标（按记录自动计算）' }, { value: 'manual', label: '进度报告（责任单位填报）' }]} />
        </Form.Item>
        {measure === 'indicator' && (
          <Form.Item name="indicatorKey" label="系统指标" rules={[{ required: true, message: '请选择一个系统指标' }]}
            extra={indicators.length ? '只列出单位能换算为目标单位的指标' : `没有单位为 ${target?.unit ?? ''} 或可换算的系统指标，请用进度报告`}>
            <Select options={indicators} placeholder="选择指标" />
          </Form.Item>
        )}
        <Form.Item name="reportEvery" label="进度报告频次" extra="报告期结束仍未报告的，系统自动督办">
          <Select allowClear placeholder="不定期" options={(Object.keys(scheduleNames) as ReportSchedule[]).map((k) => ({ value: k, label: scheduleNames[k] }))} />
        </Form.Item>
        <Form.Item name="dueOn" label="完成期限（可选）" extra={`默认：任务写明的期限，否则 ${target?.planYear ?? ''} 年 12 月 31 日`}
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请填写 YYYY-MM-DD' }]}>
          <Input placeholder="YYYY-MM-DD" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Picks evidence files (photos or PDF) and uploads them when asked; a form control holding File objects. */
function FilePicker(props: { value?: File[]; onChange?: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const files = props.value ?? [];
  return (
    <Space orientation="vertical" size={4}>
      <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()}>添加文件（图片或 PDF）</Button>
      {files.map((f, i) => (
        <Space key={`${f.name}-${i}`} size={4}><span>{f.name}</span><a onClick={() => props.onChange?.(files.filter((_, j) => j !== i))}>移除</a></Space>
      ))}
      <input ref={input} type="file" accept="image/*,application/pdf" multiple style={{ display: 'none' }} data-testid="evidence-input"
        onChange={(e) => {
          props.onChange?.([...files, ...Array.from(e.target.files ?? [])]);
          e.target.value = '';
        }} />
    </Space>
  );
}

const uploadAll = async (files: File[] | undefined) => Promise.all((files ?? []).map(async (f) => (await upload<{ id: string }>('/api/files', f)).id));

/** A progress report for a period: the cumulative figure (in any unit that converts) and what was done. */
export function ReportModal(props: { target: TrackedTarget | null; onClose: () => void; onSaved: (t: TrackedTarget) => void }) {
  const [form] = Form.useForm();
  const [toast, holder] = message.useMessage();
  const [saving, setSaving] = useState(false);
  const target = useLastTarget(props.target);
  const unitOptions = useMemo(() => (target ? [target.unit, ...targetUnits.filter((u) => u !== target.unit && convertQuantity(1, u, target.unit) !== null)] : []).map((u) => ({ value: u, label: u })), [target]);
  useEffect(() => {
    if (target) {
      form.resetFields();
      form.setFieldsValue({ unit: target.unit });
    }
  }, [target, form]);
  const save = async () => {
    const v = (await form.validateFields()) as { periodKey?: string; value?: number; unit: string; note: string; files?: File[] };
    setSaving(true);
    try {
      const fileIds = await uploadAll(v.files);
      const saved = await api<TrackedTarget>('POST', `/api/workplans/targets/${target!.id}/reports`, {
        ...(v.periodKey ? { periodKey: v.periodKey } : {}), value: v.value ?? null, unit: v.unit, note: v.note, fileIds,
      });
      void toast.success('进度已报告');
      props.onSaved(saved);
    } catch (e) {
      showErrors(form, e, toast);
    } finally {
      setSaving(false);
    }
  };
  const every = target?.tracking?.reportEvery;
  return (
    <Modal open={props.target !== null} title={target ? `报告进度：${target.subject}` : ''} onCancel={props.onClose} onOk={() => void save()} okText="报告" confirmLoading={saving} destroyOnHidden>
      {holder}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="periodKey" label="报告期" extra={every ? `${scheduleNames[every]}报告；留空为当前期，如 ${target!.planYear}-${every === 'month' ? '05' : every === 'quarter' ? 'Q2' : 'H1'}` : '留空为今天'}>
          <Input placeholder="当前期" style={{ width: 160 }} />
        </Form.Item>
        <Space align="start">
          <Form.Item name="value" label="截至本期累计完成" rules={target?.tracking?.measure === 'manual' ? [{ required: true, message: '请填写累计完成数量' }] : []}>
            <InputNumber min={0} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="unit" label="单位"><Select options={unitOptions} style={{ width: 110 }} /></Form.Item>
        </Space>
        <Form.Item name="note" label="进展情况" rules={[{ required: true, message: '请填写进展情况' }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="files" label="附件（可选）"><FilePicker /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 销号: a note and at least one evidence file. */
export function CloseModal(props: { target: TrackedTarget | null; onClose: () => void; onSaved: (t: TrackedTarget) => void }) {
  const [form] = Form.useForm();
  const [toast, holder] = message.useMessage();
  const [saving, setSaving] = useState(false);
  const target = useLastTarget(props.target);
  const save = async () => {
    const v = (await form.validateFields()) as { note: string; files?: File[] };
    setSaving(true);
    try {
      const fileIds = await uploadAll(v.files);
      const saved = await api<TrackedTarget>('POST', `/api/workplans/targets/${target!.id}/close`, { note: v.note, fileIds, version: target!.tracking?.version });
      void toast.success('已销号');
      props.onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.errors.some((x) => x.field === '/body/fileIds')) form.setFields([{ name: 'files', errors: [e.errors[0]!.message] }]);
      showErrors(form, e, toast);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={props.target !== null} title={target ? `销号：${target.subject}` : ''} onCancel={props.onClose} onOk={() => void save()} okText="销号" confirmLoading={saving} destroyOnHidden>
      {holder}
      {target && target.progress.status !== 'met' && <Alert type="warning" style={{ marginBottom: 12 }} title={`当前进度为“${targetProgressStatusNames[target.progress.status]}”，请在说明中写明销号理由。`} />}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="note" label="销号说明" rules={[{ required: true, message: '请填写销号说明' }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="files" label="佐证材料" extra="须附至少一个文件（验收报告、照片等）"><FilePicker /></Form.Item>
      </Form>
    </Modal>
  );
}

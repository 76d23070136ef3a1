import { useState } from 'react';
import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { errorText } from '../fire/fire-labels.tsx';
import type { Figures, TownRow } from './carbon-types.ts';

const fields: [keyof Figures, string][] = [
  ['residentsEmission', '居民生活排放'], ['farmMachineryEmission', '农机排放'], ['transportEmission', '交通排放'],
  ['waterAbsorption', '水域吸收'], ['grassAbsorption', '草地吸收'], ['cropsAbsorption', '农作物吸收'],
];

/** Enter or correct a town's emissions and other absorption for a year (tCO₂e). */
export function TownFiguresForm({ town, year, onClose, onSaved }: { town: TownRow; year: number; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api('PUT', `/api/carbon/towns/${town.unitCode}/${year}`, { ...values, note: values.note || undefined });
      onSaved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`填报碳收支：${town.unitName} ${year} 年`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void submit()} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={town.figures ?? { residentsEmission: 0, farmMachineryEmission: 0, transportEmission: 0, waterAbsorption: 0, grassAbsorption: 0, cropsAbsorption: 0 }}>
        {fields.map(([key, label]) => (
          <Form.Item key={key} name={key} label={`${label}（tCO₂e/年）`} rules={[{ required: true, message: `请填写${label}` }]}>
            <InputNumber min={0} step={100} style={{ width: '100%' }} aria-label={label} />
          </Form.Item>
        ))}
        <Form.Item name="source" label="数据来源" rules={[{ required: true, whitespace: true, message: '请注明数据来源' }]}>
          <Input maxLength={500} placeholder="如：镇统计站 2026 年测算" aria-label="数据来源" />
        </Form.Item>
        <Form.Item name="note" label="备注"><Input.TextArea maxLength={1000} rows={2} /></Form.Item>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  quantityUnitNames, quantityUnits, quarantineProductNames, quarantineProducts, quarantineTreatmentNames, quarantineTreatments,
  type QuantityUnit, type QuarantineProduct, type QuarantineTreatment,
} from '@linzhang/domain';
import { api, ApiError } from '../../api/client.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import type { Certificate, Refusal } from './pest-types.ts';

interface Line { product: QuarantineProduct; species: string; quantity: number; quantityUnit: QuantityUnit; originUnitCode?: string; permitNo?: string; treatment: QuarantineTreatment; treatmentNote?: string }
interface Values {
  unitCode: string; shipOn: Dayjs; validity: [Dayjs, Dayjs]; consignor: string; consignee: string; destination: string; carrier: string; vehicleNo: string; note?: string; consignments: Line[];
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const bodyOf = (v: Values) => ({
  unitCode: v.unitCode, shipOn: day(v.shipOn), validFrom: day(v.validity[0]), validTo: day(v.validity[1]), consignor: v.consignor, consignee: v.consignee,
  destination: v.destination, carrier: v.carrier, vehicleNo: v.vehicleNo, ...(v.note ? { note: v.note } : {}),
  consignments: (v.consignments ?? []).map((c) => Object.fromEntries(Object.entries(c).filter(([, x]) => x !== undefined && x !== null && x !== ''))),
});

/** The server's field pointer (`/body/consignments/0/treatmentNote`) as the form's name path. */
const namePath = (field: string): (string | number)[] => {
  const parts = field.replace(/^\/body\/?/, '').split('/').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return parts[0] === 'validFrom' || parts[0] === 'validTo' ? ['validity'] : parts;
};

/**
 * 办理调运检疫: the consignments of one shipment; 预审 shows the refusals (pine wood from an epidemic point untreated,
 * a permit in one without the pest approval) before the application is recorded, issued or refused.
 */
export function CertificateForm({ onClose, onSaved }: { onClose: () => void; onSaved: (c: Certificate) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [checked, setChecked] = useState<Refusal[] | null>(null);
  const send = async (commit: boolean) => {
    setProblem(null);
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    setBusy(true);
    try {
      if (commit) onSaved(await api<Certificate>('POST', '/api/pests/quarantine/certificates', bodyOf(v)));
      else setChecked((await api<{ refusals: Refusal[] }>('POST', '/api/pests/quarantine/certificates/check', bodyOf(v))).refusals);
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: namePath(x.field) as never, errors: [x.message] })));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="办理调运检疫" open onClose={onClose} size={640}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}>
        <Button onClick={onClose}>取消</Button>
        <Button loading={busy} onClick={() => void send(false)}>预审</Button>
        <Button type="primary" loading={busy} onClick={() => void send(true)}>提交办理</Button>
      </Space>}>
      <Form form={form} layout="vertical" onValuesChange={() => setChecked(null)}
        initialValues={{ consignments: [{ product: 'pine_logs', species: '马尾松', quantityUnit: 'm3', treatment: 'none' }] }}>
        <Space wrap>
          <Form.Item name="unitCode" label="产地（乡镇或村）" rules={[{ required: true, message: '请选择产地' }]}><UnitSelect placeholder="选择乡镇或村" style={{ width: 220 }} /></Form.Item>
          <Form.Item name="shipOn" label="调运日期" rules={[{ required: true, message: '请选择' }]}><DatePicker /></Form.Item>
          <Form.Item name="validity" label="有效期" rules={[{ required: true, message: '请选择' }]}><DatePicker.RangePicker /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="consignor" label="发货人" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="consignee" label="收货人" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="destination" label="调运目的地" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 200 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="carrier" label="承运人" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 180 }} /></Form.Item>
          <Form.Item name="vehicleNo" label="运输工具牌号" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 140 }} placeholder="渝H·12345" /></Form.Item>
        </Space>
        <div><Typography.Text strong>货物明细</Typography.Text></div>
        <Form.List name="consignments">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
              {fields.map((f) => (
                <Card key={f.key} size="small" title={`第 ${f.name + 1} 批`} extra={fields.length > 1 && <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除此批" />}>
                  <Space wrap>
                    <Form.Item name={[f.name, 'product']} label="品类" rules={[{ required: true }]}><Select style={{ width: 170 }} options={quarantineProducts.map((p) => ({ value: p, label: quarantineProductNames[p] }))} /></Form.Item>
                    <Form.Item name={[f.name, 'species']} label="树种或品名" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 120 }} /></Form.Item>
                    <Form.Item name={[f.name, 'quantity']} label="数量" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0} style={{ width: 100 }} /></Form.Item>
                    <Form.Item name={[f.name, 'quantityUnit']} label="单位" rules={[{ required: true }]}><Select style={{ width: 90 }} options={quantityUnits.map((u) => ({ value: u, label: quantityUnitNames[u] }))} /></Form.Item>
                  </Space>
                  <Space wrap>
                    <Form.Item name={[f.name, 'permitNo']} label="采伐许可证号（来自采伐时）"><Input style={{ width: 180 }} placeholder="500242-2026-0001" /></Form.Item>
                    <Form.Item name={[f.name, 'originUnitCode']} label="具体产地（村，可选）"><UnitSelect allowClear placeholder="默认为证书产地" style={{ width: 180 }} /></Form.Item>
                  </Space>
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'treatment']} label="除害处理" rules={[{ required: true }]}><Select style={{ width: 150 }} options={quarantineTreatments.map((t) => ({ value: t, label: quarantineTreatmentNames[t] }))} /></Form.Item>
                    <Form.Item name={[f.name, 'treatmentNote']} label="处理说明"><Input style={{ width: 300 }} placeholder="方式、条件与时间，如 56℃ 30 分钟热处理" /></Form.Item>
                  </Space>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ product: 'pine_logs', quantityUnit: 'm3', treatment: 'none' })}>添加一批</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="note" label="备注" style={{ marginTop: 12 }}><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {checked && (checked.length
        ? <Alert type="warning" showIcon title="预审：将不予签发" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{checked.map((r) => <li key={r.field + r.code}>{r.message}</li>)}</ul>} data-testid="check-refusals" />
        : <Alert type="success" showIcon title="预审通过：提交后即签发调运检疫证书" data-testid="check-ok" />)}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} />}
    </Drawer>
  );
}

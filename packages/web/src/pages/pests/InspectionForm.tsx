import { useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  originInspectionResultNames, originInspectionResults, originSiteKindNames, originSiteKinds, quantityUnitNames, quantityUnits,
  type OriginInspectionResult, type OriginSiteKind, type QuantityUnit,
} from '@linzhang/domain';
import { api, ApiError, formFieldOf } from '../../api/client.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import type { Inspection } from './pest-types.ts';

interface Values {
  unitCode: string; siteName: string; siteKind: OriginSiteKind; subject: string; quantity?: number; quantityUnit?: QuantityUnit; inspectedOn: Dayjs; inspector: string;
  result: OriginInspectionResult; pestsFound?: string; measures?: string; validUntil?: Dayjs; note?: string;
}

/** 登记产地检疫: a nursery, timber yard or logging site inspected, with its result. */
export function InspectionForm({ onClose, onSaved }: { onClose: () => void; onSaved: (i: Inspection) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const result = Form.useWatch('result', form) as OriginInspectionResult | undefined;
  const save = async (v: Values) => {
    setProblem(null);
    setBusy(true);
    try {
      const body = Object.fromEntries(Object.entries({ ...v, inspectedOn: v.inspectedOn.format('YYYY-MM-DD'), validUntil: v.validUntil?.format('YYYY-MM-DD') })
        .filter(([, x]) => x !== undefined && x !== null && x !== ''));
      onSaved(await api<Inspection>('POST', '/api/pests/quarantine/origin-inspections', body));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: (formFieldOf(x) ?? '') as keyof Values, errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="登记产地检疫" open onClose={onClose} size={520}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ siteKind: 'nursery', result: 'passed' }}>
        <Form.Item name="unitCode" label="所在地（乡镇或村）" rules={[{ required: true, message: '请选择' }]}><UnitSelect placeholder="选择乡镇或村" /></Form.Item>
        <Space wrap>
          <Form.Item name="siteName" label="场所名称" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 220 }} /></Form.Item>
          <Form.Item name="siteKind" label="场所类型" rules={[{ required: true }]}><Select style={{ width: 180 }} options={originSiteKinds.map((k) => ({ value: k, label: originSiteKindNames[k] }))} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="subject" label="检疫对象（植物或产品）" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 220 }} placeholder="如柏木苗、松原木" /></Form.Item>
          <Form.Item name="quantity" label="数量"><InputNumber min={0} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="quantityUnit" label="单位"><Select allowClear style={{ width: 90 }} options={quantityUnits.map((u) => ({ value: u, label: quantityUnitNames[u] }))} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="inspectedOn" label="检疫日期" rules={[{ required: true, message: '请选择' }]}><DatePicker /></Form.Item>
          <Form.Item name="inspector" label="检疫员" rules={[{ required: true, message: '请填写' }]}><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item name="result" label="检疫结果" rules={[{ required: true }]}><Select style={{ width: 100 }} options={originInspectionResults.map((r) => ({ value: r, label: originInspectionResultNames[r] }))} /></Form.Item>
        </Space>
        {result === 'failed' && <Form.Item name="pestsFound" label="发现的有害生物" rules={[{ required: true, message: '不合格时请填写' }]}><Input /></Form.Item>}
        <Space wrap>
          <Form.Item name="measures" label="处理意见"><Input style={{ width: 260 }} /></Form.Item>
          <Form.Item name="validUntil" label="有效期至"><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Drawer>
  );
}

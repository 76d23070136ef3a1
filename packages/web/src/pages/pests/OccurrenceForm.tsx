import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { otherPestNames, otherPests, pestSeverities, pestSeverityNames, type OtherPest, type PestSeverity } from '@linzhang/domain';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import type { Occurrence } from './pest-types.ts';

interface Values {
  unitCode?: string; parcelId?: string; pest: OtherPest; pestName?: string; host?: string; observedOn: Dayjs; areaMu: number; disasterAreaMu: number;
  severity: PestSeverity; hostDeath?: boolean; controlledAreaMu?: number; surveyor?: string; note?: string;
}
interface ParcelOption { id: string; parcelNo: string; landClass: string; dominantSpecies: string | null; areaM2: number }

/** Records an occurrence of a pest other than pine wilt, in a town or village or in one of a village's 小班. */
export function OccurrenceForm({ onClose, onSaved }: { onClose: () => void; onSaved: (o: Occurrence) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [parcels, setParcels] = useState<ParcelOption[]>([]);
  const unit = Form.useWatch('unitCode', form) as string | undefined;
  const pest = Form.useWatch('pest', form) as OtherPest | undefined;
  // The 小班 of the chosen village in the latest ledger year.
  useEffect(() => {
    setParcels([]);
    form.setFieldsValue({ parcelId: undefined });
    if (!unit || unit.endsWith('000')) return;
    void (async () => {
      const { years } = await api<{ years: number[] }>('GET', '/api/ledger/years');
      if (!years[0]) return;
      const page = await api<Page<ParcelOption>>('GET', `/api/ledger/parcels${query({ unit, year: years[0], limit: 500 })}`);
      setParcels(page.items);
    })().catch(() => setParcels([]));
  }, [unit, form]);

  const save = async (v: Values) => {
    setProblem(null);
    setBusy(true);
    try {
      const body = Object.fromEntries(Object.entries({ ...v, observedOn: v.observedOn.format('YYYY-MM-DD'), hostDeath: v.hostDeath ?? false, unitCode: v.parcelId ? undefined : v.unitCode })
        .filter(([, x]) => x !== undefined && x !== null && x !== ''));
      onSaved(await api<Occurrence>('POST', '/api/pests/occurrences', body));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: (formFieldOf(x) ?? '') as keyof Values, errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="登记病虫害发生情况" open onClose={onClose} size={520}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ pest: 'pine_caterpillar', severity: 'light', disasterAreaMu: 0 }}>
        <Form.Item name="unitCode" label="发生地（乡镇或村）" rules={[{ required: true, message: '请选择发生地' }]}><UnitSelect placeholder="选择乡镇或村" /></Form.Item>
        <Form.Item name="parcelId" label="小班（可选；寄主死亡时必选）" extra={unit && !unit.endsWith('000') && !parcels.length ? '该村在一本账中没有小班' : undefined}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} disabled={!parcels.length} placeholder={parcels.length ? '按小班号查找' : '先选择村'} aria-label="小班"
            options={parcels.map((p) => ({ value: p.id, label: `${p.parcelNo}（${p.dominantSpecies ?? p.landClass}，${(p.areaM2 * 15 / 10000).toFixed(1)} 亩）` }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="pest" label="有害生物" rules={[{ required: true }]}><Select style={{ width: 160 }} aria-label="有害生物" options={otherPests.map((p) => ({ value: p, label: otherPestNames[p] }))} /></Form.Item>
          {pest === 'other' && <Form.Item name="pestName" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input style={{ width: 160 }} /></Form.Item>}
          <Form.Item name="host" label="寄主树种"><Input style={{ width: 140 }} placeholder="如马尾松、柏木" /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="observedOn" label="发生（调查）日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="severity" label="发生程度" rules={[{ required: true }]}><Select style={{ width: 110 }} options={pestSeverities.map((s) => ({ value: s, label: pestSeverityNames[s] }))} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="areaMu" label="发生面积（亩）" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="disasterAreaMu" label="成灾面积（亩）" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="controlledAreaMu" label="防治面积（亩）"><InputNumber min={0} style={{ width: 140 }} /></Form.Item>
        </Space>
        <Form.Item name="hostDeath" valuePropName="checked" extra="造成寄主树木死亡的，整个小班计入成灾面积"><Checkbox>造成寄主死亡</Checkbox></Form.Item>
        <Form.Item name="surveyor" label="调查人"><Input style={{ width: 200 }} /></Form.Item>
        <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Drawer>
  );
}

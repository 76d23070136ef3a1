import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError, formFieldOf } from '../../api/client.ts';
import { newClientId } from '../../mobile/ids.ts';
import { errorText } from '../fire/fire-labels.tsx';
import type { Report, Station } from './wildlife-types.ts';

/** The day's report of a station: 零报告, or what was seen with its abnormal deaths; a stored report is corrected with its version. */
export function WildlifeReportDrawer(props: { station: Station; date: string; onClose: () => void; onSaved: (r: Report) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [stored, setStored] = useState<Report | null>(null);
  const [id] = useState(() => newClientId('wl'));
  const zero = Form.useWatch('zero', form) as boolean | undefined;
  useEffect(() => {
    void api<Report[]>('GET', `/api/wildlife/stations/${props.station.id}/reports?month=${props.date.slice(0, 7)}`).then((rows) => {
      const r = rows.find((x) => x.date === props.date) ?? null;
      setStored(r);
      if (r) form.setFieldsValue({ zero: r.zero, observations: r.observations, note: r.note ?? undefined });
    }).catch(() => setStored(null));
  }, [props.station.id, props.date, form]);
  const save = async (v: { zero: boolean; observations?: { species: string; count: number; dead?: number; note?: string }[]; note?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const listed: unknown = form.getFieldValue('observations');
      const rows = Array.isArray(listed) ? (listed as NonNullable<typeof v.observations>) : [];
      const observations = v.zero ? [] : rows.map((o) => ({ species: o.species?.trim() ?? '', count: o.count, dead: o.dead ?? 0, ...(o.note?.trim() ? { note: o.note.trim() } : {}) }));
      props.onSaved(await api<Report>('POST', '/api/wildlife/reports', {
        id: stored?.id ?? id, stationId: props.station.id, date: props.date, zero: v.zero, observations, ...(v.note?.trim() ? { note: v.note.trim() } : {}), ...(stored ? { version: stored.version } : {}),
      }));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: (formFieldOf(x) ?? '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [x.message] })).filter((x) => x.name.join('')));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title={`${props.station.name} · ${props.date} 日报`} open onClose={props.onClose} size={560}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{stored ? '更正日报' : '报送'}</Button></Space>}>
      {stored && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`已于 ${new Date(stored.submittedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 由 ${stored.reporterName} 报送${stored.late ? '（迟报）' : ''}，此处修改为更正`} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ zero: true, observations: [] }}>
        <Form.Item name="zero" label="零报告（当日未发现野生动物异常）" valuePropName="checked"><Switch checkedChildren="零报告" unCheckedChildren="有观测" aria-label="零报告" /></Form.Item>
        {!zero && (
          <Form.List name="observations">
            {(fields, { add, remove }) => (
              <>
                <Typography.Text type="secondary">观测记录：物种、数量及其中异常死亡数（异常死亡自动转为问题，进入闭环处置）</Typography.Text>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'species']} rules={[{ required: true, whitespace: true, message: '请填写物种' }]}><Input placeholder="物种，如 白鹭" style={{ width: 140 }} aria-label="物种" /></Form.Item>
                    <Form.Item name={[f.name, 'count']} rules={[{ required: true, message: '请填写数量' }]}><InputNumber min={1} precision={0} placeholder="数量" addonAfter="只" style={{ width: 120 }} aria-label="数量" /></Form.Item>
                    <Form.Item name={[f.name, 'dead']}><InputNumber min={0} precision={0} placeholder="异常死亡" addonAfter="只" style={{ width: 130 }} aria-label="异常死亡" /></Form.Item>
                    <Form.Item name={[f.name, 'note']}><Input placeholder="说明" style={{ width: 100 }} /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除此条" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dead: 0 })} style={{ marginBottom: 12 }}>添加观测记录</Button>
              </>
            )}
          </Form.List>
        )}
        <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Drawer>
  );
}

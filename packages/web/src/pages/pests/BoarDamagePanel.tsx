import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { boarClaimActionNames, boarClaimStatusNames, boarClaimStatuses, type BoarClaimAction, type BoarClaimStatus } from '@linzhang/domain';
import { api, ApiError, formFieldOf } from '../../api/client.ts';
import { newClientId } from '../../mobile/ids.ts';
import { usePaged } from '../../components/usePaged.ts';
import { errorText } from '../fire/fire-labels.tsx';
import { claimColours, yuan, type BoarDamage, type Station } from './wildlife-types.ts';

/** 野猪致害 reports with the household's compensation claim: 已申请 → 已核定 → 已兑付 / 不予补偿. */
export function BoarDamagePanel({ stations }: { stations: Station[] }) {
  const [toast, holder] = message.useMessage();
  const [claimStatus, setClaimStatus] = useState<BoarClaimStatus | undefined>();
  const params = useMemo(() => ({ claimStatus }), [claimStatus]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<BoarDamage>('/api/wildlife/boar-damages', params, onError);
  const [reporting, setReporting] = useState(false);
  const [step, setStep] = useState<{ damage: BoarDamage; action: BoarClaimAction } | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {holder}
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Select placeholder="补偿状态" allowClear value={claimStatus} onChange={setClaimStatus} style={{ width: 140 }} aria-label="补偿状态" options={boarClaimStatuses.map((s) => ({ value: s, label: boarClaimStatusNames[s] }))} />
        <Button type="primary" onClick={() => setReporting(true)}>报告野猪致害</Button>
      </Space>
      <Table<BoarDamage> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination} data-testid="boar-table"
        columns={[
          { title: '发生日期', dataIndex: 'occurredOn', width: 100 },
          { title: '受损农户', dataIndex: 'household', render: (h: string, r) => <div>{h}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.unitName}{r.stationName ? ` · ${r.stationName}` : ''}</Typography.Text></div></div> },
          { title: '作物 / 面积', key: 'crop', render: (_, r) => `${r.crop} ${r.areaMu} 亩`, width: 110 },
          { title: '申请 / 核定', key: 'amount', render: (_, r) => (r.claim ? `${yuan(r.claim.claimedFen)} / ${yuan(r.claim.assessedFen)}` : '未申请补偿'), width: 170 },
          { title: '补偿状态', key: 'status', render: (_, r) => (r.claim ? <Tag color={claimColours[r.claim.status]}>{boarClaimStatusNames[r.claim.status]}</Tag> : '—'), width: 90 },
          {
            title: '操作', key: 'act', width: 170,
            render: (_, r) => <Space size={4}>{r.claim?.actions.map((a) => <Button key={a} size="small" danger={a === 'refuse'} onClick={() => setStep({ damage: r, action: a })}>{boarClaimActionNames[a]}</Button>)}</Space>,
          },
        ]}
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph style={{ margin: 0 }}>{r.description}{r.claim?.note ? `（${r.claim.note}）` : ''}</Typography.Paragraph> }} />
      {reporting && <BoarReportDrawer stations={stations} onClose={() => setReporting(false)} onSaved={() => { setReporting(false); void reload(); void toast.success('已报告，并已在问题闭环中立为“野猪致害”问题'); }} />}
      {step && <ClaimStepModal {...step} onClose={() => setStep(null)} onDone={() => { setStep(null); void reload(); }} />}
    </Space>
  );
}

function ClaimStepModal({ damage, action, onClose, onDone }: { damage: BoarDamage; action: BoarClaimAction; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { assessedYuan?: number; reason?: string; note?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await api('POST', `/api/wildlife/boar-damages/${damage.id}/claim`, {
        version: damage.version, action, ...(action === 'assess' ? { assessedFen: Math.round((v.assessedYuan ?? -1) * 100) } : {}),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      onDone();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${boarClaimActionNames[action]}：${damage.household}（申请 ${yuan(damage.claim?.claimedFen)}）`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="确定" cancelText="取消">
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {action === 'assess' && <Form.Item name="assessedYuan" label="核定金额（元）" rules={[{ required: true, message: '请填写核定金额' }]}><InputNumber min={0} precision={2} style={{ width: 200 }} /></Form.Item>}
        {action === 'refuse' && <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请写明不予补偿的理由' }]}><Input.TextArea rows={2} /></Form.Item>}
        {action !== 'refuse' && <Form.Item name="note" label="说明"><Input /></Form.Item>}
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Modal>
  );
}

function BoarReportDrawer({ stations, onClose, onSaved }: { stations: Station[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [id] = useState(() => newClientId('boar'));
  const pickStation = (sid: string | undefined) => { const s = stations.find((x) => x.id === sid); if (s) form.setFieldsValue({ lon: s.lon, lat: s.lat }); };
  const save = async (v: { stationId?: string; occurredOn: Dayjs; lon: number; lat: number; household: string; householdPhone?: string; crop: string; areaMu: number; description: string; claimedYuan?: number }) => {
    setBusy(true);
    setProblem(null);
    try {
      await api('POST', '/api/wildlife/boar-damages', {
        id, ...(v.stationId ? { stationId: v.stationId } : {}), occurredOn: v.occurredOn.format('YYYY-MM-DD'), lon: v.lon, lat: v.lat, household: v.household.trim(),
        ...(v.householdPhone?.trim() ? { householdPhone: v.householdPhone.trim() } : {}), crop: v.crop.trim(), areaMu: v.areaMu, description: v.description.trim(),
        ...(v.claimedYuan ? { claimedFen: Math.round(v.claimedYuan * 100) } : {}),
      });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="报告野猪致害" open onClose={onClose} size={520}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>报告</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ occurredOn: dayjs() }}>
        <Form.Item name="stationId" label="监测站点（可选，选后带出位置）"><Select allowClear onChange={pickStation} options={stations.map((s) => ({ value: s.id, label: s.name }))} /></Form.Item>
        <Space wrap>
          <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请填写' }]}><InputNumber style={{ width: 130 }} step={0.0001} /></Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请填写' }]}><InputNumber style={{ width: 130 }} step={0.0001} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="household" label="受损农户" rules={[{ required: true, whitespace: true, message: '请填写受损农户' }]}><Input style={{ width: 150 }} /></Form.Item>
          <Form.Item name="householdPhone" label="联系电话"><Input style={{ width: 150 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="crop" label="受损作物" rules={[{ required: true, whitespace: true, message: '请填写作物' }]}><Input style={{ width: 150 }} /></Form.Item>
          <Form.Item name="areaMu" label="受损面积（亩）" rules={[{ required: true, message: '请填写面积' }]}><InputNumber min={0.01} step={0.1} style={{ width: 150 }} /></Form.Item>
        </Space>
        <Form.Item name="description" label="受损情况" rules={[{ required: true, whitespace: true, message: '请描述受损情况' }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="claimedYuan" label="申请补偿金额（元，不填即不申请）"><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Drawer>
  );
}

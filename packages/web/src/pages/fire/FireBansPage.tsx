import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { fireOrderKinds, type FireOrderKind } from '@linzhang/domain';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import type { Page, Unit } from '../../api/types.ts';
import { useUser } from '../../auth.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { localTime } from '../../labels.ts';
import { shanghaiToday } from '../../shanghai-date.ts';
import { dangerLevelColours, dangerLevelNames, fireOrderKindNames, fireOrderStatusNames, orderPeriod, orderStatusColours, type FireOrder } from './fire-labels.ts';

interface Season { id: string; unitCode: string; unitName: string; year: number; startsOn: string; endsOn: string; note: string | null; inherited?: boolean }
interface Day { date: string; level: number; areas: number; forecast: boolean }
interface Suggestion {
  id: string; startsOn: string; endsOn: string; areas: string[]; areaNames: string[]; days: Day[]; peakLevel: number; ruleMinLevel: number; ruleMinDays: number;
  status: 'pending' | 'converted' | 'dismissed'; orderId: string | null; dismissReason: string | null; createdAt: string;
}
interface OrderValues { kind: FireOrderKind; docNo: string; title: string; body: string; period: [Dayjs, Dayjs]; areas: string[]; issuer: string }
const suggestionStatus = { pending: { text: '待处理', color: 'orange' }, converted: { text: '已起草命令', color: 'blue' }, dismissed: { text: '未采纳', color: 'default' } } as const;

/** The run of days behind a suggestion: one coloured box per day with its highest level (forecast days hatched). */
function DayRun({ days }: { days: Day[] }) {
  return (
    <Space size={2} wrap data-testid="suggestion-days">
      {days.map((d) => (
        <Tooltip key={d.date} title={`${d.date} 最高 ${d.level} 级（${dangerLevelNames[d.level] ?? ''}），${d.areas} 个区域${d.forecast ? '，预报' : ''}`}>
          <span style={{ display: 'inline-block', minWidth: 34, padding: '0 4px', textAlign: 'center', color: '#fff', borderRadius: 3, fontSize: 12, background: dangerLevelColours[d.level] ?? '#999', opacity: d.forecast ? 0.6 : 1, border: d.forecast ? '1px dashed #333' : undefined }}>
            {d.date.slice(5)} {d.level}
          </span>
        </Tooltip>
      ))}
    </Space>
  );
}

/** 森林防火 › 防火期与禁火令: fire seasons, orders from draft to issued and lifted, and the suggestions from runs of high danger. */
export function FireBansPage() {
  const user = useUser();
  const canWrite = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [year, setYear] = useState(() => shanghaiToday().year());
  const [seasons, setSeasons] = useState<Season[]>([]);
  const [orders, setOrders] = useState<FireOrder[]>([]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [towns, setTowns] = useState<Unit[]>([]);
  const [drawer, setDrawer] = useState<FireOrder | 'new' | null>(null);
  const [converting, setConverting] = useState<Suggestion | null>(null);
  const [dismissing, setDismissing] = useState<Suggestion | null>(null);
  const [lifting, setLifting] = useState<FireOrder | null>(null);
  const [orderForm] = Form.useForm<OrderValues>();
  const [seasonForm] = Form.useForm();
  const [smallForm] = Form.useForm();

  const fail = useCallback((e: unknown) => void toast.error(e instanceof ApiError ? `${e.message}${e.errors[0] && e.errors[0].message !== e.message ? `：${e.errors[0].message}` : ''}` : '操作失败'), [toast]);
  const load = useCallback(async () => {
    try {
      const [s, o, g] = await Promise.all([api<Season[]>('GET', `/api/fire/seasons${query({ year })}`), api<FireOrder[]>('GET', '/api/fire/orders'), api<Suggestion[]>('GET', '/api/fire/ban-suggestions')]);
      setSeasons(s);
      setOrders(o);
      setSuggestions(g);
    } catch (e) {
      fail(e);
    }
  }, [year, fail]);
  useEffect(() => void load(), [load]);
  // Areas are a county or its towns; a province-wide user picks among the counties.
  const province = user.scopeUnit.code.endsWith('0000000000');
  const county = province ? user.scopeUnit.code : `${user.scopeUnit.code.slice(0, 6)}000000`;
  useEffect(() => {
    void api<Page<Unit>>('GET', `/api/units${query({ parent: county, limit: 500 })}`).then((p) => setTowns(p.items)).catch(() => undefined);
  }, [county]);
  const areaOptions = [...(province ? [] : [{ value: county, label: '全县' }]), ...towns.map((t) => ({ value: t.code, label: t.shortName }))];

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void toast.success(done);
      await load();
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };

  const openOrder = (o: FireOrder | 'new') => {
    setDrawer(o);
    orderForm.resetFields();
    if (o !== 'new') {
      const dayjsOf = (iso: string, minus = 0) => shanghaiToday(Date.parse(iso) - minus);
      orderForm.setFieldsValue({ kind: o.kind, docNo: o.docNo, title: o.title, body: o.body, areas: o.areas, issuer: o.issuer, period: [dayjsOf(o.startsAt), dayjsOf(o.endsAt, 86_400_000)] });
    } else orderForm.setFieldsValue({ kind: 'fire_ban', issuer: '' });
  };
  const saveOrder = async (v: OrderValues) => {
    const body = { kind: v.kind, docNo: v.docNo, title: v.title, body: v.body, areas: v.areas, issuer: v.issuer, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') };
    try {
      if (drawer === 'new') await api('POST', '/api/fire/orders', body);
      else if (drawer) await api('PUT', `/api/fire/orders/${drawer.id}`, body);
      void toast.success('已保存草稿');
      setDrawer(null);
      await load();
    } catch (e) {
      if (e instanceof ApiError) orderForm.setFields(e.errors.flatMap((fe) => { const f = formFieldOf(fe); return f ? [{ name: (f === 'from' || f === 'to' ? 'period' : f) as keyof OrderValues, errors: [fe.message] }] : []; }));
      fail(e);
    }
  };

  const inForce = orders.filter((o) => o.inForce);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {holder}
      {inForce.map((o) => <Alert key={o.id} type="error" showIcon title={`${fireOrderKindNames[o.kind]}生效中：${o.title}（${o.docNo}）`} description={`${orderPeriod(o)}，区域：${o.areaNames.join('、')}。期间覆盖区域内的扫码入林登记一律拒绝。`} />)}
      <Card title="禁火令建议" extra={<Typography.Text type="secondary">火险等级连续达到阈值时每天自动生成（规则见 系统管理 › 规则配置）</Typography.Text>}>
        <Table<Suggestion> size="small" rowKey="id" dataSource={suggestions} pagination={false} locale={{ emptyText: '暂无建议' }}
          columns={[
            { title: '期间', key: 'period', render: (_, s) => `${s.startsOn} 至 ${s.endsOn}` },
            { title: '区域', dataIndex: 'areaNames', render: (n: string[]) => n.join('、') },
            { title: '火险等级（逐日最高）', key: 'days', render: (_, s) => <DayRun days={s.days} /> },
            { title: '依据', key: 'rule', render: (_, s) => `≥ ${s.ruleMinLevel} 级连续 ${s.ruleMinDays} 天` },
            { title: '状态', dataIndex: 'status', render: (st: Suggestion['status'], s) => <Tooltip title={s.dismissReason}><Tag color={suggestionStatus[st].color}>{suggestionStatus[st].text}</Tag></Tooltip> },
            ...(canWrite ? [{
              title: '操作', key: 'act', render: (_: unknown, s: Suggestion) => s.status === 'pending' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => { smallForm.resetFields(); setConverting(s); }}>起草禁火令</Button>
                  <Button size="small" onClick={() => { smallForm.resetFields(); setDismissing(s); }}>不采纳</Button>
                </Space>
              ),
            }] : []),
          ]} />
      </Card>
      <Card title="防火令与禁火令" extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => openOrder('new')}>起草命令</Button>}>
        <Table<FireOrder> size="small" rowKey="id" dataSource={orders} pagination={{ pageSize: 10 }} locale={{ emptyText: '暂无命令' }}
          expandable={{ expandedRowRender: (o) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.body}{o.liftReason ? `\n\n解除理由：${o.liftReason}（${localTime(o.liftedAt)}）` : ''}</Typography.Paragraph> }}
          columns={[
            { title: '类别', dataIndex: 'kind', render: (k: FireOrderKind) => fireOrderKindNames[k] },
            { title: '文号', dataIndex: 'docNo' },
            { title: '标题', dataIndex: 'title' },
            { title: '期限', key: 'period', render: (_, o) => orderPeriod(o) },
            { title: '区域', dataIndex: 'areaNames', render: (n: string[]) => n.join('、') },
            { title: '发布机关', dataIndex: 'issuer' },
            { title: '状态', dataIndex: 'status', render: (s: FireOrder['status'], o) => <Tag color={o.inForce ? 'red' : orderStatusColours[s]}>{o.inForce ? '生效中' : fireOrderStatusNames[s]}</Tag> },
            ...(canWrite ? [{
              title: '操作', key: 'act', render: (_: unknown, o: FireOrder) => (
                <Space>
                  {o.status === 'draft' && <Button size="small" onClick={() => openOrder(o)}>修改</Button>}
                  {o.status === 'draft' && <Button size="small" type="primary" danger onClick={() => void act(() => api('POST', `/api/fire/orders/${o.id}/issue`, {}), '已发布')}>发布</Button>}
                  {o.status === 'issued' && <Button size="small" onClick={() => { smallForm.resetFields(); setLifting(o); }}>解除</Button>}
                </Space>
              ),
            }] : []),
          ]} />
      </Card>
      <Card title="防火期" extra={<Space><span>年度</span><InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} /></Space>}>
        <Table<Season> size="small" rowKey="id" dataSource={seasons} pagination={false} locale={{ emptyText: '本年度尚未设定防火期' }}
          columns={[
            { title: '区划', dataIndex: 'unitName', render: (n: string, s) => <Space>{n}{s.inherited && <Tag>上级设定，本级沿用</Tag>}</Space> },
            { title: '年度', dataIndex: 'year' },
            { title: '防火期', key: 'period', render: (_, s) => `${s.startsOn} 至 ${s.endsOn}` },
            { title: '说明', dataIndex: 'note' },
          ]} />
        {canWrite && (
          <Form form={seasonForm} layout="inline" style={{ marginTop: 16 }}
            onFinish={(v: { unitCode: string; range: [Dayjs, Dayjs]; note?: string }) => void act(() => api('PUT', '/api/fire/seasons', {
              unitCode: v.unitCode, year: v.range[0].year(), startsOn: v.range[0].format('YYYY-MM-DD'), endsOn: v.range[1].format('YYYY-MM-DD'), ...(v.note ? { note: v.note } : {}),
            }), '已保存防火期').then((ok) => ok && setYear(v.range[0].year()))}>
            <Form.Item name="unitCode" label="区县或乡镇" rules={[{ required: true, message: '请选择' }]}><UnitSelect /></Form.Item>
            <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择' }]}><DatePicker.RangePicker /></Form.Item>
            <Form.Item name="note"><Input placeholder="说明（选填）" /></Form.Item>
            <Button htmlType="submit">设定防火期</Button>
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>乡镇未单独设定防火期的，沿用区县的防火期。</Typography.Paragraph>
      </Card>

      <Drawer open={drawer !== null} onClose={() => setDrawer(null)} title={drawer === 'new' ? '起草防火令 / 禁火令' : '修改草稿'} size={560} destroyOnHidden
        extra={<Button type="primary" onClick={() => orderForm.submit()}>保存草稿</Button>}>
        <Form form={orderForm} layout="vertical" onFinish={(v) => void saveOrder(v)}>
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}><Select options={fireOrderKinds.map((k) => ({ value: k, label: fireOrderKindNames[k] }))} /></Form.Item>
          <Form.Item name="docNo" label="文号" rules={[{ required: true, message: '请填写文号' }]}><Input placeholder="如 酉阳森防〔2026〕1号" /></Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}><Input /></Form.Item>
          <Form.Item name="period" label="期限（北京时间，含首尾两天）" rules={[{ required: true, message: '请选择期限' }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="areas" label="区域（乡镇的命令覆盖其下各村）" rules={[{ required: true, message: '请选择区域' }]}><Select mode="multiple" options={areaOptions} optionFilterProp="label" /></Form.Item>
          <Form.Item name="issuer" label="发布机关" rules={[{ required: true, message: '请填写发布机关' }]}><Input placeholder="如 酉阳县森林防灭火指挥部" /></Form.Item>
          <Form.Item name="body" label="全文" rules={[{ required: true, message: '请填写命令全文' }]}><Input.TextArea rows={10} /></Form.Item>
        </Form>
      </Drawer>
      <Modal open={converting !== null} title="按建议起草禁火令" onCancel={() => setConverting(null)} onOk={() => smallForm.submit()} okText="起草" destroyOnHidden>
        {converting && <Typography.Paragraph>{converting.areaNames.join('、')}，{converting.startsOn} 至 {converting.endsOn}。起草后可在“防火令与禁火令”中修改全文并发布。</Typography.Paragraph>}
        <Form form={smallForm} layout="vertical" onFinish={(v: { docNo: string; issuer: string }) => converting && void act(() => api('POST', `/api/fire/ban-suggestions/${converting.id}/convert`, v), '已起草禁火令').then((ok) => ok && setConverting(null))}>
          <Form.Item name="docNo" label="文号" rules={[{ required: true, message: '请填写文号' }]}><Input /></Form.Item>
          <Form.Item name="issuer" label="发布机关" rules={[{ required: true, message: '请填写发布机关' }]}><Input /></Form.Item>
        </Form>
      </Modal>
      <Modal open={dismissing !== null} title="不采纳建议" onCancel={() => setDismissing(null)} onOk={() => smallForm.submit()} okText="确定" destroyOnHidden>
        <Form form={smallForm} layout="vertical" onFinish={(v: { reason: string }) => dismissing && void act(() => api('POST', `/api/fire/ban-suggestions/${dismissing.id}/dismiss`, v), '已记录').then((ok) => ok && setDismissing(null))}>
          <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={lifting !== null} title="解除命令" onCancel={() => setLifting(null)} onOk={() => smallForm.submit()} okText="解除" destroyOnHidden>
        <Form form={smallForm} layout="vertical" onFinish={(v: { reason: string }) => lifting && void act(() => api('POST', `/api/fire/orders/${lifting.id}/lift`, v), '已解除').then((ok) => ok && setLifting(null))}>
          <Form.Item name="reason" label="解除理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}><Input.TextArea rows={3} placeholder="如 普降中雨，火险等级下降" /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

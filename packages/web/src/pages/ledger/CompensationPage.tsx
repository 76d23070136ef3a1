import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { batchStatusNames, fenToYuan, forestCategories, formatArea, squareMetresToMu, type BatchStatus } from '@linzhang/domain';
import { api, ApiError, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { currentYear } from './ledger-labels.ts';

interface Rates { year: number; rates: Record<string, number>; isDefault: boolean }
interface Preview {
  ledgerYear: number | null; rates: Record<string, number>; totalFen: number; areaM2: number; alreadyPaid: number; withoutOwner: number;
  payees: { payee: string; parcels: number; areaM2: number; amountFen: number }[]; lines: unknown[];
}
interface Batch {
  id: string; unitName: string; year: number; ledgerYear: number; title: string; status: BatchStatus; postingFrom: string | null; postingTo: string | null;
  lineCount: number; payees: number; areaM2: number; amountFen: number; openObjections: number; linesWithoutAccount: number;
}
interface Line { id: string; unitName: string; parcelNo: string; forestCategory: string; payee: string; idNumber: string | null; bankAccount: string | null; areaM2: number; rateFen: number; amountFen: number; note: string | null }
interface Objection { id: string; lineId: string | null; raisedBy: string; content: string; raisedAt: string; status: 'open' | 'upheld' | 'rejected'; resolution: string | null }
interface Detail extends Batch { lines: Line[]; objections: Objection[]; refusals: Record<'post' | 'object' | 'approve' | 'pay' | 'cancel', string | null> }

const yuan = (fen: number) => `${Number(fenToYuan(fen)).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`;
const statusColour: Record<BatchStatus, string> = { draft: 'default', posted: 'gold', approved: 'blue', paid: 'green', cancelled: 'default' };
const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');
const years = () => Array.from({ length: 5 }, (_, i) => currentYear() + 1 - i).map((y) => ({ value: y, label: `${y} 年度` }));

/** 林草湿一本账 › 补偿发放: ecological benefit compensation batches — built from the ledger, posted, approved, paid. */
export function CompensationPage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [year, setYear] = useState(currentYear());
  const [rates, setRates] = useState<Rates | null>(null);
  const [unit, setUnit] = useState<string | undefined>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [batches, setBatches] = useState<Batch[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editingRates, setEditingRates] = useState(false);

  const load = useCallback(async () => {
    try {
      const [r, b] = await Promise.all([api<Rates>('GET', `/api/compensation/rates/${year}`), api<Batch[]>('GET', `/api/compensation/batches${query({ year })}`)]);
      setRates(r);
      setBatches(b);
    } catch (e) {
      void toast.error(errorText(e));
    }
  }, [year, toast]);
  useEffect(() => void load(), [load]);
  useEffect(() => setPreview(null), [unit, year]);

  const doPreview = async () => {
    if (!unit) return;
    try {
      setPreview(await api<Preview>('GET', `/api/compensation/preview${query({ unitCode: unit, year })}`));
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  const create = async () => {
    try {
      const b = await api<Detail>('POST', '/api/compensation/batches', { unitCode: unit, year });
      void toast.success(`已生成批次：${b.title}`);
      setPreview(null);
      await load();
      setOpenId(b.id);
    } catch (e) {
      void toast.error(errorText(e));
    }
  };

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>森林生态效益补偿发放</Typography.Title>
          <Space wrap>
            <Select value={year} onChange={setYear} options={years()} style={{ width: 120 }} aria-label="补偿年度" />
            {rates && (
              <Typography.Text data-testid="rates">
                标准：{Object.entries(rates.rates).map(([c, fen]) => `${forestCategories[c] ?? c} ${fenToYuan(fen)} 元/亩`).join('，')}{rates.isDefault ? '（默认）' : ''}
              </Typography.Text>
            )}
            {staff && <Button size="small" onClick={() => setEditingRates(true)}>设置标准</Button>}
          </Space>
        </Space>
        {staff && (
          <Card size="small" title="生成补偿名册">
            <Space wrap>
              <UnitSelect value={unit} onChange={setUnit} placeholder="乡镇或村" />
              <Button onClick={() => void doPreview()} disabled={!unit}>预览</Button>
              {preview && preview.payees.length > 0 && <Button type="primary" onClick={() => void create()}>生成批次（{preview.payees.length} 户，{yuan(preview.totalFen)}）</Button>}
            </Space>
            {preview && (
              <div style={{ marginTop: 12 }}>
                <Alert type={preview.payees.length ? 'info' : 'warning'} showIcon
                  title={preview.ledgerYear === null ? '该区划没有小班台账' : `按 ${preview.ledgerYear} 年度台账：${preview.lines.length} 个公益林小班，${formatArea(preview.areaM2)}，合计 ${yuan(preview.totalFen)}`}
                  description={[preview.alreadyPaid ? `${preview.alreadyPaid} 个小班已列入本年度其他批次，未重复列入` : '', preview.withoutOwner ? `${preview.withoutOwner} 个小班缺少经营者，未列入，请先在台账补全` : ''].filter(Boolean).join('；') || undefined} />
                <Table size="small" rowKey="payee" dataSource={preview.payees} pagination={{ pageSize: 10 }} style={{ marginTop: 8 }}
                  columns={[
                    { title: '户名', dataIndex: 'payee' },
                    { title: '小班数', dataIndex: 'parcels' },
                    { title: '面积', dataIndex: 'areaM2', render: (m: number) => formatArea(m) },
                    { title: '金额', dataIndex: 'amountFen', render: yuan },
                  ]} />
              </div>
            )}
          </Card>
        )}
        <Table<Batch> rowKey="id" size="middle" dataSource={batches} locale={{ emptyText: `${year} 年度还没有补偿批次` }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '批次', dataIndex: 'title' },
            { title: '状态', dataIndex: 'status', render: (s: BatchStatus) => <Tag color={statusColour[s]}>{batchStatusNames[s]}</Tag> },
            { title: '户数 / 小班', key: 'n', render: (_, b) => `${b.payees} / ${b.lineCount}` },
            { title: '面积', dataIndex: 'areaM2', render: (m: number) => formatArea(m) },
            { title: '金额', dataIndex: 'amountFen', render: yuan },
            { title: '公示期', key: 'p', render: (_, b) => (b.postingFrom ? `${b.postingFrom} 至 ${b.postingTo}` : '—') },
            { title: '未处理异议', dataIndex: 'openObjections', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          ]} />
      </Space>
      {openId && <BatchDrawer id={openId} staff={staff} onClose={() => setOpenId(null)} onChanged={() => void load()} />}
      {editingRates && rates && <RatesModal rates={rates} onClose={() => setEditingRates(false)} onSaved={() => { setEditingRates(false); void load(); }} />}
    </Card>
  );
}

function RatesModal(props: { rates: Rates; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [toast, holder] = message.useMessage();
  const save = async (v: Record<string, number | null>) => {
    const rates = Object.fromEntries(Object.entries(v).filter(([, yuan]) => yuan !== null && yuan !== undefined).map(([c, y]) => [c, Math.round(Number(y) * 100)]));
    try {
      await api('PUT', `/api/compensation/rates/${props.rates.year}`, { rates });
      props.onSaved();
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  return (
    <Modal title={`${props.rates.year} 年度补偿标准（元/亩/年）`} open onCancel={props.onClose} onOk={() => form.submit()} okText="保存" destroyOnHidden>
      {holder}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={Object.fromEntries(Object.entries(props.rates.rates).map(([c, f]) => [c, f / 100]))}>
        {['11', '12'].map((c) => <Form.Item key={c} name={c} label={forestCategories[c]}><InputNumber min={0} max={1000} step={0.5} style={{ width: 160 }} /></Form.Item>)}
        <Typography.Text type="secondary">重庆市 2023 年标准为集体和个人公益林 16 元/亩/年；留空的类别不予补偿。</Typography.Text>
      </Form>
    </Modal>
  );
}

function BatchDrawer(props: { id: string; staff: boolean; onClose: () => void; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const [b, setB] = useState<Detail | null>(null);
  const [objecting, setObjecting] = useState(false);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const [account, setAccount] = useState<Line | null>(null);
  const [objectionForm] = Form.useForm();
  const [resolveForm] = Form.useForm();
  const [accountForm] = Form.useForm();
  const load = useCallback(async () => setB(await api<Detail>('GET', `/api/compensation/batches/${props.id}`)), [props.id]);
  useEffect(() => void load().catch((e: unknown) => void toast.error(errorText(e))), [load, toast]);
  const act = async (f: () => Promise<Detail>, done: string) => {
    try {
      setB(await f());
      void toast.success(done);
      setObjecting(false);
      setResolving(null);
      setAccount(null);
      props.onChanged();
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  const step = (action: 'post' | 'approve' | 'pay' | 'cancel', label: string, done: string, danger = false) => b && (
    <Tooltip title={b.refusals[action] ?? ''}>
      <Button danger={danger} type={danger ? 'default' : 'primary'} disabled={!!b.refusals[action]} onClick={() => void act(() => api<Detail>('POST', `/api/compensation/batches/${b.id}/${action}`, {}), done)}>{label}</Button>
    </Tooltip>
  );
  const lineName = (id: string | null) => {
    const l = b?.lines.find((x) => x.id === id);
    return l ? `${l.payee} · ${l.unitName}${l.parcelNo}` : '整个名册';
  };
  return (
    <Drawer title={b?.title ?? '补偿批次'} open onClose={props.onClose} size={900}>
      {holder}
      {b && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={3} items={[
            { label: '状态', children: <Tag color={statusColour[b.status]}>{batchStatusNames[b.status]}</Tag> },
            { label: '户数 / 小班', children: `${b.payees} / ${b.lineCount}` },
            { label: '金额', children: <span data-testid="batch-amount">{yuan(b.amountFen)}</span> },
            { label: '台账年度', children: `${b.ledgerYear} 年` },
            { label: '公示期', children: b.postingFrom ? `${b.postingFrom} 至 ${b.postingTo}` : '未公示' },
            { label: '缺银行账号', children: b.linesWithoutAccount ? <Typography.Text type="warning">{b.linesWithoutAccount} 行</Typography.Text> : '无' },
          ]} />
          {props.staff && (
            <Space wrap>
              {step('post', '公示（7 天）', '已开始公示')}
              {step('approve', '审定', '已审定')}
              {step('pay', '标记已发放', '已标记发放')}
              {step('cancel', '作废', '已作废，其中小班可重新列入', true)}
              <Button icon={<DownloadOutlined />} href={`/api/compensation/batches/${b.id}/posting.xlsx`}>公示表</Button>
              <Button icon={<DownloadOutlined />} href={`/api/compensation/batches/${b.id}/bank.xlsx`} disabled={b.status !== 'approved' && b.status !== 'paid'}>银行代发清单</Button>
            </Space>
          )}
          <Card size="small" title={`异议（${b.objections.length}）`} extra={!b.refusals.object && <Button size="small" onClick={() => setObjecting(true)}>登记异议</Button>}>
            <Table<Objection> size="small" rowKey="id" pagination={false} dataSource={b.objections} locale={{ emptyText: '没有异议' }}
              columns={[
                { title: '提出人', dataIndex: 'raisedBy' },
                { title: '针对', dataIndex: 'lineId', render: lineName },
                { title: '内容', dataIndex: 'content' },
                { title: '处理', key: 's', render: (_, o) => (o.status === 'open'
                  ? (props.staff && b.status === 'posted' ? <Button size="small" onClick={() => setResolving(o)}>处理</Button> : <Tag color="red">待处理</Tag>)
                  : <span><Tag color={o.status === 'upheld' ? 'orange' : 'default'}>{o.status === 'upheld' ? '成立' : '不成立'}</Tag>{o.resolution}</span>) },
              ]} />
          </Card>
          <Table<Line> size="small" rowKey="id" dataSource={b.lines} pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 行` }} data-testid="batch-lines"
            columns={[
              { title: '户名', dataIndex: 'payee' },
              { title: '村', dataIndex: 'unitName' },
              { title: '小班号', dataIndex: 'parcelNo' },
              { title: '森林类别', dataIndex: 'forestCategory', render: (c: string) => forestCategories[c] ?? c },
              { title: '面积（亩）', dataIndex: 'areaM2', render: (m: number) => squareMetresToMu(m).toFixed(2) },
              { title: '标准', dataIndex: 'rateFen', render: (f: number) => `${fenToYuan(f)} 元/亩` },
              { title: '金额', dataIndex: 'amountFen', render: yuan },
              { title: '银行账号', dataIndex: 'bankAccount', render: (v: string | null, l) => (v ?? (props.staff && b.status !== 'paid' && b.status !== 'cancelled' ? <a onClick={() => { accountForm.resetFields(); setAccount(l); }}>补全</a> : <Typography.Text type="warning">缺</Typography.Text>)) },
              { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
            ]} />
          <Modal title="登记异议" open={objecting} onCancel={() => setObjecting(false)} onOk={() => objectionForm.submit()} okText="登记" destroyOnHidden>
            <Form form={objectionForm} layout="vertical" onFinish={(v: { lineId?: string; raisedBy: string; content: string }) => void act(() => api<Detail>('POST', `/api/compensation/batches/${b.id}/objections`, v), '已登记异议')}>
              <Form.Item name="lineId" label="针对名册中的"><Select allowClear placeholder="整个名册" options={b.lines.map((l) => ({ value: l.id, label: `${l.payee} · ${l.unitName}${l.parcelNo}` }))} /></Form.Item>
              <Form.Item name="raisedBy" label="提出人" rules={[{ required: true, message: '请填写提出人' }]}><Input /></Form.Item>
              <Form.Item name="content" label="异议内容" rules={[{ required: true, message: '请填写内容' }]}><Input.TextArea rows={3} /></Form.Item>
            </Form>
          </Modal>
          <Modal title="处理异议" open={resolving !== null} onCancel={() => setResolving(null)} onOk={() => resolveForm.submit()} okText="提交" destroyOnHidden>
            <Form form={resolveForm} layout="vertical" initialValues={{ outcome: 'rejected' }}
              onFinish={(v: { outcome: 'rejected' | 'remove' | 'area'; areaMu?: number; resolution: string }) => void act(() => api<Detail>('POST', `/api/compensation/batches/${b.id}/objections/${resolving!.id}/resolution`, {
                upheld: v.outcome !== 'rejected', resolution: v.resolution, removeLine: v.outcome === 'remove' || undefined, areaMu: v.outcome === 'area' ? v.areaMu : undefined,
              }), '异议已处理')}>
              <Typography.Paragraph>{resolving?.raisedBy}：{resolving?.content}</Typography.Paragraph>
              <Form.Item name="outcome" label="结论">
                <Radio.Group options={[
                  { value: 'rejected', label: '不成立' },
                  ...(resolving?.lineId ? [{ value: 'remove', label: '成立，移出该行' }, { value: 'area', label: '成立，更正面积' }] : []),
                ]} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>{() => resolveForm.getFieldValue('outcome') === 'area' && (
                <Form.Item name="areaMu" label="核实面积（亩）" rules={[{ required: true, message: '请填写面积' }]}><InputNumber min={0.01} /></Form.Item>
              )}</Form.Item>
              <Form.Item name="resolution" label="处理意见" rules={[{ required: true, message: '请填写处理意见' }]}><Input.TextArea rows={2} /></Form.Item>
            </Form>
          </Modal>
          <Modal title={`补全 ${account?.payee ?? ''} 的收款信息`} open={account !== null} onCancel={() => setAccount(null)} onOk={() => accountForm.submit()} okText="保存" destroyOnHidden>
            <Form form={accountForm} layout="vertical" onFinish={(v: { bankAccount?: string; idNumber?: string }) => void act(() => api<Detail>('PATCH', `/api/compensation/batches/${b.id}/lines/${account!.id}`, { bankAccount: v.bankAccount?.trim() || undefined, idNumber: v.idNumber?.trim() || undefined }), '已保存')}>
              <Form.Item name="bankAccount" label="银行账号" rules={[{ pattern: /^\d{8,30}$/, message: '8–30 位数字' }]}><Input /></Form.Item>
              <Form.Item name="idNumber" label="身份证号" rules={[{ pattern: /^\d{17}[\dXx]$/, message: '18 位' }]}><Input /></Form.Item>
              <Typography.Text type="secondary">同一户名在本批次的各行一并更新。</Typography.Text>
            </Form>
          </Modal>
        </Space>
      )}
    </Drawer>
  );
}

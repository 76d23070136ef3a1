import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import {
  cuttingMethodNames, cuttingMethods, cuttingTypeNames, cuttingTypes, quotaForestClassNames, quotaForestClasses, quotaOriginNames, quotaOrigins,
  replantingStateNames, squareMetresToMu, type CuttingType, type QuotaForestClass, type QuotaOrigin, type ReplantingState,
} from '@linzhang/domain';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { currentYear, forestCategoryName, originName } from './ledger-labels.ts';

interface QuotaItem { forestClass: QuotaForestClass; origin: QuotaOrigin; cuttingType: CuttingType; volumeM3: number; usedM3: number; permits: number }
interface QuotaDetail { unitCode: string; unitName: string; year: number; totalM3: number; usedM3: number; note: string | null; updatedAt: string; items: QuotaItem[] }
interface QuotaSummary { unitCode: string; unitName: string; totalM3: number; usedM3: number; updatedAt: string }
interface Permit {
  id: string; permitNo: string; year: number; unitName: string; unitCode: string; parcelNo: string; applicant: string; applicantPhone: string | null;
  forestClass: QuotaForestClass; origin: QuotaOrigin; cuttingType: CuttingType; cuttingMethod: keyof typeof cuttingMethodNames; species: string;
  treeCount: number | null; areaM2: number; volumeM3: number; outputM3: number | null; cuttingFrom: string; cuttingTo: string; replantDeadline: string;
  pestApproval: string | null; status: 'issued' | 'revoked'; issuedAt: string; revokeReason: string | null; replantProblemId: string | null;
  plantedM2: number; replanting: ReplantingState;
}
interface PermitDetail extends Permit { replantings: { id: string; plantedOn: string; areaM2: number; species: string; treeCount: number | null; note: string | null }[] }
interface Refusal { code: string; field: string; message: string }
interface PermitCheck {
  year: number; quotaUnitName: string; cell: { label: string; capM3: number | null; usedM3: number; leftM3: number | null };
  totalCapM3: number | null; totalUsedM3: number; epidemicPoint: string | null; refusals: Refusal[];
}
interface ParcelOption { id: string; parcelNo: string; unitName: string; landClass: string; forestCategory: string | null; origin: string | null; volumeM3: number | null; areaM2: number; dominantSpecies: string | null }
interface EpidemicPoint { id: string; unitCode: string; unitName: string; declaredOn: string; removedOn: string | null; documentNo: string | null; note: string | null }

const m3 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toLocaleString('zh-CN', { maximumFractionDigits: 3 })} m³`);
const mu = (m2: number) => `${squareMetresToMu(m2).toFixed(2)} 亩`;
const cellName = (i: { forestClass: QuotaForestClass; origin: QuotaOrigin; cuttingType: CuttingType }) =>
  `${quotaForestClassNames[i.forestClass]}·${quotaOriginNames[i.origin]}·${cuttingTypeNames[i.cuttingType]}`;
const replantingColour: Record<ReplantingState, string> = { not_required: 'default', done: 'green', pending: 'blue', overdue: 'red' };
const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');
const yearChoices = () => Array.from({ length: 6 }, (_, i) => currentYear() + 1 - i).map((y) => ({ value: y, label: `${y} 年` }));

function usage(used: number, cap: number) {
  const percent = cap > 0 ? Math.min(100, Math.round((used / cap) * 1000) / 10) : used > 0 ? 100 : 0;
  return <Progress percent={percent} size="small" status={used > cap ? 'exception' : percent >= 90 ? 'active' : 'normal'} style={{ width: 140, margin: 0 }} />;
}

/** 林草湿一本账 › 采伐限额与许可: quota tables, permits checked against them, re-planting, and epidemic points. */
export function LoggingPage() {
  const user = useUser();
  const manager = user.roles.some((r) => r === 'admin' || r === 'staff');
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>采伐限额与林木采伐许可</Typography.Title>
      <Tabs items={[
        { key: 'permits', label: '采伐许可证', children: <PermitsTab manager={manager} /> },
        { key: 'quota', label: '采伐限额', children: <QuotaTab manager={manager} /> },
        { key: 'points', label: '松材线虫病疫点', children: <EpidemicPointsTab manager={manager} /> },
      ]} />
    </Card>
  );
}

function QuotaTab({ manager }: { manager: boolean }) {
  const user = useUser();
  const [toast, holder] = message.useMessage();
  const [year, setYear] = useState(currentYear());
  const [list, setList] = useState<QuotaSummary[]>([]);
  const [unit, setUnit] = useState<string | undefined>();
  const [detail, setDetail] = useState<QuotaDetail | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);

  const loadList = useCallback(async () => {
    try {
      setList((await api<{ items: QuotaSummary[] }>('GET', `/api/ledger/logging/quotas${query({ year })}`)).items);
    } catch (e) {
      void toast.error(errorText(e));
    }
  }, [year, toast]);
  useEffect(() => void loadList(), [loadList]);
  const selected = unit ?? list[0]?.unitCode;
  const loadDetail = useCallback(async () => {
    if (!selected) return setDetail(null);
    try {
      setDetail(await api<QuotaDetail>('GET', `/api/ledger/logging/quotas/${selected}/${year}`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setDetail(null);
      else void toast.error(errorText(e));
    }
  }, [selected, year, toast]);
  useEffect(() => void loadDetail(), [loadDetail]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Space wrap>
        <Select value={year} onChange={(y) => { setYear(y); setUnit(undefined); }} options={yearChoices()} style={{ width: 110 }} aria-label="年度" />
        <UnitSelect value={selected} onChange={setUnit} placeholder="限额单位（县或乡镇）" allowClear={false} />
        {manager && <Button type="primary" onClick={() => setEditing(true)} disabled={!selected && !user.scopeUnit.code}>{detail ? '调整限额' : '下达限额'}</Button>}
      </Space>
      {list.length > 1 && (
        <Table<QuotaSummary> size="small" rowKey="unitCode" pagination={false} dataSource={list}
          onRow={(r) => ({ onClick: () => setUnit(r.unitCode), style: { cursor: 'pointer' } })}
          columns={[
            { title: '限额单位', dataIndex: 'unitName' },
            { title: '年采伐限额', dataIndex: 'totalM3', render: m3 },
            { title: '已发证消耗', dataIndex: 'usedM3', render: m3 },
            { title: '使用进度', key: 'p', render: (_, r) => usage(r.usedM3, r.totalM3) },
          ]} />
      )}
      {detail === null && <Empty description={`${year} 年尚未下达采伐限额${manager ? '，请点“下达限额”' : ''}`} />}
      {detail && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 4 }} items={[
            { label: '限额单位', children: detail.unitName },
            { label: '年度', children: `${detail.year} 年` },
            { label: '总限额', children: m3(detail.totalM3) },
            { label: '已用 / 剩余', children: <Space>{m3(detail.usedM3)} / {m3(detail.totalM3 - detail.usedM3)} {usage(detail.usedM3, detail.totalM3)}</Space> },
            ...(detail.note ? [{ label: '依据', children: detail.note, span: 4 }] : []),
          ]} />
          <Table<QuotaItem> size="small" rowKey={(r) => `${r.forestClass}-${r.origin}-${r.cuttingType}`} pagination={false} dataSource={detail.items} data-testid="quota-cells"
            columns={[
              { title: '森林类别', dataIndex: 'forestClass', render: (v: QuotaForestClass) => quotaForestClassNames[v] },
              { title: '起源', dataIndex: 'origin', render: (v: QuotaOrigin) => quotaOriginNames[v] },
              { title: '采伐类型', dataIndex: 'cuttingType', render: (v: CuttingType) => cuttingTypeNames[v] },
              { title: '分项限额', dataIndex: 'volumeM3', render: m3 },
              { title: '已用', dataIndex: 'usedM3', render: m3 },
              { title: '剩余', key: 'left', render: (_, r) => m3(r.volumeM3 - r.usedM3) },
              { title: '使用进度', key: 'p', render: (_, r) => usage(r.usedM3, r.volumeM3) },
              { title: '许可证', dataIndex: 'permits' },
            ]} />
        </>
      )}
      {editing && (
        <QuotaEditor year={year} unitCode={selected ?? user.scopeUnit.code} detail={detail ?? null}
          onClose={() => setEditing(false)} onSaved={(d) => { setEditing(false); setUnit(d.unitCode); setDetail(d); void loadList(); void toast.success('限额已保存'); }} />
      )}
    </Space>
  );
}

function QuotaEditor(props: { year: number; unitCode: string; detail: QuotaDetail | null; onClose: () => void; onSaved: (d: QuotaDetail) => void }) {
  const [form] = Form.useForm();
  const [unitCode, setUnitCode] = useState(props.unitCode);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const items = Form.useWatch('items', form) as { volumeM3?: number }[] | undefined;
  const sum = (items ?? []).reduce((s, i) => s + (Number(i?.volumeM3) || 0), 0);
  const save = async (v: { totalM3: number; note?: string; items: { forestClass: QuotaForestClass; origin: QuotaOrigin; cuttingType: CuttingType; volumeM3: number }[] }) => {
    setBusy(true);
    setProblem(null);
    try {
      props.onSaved(await api<QuotaDetail>('PUT', `/api/ledger/logging/quotas/${unitCode}/${props.year}`, { totalM3: v.totalM3, note: v.note || undefined, items: v.items ?? [] }));
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`${props.year} 年采伐限额`} open onCancel={props.onClose} onOk={() => form.submit()} okText="保存" confirmLoading={busy} width={760} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}
        initialValues={{ totalM3: props.detail?.totalM3, note: props.detail?.note ?? undefined, items: props.detail?.items.map(({ forestClass, origin, cuttingType, volumeM3 }) => ({ forestClass, origin, cuttingType, volumeM3 })) ?? [] }}>
        <Space wrap>
          <Form.Item label="限额单位"><UnitSelect value={unitCode} onChange={(c) => c && setUnitCode(c)} allowClear={false} /></Form.Item>
          <Form.Item name="totalM3" label="年采伐总限额（m³）" rules={[{ required: true, message: '请填写总限额' }]}><InputNumber min={0} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="note" label="依据（文号）"><Input style={{ width: 240 }} placeholder="如 渝林资〔2026〕5号" /></Form.Item>
        </Space>
        <Typography.Text type="secondary">分项限额（森林类别 × 起源 × 采伐类型），合计 {sum.toLocaleString('zh-CN')} m³，不得超过总限额</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'forestClass']} rules={[{ required: true, message: '必填' }]}><Select placeholder="森林类别" style={{ width: 100 }} options={quotaForestClasses.map((v) => ({ value: v, label: quotaForestClassNames[v] }))} /></Form.Item>
                  <Form.Item name={[field.name, 'origin']} rules={[{ required: true, message: '必填' }]}><Select placeholder="起源" style={{ width: 90 }} options={quotaOrigins.map((v) => ({ value: v, label: quotaOriginNames[v] }))} /></Form.Item>
                  <Form.Item name={[field.name, 'cuttingType']} rules={[{ required: true, message: '必填' }]}><Select placeholder="采伐类型" style={{ width: 150 }} options={cuttingTypes.map((v) => ({ value: v, label: cuttingTypeNames[v] }))} /></Form.Item>
                  <Form.Item name={[field.name, 'volumeM3']} rules={[{ required: true, message: '必填' }]}><InputNumber min={0} placeholder="m³" style={{ width: 130 }} /></Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>删除</Button>
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} style={{ display: 'block' }}>添加分项</Button>
            </>
          )}
        </Form.List>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}

function PermitsTab({ manager }: { manager: boolean }) {
  const [toast, holder] = message.useMessage();
  const [year, setYear] = useState<number | undefined>(currentYear());
  const [status, setStatus] = useState<'issued' | 'revoked' | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [issuing, setIssuing] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const params = useMemo(() => ({ year, status, q }), [year, status, q]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Permit>('/api/ledger/logging/permits', params, onError);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select allowClear placeholder="年度" value={year} onChange={setYear} options={yearChoices()} style={{ width: 110 }} />
          <Select allowClear placeholder="状态" value={status} onChange={setStatus} style={{ width: 110 }} options={[{ value: 'issued', label: '有效' }, { value: 'revoked', label: '已注销' }]} />
          <Input.Search allowClear placeholder="许可证号、申请人、小班号" onSearch={(v) => setQ(v || undefined)} style={{ width: 240 }} />
        </Space>
        <Space>
          <Button icon={<DownloadOutlined />} href={`/api/ledger/logging/permits.xlsx${query(params)}`}>导出 Excel</Button>
          {manager && <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>办理许可证</Button>}
        </Space>
      </Space>
      <Table<Permit> rowKey="id" size="middle" loading={loading} dataSource={data.items} pagination={pagination} scroll={{ x: 1200 }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '许可证号', dataIndex: 'permitNo' },
          { title: '申请人', dataIndex: 'applicant' },
          { title: '小班', key: 'parcel', render: (_, r) => `${r.unitName} ${r.parcelNo}` },
          { title: '限额分项', key: 'cell', render: (_, r) => cellName(r) },
          { title: '蓄积', dataIndex: 'volumeM3', render: m3 },
          { title: '面积', dataIndex: 'areaM2', render: mu },
          { title: '采伐期限', key: 'period', render: (_, r) => `${r.cuttingFrom} 至 ${r.cuttingTo}` },
          { title: '更新', dataIndex: 'replanting', render: (v: ReplantingState, r) => <Tag color={replantingColour[v]}>{replantingStateNames[v]}{v === 'pending' || v === 'overdue' ? `（${r.replantDeadline} 前）` : ''}</Tag> },
          { title: '状态', dataIndex: 'status', render: (v: Permit['status']) => (v === 'issued' ? <Tag color="green">有效</Tag> : <Tag>已注销</Tag>) },
        ]} />
      {issuing && <PermitForm onClose={() => setIssuing(false)} onIssued={(p) => { setIssuing(false); void reload(); setOpenId(p.id); void toast.success(`已发放许可证 ${p.permitNo}`); }} />}
      {openId && <PermitDrawer id={openId} manager={manager} onClose={() => setOpenId(null)} onChanged={() => void reload()} />}
    </Space>
  );
}

interface PermitFormValues {
  parcelId?: string; applicant?: string; applicantPhone?: string; cuttingType?: CuttingType; cuttingMethod?: string; species?: string; treeCount?: number;
  areaMu?: number; volumeM3?: number; outputM3?: number; period?: [dayjs.Dayjs, dayjs.Dayjs]; replantDeadline?: dayjs.Dayjs; pestApproval?: string;
}
const bodyOf = (v: PermitFormValues) => ({
  parcelId: v.parcelId, applicant: v.applicant?.trim(), applicantPhone: v.applicantPhone?.trim() || undefined, cuttingType: v.cuttingType, cuttingMethod: v.cuttingMethod,
  species: v.species?.trim(), treeCount: v.treeCount ?? undefined, areaMu: v.areaMu, volumeM3: v.volumeM3, outputM3: v.outputM3 ?? undefined,
  cuttingFrom: v.period?.[0]?.format('YYYY-MM-DD'), cuttingTo: v.period?.[1]?.format('YYYY-MM-DD'),
  replantDeadline: v.replantDeadline?.format('YYYY-MM-DD'), pestApproval: v.pestApproval?.trim() || undefined,
});

function PermitForm(props: { onClose: () => void; onIssued: (p: Permit) => void }) {
  const [form] = Form.useForm<PermitFormValues>();
  const values = Form.useWatch([], form) as PermitFormValues | undefined;
  const [parcels, setParcels] = useState<ParcelOption[]>([]);
  const [check, setCheck] = useState<PermitCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const parcel = parcels.find((p) => p.id === values?.parcelId);

  const searchParcels = useCallback(async (text: string) => {
    const page = await api<Page<ParcelOption>>('GET', `/api/ledger/parcels${query({ year: currentYear(), q: text || undefined, limit: 30 })}`).catch(() => ({ items: [], total: 0 }));
    setParcels(page.items);
  }, []);
  useEffect(() => void searchParcels(''), [searchParcels]);

  // Ask the server what this permit would face, as the form is filled (nothing is written).
  const body = values ? bodyOf(values) : null;
  const complete = body && body.parcelId && body.applicant && body.cuttingType && body.cuttingMethod && body.species && body.areaMu && body.volumeM3 && body.cuttingFrom && body.cuttingTo;
  const key = complete ? JSON.stringify(body) : null;
  useEffect(() => {
    if (!key) return setCheck(null);
    const timer = setTimeout(() => {
      api<PermitCheck>('POST', '/api/ledger/logging/permits/check', JSON.parse(key)).then(setCheck, () => setCheck(null));
    }, 300);
    return () => clearTimeout(timer);
  }, [key]);

  const submit = async (v: PermitFormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      props.onIssued(await api<Permit>('POST', '/api/ledger/logging/permits', bodyOf(v)));
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const known = new Set(['parcelId', 'applicant', 'applicantPhone', 'cuttingType', 'cuttingMethod', 'species', 'treeCount', 'areaMu', 'volumeM3', 'outputM3', 'replantDeadline', 'pestApproval']);
        const byField = e.errors.map((x) => ({ name: formFieldOf(x), message: x.message })).map((x) => ({ ...x, name: x.name === 'cuttingFrom' || x.name === 'cuttingTo' ? 'period' : x.name }));
        form.setFields(byField.filter((x) => x.name && (known.has(x.name) || x.name === 'period')).map((x) => ({ name: x.name as keyof PermitFormValues, errors: [x.message] })));
      }
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer title="办理林木采伐许可证" open onClose={props.onClose} size={640}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()} disabled={!!check?.refusals.length}>发放许可证</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ cuttingMethod: 'clear' }}>
        <Form.Item name="parcelId" label="小班" rules={[{ required: true, message: '请选择小班' }]}
          extra={parcel && `${forestCategoryName(parcel.forestCategory)} · ${originName(parcel.origin)} · ${parcel.dominantSpecies ?? '树种未填'} · 面积 ${mu(parcel.areaM2)} · 蓄积 ${m3(parcel.volumeM3)}`}>
          <Select showSearch={{ filterOption: false, onSearch: (t) => void searchParcels(t) }} placeholder="输入小班号搜索"
            options={parcels.map((p) => ({ value: p.id, label: `${p.unitName} ${p.parcelNo}（${forestCategoryName(p.forestCategory)}·${originName(p.origin)}）` }))}
            onChange={(id: string) => { const p = parcels.find((x) => x.id === id); if (p?.dominantSpecies && !form.getFieldValue('species')) form.setFieldValue('species', p.dominantSpecies); }} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="applicant" label="申请人" rules={[{ required: true, message: '请填写申请人' }]}><Input style={{ width: 200 }} /></Form.Item>
          <Form.Item name="applicantPhone" label="联系电话"><Input style={{ width: 160 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="cuttingType" label="采伐类型" rules={[{ required: true, message: '请选择采伐类型' }]}>
            <Select style={{ width: 170 }} options={cuttingTypes.map((v) => ({ value: v, label: cuttingTypeNames[v] }))} />
          </Form.Item>
          <Form.Item name="cuttingMethod" label="采伐方式" rules={[{ required: true }]}>
            <Select style={{ width: 110 }} options={cuttingMethods.map((v) => ({ value: v, label: cuttingMethodNames[v] }))} />
          </Form.Item>
          <Form.Item name="species" label="树种" rules={[{ required: true, message: '请填写树种' }]}><Input style={{ width: 140 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="areaMu" label="采伐面积（亩）" rules={[{ required: true, message: '必填' }]}><InputNumber min={0.01} style={{ width: 130 }} /></Form.Item>
          <Form.Item name="volumeM3" label="采伐蓄积（m³）" rules={[{ required: true, message: '必填' }]}><InputNumber min={0.001} style={{ width: 130 }} /></Form.Item>
          <Form.Item name="outputM3" label="出材量（m³）"><InputNumber min={0} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="treeCount" label="株数"><InputNumber min={1} precision={0} style={{ width: 110 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="period" label="采伐期限" rules={[{ required: true, message: '请选择采伐期限' }]}><DatePicker.RangePicker /></Form.Item>
          <Form.Item name="replantDeadline" label="更新期限" extra="不填则为采伐结束次年年底"><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="pestApproval" label="疫点采伐检疫审批文号" extra={check?.epidemicPoint ? `小班位于疫点（${check.epidemicPoint}），必须填写` : '小班位于松材线虫病疫点时必填'}>
          <Input style={{ width: 300 }} />
        </Form.Item>
      </Form>
      {check && (
        <Alert type={check.refusals.length ? 'error' : 'success'} showIcon data-testid="permit-check"
          title={check.refusals.length ? '不能发放：' : `可以发放：消耗 ${check.quotaUnitName}${check.year} 年“${check.cell.label}”分项限额`}
          description={
            <Space orientation="vertical" size={2}>
              {check.cell.capM3 !== null && <span>分项限额 {m3(check.cell.capM3)}，已用 {m3(check.cell.usedM3)}，剩余 {m3(check.cell.leftM3)}</span>}
              {check.totalCapM3 !== null && <span>总限额 {m3(check.totalCapM3)}，已用 {m3(check.totalUsedM3)}</span>}
              {check.refusals.map((r) => <Typography.Text key={r.code} type="danger">{r.message}</Typography.Text>)}
            </Space>
          } />
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
    </Drawer>
  );
}

function PermitDrawer(props: { id: string; manager: boolean; onClose: () => void; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const [p, setP] = useState<PermitDetail | null>(null);
  const [planting, setPlanting] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [plantForm] = Form.useForm();
  const [revokeForm] = Form.useForm();
  const load = useCallback(async () => setP(await api<PermitDetail>('GET', `/api/ledger/logging/permits/${props.id}`)), [props.id]);
  useEffect(() => void load().catch((e: unknown) => void toast.error(errorText(e))), [load, toast]);
  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      void toast.success(done);
      setPlanting(false);
      setRevoking(false);
      await load();
      props.onChanged();
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  return (
    <Drawer title={p ? `采伐许可证 ${p.permitNo}` : '采伐许可证'} open onClose={props.onClose} size={620}>
      {holder}
      {p && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} items={[
            { label: '申请人', children: `${p.applicant}${p.applicantPhone ? `（${p.applicantPhone}）` : ''}` },
            { label: '状态', children: p.status === 'issued' ? <Tag color="green">有效</Tag> : <Tag>已注销：{p.revokeReason}</Tag> },
            { label: '小班', children: `${p.unitName} ${p.parcelNo}` },
            { label: '限额分项', children: cellName(p) },
            { label: '采伐方式', children: cuttingMethodNames[p.cuttingMethod] },
            { label: '树种 / 株数', children: `${p.species}${p.treeCount ? ` / ${p.treeCount} 株` : ''}` },
            { label: '面积', children: mu(p.areaM2) },
            { label: '蓄积 / 出材量', children: `${m3(p.volumeM3)} / ${m3(p.outputM3)}` },
            { label: '采伐期限', children: `${p.cuttingFrom} 至 ${p.cuttingTo}` },
            { label: '更新期限', children: p.replantDeadline },
            { label: '更新情况', children: <Tag color={replantingColour[p.replanting]}>{replantingStateNames[p.replanting]}（已更新 {mu(p.plantedM2)}）</Tag> },
            { label: '检疫审批', children: p.pestApproval ?? '—' },
            ...(p.replantProblemId ? [{ label: '逾期问题', span: 2, children: <Link to={`/problems/${p.replantProblemId}`}>已转为问题，查看处置</Link> }] : []),
          ]} />
          <Table size="small" rowKey="id" pagination={false} dataSource={p.replantings} locale={{ emptyText: '尚未登记更新造林' }}
            columns={[
              { title: '更新日期', dataIndex: 'plantedOn' },
              { title: '面积', dataIndex: 'areaM2', render: mu },
              { title: '树种', dataIndex: 'species' },
              { title: '株数', dataIndex: 'treeCount', render: (v: number | null) => v ?? '—' },
              { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
            ]} />
          {p.status === 'issued' && (
            <Space>
              {p.replanting !== 'not_required' && <Button onClick={() => setPlanting(true)}>登记更新造林</Button>}
              {props.manager && <Button danger onClick={() => setRevoking(true)}>注销许可证</Button>}
            </Space>
          )}
          <Modal title="登记更新造林" open={planting} onCancel={() => setPlanting(false)} onOk={() => plantForm.submit()} okText="登记" destroyOnHidden>
            <Form form={plantForm} layout="vertical" initialValues={{ species: p.species }}
              onFinish={(v: { plantedOn: dayjs.Dayjs; areaMu: number; species: string; treeCount?: number; note?: string }) => void act(() => api('POST', `/api/ledger/logging/permits/${p.id}/replantings`, {
                plantedOn: v.plantedOn.format('YYYY-MM-DD'), areaMu: v.areaMu, species: v.species, treeCount: v.treeCount ?? undefined, note: v.note || undefined,
              }), '已登记')}>
              <Form.Item name="plantedOn" label="更新日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="areaMu" label="更新面积（亩）" rules={[{ required: true, message: '必填' }]} extra={`采伐面积 ${mu(p.areaM2)}，更新面积不得少于采伐面积`}><InputNumber min={0.01} /></Form.Item>
              <Form.Item name="species" label="树种" rules={[{ required: true, message: '必填' }]}><Input /></Form.Item>
              <Form.Item name="treeCount" label="株数"><InputNumber min={1} precision={0} /></Form.Item>
              <Form.Item name="note" label="说明"><Input /></Form.Item>
            </Form>
          </Modal>
          <Modal title="注销许可证" open={revoking} onCancel={() => setRevoking(false)} onOk={() => revokeForm.submit()} okText="注销" okButtonProps={{ danger: true }} destroyOnHidden>
            <Form form={revokeForm} layout="vertical" onFinish={(v: { reason: string }) => void act(() => api('POST', `/api/ledger/logging/permits/${p.id}/revoke`, v), '已注销，蓄积已退回限额')}>
              <Form.Item name="reason" label="注销原因" rules={[{ required: true, message: '请填写原因' }]}><Input.TextArea rows={2} /></Form.Item>
            </Form>
          </Modal>
        </Space>
      )}
    </Drawer>
  );
}

function EpidemicPointsTab({ manager }: { manager: boolean }) {
  const [toast, holder] = message.useMessage();
  const [points, setPoints] = useState<EpidemicPoint[]>([]);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    try {
      setPoints(await api<EpidemicPoint[]>('GET', '/api/pests/epidemic-points'));
    } catch (e) {
      void toast.error(errorText(e));
    }
  }, [toast]);
  useEffect(() => void load(), [load]);
  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      void toast.success(done);
      form.resetFields();
      await load();
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Alert type="info" showIcon title="疫点以乡镇为单位。疫点内的小班办理采伐许可证，须先取得林业有害生物防治检疫机构的审批并填写文号。" />
      {manager && (
        <Form form={form} layout="inline" onFinish={(v: { unitCode: string; declaredOn: dayjs.Dayjs; documentNo?: string }) => void act(() => api('POST', '/api/pests/epidemic-points', {
          unitCode: v.unitCode, declaredOn: v.declaredOn.format('YYYY-MM-DD'), documentNo: v.documentNo || undefined,
        }), '已登记疫点')}>
          <Form.Item name="unitCode" rules={[{ required: true, message: '请选择乡镇' }]}><UnitSelect placeholder="乡镇" /></Form.Item>
          <Form.Item name="declaredOn" rules={[{ required: true, message: '请选择认定日期' }]}><DatePicker placeholder="认定日期" /></Form.Item>
          <Form.Item name="documentNo"><Input placeholder="公告文号" style={{ width: 200 }} /></Form.Item>
          <Button type="primary" htmlType="submit">登记疫点</Button>
        </Form>
      )}
      <Table<EpidemicPoint> size="small" rowKey="id" pagination={false} dataSource={points} locale={{ emptyText: '没有疫点' }}
        columns={[
          { title: '乡镇', dataIndex: 'unitName' },
          { title: '认定日期', dataIndex: 'declaredOn' },
          { title: '文号', dataIndex: 'documentNo', render: (v: string | null) => v ?? '—' },
          { title: '状态', dataIndex: 'removedOn', render: (v: string | null) => (v ? <Tag>已于 {v} 撤销</Tag> : <Tag color="red">疫点</Tag>) },
          ...(manager ? [{
            title: '', key: 'a', render: (_: unknown, r: EpidemicPoint) => !r.removedOn && (
              <Button size="small" onClick={() => void act(() => api('POST', `/api/pests/epidemic-points/${r.id}/removal`, { removedOn: dayjs().format('YYYY-MM-DD') }), '已撤销疫点')}>今日撤销（拔除）</Button>
            ),
          }] : []),
        ]} />
    </Space>
  );
}

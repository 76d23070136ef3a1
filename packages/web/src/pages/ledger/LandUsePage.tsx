import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, message } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import type { MultiPolygon } from 'geojson';
import {
  checkStageNames, checkStages, formatArea, interiorPoint, landUseStatusNames, landUseTypeNames, landUseTypes, squareMetresToMu,
  type CheckStage, type LandUseStatus, type LandUseType,
} from '@linzhang/domain';
import { api, ApiError, formFieldOf, query } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { ProblemMiniMap } from '../../components/ProblemMiniMap.tsx';
import { currentYear, forestCategoryName, originName } from './ledger-labels.ts';

interface LandUse {
  id: string; project: string; applicant: string; approvalNo: string | null; useType: LandUseType; status: LandUseStatus; state: LandUseStatus | 'expired';
  unitName: string; areaM2: number; geometry: MultiPolygon; appliedOn: string; startsOn: string | null; endsOn: string | null; restoreBy: string | null;
  decidedOn: string | null; decisionNote: string | null; overlapAcknowledged: boolean; overlapNote: string | null; restoredOn: string | null; version: number;
}
interface Detail extends LandUse { checks: { id: string; stage: CheckStage; checkedOn: string; inspector: string; finding: string }[] }
interface Overlap {
  landM2: number; keyPublicWelfareM2: number; publicWelfareM2: number; naturalM2: number; ledgerYear: number | null; unitNames: Record<string, string>;
  parcels: { id: string; parcelNo: string; unitCode: string; forestCategory: string | null; origin: string | null; overlapM2: number }[]; unchecked: string[];
}

const stateColour: Record<LandUseStatus | 'expired', string> = { applied: 'gold', approved: 'green', rejected: 'default', restored: 'blue', expired: 'red' };
const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors.map((x) => x.message).join('；')}` : ''}` : '操作失败');
const mu = (m2: number) => `${squareMetresToMu(m2).toFixed(2)} 亩（${(m2 / 10000).toFixed(4)} 公顷）`;

/** 林草湿一本账 › 使用林地: applications, their overlap with public-welfare and natural forest, decisions and checks. */
export function LandUsePage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [status, setStatus] = useState<LandUseStatus | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = useMemo(() => ({ status, q }), [status, q]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<LandUse>('/api/land-use', params, onError);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>使用林地审核审批</Typography.Title>
          <Space wrap>
            <Select allowClear placeholder="状态" value={status} onChange={setStatus} style={{ width: 120 }} options={(['applied', 'approved', 'rejected', 'restored'] as const).map((s) => ({ value: s, label: landUseStatusNames[s] }))} />
            <Input.Search allowClear placeholder="项目、用地单位、文号" onSearch={(v) => setQ(v || undefined)} style={{ width: 220 }} />
            <Button icon={<DownloadOutlined />} href={`/api/land-use.xlsx${query(params)}`}>导出 Excel</Button>
            {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记申请</Button>}
          </Space>
        </Space>
        <Table<LandUse> rowKey="id" size="middle" loading={loading} dataSource={data.items} pagination={pagination}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '项目', dataIndex: 'project' },
            { title: '用地单位', dataIndex: 'applicant' },
            { title: '类型', dataIndex: 'useType', render: (t: LandUseType) => landUseTypeNames[t] },
            { title: '区划', dataIndex: 'unitName' },
            { title: '面积', dataIndex: 'areaM2', render: (m: number) => formatArea(m) },
            { title: '申请日期', dataIndex: 'appliedOn' },
            { title: '状态', dataIndex: 'state', render: (s: LandUse['state']) => <Tag color={stateColour[s]}>{landUseStatusNames[s]}</Tag> },
            { title: '文号', dataIndex: 'approvalNo', render: (v: string | null) => v ?? '—' },
          ]} />
      </Space>
      {creating && <ApplicationForm onClose={() => setCreating(false)} onSaved={(a) => { setCreating(false); void reload(); setOpenId(a.id); }} />}
      {openId && <ApplicationDrawer id={openId} staff={staff} onClose={() => setOpenId(null)} onChanged={() => void reload()} />}
    </Card>
  );
}

function ApplicationForm(props: { onClose: () => void; onSaved: (a: LandUse) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [parcels, setParcels] = useState<{ id: string; parcelNo: string; unitName: string; forestCategory: string | null }[]>([]);
  const useType = Form.useWatch('useType', form) as LandUseType | undefined;
  const landBy = Form.useWatch('landBy', form) as 'polygon' | 'parcels' | undefined;
  const search = useCallback(async (text: string) => {
    const page = await api<Page<{ id: string; parcelNo: string; unitName: string; forestCategory: string | null }>>('GET', `/api/ledger/parcels${query({ year: currentYear(), q: text || undefined, limit: 30 })}`).catch(() => ({ items: [], total: 0 }));
    setParcels((old) => [...old.filter((p) => (form.getFieldValue('parcelIds') as string[] | undefined)?.includes(p.id)), ...page.items.filter((p) => !old.some((o) => o.id === p.id))]);
  }, [form]);
  useEffect(() => void search(''), [search]);
  const save = async (v: { project: string; applicant: string; useType: LandUseType; landBy: 'polygon' | 'parcels'; geojson?: string; parcelIds?: string[]; appliedOn: dayjs.Dayjs; period?: [dayjs.Dayjs, dayjs.Dayjs]; restoreBy?: dayjs.Dayjs }) => {
    setProblem(null);
    let geometry: unknown;
    if (v.landBy === 'polygon') {
      try {
        const parsed = JSON.parse(v.geojson ?? '') as { type?: string; geometry?: unknown; features?: { geometry: unknown }[] };
        geometry = parsed.type === 'Feature' ? parsed.geometry : parsed.type === 'FeatureCollection' ? parsed.features?.[0]?.geometry : parsed;
      } catch {
        form.setFields([{ name: 'geojson', errors: ['不是有效的 GeoJSON'] }]);
        return;
      }
    }
    setBusy(true);
    try {
      props.onSaved(await api<LandUse>('POST', '/api/land-use', {
        project: v.project, applicant: v.applicant, useType: v.useType, appliedOn: v.appliedOn.format('YYYY-MM-DD'),
        ...(v.landBy === 'polygon' ? { geometry } : { parcelIds: v.parcelIds }),
        ...(v.useType === 'temporary' ? { startsOn: v.period?.[0]?.format('YYYY-MM-DD'), endsOn: v.period?.[1]?.format('YYYY-MM-DD'), restoreBy: v.restoreBy?.format('YYYY-MM-DD') } : {}),
      }));
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) === 'geometry' ? 'geojson' : formFieldOf(x) === 'endsOn' || formFieldOf(x) === 'startsOn' ? 'period' : (formFieldOf(x) ?? ''), errors: [x.message] })).filter((x) => x.name));
      }
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer title="登记使用林地申请" open onClose={props.onClose} size={620}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={props.onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ useType: 'permanent', landBy: 'polygon' }}>
        <Form.Item name="project" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}><Input /></Form.Item>
        <Space wrap>
          <Form.Item name="applicant" label="用地单位" rules={[{ required: true, message: '请填写用地单位' }]}><Input style={{ width: 240 }} /></Form.Item>
          <Form.Item name="appliedOn" label="申请日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="useType" label="类型"><Radio.Group options={landUseTypes.map((t) => ({ value: t, label: landUseTypeNames[t] }))} /></Form.Item>
        {useType === 'temporary' && (
          <Space wrap>
            <Form.Item name="period" label="使用期限" rules={[{ required: true, message: '临时用地须填写期限' }]}><DatePicker.RangePicker /></Form.Item>
            <Form.Item name="restoreBy" label="恢复期限"><DatePicker /></Form.Item>
          </Space>
        )}
        <Form.Item name="landBy" label="用地范围"><Radio.Group options={[{ value: 'polygon', label: '粘贴 GeoJSON 多边形' }, { value: 'parcels', label: '选择所占小班' }]} /></Form.Item>
        {landBy === 'parcels' ? (
          <Form.Item name="parcelIds" label="所占小班" rules={[{ required: true, message: '请选择小班' }]}>
            <Select mode="multiple" showSearch={{ filterOption: false, onSearch: (t) => void search(t) }} placeholder="输入小班号搜索"
              options={parcels.map((p) => ({ value: p.id, label: `${p.unitName} ${p.parcelNo}（${forestCategoryName(p.forestCategory)}）` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="geojson" label="GeoJSON（CGCS2000 经纬度的 Polygon / MultiPolygon，或含一个要素的 Feature/FeatureCollection）" rules={[{ required: true, message: '请粘贴用地范围' }]}>
            <Input.TextArea rows={5} placeholder='{"type":"Polygon","coordinates":[[[108.77,28.84],…]]}' />
          </Form.Item>
        )}
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Drawer>
  );
}

function ApplicationDrawer(props: { id: string; staff: boolean; onClose: () => void; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const [a, setA] = useState<Detail | null>(null);
  const [overlap, setOverlap] = useState<Overlap | null>(null);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [checking, setChecking] = useState(false);
  const [decideForm] = Form.useForm();
  const [checkForm] = Form.useForm();
  const load = useCallback(async () => {
    setA(await api<Detail>('GET', `/api/land-use/${props.id}`));
    setOverlap(await api<Overlap>('GET', `/api/land-use/${props.id}/overlap`));
  }, [props.id]);
  useEffect(() => void load().catch((e: unknown) => void toast.error(errorText(e))), [load, toast]);
  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      void toast.success(done);
      setDeciding(null);
      setChecking(false);
      await load();
      props.onChanged();
    } catch (e) {
      if (e instanceof ApiError) decideForm.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name));
      void toast.error(errorText(e));
    }
  };
  const point = a ? interiorPoint(a.geometry) : null;
  return (
    <Drawer title={a?.project ?? '使用林地申请'} open onClose={props.onClose} size={720}>
      {holder}
      {a && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} items={[
            { label: '状态', children: <Tag color={stateColour[a.state]}>{landUseStatusNames[a.state]}</Tag> },
            { label: '类型', children: landUseTypeNames[a.useType] },
            { label: '用地单位', children: a.applicant },
            { label: '区划', children: a.unitName },
            { label: '面积', children: mu(a.areaM2), span: 2 },
            { label: '申请日期', children: a.appliedOn },
            { label: '批复', children: a.decidedOn ? `${a.decidedOn} ${a.approvalNo ?? ''}` : '—' },
            ...(a.useType === 'temporary' ? [{ label: '使用期限', children: `${a.startsOn ?? ''} 至 ${a.endsOn ?? ''}` }, { label: '恢复', children: a.restoredOn ? `已于 ${a.restoredOn} 恢复` : `期限 ${a.restoreBy ?? '—'}` }] : []),
            ...(a.decisionNote ? [{ label: '审批意见', children: a.decisionNote, span: 2 }] : []),
            ...(a.overlapAcknowledged ? [{ label: '占用重点公益林说明', children: a.overlapNote, span: 2 }] : []),
          ]} />
          {point && <ProblemMiniMap problem={{ lon: point[0], lat: point[1], geometry: a.geometry }} height={220} />}
          {overlap && (
            <Card size="small" title={`与公益林、天然林的重叠（${overlap.ledgerYear ?? '无'} 年度台账）`} data-testid="land-use-overlap">
              {overlap.keyPublicWelfareM2 > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={`占用重点公益林 ${mu(overlap.keyPublicWelfareM2)}：批准前须确认并说明依据`} />}
              {overlap.keyPublicWelfareM2 === 0 && overlap.publicWelfareM2 + overlap.naturalM2 > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="用地范围涉及公益林或天然林，请核实" />}
              {overlap.parcels.length === 0 && <Alert type="success" showIcon style={{ marginBottom: 8 }} title="用地范围不涉及公益林和天然林小班" />}
              <Space wrap size="large" style={{ marginBottom: 8 }}>
                <span>公益林：{mu(overlap.publicWelfareM2)}</span>
                <span>其中重点公益林：{mu(overlap.keyPublicWelfareM2)}</span>
                <span>天然林：{mu(overlap.naturalM2)}</span>
              </Space>
              <Table size="small" rowKey="id" pagination={false} dataSource={overlap.parcels} locale={{ emptyText: '无' }}
                columns={[
                  { title: '村', dataIndex: 'unitCode', render: (c: string) => overlap.unitNames[c] ?? c },
                  { title: '小班号', dataIndex: 'parcelNo' },
                  { title: '森林类别', dataIndex: 'forestCategory', render: forestCategoryName },
                  { title: '起源', dataIndex: 'origin', render: originName },
                  { title: '重叠面积', dataIndex: 'overlapM2', render: (m: number) => `${squareMetresToMu(m).toFixed(2)} 亩` },
                ]} />
            </Card>
          )}
          {props.staff && (
            <Space wrap>
              {a.status === 'applied' && <Button type="primary" onClick={() => { decideForm.resetFields(); setDeciding('approve'); }}>批准</Button>}
              {a.status === 'applied' && <Button danger onClick={() => { decideForm.resetFields(); setDeciding('reject'); }}>不予批准</Button>}
              {a.status === 'approved' && a.useType === 'temporary' && <Button onClick={() => void act(() => api('POST', `/api/land-use/${a.id}/restoration`, { restoredOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) }), '已登记恢复')}>登记今日已恢复</Button>}
              <Button onClick={() => setChecking(true)}>登记检查</Button>
            </Space>
          )}
          <Table size="small" rowKey="id" pagination={false} dataSource={a.checks} locale={{ emptyText: '尚无检查记录' }}
            columns={[
              { title: '阶段', dataIndex: 'stage', render: (s: CheckStage) => checkStageNames[s] },
              { title: '日期', dataIndex: 'checkedOn' },
              { title: '检查人', dataIndex: 'inspector' },
              { title: '发现', dataIndex: 'finding' },
            ]} />
          <Modal title={deciding === 'approve' ? '批准使用林地' : '不予批准'} open={deciding !== null} onCancel={() => setDeciding(null)} onOk={() => decideForm.submit()} okText="提交" destroyOnHidden>
            <Form form={decideForm} layout="vertical" onFinish={(v: { approvalNo?: string; note: string; overlapAcknowledged?: boolean; overlapNote?: string }) => void act(() => api('POST', `/api/land-use/${a.id}/decision`, {
              approve: deciding === 'approve', approvalNo: v.approvalNo || undefined, note: v.note, overlapAcknowledged: v.overlapAcknowledged || undefined, overlapNote: v.overlapNote || undefined, version: a.version,
            }), deciding === 'approve' ? '已批准' : '已不予批准')}>
              {deciding === 'approve' && <Form.Item name="approvalNo" label="审核同意书文号" rules={[{ required: true, message: '请填写文号' }]}><Input /></Form.Item>}
              <Form.Item name="note" label="审批意见" rules={[{ required: true, message: '请填写意见' }]}><Input.TextArea rows={2} /></Form.Item>
              {deciding === 'approve' && (overlap?.keyPublicWelfareM2 ?? 0) > 0 && (
                <>
                  <Form.Item name="overlapAcknowledged" valuePropName="checked"><Checkbox>已知晓占用重点公益林 {mu(overlap!.keyPublicWelfareM2)}</Checkbox></Form.Item>
                  <Form.Item name="overlapNote" label="占用依据" rules={[{ required: true, message: '请说明依据' }]}><Input.TextArea rows={2} placeholder="如 国家重点建设项目，已取得上级林业主管部门审核意见" /></Form.Item>
                </>
              )}
            </Form>
          </Modal>
          <Modal title="登记检查" open={checking} onCancel={() => setChecking(false)} onOk={() => checkForm.submit()} okText="登记" destroyOnHidden>
            <Form form={checkForm} layout="vertical" initialValues={{ stage: a.status === 'applied' ? 'before' : 'during' }}
              onFinish={(v: { stage: CheckStage; checkedOn: dayjs.Dayjs; inspector: string; finding: string }) => void act(() => api('POST', `/api/land-use/${a.id}/checks`, { ...v, checkedOn: v.checkedOn.format('YYYY-MM-DD') }), '已登记检查')}>
              <Form.Item name="stage" label="阶段"><Radio.Group options={checkStages.map((s) => ({ value: s, label: checkStageNames[s] }))} /></Form.Item>
              <Form.Item name="checkedOn" label="检查日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="inspector" label="检查人" rules={[{ required: true, message: '请填写' }]}><Input /></Form.Item>
              <Form.Item name="finding" label="发现" rules={[{ required: true, message: '请填写' }]}><Input.TextArea rows={2} /></Form.Item>
            </Form>
          </Modal>
        </Space>
      )}
    </Drawer>
  );
}

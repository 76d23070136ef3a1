import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, Modal, Progress, Segmented, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { campaignPhaseNames, surveySeasonNames, surveySeasons, type SurveySeason } from '@linzhang/domain';
import { api, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { shanghaiToday } from '../../shanghai-date.ts';

const todayInShanghai = () => shanghaiToday().format('YYYY-MM-DD');
import { errorText, mu, phaseColour, type Campaign, type CampaignDetail, type NamedProgress, type SummaryRow, type SurveyParcel } from './survey-types.ts';

const percent = (share: number) => Math.round(share * 1000) / 10;

/**
 * 有害生物 › 普查与监测 (issue 7 §3): the spring and autumn pine wilt surveys over the ledger's pine 小班, their progress
 * per town as bars, the 小班 marked surveyed, and the national summary table (松材线虫病疫情普查汇总表) with its Excel.
 */
export function SurveysPage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const surveyor = staff || user.roles.some((r) => r === 'chief' || r === 'ranger');
  const [toast, holder] = message.useMessage();
  const [year, setYear] = useState<number | undefined>();
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const load = useCallback(async () => {
    try {
      const list = await api<Campaign[]>('GET', `/api/pests/surveys/campaigns${query({ year })}`);
      setCampaigns(list);
      setSelected((s) => (s && list.some((c) => c.id === s) ? s : list[0]?.id ?? null));
    } catch (e) {
      void toast.error(errorText(e));
    }
  }, [year, toast]);
  useEffect(() => { void load(); }, [load, version]);
  const thisYear = Number(todayInShanghai().slice(0, 4));

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>松材线虫病普查与监测</Typography.Title>
          <Space wrap>
            <Select allowClear placeholder="年度" value={year} onChange={setYear} style={{ width: 110 }} options={[0, 1, 2, 3].map((k) => ({ value: thisYear - k, label: `${thisYear - k} 年` }))} />
            {staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>部署普查</Button>}
          </Space>
        </Space>
        <Table<Campaign> rowKey="id" size="small" dataSource={campaigns} pagination={false} locale={{ emptyText: <Empty description="尚未部署普查" /> }}
          rowSelection={{ type: 'radio', selectedRowKeys: selected ? [selected] : [], onChange: (keys) => setSelected(String(keys[0])) }}
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '普查', dataIndex: 'name' },
            { title: '类型', dataIndex: 'season', render: (s: SurveySeason) => <Tag color={s === 'autumn' ? 'orange' : 'green'}>{surveySeasonNames[s]}</Tag> },
            { title: '普查期', key: 'period', render: (_: unknown, c) => `${c.startsOn} 至 ${c.endsOn}` },
            { title: '状态', dataIndex: 'phase', render: (p: Campaign['phase']) => <Tag color={phaseColour[p]}>{campaignPhaseNames[p]}</Tag> },
            { title: '松林小班', key: 'grid', render: (_: unknown, c) => `${c.progress.surveyedParcels} / ${c.progress.gridParcels}` },
            { title: '进度', key: 'share', width: 200, render: (_: unknown, c) => <Progress percent={percent(c.progress.share)} format={(p) => `${p}%`} size="small" status={c.progress.complete ? 'success' : 'active'} /> },
          ]} />
        {selected && <CampaignPanel key={selected} id={selected} surveyor={surveyor} version={version} onChanged={() => setVersion((v) => v + 1)} />}
      </Space>
      {creating && <CreateCampaign onClose={() => setCreating(false)} onCreated={(c) => { setCreating(false); setSelected(c.id); setVersion((v) => v + 1); void toast.success(`已部署：${c.name}`); }} />}
    </Card>
  );
}

function CampaignPanel({ id, surveyor, version, onChanged }: { id: string; surveyor: boolean; version: number; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const [detail, setDetail] = useState<CampaignDetail | null>(null);
  const [summary, setSummary] = useState<{ rows: SummaryRow[]; total: SummaryRow } | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        setDetail(await api<CampaignDetail>('GET', `/api/pests/surveys/campaigns/${id}`));
        setSummary(await api<{ rows: SummaryRow[]; total: SummaryRow }>('GET', `/api/pests/surveys/campaigns/${id}/summary`));
      } catch (e) {
        void toast.error(errorText(e));
      }
    })();
  }, [id, version, toast]);
  if (!detail) return null;
  const progressColumns = [
    { title: '乡镇', dataIndex: 'unitName' },
    { title: '松林小班', dataIndex: 'gridParcels' },
    { title: '已调查', dataIndex: 'surveyedParcels' },
    { title: '未调查', dataIndex: 'outstandingParcels' },
    { title: '网格外另查', dataIndex: 'extraParcels' },
    { title: '松林面积', dataIndex: 'gridAreaM2', render: mu },
    { title: '完成进度', key: 'bar', width: 260, render: (_: unknown, r: NamedProgress) => <Progress percent={percent(r.share)} format={(p) => `${p}%`} size="small" status={r.complete ? 'success' : 'active'} /> },
  ];
  return (
    <Card size="small" title={`${detail.name}（${detail.startsOn} 至 ${detail.endsOn}，${detail.ledgerYear} 年小班台账）`} data-testid="campaign-panel">
      {holder}
      <Tabs items={[
        { key: 'progress', label: '各乡镇进度', children: <Table<NamedProgress> rowKey="unitCode" size="small" dataSource={detail.towns} pagination={false} columns={progressColumns} data-testid="town-progress" /> },
        { key: 'parcels', label: '小班调查登记', children: <ParcelRecords campaign={detail} surveyor={surveyor} onChanged={onChanged} /> },
        {
          key: 'summary', label: '普查汇总表', children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Button icon={<DownloadOutlined />} href={`/api/pests/surveys/campaigns/${id}/summary.xlsx`}>导出汇总表（Excel）</Button>
              <Table<SummaryRow> rowKey="unitCode" size="small" pagination={false} dataSource={summary ? [...summary.rows, { ...summary.total, unitName: `合计（${summary.total.unitName}）` }] : []}
                columns={[
                  { title: '行政区划代码', dataIndex: 'unitCode' }, { title: '单位', dataIndex: 'unitName' }, { title: '松林面积', dataIndex: 'pineAreaM2', render: mu },
                  { title: '疫情小班数', dataIndex: 'infectedParcels' }, { title: '发生面积', dataIndex: 'occurrenceAreaM2', render: mu },
                  { title: '无疫情小班数', dataIndex: 'clearParcels' }, { title: '无疫情小班面积', dataIndex: 'clearAreaM2', render: mu },
                  { title: '死亡松树总数', dataIndex: 'deadPines' }, { title: '病死', dataIndex: 'deadDiseased' }, { title: '其他原因', dataIndex: 'deadOther' },
                ]} />
            </Space>
          ),
        },
      ]} />
    </Card>
  );
}

function ParcelRecords({ campaign, surveyor, onChanged }: { campaign: CampaignDetail; surveyor: boolean; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const [status, setStatus] = useState<'all' | 'outstanding' | 'surveyed'>('outstanding');
  const [unit, setUnit] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [picked, setPicked] = useState<string[]>([]);
  const today = todayInShanghai();
  const [day, setDay] = useState<Dayjs>(dayjs(today < campaign.endsOn ? today : campaign.endsOn));
  const params = useMemo(() => ({ status: status === 'all' ? undefined : status, unit, q }), [status, unit, q]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<SurveyParcel>(`/api/pests/surveys/campaigns/${campaign.id}/parcels`, params, onError);
  const mark = async () => {
    try {
      const r = await api<{ recorded: number }>('POST', `/api/pests/surveys/campaigns/${campaign.id}/records`, { records: picked.map((parcelId) => ({ parcelId, surveyedOn: day.format('YYYY-MM-DD') })) });
      void toast.success(`已登记 ${r.recorded} 个小班已调查`);
      setPicked([]);
      void reload();
      onChanged();
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  const withdraw = async (p: SurveyParcel) => {
    try {
      await api('DELETE', `/api/pests/surveys/campaigns/${campaign.id}/records/${p.parcelId}`);
      void reload();
      onChanged();
    } catch (e) {
      void toast.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {holder}
      <Space wrap>
        <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} options={[{ value: 'outstanding', label: '未调查' }, { value: 'surveyed', label: '已调查' }, { value: 'all', label: '全部' }]} />
        <UnitSelect value={unit} onChange={setUnit} allowClear placeholder="区划" style={{ width: 200 }} />
        <Input.Search allowClear placeholder="小班号" onSearch={(v) => setQ(v || undefined)} style={{ width: 140 }} />
        {surveyor && (
          <>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') < campaign.startsOn || d.format('YYYY-MM-DD') > campaign.endsOn} />
            <Button type="primary" disabled={!picked.length} onClick={() => void mark()}>标记为已调查（{picked.length}）</Button>
          </>
        )}
      </Space>
      <Table<SurveyParcel> rowKey="parcelId" size="small" loading={loading} dataSource={data.items} pagination={pagination}
        rowSelection={surveyor ? { selectedRowKeys: picked, onChange: (keys) => setPicked(keys.map(String)), getCheckboxProps: (r) => ({ disabled: r.surveyed || !r.onGrid }) } : undefined}
        columns={[
          { title: '村', dataIndex: 'unitName' }, { title: '小班号', dataIndex: 'parcelNo' }, { title: '优势树种', dataIndex: 'dominantSpecies', render: (s: string | null) => s ?? '—' },
          { title: '小班面积', dataIndex: 'areaM2', render: mu },
          { title: '调查', key: 'surveyed', render: (_: unknown, r) => (r.surveyed ? <Tag color={r.infected ? 'red' : 'green'}>{r.surveyedOn}{r.infected ? ' 疫情小班' : ' 已调查'}</Tag> : <Tag>未调查</Tag>) },
          { title: '调查人', dataIndex: 'surveyor', render: (s: string | null) => s ?? '—' },
          ...(surveyor ? [{ title: '', key: 'op', render: (_: unknown, r: SurveyParcel) => (r.surveyed ? <Button size="small" type="link" onClick={() => void withdraw(r)}>撤销</Button> : null) }] : []),
        ]} />
    </Space>
  );
}

function CreateCampaign({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Campaign) => void }) {
  const user = useUser();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const submit = async () => {
    const v = (await form.validateFields()) as { unitCode: string; season: SurveySeason; period: [Dayjs, Dayjs]; name?: string };
    setSaving(true);
    try {
      const [from, to] = v.period;
      onCreated(await api<Campaign>('POST', '/api/pests/surveys/campaigns', { unitCode: v.unitCode, year: from.year(), season: v.season, startsOn: from.format('YYYY-MM-DD'), endsOn: to.format('YYYY-MM-DD'), ...(v.name ? { name: v.name } : {}) }));
    } catch (e) {
      const errors = e instanceof Error && 'errors' in e ? (e as { errors: { field: string; message: string }[] }).errors : [];
      const field = (f: string) => (f === 'startsOn' || f === 'endsOn' || f === 'year' ? 'period' : f);
      if (errors.length) form.setFields(errors.map((x) => ({ name: field(x.field.split('/').pop()!), errors: [x.message] })));
      else form.setFields([{ name: 'unitCode', errors: [errorText(e)] }]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="部署普查" onCancel={onClose} onOk={() => void submit()} okText="部署" confirmLoading={saving}>
      <Form form={form} layout="vertical" initialValues={{ unitCode: user.scopeUnit.level === 'county' || user.scopeUnit.level === 'town' ? user.scopeUnit.code : undefined, season: 'autumn', period: [dayjs(`${thisYear}-09-01`), dayjs(`${thisYear}-11-30`)] }}>
        <Form.Item name="unitCode" label="普查范围（区县或乡镇）" rules={[{ required: true, message: '请选择区划' }]}><UnitSelect /></Form.Item>
        <Form.Item name="season" label="类型" rules={[{ required: true }]}>
          <Select options={surveySeasons.map((s) => ({ value: s, label: surveySeasonNames[s] }))} />
        </Form.Item>
        <Form.Item name="period" label="普查期" rules={[{ required: true, message: '请选择普查期' }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="name" label="名称（可不填）"><Input maxLength={100} placeholder="默认：区划＋年度＋类型" /></Form.Item>
      </Form>
    </Modal>
  );
}

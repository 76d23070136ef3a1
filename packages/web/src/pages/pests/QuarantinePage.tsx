import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Descriptions, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  originInspectionResultNames, originSiteKindNames, quantityUnitNames, quarantineProductNames, quarantineTreatmentNames,
} from '@linzhang/domain';
import { useUser } from '../../auth.tsx';
import { usePaged } from '../../components/usePaged.ts';
import { CertificateForm } from './CertificateForm.tsx';
import { InspectionForm } from './InspectionForm.tsx';
import { canRecordPests, shanghaiYear, type Certificate, type Consignment, type Inspection } from './pest-types.ts';

const yearOptions = [0, 1, 2].map((d) => ({ value: shanghaiYear() - d, label: `${shanghaiYear() - d} 年` }));

function Consignments({ c }: { c: Certificate }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={3} items={[
        { label: '发货人', children: c.consignor }, { label: '收货人', children: c.consignee }, { label: '目的地', children: c.destination },
        { label: '承运人', children: c.carrier }, { label: '运输工具', children: c.vehicleNo }, { label: '有效期', children: `${c.validFrom} 至 ${c.validTo}` },
        ...(c.originInspectionNo ? [{ label: '产地检疫', children: c.originInspectionNo }] : []), ...(c.note ? [{ label: '备注', children: c.note }] : []),
      ]} />
      <Table<Consignment> rowKey="position" size="small" pagination={false} dataSource={c.consignments}
        columns={[
          { title: '批', dataIndex: 'position', width: 40 },
          { title: '品类', dataIndex: 'product', render: (p: Consignment['product'], r) => `${quarantineProductNames[p]}（${r.species}）` },
          { title: '数量', dataIndex: 'quantity', render: (q: number, r) => `${q} ${quantityUnitNames[r.quantityUnit]}`, align: 'right' },
          { title: '产地', dataIndex: 'originUnitName', render: (n: string, r) => <Space size={4} wrap>{n}{r.originParcelNo && `· 小班 ${r.originParcelNo}`}{r.epidemicPoint && <Tag color="volcano">疫点</Tag>}</Space> },
          { title: '采伐许可证', dataIndex: 'permitNo', render: (p: string | null, r) => (p ? <div><div>{p}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.pestApproval ? `检疫审批：${r.pestApproval}` : '无检疫审批'}</Typography.Text></div> : '—') },
          { title: '除害处理', dataIndex: 'treatment', render: (t: Consignment['treatment'], r) => (t === 'none' ? '未处理' : <div><div>{quarantineTreatmentNames[t]}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.treatmentNote}</Typography.Text></div>) },
        ]} />
    </Space>
  );
}

function Certificates() {
  const user = useUser();
  const [toast, holder] = message.useMessage();
  const [status, setStatus] = useState<'issued' | 'refused' | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const params = useMemo(() => ({ status, year }), [status, year]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Certificate>('/api/pests/quarantine/certificates', params, onError);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {holder}
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">疫点乡镇调出的松木及其制品须经除害处理；疫点内采伐的木材须有检疫审批。不予签发的申请连同理由一并留档。</Typography.Text>
        <Space wrap>
          <Select placeholder="结果" allowClear value={status} onChange={setStatus} style={{ width: 120 }} aria-label="结果" options={[{ value: 'issued', label: '已签发' }, { value: 'refused', label: '不予签发' }]} />
          <Select placeholder="年度" allowClear value={year} onChange={setYear} style={{ width: 100 }} options={yearOptions} />
          {canRecordPests(user.roles) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>办理调运检疫</Button>}
        </Space>
      </Space>
      <Table<Certificate> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
        expandable={{ expandedRowRender: (c) => <Consignments c={c} /> }}
        columns={[
          { title: '调运日期', dataIndex: 'shipOn', width: 110 },
          { title: '证书编号', dataIndex: 'certificateNo', render: (n: string | null) => n ?? '—', width: 170 },
          { title: '产地', dataIndex: 'unitName', width: 110 },
          { title: '货物', dataIndex: 'consignments', render: (ks: Consignment[]) => ks.map((k) => `${quarantineProductNames[k.product]} ${k.quantity}${quantityUnitNames[k.quantityUnit]}`).join('；') },
          { title: '目的地', dataIndex: 'destination' },
          {
            title: '结果', dataIndex: 'status', width: 280,
            render: (s: Certificate['status'], c) => (s === 'issued' ? <Tag color="green">已签发</Tag> : (
              <div data-testid="refused"><Tag color="red">不予签发</Tag>{c.refusals.map((r) => <div key={r.field + r.code}><Typography.Text type="danger" style={{ fontSize: 12 }}>{r.message}</Typography.Text></div>)}</div>
            )),
          },
        ]} />
      {adding && <CertificateForm onClose={() => setAdding(false)} onSaved={(c) => {
        setAdding(false);
        if (c.status === 'issued') void toast.success(`已签发调运检疫证书 ${c.certificateNo}`);
        else void toast.warning('不予签发，已记录理由');
        void reload();
      }} />}
    </Space>
  );
}

function Inspections() {
  const user = useUser();
  const [toast, holder] = message.useMessage();
  const [result, setResult] = useState<'passed' | 'failed' | undefined>();
  const [adding, setAdding] = useState(false);
  const params = useMemo(() => ({ result }), [result]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Inspection>('/api/pests/quarantine/origin-inspections', params, onError);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {holder}
      <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
        <Select placeholder="检疫结果" allowClear value={result} onChange={setResult} style={{ width: 120 }} options={[{ value: 'passed', label: '合格' }, { value: 'failed', label: '不合格' }]} />
        {canRecordPests(user.roles) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记产地检疫</Button>}
      </Space>
      <Table<Inspection> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination}
        columns={[
          { title: '检疫日期', dataIndex: 'inspectedOn', width: 110 },
          { title: '编号', dataIndex: 'inspectionNo', width: 170 },
          { title: '场所', dataIndex: 'siteName', render: (n: string, r) => <div><div>{n}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{originSiteKindNames[r.siteKind]} · {r.unitName}</Typography.Text></div> },
          { title: '检疫对象', dataIndex: 'subject', render: (s: string, r) => (r.quantity !== null && r.quantityUnit ? `${s} ${r.quantity}${quantityUnitNames[r.quantityUnit]}` : s) },
          { title: '检疫员', dataIndex: 'inspector', width: 90 },
          { title: '结果', dataIndex: 'result', render: (x: Inspection['result'], r) => <div><Tag color={x === 'passed' ? 'green' : 'red'}>{originInspectionResultNames[x]}</Tag>{r.pestsFound && <Typography.Text type="danger" style={{ fontSize: 12 }}>{r.pestsFound}</Typography.Text>}</div> },
          { title: '处理意见', dataIndex: 'measures', render: (m: string | null) => m ?? '—' },
          { title: '有效期至', dataIndex: 'validUntil', render: (d: string | null) => d ?? '—', width: 110 },
        ]} />
      {adding && <InspectionForm onClose={() => setAdding(false)} onSaved={(i) => { setAdding(false); void toast.success(`已登记产地检疫 ${i.inspectionNo}`); void reload(); }} />}
    </Space>
  );
}

/** 有害生物 › 检疫: transport quarantine certificates (调运检疫) and origin quarantine (产地检疫). */
export function QuarantinePage() {
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>检疫</Typography.Title>
      <Tabs items={[
        { key: 'certificates', label: '调运检疫', children: <Certificates /> },
        { key: 'origin', label: '产地检疫', children: <Inspections /> },
      ]} />
    </Card>
  );
}

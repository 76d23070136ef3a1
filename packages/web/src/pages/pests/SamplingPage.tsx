import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Drawer, Progress, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { Link } from 'react-router-dom';
import { samplingStatusNames, type SamplingStatus } from '@linzhang/domain';
import { api, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { localTime } from '../../labels.ts';
import { errorText } from '../fire/fire-labels.tsx';
import { DeadTreeDrawer } from './DeadTreeDrawer.tsx';
import { CauseTag, DeadTreeStateTag, thisYear, type DeadTree } from './pest-labels.tsx';

interface Plan { status: SamplingStatus; stage: string; required: number; nextBatch: number; pending: number; done: boolean; explanation: string }
interface ParcelRow { parcelId: string; parcelNo: string | null; unitCode: string; unitName: string; deadTrees: number; sampled: number; negatives: number; positives: number; plan: Plan }
interface Overview { year: number; parcels: ParcelRow[]; outsideParcels: number; totals: Record<SamplingStatus, number> }
const statusColours: Record<SamplingStatus, string> = { sample: 'orange', waiting: 'blue', positive: 'red', negative: 'green' };
const statuses = Object.keys(samplingStatusNames) as SamplingStatus[];

/** 有害生物 › 小班取样: what each 小班 with dead pines still needs sampled under the 技术方案 (DOMAIN.md §6). */
export function SamplingPage() {
  const user = useUser();
  const [toast, holder] = message.useMessage();
  const [year, setYear] = useState(thisYear());
  const [status, setStatus] = useState<SamplingStatus | undefined>();
  const [data, setData] = useState<Overview | null>(null);
  const [loading, setLoading] = useState(false);
  const [parcel, setParcel] = useState<ParcelRow | null>(null);
  const [version, setVersion] = useState(0);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api<Overview>('GET', `/api/pests/sampling${query({ year, status })}`));
    } catch (e) {
      void toast.error(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [year, status, toast]);
  useEffect(() => { void load(); }, [load, version]);

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>小班取样</Typography.Title>
          <Space wrap>
            <Select value={year} onChange={setYear} style={{ width: 100 }} aria-label="年度" options={[0, 1, 2].map((d) => ({ value: thisYear() - d, label: `${thisYear() - d} 年` }))} />
            <Select placeholder="取样状态" allowClear value={status} onChange={setStatus} style={{ width: 170 }} aria-label="取样状态" options={statuses.map((s) => ({ value: s, label: samplingStatusNames[s] }))} />
            <Link to="/pests">疫木地图</Link>
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          按《松材线虫病防治技术方案（2022年版）》：小班死亡松树不超过 100 株的先取 10 株，未检出则逐株取样直至全部检测；超过 100 株的先取 100 株，均未检出再按其余株数的 5% 补充取样（向上取整）。取样株数与比例可在“规则配置”中调整。
        </Typography.Paragraph>
        {data && (
          <Space size={32} wrap data-testid="sampling-totals">
            {statuses.map((s) => <Statistic key={s} title={samplingStatusNames[s]} value={data.totals[s]} suffix="个小班" />)}
            {data.outsideParcels > 0 && <Statistic title="不在小班内的疫木" value={data.outsideParcels} suffix="株" />}
          </Space>
        )}
        <Table<ParcelRow> rowKey="parcelId" size="small" loading={loading} dataSource={data?.parcels ?? []} pagination={{ pageSize: 20 }}
          onRow={(r) => ({ onClick: () => setParcel(r), style: { cursor: 'pointer' } })}
          columns={[
            { title: '村', dataIndex: 'unitName', width: 110 },
            { title: '小班', dataIndex: 'parcelNo', width: 90 },
            { title: '死亡松树', dataIndex: 'deadTrees', width: 80, align: 'right' },
            { title: '已取样 / 应取样', key: 'progress', width: 190, render: (_, r) => (
              <div><Progress percent={r.plan.required ? Math.round((100 * Math.min(r.sampled, r.plan.required)) / r.plan.required) : 100} size="small" showInfo={false} />{r.sampled} / {r.plan.required}</div>
            ) },
            { title: '阴性 / 阳性', key: 'results', width: 90, render: (_, r) => `${r.negatives} / ${r.positives}` },
            { title: '状态', key: 'status', width: 140, render: (_, r) => <Tag color={statusColours[r.plan.status]}>{samplingStatusNames[r.plan.status]}</Tag> },
            { title: '还需取样', key: 'next', width: 80, align: 'right', render: (_, r) => (r.plan.nextBatch ? <b style={{ color: '#d46b08' }} data-testid="next-batch">{r.plan.nextBatch}</b> : '—') },
            { title: '说明', key: 'why', render: (_, r) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.plan.explanation}</Typography.Text> },
          ]} />
      </Space>
      {parcel && <ParcelDrawer row={parcel} year={year} name={user.name} onClose={() => setParcel(null)} onChanged={() => setVersion((v) => v + 1)} />}
    </Card>
  );
}

function ParcelDrawer({ row, year, name, onClose, onChanged }: { row: ParcelRow; year: number; name: string; onClose: () => void; onChanged: () => void }) {
  const [data, setData] = useState<{ parcel: ParcelRow; trees: DeadTree[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void api<{ parcel: ParcelRow; trees: DeadTree[] }>('GET', `/api/pests/sampling/${row.parcelId}${query({ year })}`).then(setData).catch((e: unknown) => setProblem(errorText(e)));
  }, [row.parcelId, year, version]);
  const p = data?.parcel ?? row;
  return (
    <Drawer title={`${p.unitName} ${p.parcelNo ?? ''} 小班`} open onClose={onClose} size={720}>
      <Alert type={p.plan.status === 'positive' ? 'error' : p.plan.status === 'sample' ? 'warning' : 'info'} showIcon title={samplingStatusNames[p.plan.status]} description={p.plan.explanation} style={{ marginBottom: 12 }} data-testid="parcel-plan" />
      {problem && <Alert type="error" title={problem} showIcon />}
      <Table<DeadTree> rowKey="id" size="small" dataSource={data?.trees ?? []} pagination={{ pageSize: 20 }} onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', key: 'ref', render: (_, r) => r.sourceRef ?? r.id.slice(0, 8), width: 100 },
          { title: '发现', dataIndex: 'foundAt', render: (v: string) => localTime(v), width: 120 },
          { title: '环节', key: 'state', render: (_, r) => <DeadTreeStateTag state={r.state} done={r.done} />, width: 120 },
          { title: '原因', dataIndex: 'cause', render: (c: DeadTree['cause']) => <CauseTag cause={c} /> },
        ]} />
      {open && <DeadTreeDrawer id={open} name={name} onClose={() => setOpen(null)} onChanged={() => { setVersion((v) => v + 1); onChanged(); }} />}
    </Drawer>
  );
}

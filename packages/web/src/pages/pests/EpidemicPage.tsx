import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Progress, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, query } from '../../api/client.ts';
import type { Page, Unit } from '../../api/types.ts';
import { useUser } from '../../auth.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { shanghaiToday } from '../../shanghai-date.ts';
import { errorText } from './survey-types.ts';

interface TownYear { year: number; autumnShare: number | null; autumnComplete: boolean; positives: number; infectedParcels: number; record: 'detected' | 'clear' | 'none' }
interface Town {
  townCode: string; townName: string; isPoint: boolean; lastDetectionYear: number | null; clearYears: number; clearYearList: number[];
  removal: 'not_a_point' | 'may_apply' | 'not_yet'; yearsToGo: number; label: string;
  periods: { id: string; declaredOn: string; removedOn: string | null; documentNo: string | null; note: string | null }[]; history: TownYear[];
}
interface Target { id: string; unitName: string; year: number; source: string | null; target: { kind: 'remove_points' | 'keep_free'; count: number }; achieved: number; met: boolean; label: string }
interface Board {
  unitCode: string; unitName: string; asOf: string; year: number; clearYearsForRemoval: number; rulesSource: string;
  county: { isEpidemicArea: boolean; label: string; mayApplyTowns: string[] } | null; towns: Town[]; targets: Target[];
}

const yearTag = (h: TownYear) => {
  const survey = h.autumnShare === null ? '未部署秋季普查' : h.autumnComplete ? '秋季普查已完成' : `秋季普查 ${Math.round(h.autumnShare * 100)}%`;
  const colour = h.record === 'detected' ? 'red' : h.record === 'clear' ? 'green' : 'default';
  const what = h.record === 'detected' ? `发现疫情${h.positives ? `（阳性 ${h.positives} 株）` : ''}` : h.record === 'clear' ? '未发现疫情' : '不计入';
  return <Tag key={h.year} color={colour} title={survey}>{h.year}：{what}</Tag>;
};

/**
 * 有害生物 › 疫点疫区 (issue 7 §4): each town's epidemic point (疫点) standing, its years without detection and whether
 * removal (拔除/摘牌) may be applied for under the rules in force; the county's epidemic area (疫区); the plan's targets.
 */
export function EpidemicPage() {
  const user = useUser();
  const staff = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [board, setBoard] = useState<Board | null>(null);
  const [which, setWhich] = useState<'points' | 'all'>('points');
  const [declaring, setDeclaring] = useState(false);
  const [removing, setRemoving] = useState<Town | null>(null);
  const [targeting, setTargeting] = useState(false);
  // The board is a county's (or a town's); a user above the counties starts on the first county of his scope.
  const own = user.scopeUnit.level === 'county' || user.scopeUnit.level === 'town' ? user.scopeUnit.code : undefined;
  const [unit, setUnit] = useState<string | undefined>(own);
  useEffect(() => {
    if (own) return;
    void api<Page<Unit>>('GET', `/api/units${query({ parent: user.scopeUnit.code, limit: 1 })}`).then((p) => setUnit(p.items[0]?.code)).catch(() => undefined);
  }, [own, user.scopeUnit.code]);
  const load = useCallback(async () => {
    if (!unit) return;
    try {
      setBoard(await api<Board>('GET', `/api/pests/epidemic/board${query({ unit })}`));
    } catch (e) {
      void toast.error(errorText(e));
    }
  }, [toast, unit]);
  useEffect(() => { void load(); }, [load]);
  if (!board) return <Card>{holder}</Card>;
  const towns = which === 'all' ? board.towns : board.towns.filter((t) => t.isPoint || t.periods.length || t.history.some((h) => h.record === 'detected'));
  const points = board.towns.filter((t) => t.isPoint);

  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>松材线虫病疫点疫区</Typography.Title>
          <Space wrap>
            <UnitSelect value={unit} onChange={(v) => v && setUnit(v)} placeholder="区县或乡镇" style={{ width: 220 }} />
          {staff && (
            <Space>
              <Button onClick={() => setTargeting(true)}>设定年度目标</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)}>登记疫点</Button>
            </Space>
          )}
          </Space>
        </Space>
        {board.county && (
          <Alert type={board.county.isEpidemicArea ? 'warning' : 'success'} showIcon data-testid="county-status"
            title={`${board.unitName}：${board.county.label}`}
            description={`按现行规则，疫点连续 ${board.clearYearsForRemoval} 年未发现疫情（须完成当年秋季专项普查）可申请拔除（摘牌）。截至 ${board.asOf}。`} />
        )}
        <Row gutter={16}>
          <Col xs={12} md={6}><Statistic title="现有疫点（乡镇）" value={points.length} suffix="个" /></Col>
          <Col xs={12} md={6}><Statistic title="可申请拔除" value={points.filter((t) => t.removal === 'may_apply').length} suffix="个" /></Col>
          {board.targets.map((t) => (
            <Col xs={24} md={6} key={t.id}>
              <Card size="small" data-testid="epidemic-target">
                <Typography.Text strong>{board.year} 年目标：{t.label}</Typography.Text>
                <Progress percent={t.target.count ? Math.min(100, Math.round((t.achieved / t.target.count) * 100)) : 100} status={t.met ? 'success' : 'active'} size="small" />
                {t.source && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.source}</Typography.Text>}
              </Card>
            </Col>
          ))}
        </Row>
        <Segmented value={which} onChange={(v) => setWhich(v as typeof which)} options={[{ value: 'points', label: '疫点及曾有疫情的乡镇' }, { value: 'all', label: '全部乡镇' }]} />
        <Table<Town> rowKey="townCode" size="small" dataSource={towns} pagination={false} data-testid="epidemic-towns"
          locale={{ emptyText: <Empty description="没有疫点" /> }}
          expandable={{
            expandedRowRender: (t) => (
              <Space orientation="vertical">
                <div>逐年记录：{t.history.length ? t.history.map(yearTag) : '暂无'}</div>
                {t.periods.map((p) => <div key={p.id}>疫点期间：{p.declaredOn} 认定{p.documentNo ? `（${p.documentNo}）` : ''}{p.removedOn ? `，${p.removedOn} 拔除` : '，至今'}</div>)}
              </Space>
            ),
          }}
          columns={[
            { title: '乡镇', dataIndex: 'townName' },
            { title: '疫点状态', key: 'point', render: (_: unknown, t) => (t.isPoint ? <Tag color="red">疫点</Tag> : t.periods.length ? <Tag color="blue">已拔除</Tag> : <Tag>非疫点</Tag>) },
            { title: '认定日期', key: 'declared', render: (_: unknown, t) => t.periods.at(-1)?.declaredOn ?? '—' },
            { title: '最近发现疫情', dataIndex: 'lastDetectionYear', render: (y: number | null) => (y ? `${y} 年` : '—') },
            { title: '连续无疫情', dataIndex: 'clearYears', render: (n: number, t) => (t.isPoint || n ? `${n} 年` : '—') },
            { title: '近年记录', key: 'history', render: (_: unknown, t) => <Space size={2} wrap>{t.history.slice(0, 3).map(yearTag)}</Space> },
            {
              title: '拔除（摘牌）', key: 'removal', render: (_: unknown, t) => (t.removal === 'may_apply'
                ? <Space><Tag color="green" data-testid="may-apply">可申请拔除（摘牌）</Tag>{staff && <Button size="small" type="link" onClick={() => setRemoving(t)}>登记拔除</Button>}</Space>
                : <Typography.Text type="secondary">{t.label}</Typography.Text>),
            },
          ]} />
      </Space>
      {declaring && <DeclarePoint onClose={() => setDeclaring(false)} onSaved={() => { setDeclaring(false); void load(); void toast.success('已登记疫点'); }} />}
      {removing && <RemovePoint town={removing} onClose={() => setRemoving(null)} onSaved={() => { setRemoving(null); void load(); void toast.success('已登记拔除'); }} />}
      {targeting && <SetTarget year={board.year} onClose={() => setTargeting(false)} onSaved={() => { setTargeting(false); void load(); void toast.success('已保存目标'); }} />}
    </Card>
  );
}

function useSubmit(onSaved: () => void) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const run = async (send: (v: Record<string, unknown>) => Promise<unknown>) => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setSaving(true);
    try {
      await send(v);
      onSaved();
    } catch (e) {
      const errors = e instanceof Error && 'errors' in e ? (e as { errors: { field: string; message: string }[] }).errors : [];
      const first = Object.keys(form.getFieldsValue())[0]!;
      form.setFields(errors.length ? errors.map((x) => ({ name: x.field.split('/').pop()!, errors: [x.message] })) : [{ name: first, errors: [errorText(e)] }]);
    } finally {
      setSaving(false);
    }
  };
  return { form, saving, run };
}

function DeclarePoint({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { form, saving, run } = useSubmit(onSaved);
  return (
    <Modal open title="登记疫点（乡镇）" onCancel={onClose} okText="登记" confirmLoading={saving}
      onOk={() => void run((v) => api('POST', '/api/pests/epidemic-points', { unitCode: v.unitCode, declaredOn: (v.declaredOn as Dayjs).format('YYYY-MM-DD'), ...(v.documentNo ? { documentNo: v.documentNo } : {}) }))}>
      <Form form={form} layout="vertical" initialValues={{ declaredOn: shanghaiToday() }}>
        <Form.Item name="unitCode" label="乡镇" rules={[{ required: true, message: '请选择乡镇' }]}><UnitSelect /></Form.Item>
        <Form.Item name="declaredOn" label="认定日期" rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="documentNo" label="认定文号"><Input maxLength={100} /></Form.Item>
      </Form>
    </Modal>
  );
}

function RemovePoint({ town, onClose, onSaved }: { town: Town; onClose: () => void; onSaved: () => void }) {
  const { form, saving, run } = useSubmit(onSaved);
  const period = town.periods.find((p) => p.removedOn === null)!;
  return (
    <Modal open title={`登记拔除：${town.townName}`} onCancel={onClose} okText="登记拔除" confirmLoading={saving}
      onOk={() => void run((v) => api('POST', `/api/pests/epidemic-points/${period.id}/removal`, { removedOn: (v.removedOn as Dayjs).format('YYYY-MM-DD') }))}>
      <Typography.Paragraph>{town.label}。请在上级林业主管部门批准拔除（摘牌）后登记。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ removedOn: shanghaiToday() }}>
        <Form.Item name="removedOn" label="拔除日期" rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

function SetTarget({ year, onClose, onSaved }: { year: number; onClose: () => void; onSaved: () => void }) {
  const user = useUser();
  const { form, saving, run } = useSubmit(onSaved);
  return (
    <Modal open title={`设定 ${year} 年疫点目标`} onCancel={onClose} okText="保存" confirmLoading={saving}
      onOk={() => void run((v) => api('PUT', '/api/pests/epidemic/targets', { unitCode: v.unitCode, year, kind: v.kind, count: v.count, ...(v.source ? { source: v.source } : {}) }))}>
      <Form form={form} layout="vertical" initialValues={{ unitCode: user.scopeUnit.code, kind: 'remove_points', count: 1 }}>
        <Form.Item name="unitCode" label="区划" rules={[{ required: true }]}><UnitSelect /></Form.Item>
        <Form.Item name="kind" label="目标" rules={[{ required: true }]}>
          <Select options={[{ value: 'remove_points', label: '拔除疫点（个）' }, { value: 'keep_free', label: '巩固已拔除疫点（个）' }]} />
        </Form.Item>
        <Form.Item name="count" label="数量" rules={[{ required: true }]}><InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="source" label="目标来源"><Input maxLength={200} placeholder="如：2026 年工作要点 第 X 条" /></Form.Item>
      </Form>
    </Modal>
  );
}

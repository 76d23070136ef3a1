import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Result, Row, Space, Spin, Tag, Timeline, Typography, message } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import {
  deviceAlarmKindNames, fireSizeClass, fireSizeClassNames, fireSourceNames, fireStatusNames, fireTimerStates, type DeviceAlarmKind, type FireDetail, type FireSizeClass, type FireStatus,
  type FireTimerState,
} from '@linzhang/domain';
import { api, ApiError, formFieldOf } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { localTime } from '../../labels.ts';
import { ProblemStatusTag } from '../../components/ProblemTags.tsx';
import { openStatuses, problemStatusNames, type ProblemStatus } from '@linzhang/domain';
import { errorText, FireStatusTag, SizeClassTag, timerColours, timerStatusText } from './fire-labels.tsx';

/** The "135" timers recomputed every second from the record's step times (the same pure rule the server uses). */
function LiveTimers({ fire }: { fire: FireDetail }) {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date().toISOString()), 1000);
    return () => clearInterval(t);
  }, []);
  const timers = fireTimerStates(fire.timerRules, fire.steps, fire.status, now);
  return (
    <Card title="“135”处置计时" size="small" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }} title={fire.timerRules.source}>依据：规则配置（默认值未确认）</Typography.Text>}>
      <Row gutter={12}>
        {timers.map((t) => <Col key={t.name} xs={24} md={8}><TimerBox t={t} /></Col>)}
      </Row>
    </Card>
  );
}

function TimerBox({ t }: { t: FireTimerState }) {
  const colour = timerColours[t.status];
  const big = t.status === 'running' ? clock(t.remainingMinutes!) : t.status === 'breached' ? `+${clock(t.overrunMinutes!)}` : t.status === 'met' ? clock(t.elapsedMinutes!) : '—';
  return (
    <div data-testid="fire-timer" data-status={t.status} style={{ border: `2px solid ${colour}`, borderRadius: 8, padding: '8px 12px', marginBottom: 8, background: t.status === 'breached' && t.open ? '#fff1f0' : undefined }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>{t.name}</Typography.Text>
        <Tag color={colour}>{timerStatusText(t.status)}</Tag>
      </Space>
      <div style={{ fontSize: 26, fontVariantNumeric: 'tabular-nums', color: colour, lineHeight: '36px' }}>{big}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fireStatusNames[t.fromStep]} → {fireStatusNames[t.toStep]}，时限 {t.minutes} 分钟 · {t.label}
      </Typography.Text>
    </div>
  );
}

/** What a losses entry recorded, in a line. */
function lossesText(d: Record<string, unknown>): string {
  const n = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null);
  const parts = [
    n('burned_ha') !== null ? `过火 ${n('burned_ha')} 公顷` : null,
    n('forest_burned_ha') !== null ? `受害森林 ${n('forest_burned_ha')} 公顷` : null,
    typeof d.sizeClass === 'string' ? fireSizeClassNames[d.sizeClass as FireSizeClass] : null,
    n('economic_loss_yuan') !== null ? `经济损失 ${n('economic_loss_yuan')} 元` : null,
    n('deaths') ? `死亡 ${n('deaths')} 人` : null, n('injuries') ? `受伤 ${n('injuries')} 人` : null,
    typeof d.cause === 'string' ? `火因：${d.cause}` : null,
  ];
  return parts.filter(Boolean).join('，') || '无';
}

/** Minutes as m:ss (or h:mm:ss). */
function clock(minutes: number): string {
  const s = Math.round(minutes * 60);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

const stepButtonText = (s: FireStatus) => (s === 'false_alarm' ? '判为误报' : s === 'dismissed' ? '不予处置' : `记录“${fireStatusNames[s]}”`);

/** 火情处置 › 详情: the timeline, the live "135" timers, the next-step buttons, losses and size class, and the linked problem. */
export function FireDetailPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const user = useUser();
  const [toast, holder] = message.useMessage();
  const [fire, setFire] = useState<FireDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [step, setStep] = useState<FireStatus | null>(null);
  const load = useCallback(async () => {
    try {
      setFire(await api<FireDetail>('GET', `/api/fires/${id}`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else void toast.error(errorText(e));
    }
  }, [id, toast]);
  useEffect(() => void load(), [load]);
  if (missing) return <Result status="404" title="火情不存在或不在您的数据范围内" extra={<Button onClick={() => navigate('/fire/alarms')}>返回火情处置</Button>} />;
  if (!fire) return <Spin />;
  const ended = fire.status === 'false_alarm' || fire.status === 'dismissed';
  const device = fire.sourceData && typeof fire.sourceData.kind === 'string' ? deviceAlarmKindNames[fire.sourceData.kind as DeviceAlarmKind] : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Space>
        <Link to="/fire/alarms"><ArrowLeftOutlined /> 火情处置</Link>
      </Space>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>{fire.title}</Typography.Title>
            <FireStatusTag status={fire.status} />
            {!ended && <SizeClassTag sizeClass={fire.sizeClass} />}
          </Space>
          <Space wrap>
            {fire.nextSteps.map((s) => (
              <Button key={s} type={s === 'false_alarm' || s === 'dismissed' ? 'default' : 'primary'} danger={s === 'false_alarm'} onClick={() => setStep(s)}>{stepButtonText(s)}</Button>
            ))}
          </Space>
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }} items={[
          { key: 'unit', label: '村（社区）', children: fire.unitName },
          { key: 'source', label: '来源', children: `${fireSourceNames[fire.source]}${device ? `（${device}）` : ''}` },
          { key: 'pos', label: '位置', children: `${fire.lon.toFixed(5)}, ${fire.lat.toFixed(5)}` },
          { key: 'discovered', label: '发现时间', children: localTime(fire.discoveredAt) },
          { key: 'reporter', label: '报告人', children: `${fire.reporterName ?? '—'}${fire.reporterPhone ? ` ${fire.reporterPhone}` : ''}` },
          { key: 'problem', label: '关联问题', children: fire.problem ? <Space><Link to={`/problems/${fire.problem.id}`}>{fire.problem.title}</Link><ProblemStatusTag status={fire.problem.status as ProblemStatus} /></Space> : '—' },
          { key: 'desc', label: '描述', span: 3, children: fire.description },
          ...(fire.endReason ? [{ key: 'end', label: `${fireStatusNames[fire.status]}理由`, span: 3, children: fire.endReason }] : []),
        ]} />
      </Card>
      {fire.problem && (ended || fire.status === 'out') && openStatuses.includes(fire.problem.status as ProblemStatus) && (
        <Alert type="warning" showIcon data-testid="fire-problem-open"
          title={<span>{ended ? `火情已${fireStatusNames[fire.status]}` : '火已扑灭'}，关联问题仍为“{problemStatusNames[fire.problem.status as ProblemStatus]}”：
            {!ended ? '请在问题页提交处置结果，核查后销号'
              : ['reported', 'accepted'].includes(fire.problem.status) ? '请有权限的人员在问题页作“不予受理”处理' : '请承办人在问题页说明情况后办结'}。<Link to={`/problems/${fire.problem.id}`}>去办理</Link></span>} />
      )}
      <LiveTimers fire={fire} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="处置时间线" size="small">
            <Timeline items={fire.events.map((e) => ({
              color: e.kind === 'alarm' ? 'red' : e.kind === 'losses' ? 'gray' : e.step === 'false_alarm' ? 'blue' : 'green',
              children: (
                <div data-testid="fire-event">
                  <Typography.Text strong>{e.kind === 'step' ? fireStatusNames[e.step!] : e.kind === 'alarm' ? '设备再次报警' : '登记损失'}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{localTime(e.at)}</Typography.Text>
                  <div style={{ fontSize: 13 }}>{[e.person, e.userName && e.userName !== e.person ? `（录入：${e.userName}）` : null].filter(Boolean).join('')}{e.note ? `：${e.note}` : ''}{e.kind === 'losses' && e.data ? `：${lossesText(e.data)}` : ''}</div>
                </div>
              ),
            }))} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {!ended && <LossesCard fire={fire} onSaved={(f) => { setFire(f); void toast.success('已保存'); }} />}
        </Col>
      </Row>
      {step && <StepModal fire={fire} step={step} name={user.name} onClose={() => setStep(null)} onSaved={(f) => { setStep(null); setFire(f); void toast.success(`已记录“${fireStatusNames[step]}”`); }} />}
    </Space>
  );
}

function StepModal(props: { fire: FireDetail; step: FireStatus; name: string; onClose: () => void; onSaved: (f: FireDetail) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ending = props.step === 'false_alarm' || props.step === 'dismissed';
  const save = async (v: { at: Dayjs; person: string; note?: string; reason?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      props.onSaved(await api<FireDetail>('POST', `/api/fires/${props.fire.id}/steps`, {
        version: props.fire.version, step: props.step, at: v.at.toISOString(), person: v.person.trim(),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      }));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name && x.name !== 'step' && x.name !== 'version'));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={stepButtonText(props.step)} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={busy} okText="确定" cancelText="取消">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ at: dayjs(), person: props.name }}>
        <Form.Item name="at" label="时间" rules={[{ required: true, message: '请填写时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="person" label="处置人" rules={[{ required: true, whitespace: true, message: '请填写处置人' }]}><Input /></Form.Item>
        {ending
          ? <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请写明理由' }]}><Input.TextArea rows={2} /></Form.Item>
          : <Form.Item name="note" label="说明"><Input.TextArea rows={2} placeholder={props.step === 'dispatched' ? '出动队伍、人数' : ''} /></Form.Item>}
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Modal>
  );
}

function LossesCard({ fire, onSaved }: { fire: FireDetail; onSaved: (f: FireDetail) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const forest = Form.useWatch('forestBurnedHa', form) as number | null | undefined;
  const burned = Form.useWatch('burnedHa', form) as number | null | undefined;
  useEffect(() => {
    form.setFieldsValue({ burnedHa: fire.burnedHa, forestBurnedHa: fire.forestBurnedHa, deaths: fire.deaths, injuries: fire.injuries, economicLossYuan: fire.economicLossYuan, lossNote: fire.lossNote, cause: fire.cause });
  }, [fire, form]);
  const save = async (v: Record<string, number | string | null | undefined>) => {
    setBusy(true);
    setProblem(null);
    try {
      const body = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === undefined || x === '' ? null : x]));
      onSaved(await api<FireDetail>('PUT', `/api/fires/${fire.id}/losses`, { version: fire.version, ...body }));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name && x.name !== 'version'));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const preview = fireSizeClass(forest ?? burned ?? null);
  return (
    <Card title="损失与火灾等级" size="small" extra={<Space>按受害森林面积定级：<SizeClassTag sizeClass={preview} /></Space>}>
      <Form form={form} layout="vertical" disabled={!fire.canHandle} onFinish={(v) => void save(v)}>
        <Space wrap>
          <Form.Item name="burnedHa" label="过火面积（公顷）"><InputNumber min={0} step={0.1} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="forestBurnedHa" label="受害森林面积（公顷）"><InputNumber min={0} step={0.1} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="economicLossYuan" label="经济损失（元）"><InputNumber min={0} step={1000} style={{ width: 150 }} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="deaths" label="死亡（人）"><InputNumber min={0} precision={0} style={{ width: 100 }} /></Form.Item>
          <Form.Item name="injuries" label="受伤（人）"><InputNumber min={0} precision={0} style={{ width: 100 }} /></Form.Item>
          <Form.Item name="cause" label="起火原因"><Input style={{ width: 200 }} placeholder="如 农事用火、祭祀用火、雷击" /></Form.Item>
        </Space>
        <Form.Item name="lossNote" label="损失说明"><Input.TextArea rows={2} /></Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>火灾等级（DOMAIN.md §5）：受害森林面积 &lt;1 公顷 一般，1–100 公顷 较大，100–1000 公顷 重大，≥1000 公顷 特别重大。</Typography.Paragraph>
        {fire.canHandle && <Button type="primary" htmlType="submit" loading={busy}>保存损失</Button>}
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" style={{ marginTop: 12 }} />}
    </Card>
  );
}

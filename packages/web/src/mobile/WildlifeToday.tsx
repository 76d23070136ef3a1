import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { WildlifeReportDayState } from '@linzhang/domain';
import { api } from '../api/client.ts';
import { useCurrentPosition } from '../components/useCurrentPosition.ts';
import { shanghaiToday } from '../shanghai-date.ts';
import type { Calendar, Station } from '../pages/pests/wildlife-types.ts';
import { queuedWildlifeReports, queueWildlifeReport, WildlifeReportRefused, type MyStation, type QueuedWildlifeReport } from './wildlife-report.ts';

/** What the phone last heard about one station's day: kept so the card still says something offline. */
interface StationDay extends MyStation {
  date: string;
  state: WildlifeReportDayState;
  zero: boolean | null;
  deadTotal: number;
  cutoff: string; // HH:MM Shanghai
  missedThisMonth: number;
}

const cacheKey = (userId: string) => `linzhang.wildlife.${userId}`;
const commonSpecies = ['白鹭', '苍鹭', '野鸭', '黑水鸡', '斑鸠', '麻雀', '野猪', '猕猴', '小麂', '红腹锦鸡', '灰胸竹鸡'].map((value) => ({ value }));

/** Before the cut-off a day not yet reported is still to do (待报); after it, missed (缺报) until it is sent. */
const unreportedState = (date: string, cutoff: string, now: number): WildlifeReportDayState =>
  now <= Date.parse(`${date}T${cutoff}:00+08:00`) ? 'pending' : 'missing';

function stateTag(day: StationDay, queued: QueuedWildlifeReport | undefined, now: number) {
  if (queued && !queued.error) return <Tag color="orange">已保存，待上传</Tag>;
  const state = day.state === 'reported' || day.state === 'late' ? day.state : unreportedState(day.date, day.cutoff, now);
  if (state === 'reported' || state === 'late') {
    const what = day.zero ? '零报告' : day.deadTotal > 0 ? `有观测，异常死亡 ${day.deadTotal} 只` : '有观测';
    return <Tag color={state === 'late' ? 'gold' : 'green'}>今日已报（{what}{state === 'late' ? '，迟报' : ''}）</Tag>;
  }
  return state === 'pending' ? <Tag color="blue">待报 · {day.cutoff} 前</Tag> : <Tag color="red">已过 {day.cutoff} 截止，请尽快报送</Tag>;
}

/**
 * 疫源疫病日报 on the phone (DOMAIN.md §7: every station reports daily, zero reports included): today's state of each
 * station the user reports for, a one-tap 零报告 and a form for what was seen. Reports go through the outbox like
 * everything else recorded in the field, so they are made on the mountain and sent when there is a signal.
 */
export function WildlifeToday(props: { userId: string; refresh: number; onQueued: () => void }) {
  const [days, setDays] = useState<StationDay[]>(() => {
    try {
      const cached: unknown = JSON.parse(localStorage.getItem(cacheKey(props.userId)) ?? '[]');
      return Array.isArray(cached) ? (cached as StationDay[]) : [];
    } catch {
      return []; // a damaged cache: the next answer from the server replaces it
    }
  });
  const [queued, setQueued] = useState<QueuedWildlifeReport[]>([]);
  const [reporting, setReporting] = useState<StationDay | null>(null);
  const [local, setLocal] = useState(0); // bumps when this card queued something
  const [failure, setFailure] = useState<string | null>(null);
  // Stations whose report is being put in the outbox: their buttons go at once, so a second tap cannot queue a twin.
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const today = shanghaiToday().format('YYYY-MM-DD');
  const now = Date.now();

  useEffect(() => {
    if (!navigator.onLine) return;
    void (async () => {
      const mine = (await api<Station[]>('GET', '/api/wildlife/stations')).filter((s) =>
        s.reporters.some((r) => r.id === props.userId) && s.activeFrom <= today && (s.activeTo === null || s.activeTo >= today));
      const out: StationDay[] = [];
      for (const s of mine) {
        const calendar = await api<Calendar>('GET', `/api/wildlife/stations/${s.id}/calendar?month=${today.slice(0, 7)}`);
        const day = calendar.days.find((d) => d.date === today);
        out.push({
          id: s.id, name: s.name, unitName: s.unitName, activeFrom: s.activeFrom, activeTo: s.activeTo, date: today,
          state: day?.state ?? 'pending', zero: day?.zero ?? null, deadTotal: day?.deadTotal ?? 0, cutoff: calendar.cutoff, missedThisMonth: calendar.counts.missing,
        });
      }
      setDays(out);
      localStorage.setItem(cacheKey(props.userId), JSON.stringify(out));
    })().catch(() => undefined);
  }, [props.userId, props.refresh, local, today]);

  useEffect(() => {
    void queuedWildlifeReports(props.userId).then(setQueued, () => undefined);
  }, [props.userId, props.refresh, local]);

  // A day cached yesterday says nothing about today: it is today's, unreported, unless the outbox has it.
  const shown = days.map((d) => (d.date === today ? d : { ...d, date: today, state: 'pending' as const, zero: null, deadTotal: 0 }))
    .filter((d) => d.activeFrom <= today && (d.activeTo === null || d.activeTo >= today));
  if (shown.length === 0) return null;

  const queue = async (day: StationDay, report: Parameters<typeof queueWildlifeReport>[3]) => {
    setSaving((s) => new Set(s).add(day.id));
    try {
      await queueWildlifeReport(props.userId, day, today, report);
      // The outbox is read back before the buttons may come back.
      setQueued(await queuedWildlifeReports(props.userId));
      setLocal((n) => n + 1);
      props.onQueued();
    } finally {
      setSaving((s) => { const next = new Set(s); next.delete(day.id); return next; });
    }
  };
  const zeroReport = (day: StationDay) => void queue(day, { stationId: day.id, date: today, zero: true, observations: [] })
    .then(() => setFailure(null), (e: unknown) => setFailure(e instanceof Error ? `保存失败：${e.message}` : '保存失败'));

  return (
    <Card size="small" title={`疫源疫病日报 · 今日 ${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`} data-testid="wildlife-today">
      {failure && <Alert type="error" title={failure} style={{ marginBottom: 8 }} />}
      {shown.map((day) => {
        const mine = queued.filter((q) => q.stationId === day.id && q.date === today);
        const waiting = mine.find((q) => !q.error);
        const refused = mine.find((q) => q.error);
        const done = day.state === 'reported' || day.state === 'late' || waiting !== undefined || saving.has(day.id);
        return (
          <div key={day.id} data-testid="wildlife-station" data-station={day.id} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <Typography.Text strong>{day.name}</Typography.Text>
              <span data-testid="wildlife-state">{stateTag(day, waiting, now)}</span>
            </div>
            {day.missedThisMonth > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>本月已缺报 {day.missedThisMonth} 天（缺报日可在电脑端补报）</Typography.Text>}
            {refused && !done && <Alert type="error" showIcon style={{ margin: '4px 0' }} title={`上次报送被拒收：${refused.error}`} />}
            {!done && (
              <Space.Compact block style={{ marginTop: 6 }}>
                <Popconfirm title="确认今日未发现野生动物异常情况？" okText="确认零报告" cancelText="取消" onConfirm={() => zeroReport(day)}>
                  <Button style={{ width: '50%' }}>零报告</Button>
                </Popconfirm>
                <Button style={{ width: '50%' }} onClick={() => setReporting(day)}>有发现…</Button>
              </Space.Compact>
            )}
          </div>
        );
      })}
      <SightingModal day={reporting} onClose={() => setReporting(null)} queue={async (day, report) => { await queue(day, report); setReporting(null); }} />
    </Card>
  );
}

interface SightingValues {
  observations?: { species?: string; count?: number | null; dead?: number | null; note?: string }[];
  note?: string;
}

/** What the station saw today: species, how many, how many of them dead (those become a problem in the closed loop). */
function SightingModal(props: { day: StationDay | null; onClose: () => void; queue: (day: StationDay, report: Parameters<typeof queueWildlifeReport>[3]) => Promise<void> }) {
  const [form] = Form.useForm<SightingValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { position } = useCurrentPosition(props.day !== null);
  const listed = Form.useWatch('observations', form);
  const anyDead = (listed ?? []).some((o) => (o?.dead ?? 0) > 0);
  const close = useCallback(() => { setError(null); props.onClose(); }, [props]);
  // The fields the last check named are cleared by the next change (fixing the count can mend the dead's error).
  const namedFields = useRef<['observations', number, 'species' | 'count' | 'dead'][]>([]);
  const clearNamed = () => {
    if (!namedFields.current.length) return;
    form.setFields(namedFields.current.map((name) => ({ name, errors: [] })));
    namedFields.current = [];
  };

  const submit = (v: SightingValues) => void (async () => {
    const day = props.day;
    if (!day) return;
    setBusy(true);
    setError(null);
    try {
      await props.queue(day, {
        stationId: day.id, date: day.date, zero: false,
        observations: (v.observations ?? []).map((o) => ({ species: o.species?.trim() ?? '', count: o.count ?? 0, dead: o.dead ?? 0, ...(o.note?.trim() ? { note: o.note.trim() } : {}) })),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(position ? { lon: position.lon, lat: position.lat } : {}),
      });
      form.resetFields();
    } catch (e) {
      if (e instanceof WildlifeReportRefused) {
        // /observations/0/dead → the form's ['observations', 0, 'dead']
        const named = e.findings.map((f) => ({ f, m: /^\/observations\/(\d+)\/(species|count|dead)$/.exec(f.field) }));
        const fields = named.filter((x) => x.m).map((x) => x.f);
        const marked = named.flatMap(({ f, m }) => (m ? [{ name: ['observations', Number(m[1]), m[2] as 'species' | 'count' | 'dead'] as ['observations', number, 'species' | 'count' | 'dead'], errors: [f.message] }] : []));
        form.setFields(marked);
        namedFields.current = marked.map((x) => x.name);
        const rest = e.findings.filter((f) => !fields.includes(f));
        setError(rest.length ? rest.map((f) => f.message).join('；') : null);
      } else {
        setError(e instanceof Error ? `保存失败：${e.message}` : '保存失败');
      }
    } finally {
      setBusy(false);
    }
  })();

  return (
    <Modal title={props.day ? `${props.day.name} · 今日观测` : '今日观测'} open={props.day !== null} onCancel={close} okText="保存日报" cancelText="取消"
      confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {anyDead && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="发现异常死亡：请勿徒手接触，做好防护、拍照并封控现场；报送后自动转为问题，进入闭环处置" />}
      <Form form={form} layout="vertical" initialValues={{ observations: [{ dead: 0 }] }} onFinish={submit} onValuesChange={clearNamed}>
        <Form.List name="observations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={`第 ${i + 1} 条`}
                  extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={`删除第 ${i + 1} 条`} />}>
                  <Form.Item name={[f.name, 'species']} label="物种" rules={[{ required: true, whitespace: true, message: '请填写物种' }, { max: 50 }]}>
                    <AutoComplete options={commonSpecies} placeholder="如 白鹭" aria-label={`物种 ${i + 1}`} filterOption={(input, o) => (o?.value ?? '').includes(input)} />
                  </Form.Item>
                  <Space.Compact block>
                    <Form.Item name={[f.name, 'count']} label="数量（只）" rules={[{ required: true, message: '请填写数量' }]} style={{ width: '50%' }}>
                      <InputNumber min={1} precision={0} inputMode="numeric" style={{ width: '100%' }} aria-label={`数量 ${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dead']} label="其中异常死亡（只）" style={{ width: '50%' }}>
                      <InputNumber min={0} precision={0} inputMode="numeric" style={{ width: '100%' }} aria-label={`异常死亡 ${i + 1}`} />
                    </Form.Item>
                  </Space.Compact>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ dead: 0 })} style={{ marginBottom: 12 }}>再加一种</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label="说明" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} placeholder="如：水库北岸，鸟群正常觅食" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

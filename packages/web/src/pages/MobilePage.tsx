import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge, Button, Card, Form, Input, Modal, Select, Space, Statistic, Tag, Typography, message } from 'antd';
import { AlertOutlined, BugOutlined, CloudUploadOutlined, EyeOutlined, FireOutlined, LogoutOutlined, PauseOutlined, CaretRightOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useNavigate } from 'react-router-dom';
import { useAuth, useUser } from '../auth.tsx';
import { outbox } from '../mobile/outbox.ts';
import { syncOutbox, lastSent } from '../mobile/sync.ts';
import { PatrolRecorder, type ActivePatrol } from '../mobile/recorder.ts';
import { ReportProblemModal } from '../mobile/ReportProblemModal.tsx';
import { ReportFireModal } from '../mobile/ReportFireModal.tsx';
import { ReportDeadTreeModal } from '../mobile/ReportDeadTreeModal.tsx';
import { WildlifeToday } from '../mobile/WildlifeToday.tsx';
import { api } from '../api/client.ts';
import type { ComplianceRow } from '../api/patrol-types.ts';
import type { UnitDetail } from '../api/types.ts';
import { dutyStatusLabels, options, periodLabels } from '../labels.ts';
import { observationKindNames } from '@linzhang/domain';
import { unitBounds } from '../components/map-style.ts';

maplibregl.setWorkerUrl(workerUrl);

const two = (n: number) => String(n).padStart(2, '0');
const elapsed = (ms: number) => `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}`;

type MyDuty = ComplianceRow & { duty: 'patrol' | 'report' };
const dutiesKey = (userId: string) => `linzhang.duties.${userId}`;

/** This period's duties and how far along they are; the last answer is kept for when the phone is offline. */
function MyDuties({ userId, refresh }: { userId: string; refresh: number }) {
  const [rows, setRows] = useState<MyDuty[]>(() => JSON.parse(localStorage.getItem(dutiesKey(userId)) ?? '[]') as MyDuty[]);
  useEffect(() => {
    if (!navigator.onLine) return;
    void api<{ rows: MyDuty[] }>('GET', '/api/compliance/mine').then((r) => {
      setRows(r.rows);
      localStorage.setItem(dutiesKey(userId), JSON.stringify(r.rows));
    }, () => undefined);
  }, [userId, refresh]);
  if (rows.length === 0) return null;
  return (
    <Card size="small" data-testid="my-duties">
      {rows.map((r) => {
        const hoursLeft = Math.max(0, Math.round((Date.parse(r.current.end) - Date.now()) / 3_600_000));
        const status = dutyStatusLabels[r.current.status]!;
        return (
          <div key={`${r.duty}-${r.postId}`} style={{ display: 'flex', justifyContent: 'space-between', padding: '2px 0' }}>
            <span>本{periodLabels[r.rule.period] ?? r.rule.period}{r.duty === 'patrol' ? '巡林' : '报告'} {r.current.done}/{r.current.required} 次</span>
            <span>
              <Tag color={status.color}>{status.text}</Tag>
              {r.current.remind && <Tag color="gold">{hoursLeft >= 24 ? `剩 ${Math.floor(hoursLeft / 24)} 天` : `剩 ${hoursLeft} 小时`}</Tag>}
            </span>
          </div>
        );
      })}
    </Card>
  );
}

/** How many problems wait for this user (assigned to them to handle); rechecked after each sync that sent something. */
function useProblemTodo(refresh: number): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!navigator.onLine) return;
    void api<{ total: number }>('GET', '/api/problems?todo=true&limit=1').then((r) => setCount(r.total), () => undefined);
  }, [refresh]);
  return count;
}

/** The ranger's phone page (/m): one-tap patrol recording that works offline and syncs when it can. */
export function MobilePage() {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [patrol, setPatrol] = useState<ActivePatrol | null>(null);
  const [queue, setQueue] = useState({ mine: 0, failed: 0, others: 0 });
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [synced, setSynced] = useState(0); // bumps after a sync that sent something: duties may have changed
  const [observing, setObserving] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [reportingFire, setReportingFire] = useState(false);
  const [registeringTree, setRegisteringTree] = useState(false);
  const todo = useProblemTodo(synced);
  const [observeForm] = Form.useForm();
  const [now, setNow] = useState(Date.now());
  const recorder = useRef<PatrolRecorder | null>(null);
  const mapBox = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [toast, toastHolder] = message.useMessage();

  const refreshQueue = useCallback(() => void outbox.counts(user.id).then(setQueue), [user.id]);

  const sync = useCallback(async () => {
    if (!navigator.onLine) return;
    setSyncing(true);
    const outcome = await syncOutbox(user.id);
    setSyncing(false);
    if (outcome === 'unauthorised') void toast.warning('登录已过期，请重新登录后上传');
    if (outcome === 'done' && lastSent > 0) setSynced((n) => n + 1);
    refreshQueue();
  }, [user.id, refreshQueue, toast]);

  useEffect(() => {
    const r = new PatrolRecorder(
      user.id,
      (state, queued) => {
        setPatrol(state);
        if (queued) {
          refreshQueue();
          void sync();
        }
      },
      (m) => void toast.error(m),
    );
    recorder.current = r;
    setPatrol(r.state ? { ...r.state } : null);
    refreshQueue();
    void sync();
    const goOnline = () => { setOnline(true); void sync(); };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const retry = setInterval(() => void sync(), 15_000);
    return () => {
      r.dispose();
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      clearInterval(tick);
      clearInterval(retry);
    };
  }, [user.id, refreshQueue, sync, toast]);

  useEffect(() => {
    if (!mapBox.current) return;
    const m = new maplibregl.Map({
      container: mapBox.current,
      attributionControl: false,
      center: [108.77, 28.84],
      zoom: 15, // a patrol covers a few hundred metres to a few kilometres
      style: {
        version: 8,
        sources: {
          units: { type: 'vector', tiles: [`${location.origin}/api/tiles/units/{z}/{x}/{y}.pbf`], maxzoom: 16 },
          areas: { type: 'vector', tiles: [`${location.origin}/api/tiles/areas/{z}/{x}/{y}.pbf`], minzoom: 10, maxzoom: 16 },
          track: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f4f7f2' } },
          { id: 'grids', type: 'line', source: 'areas', 'source-layer': 'areas', filter: ['==', ['get', 'kind'], 'grid'], paint: { 'line-color': '#6b9f6a', 'line-dasharray': [2, 2] } },
          { id: 'village', type: 'line', source: 'units', 'source-layer': 'units', paint: { 'line-color': '#1f6f3b', 'line-width': 1.5 } },
          { id: 'track', type: 'line', source: 'track', paint: { 'line-color': '#d4380d', 'line-width': 4 } },
        ],
      },
    });
    map.current = m;
    // Open on the user's own area; the track takes over once recording starts.
    if (navigator.onLine) {
      void api<UnitDetail>('GET', `/api/units/${user.scopeUnit.code}`).then((u) => {
        const b = unitBounds(u);
        if (b && map.current === m) m.fitBounds(b, { padding: 16, animate: false });
      }, () => undefined);
    }
    return () => { m.remove(); map.current = null; };
  }, [user.scopeUnit.code]);

  useEffect(() => {
    const m = map.current;
    const track = patrol?.track ?? [];
    const source = m?.getSource('track') as GeoJSONSource | undefined;
    source?.setData({ type: 'FeatureCollection', features: track.length > 1 ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: track } }] : [] });
    const last = track[track.length - 1];
    if (m && last) m.easeTo({ center: last, zoom: Math.max(m.getZoom(), 15), duration: 300 });
  }, [patrol]);

  // What every field report's modal needs from the page: who reports, on which patrol, and its last position.
  const field = { userId: user.id, person: user.name, patrolId: patrol?.patrolId ?? null, lastFix: patrol?.track[patrol.track.length - 1] ?? null };
  /** After a field report went into the outbox: close its form, say where it stands, and try to send it now. */
  const queued = (sending: string, waiting: string, close?: () => void) => () => {
    close?.();
    void toast.success(online ? sending : waiting);
    refreshQueue();
    void sync();
  };
  const act = (f: () => Promise<void>) => () => void f().catch((e: unknown) => toast.error(e instanceof Error ? e.message : '操作失败'));

  return (
    <div style={{ maxWidth: 520, margin: '0 auto', padding: 12, minHeight: '100vh', display: 'flex', flexDirection: 'column', gap: 12 }}>
      {toastHolder}
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>巡林 · {user.name}</Typography.Title>
        <Space>
          <Tag color={online ? 'green' : 'default'} data-testid="online-state">{online ? '在线' : '离线'}</Tag>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout().then(() => navigate('/login?next=/m'))}>退出</Button>
        </Space>
      </Space>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Badge count={queue.mine} showZero color={queue.mine ? '#fa8c16' : '#52c41a'} overflowCount={9999}>
            <span data-testid="queue-count" data-count={queue.mine} style={{ paddingRight: 12 }}>待上传</span>
          </Badge>
          {queue.failed > 0 && <Tag icon={<WarningOutlined />} color="red">{queue.failed} 条被服务器拒收</Tag>}
          {queue.others > 0 && <Tag>其他账号待上传 {queue.others} 条</Tag>}
          <Button size="small" icon={<CloudUploadOutlined />} loading={syncing} disabled={!online} onClick={() => void sync()}>立即同步</Button>
        </Space>
      </Card>
      <MyDuties userId={user.id} refresh={synced} />
      <WildlifeToday
        userId={user.id}
        refresh={synced}
        onQueued={queued('日报已保存，正在报送', '日报已保存，联网后自动报送')}
      />
      <div ref={mapBox} style={{ height: 260, borderRadius: 8, overflow: 'hidden' }} />
      <Card size="small">
        <Space size="large">
          <Statistic title="用时" value={patrol ? elapsed(now - patrol.startedAt) : '—'} />
          <Statistic title="里程" value={patrol ? (patrol.distanceM / 1000).toFixed(2) : '—'} suffix={patrol ? '公里' : ''} />
          <div data-testid="fix-count" data-count={patrol?.fixes ?? 0}><Statistic title="定位点" value={patrol ? patrol.fixes : '—'} /></div>
        </Space>
        {patrol?.paused && <Tag color="orange" style={{ marginTop: 8 }}>已暂停</Tag>}
      </Card>
      {!patrol ? (
        <Button type="primary" size="large" block style={{ height: 64, fontSize: 22 }} onClick={act(() => recorder.current!.start())}>开始巡林</Button>
      ) : (
        <Space.Compact block>
          {patrol.paused ? (
            <Button size="large" style={{ height: 64, width: '50%' }} icon={<CaretRightOutlined />} onClick={act(() => recorder.current!.resume())}>继续</Button>
          ) : (
            <Button size="large" style={{ height: 64, width: '50%' }} icon={<PauseOutlined />} onClick={act(() => recorder.current!.pause())}>暂停</Button>
          )}
          <Button danger type="primary" size="large" style={{ height: 64, width: '50%' }} icon={<StopOutlined />} onClick={act(() => recorder.current!.end())}>结束巡林</Button>
        </Space.Compact>
      )}
      <Button size="large" block icon={<EyeOutlined />} disabled={!patrol || patrol.paused || patrol.track.length === 0} onClick={() => { observeForm.resetFields(); setObserving(true); }}>
        记录发现
      </Button>
      <Button size="large" block icon={<AlertOutlined />} onClick={() => setReporting(true)}>上报问题</Button>
      <Button size="large" block icon={<BugOutlined />} onClick={() => setRegisteringTree(true)}>登记枯死松树</Button>
      <Button size="large" block danger icon={<FireOutlined />} onClick={() => setReportingFire(true)}>报告火情</Button>
      {todo > 0 && <Button type="link" block onClick={() => navigate('/problems')} data-testid="problem-todo">待我处理的问题 {todo} 件 →</Button>}
      <ReportProblemModal
        open={reporting}
        {...field}
        onClose={() => setReporting(false)}
        onQueued={queued('已保存，正在上报', '已保存，联网后自动上报', () => setReporting(false))}
      />
      <ReportDeadTreeModal
        open={registeringTree}
        {...field}
        onClose={() => setRegisteringTree(false)}
        onQueued={queued('已保存，正在登记', '已保存，联网后自动登记', () => setRegisteringTree(false))}
      />
      <ReportFireModal
        open={reportingFire}
        {...field}
        onClose={() => setReportingFire(false)}
        onQueued={queued('火情已保存，正在报告', '火情已保存，联网后自动报告', () => setReportingFire(false))}
      />
      <Modal title="记录发现（当前位置）" open={observing} okText="记录" cancelText="取消" onCancel={() => setObserving(false)} onOk={() => observeForm.submit()}>
        <Form form={observeForm} layout="vertical" initialValues={{ kind: 'wildlife' }}
          onFinish={(v: { kind: string; note?: string }) => {
            setObserving(false);
            act(() => recorder.current!.observe(v.kind, v.note?.trim() ?? ''))();
          }}>
          <Form.Item name="kind" label="类别"><Select options={options(observationKindNames)} /></Form.Item>
          <Form.Item name="note" label="说明" rules={[{ max: 2000 }]}><Input.TextArea rows={3} placeholder="如：野猪拱食痕迹三处" /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { shanghaiToday } from '../shanghai-date.ts';
import { api, ApiError } from '../api/client.ts';
import { useUser } from '../auth.tsx';
import { periodLabels, postLevelNames, postRoleNames } from '../labels.ts';
import type { CarbonParameters, DeviceRules, FireDangerLevelTable, ProblemDeadlineRules } from '@linzhang/domain';
import { ProblemDeadlineRulesCard } from './ProblemDeadlineRulesCard.tsx';
import { FireDangerLevelsCard } from './FireDangerLevelsCard.tsx';
import { FireBanRulesCard, ForestEntryRulesCard } from './FireRulesCards.tsx';
import { FireResponseTimersCard } from './fire/FireResponseTimersCard.tsx';
import { DeviceRulesCard } from './DeviceRulesCard.tsx';
import { CarbonParametersCard } from './carbon/CarbonParametersCard.tsx';

type TrackRules = Record<string, number>;
interface DutyRule { role: string; level: string; duty: string; count: number; period: string; source: string }
interface Overview<B> { inForce: B; defaults: B; versions: { id: string; effectiveFrom: string; note: string | null; createdAt: string }[] }

// What each track threshold means, in the bureau's words; every one is an unconfirmed default (DOMAIN.md [U]).
const trackLabels: Record<string, string> = {
  maxAccuracyM: '定位精度差于（米）的点剔除',
  maxSpeedMps: '两点间速度超过（米/秒）视为跳点',
  movingSpeedMps: '不低于此速度（米/秒）计为移动',
  vehicleSpeedMps: '持续高于（米/秒）视为乘车',
  vehicleMinSeconds: '高速持续（秒）才标记乘车',
  minDurationMinutes: '有效巡林最短时长（分钟）',
  minDistanceM: '有效巡林最短里程（米）',
  minInAreaShare: '责任区内最低比例（0–1）',
  duplicateToleranceM: '轨迹雷同判定距离（米）',
};
const dutyNames: Record<string, string> = { patrol: '巡林', report: '报告' };

function VersionList({ versions }: { versions: Overview<unknown>['versions'] }) {
  if (versions.length === 0) return <Typography.Text type="secondary">尚无版本：使用系统默认值。</Typography.Text>;
  return (
    <Space wrap>
      {versions.map((v) => <Tag key={v.id} title={v.note ?? ''}>{v.effectiveFrom} 起{v.note ? `：${v.note}` : ''}</Tag>)}
    </Space>
  );
}

/** 系统管理 › 规则配置: the versioned rule sets, each new version in force from a date (administrators only). */
export function RulesPage() {
  const user = useUser();
  const admin = user.roles.includes('admin');
  const [track, setTrack] = useState<Overview<TrackRules> | null>(null);
  const [duty, setDuty] = useState<Overview<DutyRule[]> | null>(null);
  const [deadlines, setDeadlines] = useState<Overview<ProblemDeadlineRules> | null>(null);
  const [fireLevels, setFireLevels] = useState<Overview<FireDangerLevelTable> | null>(null);
  const [devices, setDevices] = useState<Overview<DeviceRules> | null>(null);
  const [carbon, setCarbon] = useState<Overview<CarbonParameters> | null>(null);
  const [trackForm] = Form.useForm();
  const [dutyForm] = Form.useForm();
  const [toast, holder] = message.useMessage();
  const [saved, setSaved] = useState(0);

  const load = useCallback(async () => {
    // One round of requests, and the forms filled in the same render as their tables appear: a value typed into a
    // row already shown is never overwritten by a later answer.
    const [t, d, p, fl, dev, c] = await Promise.all([
      api<Overview<TrackRules>>('GET', '/api/rules/track_rules'), api<Overview<DutyRule[]>>('GET', '/api/rules/duty_rules'),
      api<Overview<ProblemDeadlineRules>>('GET', '/api/rules/problem_deadlines'), api<Overview<FireDangerLevelTable>>('GET', '/api/rules/fire_danger_levels'),
      api<Overview<DeviceRules>>('GET', '/api/rules/device_rules'), api<Overview<CarbonParameters>>('GET', '/api/rules/carbon_parameters'),
    ]);
    trackForm.setFieldsValue({ ...t.inForce, effectiveFrom: shanghaiToday() });
    dutyForm.setFieldsValue({ counts: d.inForce.map((r) => r.count), periods: d.inForce.map((r) => r.period), sources: d.inForce.map((r) => r.source), effectiveFrom: shanghaiToday() });
    setTrack(t);
    setDuty(d);
    setDeadlines(p);
    setFireLevels(fl);
    setDevices(dev);
    setCarbon(c);
  }, [trackForm, dutyForm]);
  useEffect(() => void load(), [load]);

  const save = async (url: string, body: unknown) => {
    try {
      await api('POST', url, body);
      void toast.success('已保存新版本');
      void load();
      setSaved((n) => n + 1);
    } catch (e) {
      void toast.error(e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors[0].message}` : ''}` : '保存失败');
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {holder}
      {!admin && <Alert type="info" title="只有系统管理员可以新增规则版本；这里显示现行规则。" />}
      <Card title="巡林轨迹判定规则" extra={track && <VersionList versions={track.versions} />}>
        {track && (
          <Form form={trackForm} layout="vertical" disabled={!admin}
            onFinish={(v: Record<string, unknown>) => void save('/api/rules/track_rules', {
              effectiveFrom: (v.effectiveFrom as dayjs.Dayjs).format('YYYY-MM-DD'),
              note: v.note || undefined,
              body: Object.fromEntries(Object.keys(trackLabels).map((k) => [k, Number(v[k])])),
            })}>
            <Table size="small" pagination={false} rowKey="key"
              dataSource={Object.keys(trackLabels).map((key) => ({ key }))}
              columns={[
                { title: '规则', dataIndex: 'key', render: (k: string) => trackLabels[k] },
                { title: '现行值', dataIndex: 'key', render: (k: string) => <Form.Item name={k} noStyle rules={[{ required: true }]}><InputNumber min={0} step={0.1} /></Form.Item> },
                { title: '系统默认（未经确认，可按本地规定修改）', dataIndex: 'key', render: (k: string) => <Typography.Text type="secondary">{Number(track.defaults[k]).toFixed(2).replace(/\.?0+$/, '')}</Typography.Text> },
              ]} />
            {admin && (
              <Space style={{ marginTop: 16 }} wrap>
                <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isBefore(shanghaiToday(), 'day')} /></Form.Item>
                <Form.Item name="note" label="依据或说明"><Input style={{ width: 320 }} placeholder="如 县林业局2024年第3号通知" /></Form.Item>
                <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>保存为新版本</Button>
              </Space>
            )}
          </Form>
        )}
      </Card>
      <Card title="林长与护林员职责（巡林、报告频次）" extra={duty && <VersionList versions={duty.versions} />}>
        {duty && (
          <Form form={dutyForm} layout="vertical" disabled={!admin}
            onFinish={(v: { counts: number[]; periods: string[]; sources: string[]; effectiveFrom: dayjs.Dayjs; note?: string }) => void save('/api/rules/duty_rules', {
              effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
              note: v.note || undefined,
              body: duty.inForce.map((r, i) => ({ ...r, count: Number(v.counts[i]), period: v.periods[i] ?? r.period, source: v.sources[i] ?? r.source })),
            })}>
            <Table size="small" pagination={false} rowKey={(r) => `${r.role}|${r.level}|${r.duty}`} dataSource={duty.inForce}
              columns={[
                { title: '岗位', key: 'post', render: (_: unknown, r: DutyRule) => `${postLevelNames[r.level] ?? r.level}${postRoleNames[r.role] ?? r.role}` },
                { title: '职责', dataIndex: 'duty', render: (d: string) => dutyNames[d] ?? d },
                { title: '每', key: 'period', render: (_: unknown, _r: DutyRule, i: number) => <Form.Item name={['periods', i]} noStyle rules={[{ required: true }]}><Select style={{ width: 96 }} options={Object.entries(periodLabels).map(([value, label]) => ({ value, label }))} /></Form.Item> },
                { title: '至少（次）', key: 'count', render: (_: unknown, _r: DutyRule, i: number) => <Form.Item name={['counts', i]} noStyle rules={[{ required: true }]}><InputNumber min={1} max={100} /></Form.Item> },
                { title: '依据', key: 'source', render: (_: unknown, _r: DutyRule, i: number) => <Form.Item name={['sources', i]} noStyle rules={[{ required: true }]}><Input /></Form.Item> },
              ]} />
            {admin && (
              <Space style={{ marginTop: 16 }} wrap>
                <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isBefore(shanghaiToday(), 'day')} /></Form.Item>
                <Form.Item name="note" label="说明"><Input style={{ width: 320 }} /></Form.Item>
                <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>保存为新版本</Button>
              </Space>
            )}
          </Form>
        )}
      </Card>
      <ProblemDeadlineRulesCard overview={deadlines} versions={deadlines && <VersionList versions={deadlines.versions} />} admin={admin} save={save} />
      <FireDangerLevelsCard overview={fireLevels} versions={fireLevels && <VersionList versions={fireLevels.versions} />} admin={admin} save={save} />
      <FireBanRulesCard admin={admin} save={save} versionList={(v) => <VersionList versions={v} />} />
      <ForestEntryRulesCard admin={admin} save={save} versionList={(v) => <VersionList versions={v} />} />
      <FireResponseTimersCard versions={(v) => <VersionList versions={v} />} admin={admin} save={save} reload={saved} />
      <DeviceRulesCard overview={devices} versions={devices && <VersionList versions={devices.versions} />} admin={admin} save={save} />
      <CarbonParametersCard overview={carbon} versions={carbon && <VersionList versions={carbon.versions} />} admin={admin} save={save} />
    </Space>
  );
}

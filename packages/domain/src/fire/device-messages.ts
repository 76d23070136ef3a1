// Issue 6 §8: smart checkpoints (智能卡口), cameras (视频监控) and smoke sensors publish JSON to documented MQTT
// topics. Everything a device sends is checked here before the server believes it; a finding is a value, never a throw.

export const deviceKinds = ['smart_checkpoint', 'camera', 'smoke_sensor', 'other'] as const;
export type DeviceKind = (typeof deviceKinds)[number];
export const deviceKindNames: Record<DeviceKind, string> = { smart_checkpoint: '智能卡口', camera: '视频监控', smoke_sensor: '烟感探测器', other: '其他设备' };

// The alarm kinds are contract C's, defined once with the fire records.
import { deviceAlarmKinds, type DeviceAlarmKind } from './fire-records.ts';

export const deviceChannels = ['heartbeat', 'entries', 'alarm'] as const;
export type DeviceChannel = (typeof deviceChannels)[number];

/** The topic root of protocol version 1; a deployment may put its own prefix before it. */
export const deviceTopicVersion = 'v1';
export const defaultDeviceTopicRoot = `linzhang/${deviceTopicVersion}`;
/** A device id as it appears in a topic: letters, digits, `-`, `_`, `.`, at most 64 (no MQTT wildcards or slashes). */
export const deviceIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** `<root>/<county-code>/devices/<deviceId>/<channel>` — the topic a device publishes a channel to. */
export const deviceTopic = (root: string, countyCode: string, deviceId: string, channel: DeviceChannel): string => `${root}/${countyCode}/devices/${deviceId}/${channel}`;
/** What the server subscribes to under a root. */
export const deviceTopicFilter = (root: string): string => `${root}/+/devices/+/+`;

export interface DeviceTopic { countyCode: string; deviceId: string; channel: DeviceChannel }

/** The county, device and channel of a topic under `root`; null when the topic is not one of ours or is malformed. */
export function parseDeviceTopic(root: string, topic: string): DeviceTopic | null {
  if (!topic.startsWith(`${root}/`)) return null;
  const parts = topic.slice(root.length + 1).split('/');
  if (parts.length !== 4 || parts[1] !== 'devices') return null;
  const [countyCode, , deviceId, channel] = parts as [string, string, string, string];
  if (!/^[0-9]{6}$/.test(countyCode) || !deviceIdPattern.test(deviceId) || !(deviceChannels as readonly string[]).includes(channel)) return null;
  return { countyCode, deviceId, channel: channel as DeviceChannel };
}

export interface HeartbeatMessage { v: 1; at: string | null; battery: number | null; signal: number | null }
export interface EntriesMessage { v: 1; from: string; to: string; people: number; vehicles: number }
export interface AlarmMessage {
  v: 1; kind: DeviceAlarmKind; at: string; lon: number | null; lat: number | null;
  /** Temperature (°C) for a temperature alarm, a confidence for the others — whatever the device measured. */
  value: number | null;
  /** Where the device keeps its picture (an URL or its own reference); stored as given. */
  snapshot: string | null;
  note: string | null;
}
export type DeviceMessage = { channel: 'heartbeat'; body: HeartbeatMessage } | { channel: 'entries'; body: EntriesMessage } | { channel: 'alarm'; body: AlarmMessage };

export interface MessageFinding { path: string; message: string }
export type MessageCheck = { ok: true; message: DeviceMessage } | { ok: false; findings: MessageFinding[] };

/** Longest period one entries message may count (a day), and how far ahead of the server's clock a device clock may run. */
export const maxEntriesPeriodMs = 24 * 3_600_000;
export const deviceClockToleranceMs = 5 * 60_000;
/** Bytes a payload may have; devices send a few hundred. */
export const maxDevicePayloadBytes = 8 * 1024;

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks one payload (the raw text) for a channel against protocol v1, as of the moment it was received: JSON, an
 * object, `v` = 1, the channel's fields with their types and ranges, no unknown fields, times not ahead of `receivedAt`.
 */
export function checkDeviceMessage(channel: DeviceChannel, text: string, receivedAt: string): MessageCheck {
  const findings: MessageFinding[] = [];
  if (text.length > maxDevicePayloadBytes) return { ok: false, findings: [{ path: '', message: `消息超过 ${maxDevicePayloadBytes} 字节` }] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, findings: [{ path: '', message: '不是合法的 JSON' }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, findings: [{ path: '', message: '消息应为 JSON 对象' }] };
  const o = parsed as Record<string, unknown>;
  if (o.v !== 1) findings.push({ path: '/v', message: '协议版本 v 应为 1' });
  const latest = Date.parse(receivedAt) + deviceClockToleranceMs;
  const allowed: Record<DeviceChannel, string[]> = {
    heartbeat: ['v', 'at', 'battery', 'signal'],
    entries: ['v', 'from', 'to', 'people', 'vehicles'],
    alarm: ['v', 'kind', 'at', 'lon', 'lat', 'value', 'snapshot', 'note'],
  };
  for (const key of Object.keys(o)) if (!allowed[channel].includes(key)) findings.push({ path: `/${key}`, message: '未定义的字段' });
  const time = (key: string, required: boolean): string | null => {
    const value = o[key];
    if (value === undefined || value === null) {
      if (required) findings.push({ path: `/${key}`, message: '缺少时间' });
      return null;
    }
    if (typeof value !== 'string' || !isoInstant.test(value) || Number.isNaN(Date.parse(value))) {
      findings.push({ path: `/${key}`, message: '时间应为带时区的 ISO 8601，如 2026-05-06T10:00:00+08:00' });
      return null;
    }
    if (Date.parse(value) > latest) {
      findings.push({ path: `/${key}`, message: '时间晚于服务器收到消息的时间（设备时钟不准？）' });
      return null;
    }
    return new Date(Date.parse(value)).toISOString();
  };
  const number = (key: string, min: number, max: number, integer = false): number | null => {
    const value = o[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      findings.push({ path: `/${key}`, message: `应为 ${min}–${max} 之间的${integer ? '整数' : '数'}` });
      return null;
    }
    return value;
  };
  const required = (key: string, value: number | null): number => {
    if (value === null && o[key] === undefined) findings.push({ path: `/${key}`, message: '缺少该字段' });
    return value ?? 0;
  };
  const text_ = (key: string, max: number): string | null => {
    const value = o[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.length > max) {
      findings.push({ path: `/${key}`, message: `应为不超过 ${max} 字的文本` });
      return null;
    }
    return value.trim() || null;
  };
  let message: DeviceMessage;
  if (channel === 'heartbeat') {
    message = { channel, body: { v: 1, at: time('at', false), battery: number('battery', 0, 100), signal: number('signal', -200, 100) } };
  } else if (channel === 'entries') {
    const from = time('from', true);
    const to = time('to', true);
    const people = required('people', number('people', 0, 1_000_000, true));
    const vehicles = required('vehicles', number('vehicles', 0, 1_000_000, true));
    if (from && to && !(Date.parse(from) < Date.parse(to) && Date.parse(to) - Date.parse(from) <= maxEntriesPeriodMs)) {
      findings.push({ path: '/to', message: '统计时段应从 from 到 to，且不超过 24 小时' });
    }
    message = { channel, body: { v: 1, from: from ?? '', to: to ?? '', people, vehicles } };
  } else {
    const kind = o.kind;
    if (typeof kind !== 'string' || !(deviceAlarmKinds as readonly string[]).includes(kind)) findings.push({ path: '/kind', message: `报警类型应为 ${deviceAlarmKinds.join(' / ')}` });
    const at = time('at', true);
    const lon = number('lon', -180, 180);
    const lat = number('lat', -90, 90);
    if ((lon === null) !== (lat === null)) findings.push({ path: lon === null ? '/lon' : '/lat', message: '经度和纬度应同时给出' });
    message = {
      channel,
      body: { v: 1, kind: kind as DeviceAlarmKind, at: at ?? '', lon, lat, value: number('value', -100, 2000), snapshot: text_('snapshot', 500), note: text_('note', 500) },
    };
  }
  return findings.length ? { ok: false, findings } : { ok: true, message };
}

import { deviceKinds, type DeviceKind } from './device-messages.ts';

/** How long a device may stay silent before it is reported offline, by kind (rule kind `device_rules`). */
export interface DeviceRules {
  silenceMinutes: Record<DeviceKind, number>;
  source: string;
}

/**
 * DOMAIN.md §5 lists smart checkpoints and video points but no heartbeat interval, so these are ours [U]: a device
 * that heartbeats every few minutes and has said nothing for 30 minutes is worth a look; "other" devices
 * (often battery-powered) get an hour. A county sets its own through the versioned rule table.
 */
export const defaultDeviceRules: DeviceRules = {
  silenceMinutes: { smart_checkpoint: 30, camera: 30, smoke_sensor: 30, other: 60 },
  source: '默认值（未确认）：DOMAIN.md §5 未规定设备心跳间隔，按 30 分钟无消息视为离线，由区县按设备说明书配置',
};

/** What is wrong with a proposed table (empty = fine). */
export function checkDeviceRules(rules: DeviceRules): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const kind of deviceKinds) {
    const m = rules.silenceMinutes[kind];
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 7 * 24 * 60) out.push({ path: `/silenceMinutes/${kind}`, message: '应为 1–10080 之间的整数（分钟）' });
  }
  if (!rules.source?.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}

/**
 * Whether a device is silent as of `asOf`: nothing heard since `lastHeardAt` (its last message, or its registration
 * when it never spoke) for longer than its kind allows. Returns the moment it became silent, or null.
 */
export function deviceSilentSince(kind: DeviceKind, lastHeardAt: string, asOf: string, rules: DeviceRules): string | null {
  const silentAt = Date.parse(lastHeardAt) + rules.silenceMinutes[kind] * 60_000;
  return silentAt <= Date.parse(asOf) ? new Date(silentAt).toISOString() : null;
}

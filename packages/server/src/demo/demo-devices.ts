import type { MultiPolygon } from 'geojson';
import { deviceTopic, interiorPoint, type DeviceKind } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { DeviceService } from '../fire/devices/service.ts';
import { RuleService } from '../rules/service.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { mulberry32 } from './synthetic-geometry.ts';

const HOUR = 3_600_000;

/**
 * A few devices through the real register and ingest (issue 6 §8): smart checkpoints at forest entrances counting
 * people and vehicles hour by hour over the last three days, cameras heartbeating, one camera gone silent (marked
 * offline by the silence check) and one unregistered device waiting to be accepted.
 */
export async function buildDemoDevices(store: Store, countyCode: string, now: Date): Promise<number> {
  const county = countyCode.slice(0, 6);
  const rng = mulberry32(Number(county) + 19);
  let clock = now.getTime();
  const service = new DeviceService(store, () => new Date(clock), new RuleService(store, () => new Date(clock)), null);
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${county}000000` });
  const villages = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json']).where('level', '=', 'village')
    .where('code', 'like', `${county}%`).where('geom_json', 'is not', null).orderBy('code').execute();
  if (!villages.length) return 0;
  const plan: { kind: DeviceKind; serial: string; label: string }[] = [
    { kind: 'smart_checkpoint', serial: `KK-${county}-001`, label: '入山口智能卡口' },
    { kind: 'smart_checkpoint', serial: `KK-${county}-002`, label: '林区道路智能卡口' },
    { kind: 'smart_checkpoint', serial: `KK-${county}-003`, label: '景区入口智能卡口' },
    { kind: 'camera', serial: `SP-${county}-011`, label: '山顶视频监控' },
    { kind: 'camera', serial: `SP-${county}-012`, label: '瞭望塔视频监控' },
  ];
  const registered: { serial: string; kind: DeviceKind }[] = [];
  for (const [i, p] of plan.entries()) {
    const v = villages[Math.floor((i + 0.5) * (villages.length / plan.length))]!;
    const [lon, lat] = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
    clock = now.getTime() - 3 * 24 * HOUR;
    const r = await service.register(viewer, {
      deviceId: p.serial, kind: p.kind, name: `${v.short_name}${p.label}`, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6,
      belongsTo: p.kind === 'smart_checkpoint' ? `${v.short_name}护林检查站` : undefined,
    });
    if (r.ok) registered.push({ serial: p.serial, kind: p.kind });
  }
  const send = (serial: string, channel: 'heartbeat' | 'entries', body: unknown) => service.ingest(deviceTopic(service.topicRoot, county, serial, channel), JSON.stringify(body));
  // Hour by hour over three days: checkpoints count who passed (busier by day), every device heartbeats; the last
  // camera stops two hours ago.
  const start = Math.floor(now.getTime() / HOUR) * HOUR - 71 * HOUR;
  for (let t = start; t <= now.getTime(); t += HOUR) {
    clock = t;
    const localHour = new Date(t + 8 * HOUR).getUTCHours();
    for (const [i, d] of registered.entries()) {
      if (i === registered.length - 1 && t > now.getTime() - 2 * HOUR) continue;
      if (d.kind === 'smart_checkpoint') {
        const day = localHour >= 7 && localHour <= 18;
        await send(d.serial, 'entries', {
          v: 1, from: new Date(t - HOUR).toISOString(), to: new Date(t).toISOString(),
          people: Math.round(rng() * (day ? 14 : 2)), vehicles: Math.round(rng() * (day ? 5 : 1)),
        });
      } else {
        await send(d.serial, 'heartbeat', { v: 1, battery: Math.round(60 + rng() * 40), signal: Math.round(-60 - rng() * 30) });
      }
    }
  }
  clock = now.getTime() - 3 * 60_000;
  for (const d of registered.slice(0, -1)) await send(d.serial, 'heartbeat', { v: 1, battery: Math.round(60 + rng() * 40) });
  clock = now.getTime() - 20 * 60_000;
  await send(`UNREG-${Math.floor(rng() * 9000 + 1000)}`, 'heartbeat', { v: 1, battery: 95 });
  clock = now.getTime();
  await service.markSilentOffline(now.toISOString());
  return registered.length;
}

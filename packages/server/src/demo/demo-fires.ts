import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { viewerOf, type Role } from '../auth/viewer.ts';
import { RuleService } from '../rules/service.ts';
import { ProblemService } from '../problems/service.ts';
import { FireAlarmService } from '../fire/alarms/service.ts';
import { HotspotImportService } from '../fire/alarms/hotspot-import-service.ts';
import { FireTimerAlertService } from '../fire/alarms/timer-alerts.ts';
import { mulberry32 } from './synthetic-geometry.ts';

const MIN = 60_000;
const DAY = 86_400_000;

/**
 * A handful of fire records over the past year through the real services (issue 6 §6): an ordinary fire out within
 * hours, a 较大 fire with losses, a camera false alarm, a device alarm, a satellite hotspot that was not a forest fire,
 * and one still open whose "135" dispatch timer has run out (its chiefs told through the inbox).
 */
export async function buildDemoFires(store: Store, countyCode: string, now: Date): Promise<number> {
  const rng = mulberry32(Number(countyCode.slice(0, 6)) + 61);
  let clock = now;
  const rules = new RuleService(store, () => clock);
  const problems = new ProblemService(store, () => clock, rules, { webhookUrl: null });
  const fires = new FireAlarmService(store, () => clock, rules, problems);
  const hotspots = new HotspotImportService(store, () => clock, fires);
  const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
  const viewer = viewerOf({ id: admin.id, username: admin.username, personId: admin.person_id, roles: JSON.parse(admin.roles) as Role[], scopeUnitCode: `${countyCode.slice(0, 6)}000000` });
  const villages = await store.db.selectFrom('units').select(['code', 'short_name', 'geom_json']).where('level', '=', 'village')
    .where('code', 'like', `${countyCode.slice(0, 6)}%`).where('geom_json', 'is not', null).orderBy('code').execute();
  if (villages.length < 6) return 0;
  const place = () => {
    const v = villages[Math.floor(rng() * villages.length)]!;
    const [lon, lat] = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
    return { village: v.short_name, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
  };
  const iso = (t: number) => new Date(t).toISOString();
  let made = 0;

  /** Reports a fire at `start` and takes it through `steps` (minutes after discovery), the clock following along. */
  const run = async (start: number, input: { source: 'patrol' | 'camera' | 'other'; person: string; description: string; reportAfter: number }, steps: [Parameters<FireAlarmService['advance']>[2]['step'], number, string, string?][], losses?: Omit<Parameters<FireAlarmService['setLosses']>[2], 'version'>) => {
    const p = place();
    clock = new Date(start + input.reportAfter * MIN);
    const r = await fires.report(viewer, { id: `demo-fire-${countyCode.slice(0, 6)}-${made + 1}`, source: input.source, lon: p.lon, lat: p.lat, discoveredAt: iso(start), person: input.person, description: `${p.village}${input.description}` });
    if (!r.ok) return;
    made++;
    let fire = r.value.fire;
    for (const [step, after, person, text] of steps) {
      clock = new Date(start + after * MIN + 30_000);
      const ending = step === 'false_alarm' || step === 'dismissed';
      const next = await fires.advance(viewer, fire.id, { version: fire.version, step, at: iso(start + after * MIN), person, ...(text ? (ending ? { reason: text } : { note: text }) : {}) });
      if (!next.ok) return;
      fire = next.value;
    }
    if (losses) await fires.setLosses(viewer, fire.id, { ...losses, version: fire.version });
  };

  const t = now.getTime();
  // An ordinary fire at the Qingming grave-sweeping, out within three hours (一般, 0.3 ha).
  await run(t - 240 * DAY, { source: 'patrol', person: '护林员 冉光明', description: '后山坟地祭祀用火引燃杂草', reportAfter: 1 }, [
    ['verified', 3, '镇应急办 田勇'], ['dispatched', 6, '镇应急办 田勇', '镇半专业扑火队 15 人'], ['arrived', 40, '队长 白建华'], ['controlled', 95, '队长 白建华'], ['out', 170, '队长 白建华', '余火清理完毕，留 2 人看守'],
  ], { burnedHa: 0.6, forestBurnedHa: 0.3, economicLossYuan: 4200, cause: '祭祀用火' });
  // A 较大 fire in the summer drought with losses, out after nine hours.
  await run(t - 150 * DAY, { source: 'other', person: '村民 冉小芳（电话报告）', description: '林地起火，火势向山脊蔓延', reportAfter: 6 }, [
    ['verified', 9, '县森防办 何敏'], ['dispatched', 16, '县森防办 何敏', '县森林消防大队 42 人、镇扑火队 30 人'], ['arrived', 75, '大队长 石磊'],
    ['controlled', 330, '大队长 石磊', '开设隔离带 1.2 公里'], ['out', 545, '大队长 石磊'],
  ], { burnedHa: 12.4, forestBurnedHa: 8.6, injuries: 1, economicLossYuan: 186000, cause: '农事用火（烧田坎）', lossNote: '马尾松林受害，扑火队员 1 人轻度烧伤' });
  // A camera alarm that was a farmer burning straw: a false alarm.
  await run(t - 90 * DAY, { source: 'camera', person: '监控值班员 杨帆', description: '视频监控发现疑似烟雾', reportAfter: 2 }, [
    ['false_alarm', 8, '村级林长 冉德明', '村民在田间焚烧秸秆，已劝止并教育，非森林火情'],
  ]);
  // A smoke sensor alarm (contract C), reported and put out quickly.
  {
    const p = place();
    const start = t - 45 * DAY;
    clock = new Date(start + MIN);
    const { fireId } = await fires.fromDevice({ deviceId: `demo-sensor-${countyCode.slice(0, 6)}-1`, deviceName: `${p.village}烟感 1 号`, kind: 'smoke', at: iso(start), lon: p.lon, lat: p.lat });
    made++;
    let version = 1;
    for (const [step, after, person] of [['reported', 1, '县森防办 何敏'], ['verified', 4, '村级林长 冉德明'], ['dispatched', 8, '县森防办 何敏'], ['arrived', 35, '护林员 冉光明'], ['controlled', 50, '护林员 冉光明'], ['out', 70, '护林员 冉光明']] as const) {
      clock = new Date(start + after * MIN + 30_000);
      const r = await fires.advance(viewer, fireId, { version, step, at: iso(start + after * MIN), person });
      if (!r.ok) break;
      version = r.value.version;
    }
    const fire = await fires.get(viewer, fireId);
    if (fire.ok) await fires.setLosses(viewer, fireId, { version: fire.value.version, burnedHa: 0.05, forestBurnedHa: 0.05, cause: '烟头' });
  }
  // A satellite hotspot (FIRMS-style CSV through the import), dismissed at verification: farmland, not forest.
  {
    const p = place();
    const acq = new Date(t - 20 * DAY);
    clock = new Date(acq.getTime() + 3 * 3_600_000);
    const hhmm = acq.toISOString().slice(11, 16).replace(':', '');
    const csv = `latitude,longitude,acq_date,acq_time,confidence,frp,satellite\n${p.lat},${p.lon},${acq.toISOString().slice(0, 10)},${hhmm},n,5.3,N\n`;
    const r = await hotspots.run(viewer, { fileName: 'demo-firms.csv', content: new TextEncoder().encode(csv), commit: true });
    if (r.ok && r.value.created) {
      made++;
      const list = await fires.list(viewer, { source: 'satellite', limit: 1 });
      const fire = list.ok ? list.value.items[0] : undefined;
      if (fire) {
        clock = new Date(clock.getTime() + 40 * MIN);
        // Verification ends it: 不予处置 takes the place of 核实.
        await fires.advance(viewer, fire.id, { version: fire.version, step: 'dismissed', at: iso(clock.getTime()), person: '县森防办 何敏', reason: '实地核实为农田秸秆焚烧，非森林火情，移交镇政府处理' });
      }
    }
  }
  // Still open now: verified 30 minutes ago and no crew dispatched yet, so the "5 分钟调度出动" timer has run out.
  await run(t - 40 * MIN, { source: 'patrol', person: '护林员 冉光明', description: '山腰冒出浓烟，疑似林下可燃物燃烧', reportAfter: 1 }, [['verified', 10, '村级林长 冉德明', '现场确认有明火']]);
  clock = now;
  await new FireTimerAlertService(store, rules).run(now);
  return made;
}

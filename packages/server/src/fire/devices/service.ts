import { randomUUID } from 'node:crypto';
import {
  checkDeviceMessage, defaultDeviceTopicRoot, deviceAlarmKindNames, deviceKindNames, deviceSilentSince, isInScope, parseDeviceTopic,
  type DeviceAlarmKind, type DeviceKind, type DeviceMessage,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { DeviceRepository, type DeviceRegistration, type DeviceRow, type DailyCounts } from './repository.ts';
import type { FireAlarmSink } from './alarm-sink.ts';
import { notifyStaffOf } from './notify-staff.ts';

export type DeviceStatus = 'online' | 'offline' | 'never' | 'pending' | 'rejected' | 'inactive';

export interface Device {
  id: string; countyCode: string; deviceId: string; kind: DeviceKind; name: string; unitCode: string; unitName: string;
  lon: number | null; lat: number | null; belongsTo: string | null; active: boolean; registration: DeviceRegistration; status: DeviceStatus;
  firstSeenAt: string | null; lastSeenAt: string | null; offlineSince: string | null; battery: number | null; signal: number | null; note: string | null;
  today: DailyCounts;
}

export interface DeviceAlarm {
  id: string; deviceRef: string; deviceId: string; deviceName: string; kind: DeviceAlarmKind; at: string; lon: number | null; lat: number | null;
  value: number | null; snapshot: string | null; note: string | null; receivedAt: string; fireId: string | null; fireCreated: boolean | null; forwardError: string | null;
}

export interface DeviceInput {
  deviceId?: string | undefined; // only when registering
  kind: DeviceKind;
  name: string;
  lon: number;
  lat: number;
  belongsTo?: string | undefined;
  active?: boolean | undefined;
  note?: string | undefined;
}

/** What became of one message; the subscriber logs it, tests read it. */
export type IngestOutcome =
  | { outcome: 'rejected'; reason: 'bad_topic' | 'unknown_county' }
  | { outcome: 'invalid'; deviceRef: string; errors: string[] }
  | { outcome: 'accepted'; deviceRef: string; registration: DeviceRegistration; fire: { fireId: string; created: boolean } | null; forwardError: string | null };

/** The state of the link to the broker, for the page and the start-up line. */
export interface IngestLink { mode: 'off' | 'external' | 'embedded'; url: string | null; connected: boolean; lastError: string | null; since: string | null }

const zero: DailyCounts = { messages: 0, invalid: 0, alarms: 0, people: 0, vehicles: 0 };
const canEdit = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const statusOf = (r: DeviceRow): DeviceStatus =>
  r.registration === 'pending' ? 'pending' : r.registration === 'rejected' ? 'rejected' : r.active !== 1 ? 'inactive'
  : r.offline_since ? 'offline' : r.last_seen_at ? 'online' : 'never';

/**
 * Devices over MQTT (issue 6 §8): the register of smart checkpoints, cameras and smoke sensors; every message from
 * the broker is checked, logged (bounded) and counted; entries counted per device and day; alarms from accepted
 * devices become fire records through the fire-alarm sink; unknown devices wait as pending for staff to accept;
 * devices silent longer than the `device_rules` allow are marked offline once per silence and staff are told.
 */
export class DeviceService {
  private link: IngestLink = { mode: 'off', url: null, connected: false, lastError: null, since: null };

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: Pick<RuleSource, 'deviceRulesAt'>,
    /** Contract C; null until the fire-alarm service is wired — alarms are then kept with the reason they went nowhere. */
    private readonly sink: FireAlarmSink | null,
    readonly topicRoot: string = defaultDeviceTopicRoot,
  ) {}

  setLink(patch: Partial<IngestLink>): void {
    this.link = { ...this.link, ...patch };
  }

  private static toDevice(r: DeviceRow, today: DailyCounts = zero): Device {
    return {
      id: r.id, countyCode: r.county_code, deviceId: r.device_id, kind: r.kind as DeviceKind, name: r.name, unitCode: r.unit_code, unitName: r.unit_name,
      lon: r.lon, lat: r.lat, belongsTo: r.belongs_to, active: r.active === 1, registration: r.registration as DeviceRegistration, status: statusOf(r),
      firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, offlineSince: r.offline_since, battery: r.battery, signal: r.signal, note: r.note, today,
    };
  }

  private static toAlarm(r: Awaited<ReturnType<DeviceRepository['alarms']>>[number]): DeviceAlarm {
    return {
      id: r.id, deviceRef: r.device_ref, deviceId: r.device_id, deviceName: r.name, kind: r.kind as DeviceAlarmKind, at: r.at, lon: r.lon, lat: r.lat, value: r.value,
      snapshot: r.snapshot, note: r.note, receivedAt: r.received_at, fireId: r.fire_id, fireCreated: r.fire_created === null ? null : r.fire_created === 1, forwardError: r.forward_error,
    };
  }

  private async withToday(rows: DeviceRow[]): Promise<Device[]> {
    const today = shanghaiDate(this.now().getTime());
    const counts = new Map((await new DeviceRepository(this.store.db).daily(rows.map((r) => r.id), today, today)).map((c) => [c.device_ref, c]));
    return rows.map((r) => {
      const c = counts.get(r.id);
      return DeviceService.toDevice(r, c ? { messages: c.messages, invalid: c.invalid, alarms: c.alarms, people: c.people, vehicles: c.vehicles } : zero);
    });
  }

  async list(viewer: Viewer, input: PageRequest & { registration?: DeviceRegistration | undefined; kind?: DeviceKind | undefined; offline?: boolean | undefined }): Promise<ServiceResult<PageOf<Device>>> {
    const page = await new DeviceRepository(this.store.db).list(viewer.scopePrefix, input, input);
    return success({ items: await this.withToday(page.items), total: page.total });
  }

  async get(viewer: Viewer, id: string) {
    const repo = new DeviceRepository(this.store.db);
    const r = await repo.byId(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    const today = shanghaiDate(this.now().getTime());
    const from = shanghaiDate(this.now().getTime() - 13 * 86_400_000);
    const [device] = await this.withToday([r]);
    const messages = await repo.messages(id, 20);
    return success({
      ...device!,
      days: (await repo.daily([id], from, today)).map((c) => ({ day: c.day, messages: c.messages, invalid: c.invalid, alarms: c.alarms, people: c.people, vehicles: c.vehicles })),
      messages: messages.map((m) => ({ receivedAt: m.received_at, channel: m.channel, payload: m.payload, valid: m.valid === 1, error: m.error })),
      alarms: (await repo.alarms(viewer.scopePrefix, { deviceRef: id }, 10)).map(DeviceService.toAlarm),
    });
  }

  async alarms(viewer: Viewer, limit = 20): Promise<ServiceResult<DeviceAlarm[]>> {
    return success((await new DeviceRepository(this.store.db).alarms(viewer.scopePrefix, {}, limit)).map(DeviceService.toAlarm));
  }

  /** The broker link and, for staff, today's and yesterday's messages that no device could be found for. */
  async ingestStatus(viewer: Viewer) {
    const today = shanghaiDate(this.now().getTime());
    const rejects = canEdit(viewer) ? await new DeviceRepository(this.store.db).rejects(shanghaiDate(this.now().getTime() - 86_400_000), today) : [];
    return success({
      link: this.link, topicRoot: this.topicRoot,
      rejects: rejects.map((r) => ({ day: r.day, reason: r.reason, count: r.count, lastTopic: r.last_topic, lastError: r.last_error, lastAt: r.last_at })),
    });
  }

  /** Entries counted by checkpoints under a unit prefix, per device and day (feeds the entry statistics). */
  async dailyEntries(scopePrefix: string, from: string, to: string) {
    return (await new DeviceRepository(this.store.db).entriesByDay(scopePrefix, from, to))
      .map((r) => ({ deviceRef: r.id, deviceId: r.device_id, name: r.name, unitCode: r.unit_code, belongsTo: r.belongs_to, day: r.day, people: r.people, vehicles: r.vehicles }));
  }

  async register(viewer: Viewer, input: DeviceInput): Promise<ServiceResult<Device>> {
    return this.save(viewer, null, input);
  }

  /** Edits a device; a pending device saved with its kind and point is thereby accepted. */
  async update(viewer: Viewer, id: string, input: DeviceInput): Promise<ServiceResult<Device>> {
    return this.save(viewer, id, input);
  }

  private async save(viewer: Viewer, id: string | null, input: DeviceInput): Promise<ServiceResult<Device>> {
    if (!canEdit(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以登记设备' });
    const repo = new DeviceRepository(this.store.db);
    const existing = id ? await repo.byId(id) : undefined;
    if (id && (!existing || !isInScope(existing.unit_code, viewer.scopeCode))) return notFound();
    const unit = await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
    if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/lon', '位置不在您管辖的区划范围内，请核对经纬度');
    const county = unit.code.slice(0, 6);
    if (existing && existing.county_code !== county) return invalid('/body/lon', `该设备按 ${existing.county_code} 区县的主题上报，位置应在该区县内`);
    const deviceId = existing?.device_id ?? input.deviceId?.trim() ?? '';
    if (!existing) {
      if (!deviceId) return invalid('/body/deviceId', '请填写设备编号');
      const clash = await repo.bySerial(county, deviceId);
      if (clash) return failure({ kind: 'conflict', field: '/body/deviceId', message: `本县已有编号为 ${deviceId} 的设备${clash.registration === 'pending' ? '（待接收，请在待接收列表中接收）' : ''}` });
    }
    const at = this.now().toISOString();
    const values = {
      kind: input.kind, name: input.name.trim(), unit_code: unit.code, lon: input.lon, lat: input.lat, belongs_to: input.belongsTo?.trim() || null,
      active: input.active === false ? 0 : 1, registration: 'accepted', note: input.note?.trim() || null, updated_at: at,
    };
    const ref = id ?? randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      const r = new DeviceRepository(trx);
      if (existing) await r.update(ref, values);
      else await r.insert({ id: ref, county_code: county, device_id: deviceId, ...values, first_seen_at: null, last_seen_at: null, offline_since: null, battery: null, signal: null, created_by: viewer.userId, created_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'fire_device', entityId: ref, before: existing, after: values }, at);
    });
    const [device] = await this.withToday([(await repo.byId(ref))!]);
    return success(device!);
  }

  /** Refuses a pending device: its messages are still counted, never believed. */
  async reject(viewer: Viewer, id: string): Promise<ServiceResult<Device>> {
    if (!canEdit(viewer)) return forbidden();
    const repo = new DeviceRepository(this.store.db);
    const existing = await repo.byId(id);
    if (!existing || !isInScope(existing.unit_code, viewer.scopeCode)) return notFound();
    if (existing.registration !== 'pending') return failure({ kind: 'conflict', message: '只有待接收的设备可以拒绝' });
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await new DeviceRepository(trx).update(id, { registration: 'rejected', updated_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'fire_device', entityId: id, before: { registration: 'pending' }, after: { registration: 'rejected' } }, at);
    });
    const [device] = await this.withToday([(await repo.byId(id))!]);
    return success(device!);
  }

  /**
   * One message from the broker. Never throws for anything a device can send: a topic that is not ours or names an
   * unknown county is counted as rejected; an unknown device is recorded as pending; a bad payload is logged and
   * counted on its device. The device's writes are one transaction; an alarm is handed to the fire-alarm sink after
   * it commits (the sink opens its own), and what became of it is written on the alarm.
   */
  async ingest(topic: string, payload: Buffer | string): Promise<IngestOutcome> {
    const at = this.now().toISOString();
    const day = shanghaiDate(at);
    const repo = new DeviceRepository(this.store.db);
    const t = parseDeviceTopic(this.topicRoot, topic);
    if (!t) {
      await repo.reject(day, 'bad_topic', topic, '主题不符合 <根>/<区县代码>/devices/<设备编号>/<heartbeat|entries|alarm>', at);
      return { outcome: 'rejected', reason: 'bad_topic' };
    }
    const text = typeof payload === 'string' ? payload : payload.toString('utf8');
    const check = checkDeviceMessage(t.channel, text, at);
    const errors = check.ok ? [] : check.findings.map((f) => `${f.path || '/'} ${f.message}`);
    const result = await this.store.db.transaction().execute(async (trx): Promise<IngestOutcome | { forward: DeviceRow; alarmId: string; lon: number; lat: number; own: boolean; message: Extract<DeviceMessage, { channel: 'alarm' }> }> => {
      const r = new DeviceRepository(trx);
      let device = await r.bySerial(t.countyCode, t.deviceId);
      if (!device) {
        const county = await trx.selectFrom('units').select('code').where('code', '=', `${t.countyCode}000000`).executeTakeFirst();
        if (!county) {
          await r.reject(day, 'unknown_county', topic, `区县代码 ${t.countyCode} 不在本平台`, at);
          return { outcome: 'rejected', reason: 'unknown_county' };
        }
        const ref = randomUUID();
        const row = {
          id: ref, county_code: t.countyCode, device_id: t.deviceId, kind: 'other', name: t.deviceId, unit_code: county.code, lon: null, lat: null, belongs_to: null,
          active: 1, registration: 'pending', first_seen_at: at, last_seen_at: at, offline_since: null, battery: null, signal: null, note: null, created_by: null, created_at: at, updated_at: at,
        };
        await r.insert(row);
        await recordAudit(trx, { userId: null, action: 'create', entity: 'fire_device', entityId: ref, after: { ...row, reason: '未登记设备发来消息，待工作人员接收' } }, at);
        device = (await r.byId(ref))!;
      }
      const trusted = device.registration === 'accepted' && device.active === 1;
      const heartbeat = check.ok && check.message.channel === 'heartbeat' ? check.message.body : null;
      await r.update(device.id, {
        last_seen_at: at, first_seen_at: device.first_seen_at ?? at, offline_since: null,
        ...(heartbeat ? { battery: heartbeat.battery ?? device.battery, signal: heartbeat.signal ?? device.signal } : {}),
      });
      if (device.offline_since && trusted) {
        await notifyStaffOf(trx, device.unit_code, 'device_online', { title: `设备恢复在线：${device.name}`, body: `${deviceKindNames[device.kind as DeviceKind] ?? ''} ${device.device_id} 自 ${device.offline_since} 离线，${at} 重新收到消息` }, at);
        await recordAudit(trx, { userId: null, action: 'update', entity: 'fire_device', entityId: device.id, before: { offlineSince: device.offline_since }, after: { offlineSince: null, heardAt: at } }, at);
      }
      await r.logMessage(device.id, { receivedAt: at, channel: t.channel, payload: text.slice(0, 2000), valid: check.ok, error: errors.length ? errors.join('；').slice(0, 1000) : null });
      const entries = check.ok && check.message.channel === 'entries' && trusted ? check.message.body : null;
      const alarm = check.ok && check.message.channel === 'alarm' ? check.message : null;
      // Messages count on the day they arrived; people and vehicles on the day their period ended (a late batch
      // from yesterday still counts for yesterday).
      await r.count(device.id, day, { messages: 1, invalid: check.ok ? 0 : 1, alarms: alarm ? 1 : 0 });
      if (entries) await r.count(device.id, shanghaiDate(entries.to), { people: entries.people, vehicles: entries.vehicles });
      if (!check.ok) return { outcome: 'invalid', deviceRef: device.id, errors };
      if (!alarm) return { outcome: 'accepted', deviceRef: device.id, registration: device.registration as DeviceRegistration, fire: null, forwardError: null };
      const own = alarm.body.lon !== null && alarm.body.lat !== null;
      const lon = alarm.body.lon ?? device.lon;
      const lat = alarm.body.lat ?? device.lat;
      const alarmId = randomUUID();
      const why = !trusted ? (device.registration === 'accepted' ? '设备已停用，报警未转为火情' : '设备未经接收，报警未转为火情')
        : lon === null || lat === null ? '报警和设备都没有位置，无法转为火情'
        : !this.sink ? '火情处置服务未接入，报警未转为火情' : null;
      await r.insertAlarm({
        id: alarmId, device_ref: device.id, kind: alarm.body.kind, at: alarm.body.at, lon, lat, value: alarm.body.value, snapshot: alarm.body.snapshot, note: alarm.body.note,
        received_at: at, fire_id: null, fire_created: null, forward_error: why,
      });
      if (why || lon === null || lat === null) return { outcome: 'accepted', deviceRef: device.id, registration: device.registration as DeviceRegistration, fire: null, forwardError: why };
      return { forward: device, alarmId, lon, lat, own, message: alarm };
    });
    if (!('forward' in result)) return result;
    const { forward: device, alarmId, lon, lat, own, message } = result;
    const body = message.body;
    try {
      const fire = await this.sink!.fromDevice({
        deviceId: device.id, deviceName: `${device.name}（${device.device_id}）`, kind: body.kind, at: body.at, lon, lat,
        ...(own ? {} : { unitCode: device.unit_code }),
        note: [`${deviceKindNames[device.kind as DeviceKind] ?? '设备'}报警：${deviceAlarmKindNames[body.kind]}`, body.value !== null ? `测值 ${body.value}` : null, body.snapshot ? `截图 ${body.snapshot}` : null, body.note]
          .filter(Boolean).join('；'),
      });
      await repo.settleAlarm(alarmId, { fireId: fire.fireId, created: fire.created, error: null });
      return { outcome: 'accepted', deviceRef: device.id, registration: 'accepted', fire, forwardError: null };
    } catch (error) {
      const why = `转为火情失败：${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
      await repo.settleAlarm(alarmId, { fireId: null, created: null, error: why });
      return { outcome: 'accepted', deviceRef: device.id, registration: 'accepted', fire: null, forwardError: why };
    }
  }

  /**
   * The silence check (scheduled job): every accepted, active device not yet marked offline whose last message (or
   * registration, when it never spoke) is older than its kind's silence as of `asOf` is marked offline from the moment
   * it fell silent, and the staff over it are told — once per silence: the next message clears the mark.
   */
  async markSilentOffline(asOf: string): Promise<{ offline: number; notified: number }> {
    const rules = await this.rules.deviceRulesAt(shanghaiDate(asOf));
    const at = this.now().toISOString();
    let offline = 0;
    let notified = 0;
    for (const d of await new DeviceRepository(this.store.db).watched()) {
      const heard = d.last_seen_at ?? d.created_at;
      const since = deviceSilentSince(d.kind as DeviceKind, heard, asOf, rules);
      if (!since) continue;
      await this.store.db.transaction().execute(async (trx) => {
        // Only if nothing was heard meanwhile (a message may have arrived since the list was read).
        let q = trx.updateTable('fire_devices').set({ offline_since: since, updated_at: at }).where('id', '=', d.id).where('offline_since', 'is', null);
        q = d.last_seen_at ? q.where('last_seen_at', '=', d.last_seen_at) : q.where('last_seen_at', 'is', null);
        const changed = Number((await q.executeTakeFirst()).numUpdatedRows);
        if (!changed) return;
        offline++;
        const minutes = rules.silenceMinutes[d.kind as DeviceKind];
        notified += await notifyStaffOf(trx, d.unit_code, 'device_offline', {
          title: `设备离线：${d.name}`,
          body: `${deviceKindNames[d.kind as DeviceKind] ?? ''} ${d.device_id}（${d.unit_name}${d.belongs_to ? `，${d.belongs_to}` : ''}）${d.last_seen_at ? `最后消息 ${d.last_seen_at}` : '登记后从未上报'}，超过 ${minutes} 分钟无消息（${rules.source}）`,
        }, asOf);
        await recordAudit(trx, { userId: null, action: 'update', entity: 'fire_device', entityId: d.id, before: { offlineSince: null }, after: { offlineSince: since, asOf } }, at);
      });
    }
    return { offline, notified };
  }
}

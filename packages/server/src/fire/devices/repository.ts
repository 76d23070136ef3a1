import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, FireDeviceAlarmTable, FireDeviceTable } from '../../db/schema.ts';
import { codePrefix, paginate, type PageOf, type PageRequest } from '../../db/paginate.ts';

export type DeviceRow = Selectable<FireDeviceTable> & { unit_name: string };
export type DeviceRegistration = 'pending' | 'accepted' | 'rejected';

let sequence = 0;
/** Message ids sort in the order they were written (messages of one instant keep their order in the log). */
const messageId = (): string => `${Date.now().toString(36).padStart(9, '0')}${(sequence++ % 1_679_616).toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;

/** Raw messages kept per device; older ones survive only in the daily counts. */
export const keptMessagesPerDevice = 50;

export interface DailyCounts { messages: number; invalid: number; alarms: number; people: number; vehicles: number }

/** Every SQL statement about devices, their message log, counts and alarms (both engines). */
export class DeviceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private devices() {
    return this.db.selectFrom('fire_devices as d').innerJoin('units as u', 'u.code', 'd.unit_code').selectAll('d').select('u.short_name as unit_name');
  }

  async byId(id: string): Promise<DeviceRow | undefined> {
    return this.devices().where('d.id', '=', id).executeTakeFirst();
  }

  async bySerial(countyCode: string, deviceId: string): Promise<DeviceRow | undefined> {
    return this.devices().where('d.county_code', '=', countyCode).where('d.device_id', '=', deviceId).executeTakeFirst();
  }

  async list(prefix: string, filter: { registration?: DeviceRegistration | undefined; kind?: string | undefined; offline?: boolean | undefined }, page: PageRequest): Promise<PageOf<DeviceRow>> {
    let q = this.devices().where('d.unit_code', 'like', codePrefix(prefix));
    if (filter.registration) q = q.where('d.registration', '=', filter.registration);
    if (filter.kind) q = q.where('d.kind', '=', filter.kind);
    if (filter.offline !== undefined) q = q.where('d.offline_since', filter.offline ? 'is not' : 'is', null);
    const { rows, total } = await paginate(q.orderBy('d.county_code').orderBy('d.device_id'), page);
    return { items: rows, total };
  }

  async insert(row: FireDeviceTable): Promise<void> {
    await this.db.insertInto('fire_devices').values(row).execute();
  }

  async update(id: string, values: Partial<Omit<FireDeviceTable, 'id'>>): Promise<void> {
    await this.db.updateTable('fire_devices').set(values).where('id', '=', id).execute();
  }

  /** Accepted, active devices that have not been marked offline, for the silence check. */
  async watched(): Promise<DeviceRow[]> {
    return this.devices().where('d.registration', '=', 'accepted').where('d.active', '=', 1).where('d.offline_since', 'is', null).execute();
  }

  /** Appends a raw message and drops the device's oldest beyond the kept number. */
  async logMessage(deviceRef: string, m: { receivedAt: string; channel: string; payload: string; valid: boolean; error: string | null }): Promise<void> {
    await this.db.insertInto('fire_device_messages').values({ id: messageId(), device_ref: deviceRef, received_at: m.receivedAt, channel: m.channel, payload: m.payload, valid: m.valid ? 1 : 0, error: m.error }).execute();
    const kept = this.db.selectFrom('fire_device_messages').select('id').where('device_ref', '=', deviceRef)
      .orderBy('received_at', 'desc').orderBy('id', 'desc').limit(keptMessagesPerDevice);
    await this.db.deleteFrom('fire_device_messages').where('device_ref', '=', deviceRef).where('id', 'not in', kept).execute();
  }

  async messages(deviceRef: string, limit: number) {
    return this.db.selectFrom('fire_device_messages').selectAll().where('device_ref', '=', deviceRef).orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Adds to a device's counts for a day (one row per device and day, created on first use). */
  async count(deviceRef: string, day: string, add: Partial<DailyCounts>): Promise<void> {
    const v = { messages: 0, invalid: 0, alarms: 0, people: 0, vehicles: 0, ...add };
    await this.db.insertInto('fire_device_daily').values({ device_ref: deviceRef, day, ...v })
      .onConflict((oc) => oc.columns(['device_ref', 'day']).doUpdateSet((eb) => ({
        messages: eb('fire_device_daily.messages', '+', v.messages), invalid: eb('fire_device_daily.invalid', '+', v.invalid),
        alarms: eb('fire_device_daily.alarms', '+', v.alarms), people: eb('fire_device_daily.people', '+', v.people), vehicles: eb('fire_device_daily.vehicles', '+', v.vehicles),
      })))
      .execute();
  }

  async daily(deviceRefs: string[], from: string, to: string) {
    if (!deviceRefs.length) return [];
    return this.db.selectFrom('fire_device_daily').selectAll().where('device_ref', 'in', deviceRefs).where('day', '>=', from).where('day', '<=', to).orderBy('day').execute();
  }

  /** Entries counted by accepted checkpoints under a unit prefix, per device and day. */
  async entriesByDay(prefix: string, from: string, to: string) {
    return this.db.selectFrom('fire_device_daily as c').innerJoin('fire_devices as d', 'd.id', 'c.device_ref')
      .select(['d.id', 'd.device_id', 'd.name', 'd.unit_code', 'd.belongs_to', 'c.day', 'c.people', 'c.vehicles'])
      .where('d.unit_code', 'like', codePrefix(prefix)).where('d.registration', '=', 'accepted').where('c.day', '>=', from).where('c.day', '<=', to)
      .where((eb) => eb.or([eb('c.people', '>', 0), eb('c.vehicles', '>', 0)]))
      .orderBy('c.day').orderBy('d.device_id').execute();
  }

  async insertAlarm(row: Insertable<FireDeviceAlarmTable>): Promise<void> {
    await this.db.insertInto('fire_device_alarms').values(row).execute();
  }

  async settleAlarm(id: string, outcome: { fireId: string | null; created: boolean | null; error: string | null }): Promise<void> {
    await this.db.updateTable('fire_device_alarms').set({ fire_id: outcome.fireId, fire_created: outcome.created === null ? null : outcome.created ? 1 : 0, forward_error: outcome.error }).where('id', '=', id).execute();
  }

  async alarms(prefix: string, filter: { deviceRef?: string }, limit: number) {
    let q = this.db.selectFrom('fire_device_alarms as a').innerJoin('fire_devices as d', 'd.id', 'a.device_ref')
      .selectAll('a').select(['d.device_id', 'd.name', 'd.kind as device_kind']).where('d.unit_code', 'like', codePrefix(prefix));
    if (filter.deviceRef) q = q.where('a.device_ref', '=', filter.deviceRef);
    return q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
  }

  /** Counts a message that could not be put to any device (bad topic, unknown county, …) under its day and reason. */
  async reject(day: string, reason: string, topic: string, error: string, at: string): Promise<void> {
    const t = topic.slice(0, 300);
    const e = error.slice(0, 300);
    await this.db.insertInto('fire_device_rejects').values({ day, reason, count: 1, last_topic: t, last_error: e, last_at: at })
      .onConflict((oc) => oc.columns(['day', 'reason']).doUpdateSet((eb) => ({ count: eb('fire_device_rejects.count', '+', 1), last_topic: t, last_error: e, last_at: at })))
      .execute();
  }

  async rejects(from: string, to: string) {
    return this.db.selectFrom('fire_device_rejects').selectAll().where('day', '>=', from).where('day', '<=', to).orderBy('day', 'desc').orderBy('reason').execute();
  }
}

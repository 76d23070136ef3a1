import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import mqtt from 'mqtt';
import { deviceTopic, interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { testBrokers } from './mqtt-brokers.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';
import { createServices } from '../src/services.ts';
import { DeviceService } from '../src/fire/devices/service.ts';
import { startDeviceSubscriber } from '../src/fire/devices/subscriber.ts';
import { startDeviceIngest } from '../src/fire/devices/start-ingest.ts';
import { startEmbeddedBroker } from '../src/fire/devices/embedded-broker.ts';
import { keptMessagesPerDevice } from '../src/fire/devices/repository.ts';
import type { FireAlarmSink } from '../src/fire/devices/alarm-sink.ts';
import { viewerOf } from '../src/auth/viewer.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { scheduledJobs } from '../src/jobs/scheduled-jobs.ts';

// Issue 6 §8: devices publish heartbeats, entry counts and alarms over MQTT; the server subscribes, counts, turns
// alarms into fire records, records unknown devices as pending and reports a device offline after a silence
// (rule kind device_rules, default 30 min [U]). Against a real Mosquitto broker and the in-process aedes broker.
const NOW = new Date('2026-05-06T02:00:00Z');
const COUNTY = '500242';
const POLL = { timeout: 20_000, interval: 100 };

/** Records every alarm handed over (contract C's shape) and passes it to the real fire-alarm service when given one. */
class RecordingSink implements FireAlarmSink {
  calls: Parameters<FireAlarmSink['fromDevice']>[0][] = [];
  constructor(private readonly inner: FireAlarmSink | null = null) {}
  async fromDevice(alarm: Parameters<FireAlarmSink['fromDevice']>[0]) {
    this.calls.push(alarm);
    return this.inner ? this.inner.fromDevice(alarm) : { fireId: `fire-${this.calls.length}`, created: this.calls.length === 1 };
  }
}

describe.each(testEngines())('devices over MQTT on $name', (engine) => {
  let f: AppFixture;
  let staff: string;
  let here: [number, number];
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie = staff) =>
    f.app.inject({ method, url, headers: { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const serial = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;
  const register = async (deviceId: string, kind = 'smart_checkpoint') => {
    const r = await call('POST', '/api/fire/devices', { deviceId, kind, name: `${deviceId} 卡口`, lon: here[0], lat: here[1], belongsTo: '包家村入山口' });
    expect(r.statusCode).toBe(201);
    return r.json() as { id: string; status: string; unitCode: string };
  };
  const device = async (id: string) => (await call('GET', `/api/fire/devices/${id}`)).json();

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await buildDemo(store, '500242', NOW, { activity: false });
        await new AuthService(store, defaultSettings).createUser({ username: 'fire-staff', name: '防火办', password: 'staff1234', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null });
        const v = await store.db.selectFrom('units').select('geom_json').where('code', '=', '500242101200').executeTakeFirstOrThrow();
        here = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
      },
      now: () => NOW,
    });
    staff = await f.login('fire-staff', 'staff1234');
  });
  afterAll(() => f?.close());

  describe.each(testBrokers())('through $name', (broker) => {
    let running: { url: string; close(): Promise<void> };
    let service: DeviceService;
    let sink: RecordingSink;
    let subscriber: ReturnType<typeof startDeviceSubscriber>;
    let publisher: mqtt.MqttClient;
    // A topic root of this run's own: parallel runs on one broker never see each other's messages.
    const root = `test-${randomBytes(4).toString('hex')}/linzhang/v1`;
    const log: string[] = [];

    beforeAll(async () => {
      running = await broker.start();
      // The real FireAlarmService (contract C) behind the recorder: the alarm must end as a fire record.
      const services = createServices(f.store, defaultSettings, () => NOW);
      sink = new RecordingSink(services.fireAlarms);
      service = new DeviceService(f.store, () => NOW, services.rules, sink, root);
      subscriber = startDeviceSubscriber(service, running.url, { mode: 'external', log: (l) => log.push(l), reconnectMs: 500 });
      const system = viewerOf({ id: 'system', username: 'system', roles: ['staff'], scopeUnitCode: '500242000000' });
      // (expect.poll is for tests only) wait until the subscription is acknowledged, else early messages are lost
      for (const until = Date.now() + POLL.timeout; ;) {
        const s = await service.ingestStatus(system);
        if (s.ok && s.value.link.connected) break;
        if (Date.now() > until) throw new Error(`subscriber did not connect to ${running.url}: ${log.join('; ')}`);
        await new Promise((r) => setTimeout(r, POLL.interval));
      }
      publisher = await mqtt.connectAsync(running.url, { clientId: `test-pub-${randomBytes(3).toString('hex')}` });
    });
    afterAll(async () => {
      await publisher?.endAsync();
      await subscriber?.stop();
      await running?.close();
    });
    const publish = (topic: string, body: unknown) => publisher.publishAsync(topic, typeof body === 'string' ? body : JSON.stringify(body), { qos: 1 });

    it('takes a heartbeat, an entry count and a smoke alarm: online, counted, and a fire record with its timers running', async () => {
      const id = serial('KK');
      const d = await register(id);
      expect(d.status).toBe('never');
      await publish(deviceTopic(root, COUNTY, id, 'heartbeat'), { v: 1, battery: 77, signal: -70 });
      await publish(deviceTopic(root, COUNTY, id, 'entries'), { v: 1, from: '2026-05-06T08:00:00+08:00', to: '2026-05-06T09:00:00+08:00', people: 12, vehicles: 3 });
      await publish(deviceTopic(root, COUNTY, id, 'entries'), { v: 1, from: '2026-05-06T09:00:00+08:00', to: '2026-05-06T10:00:00+08:00', people: 5, vehicles: 0 });
      await expect.poll(async () => (await device(d.id)).today, POLL).toMatchObject({ messages: 3, people: 17, vehicles: 3, invalid: 0 });
      expect(await device(d.id)).toMatchObject({ status: 'online', battery: 77, lastSeenAt: NOW.toISOString() });

      await publish(deviceTopic(root, COUNTY, id, 'alarm'), { v: 1, kind: 'smoke', at: '2026-05-06T09:59:30+08:00', snapshot: 'nvr://7/1.jpg' });
      await expect.poll(() => sink.calls.length, POLL).toBe(1);
      expect(sink.calls[0]).toMatchObject({ deviceId: d.id, kind: 'smoke', at: '2026-05-06T01:59:30.000Z', lon: here[0], lat: here[1], unitCode: '500242101200' });
      await expect.poll(async () => (await device(d.id)).alarms[0], POLL).toMatchObject({ kind: 'smoke', fireCreated: true, forwardError: null });
      const fireId = (await device(d.id)).alarms[0].fireId as string;
      const fire = (await call('GET', `/api/fires/${fireId}`)).json();
      expect(fire).toMatchObject({ status: 'discovered', source: 'device', unitCode: '500242101200', discoveredAt: '2026-05-06T01:59:30.000Z' });
      // 30 s after the alarm the first "135" timer (from discovery) runs with time left
      expect(fire.timers[0]).toMatchObject({ fromStep: 'discovered', status: 'running', startedAt: '2026-05-06T01:59:30.000Z' });
      expect(fire.timers[0].remainingMinutes).toBeGreaterThan(0);
      const recent = (await call('GET', '/api/fire/devices/alarms')).json();
      expect(recent).toContainEqual(expect.objectContaining({ deviceId: id, fireId }));
      // a second alarm from the same device minutes later joins the open record
      await publish(deviceTopic(root, COUNTY, id, 'alarm'), { v: 1, kind: 'flame', at: '2026-05-06T09:59:45+08:00' });
      await expect.poll(async () => (await device(d.id)).alarms[0], POLL).toMatchObject({ kind: 'flame', fireId, fireCreated: false });
      // the day's entries feed the entry statistics
      expect(await service.dailyEntries('500242', '2026-05-06', '2026-05-06')).toContainEqual(expect.objectContaining({ deviceId: id, day: '2026-05-06', people: 17, vehicles: 3 }));
    });

    it('logs and counts malformed messages, unknown counties and bad topics without stopping, and records unknown devices as pending', async () => {
      const id = serial('CAM');
      const d = await register(id, 'camera');
      await publish(deviceTopic(root, COUNTY, id, 'heartbeat'), '{oops');
      await publish(deviceTopic(root, COUNTY, id, 'alarm'), { v: 1, kind: 'rain', at: 'yesterday' });
      await publish(`${root}/${COUNTY}/devices/${id}/status`, { v: 1 });
      await publish(deviceTopic(root, '999999', id, 'heartbeat'), { v: 1 });
      const stranger = serial('X');
      await publish(deviceTopic(root, COUNTY, stranger, 'alarm'), { v: 1, kind: 'flame', at: '2026-05-06T09:59:00+08:00', lon: here[0], lat: here[1] });
      await publish(deviceTopic(root, COUNTY, id, 'heartbeat'), { v: 1 });
      await expect.poll(async () => (await device(d.id)).today, POLL).toMatchObject({ messages: 3, invalid: 2 });
      const detail = await device(d.id);
      expect(detail.status).toBe('online');
      expect(detail.messages.map((m: { valid: boolean; error: string | null }) => [m.valid, m.error?.split(' ')[0] ?? null])).toEqual([[true, null], [false, '/kind'], [false, '/']]);
      const checked = await service.ingestStatus(viewerOf({ id: 'x', username: 'x', roles: ['staff'], scopeUnitCode: '500242000000' }));
      const status = checked.ok ? checked.value : { link: null, rejects: [] };
      expect(status.link).toMatchObject({ mode: 'external', connected: true });
      const reasons = Object.fromEntries(status.rejects.map((r: { reason: string; count: number }) => [r.reason, r.count]));
      expect(reasons.bad_topic).toBeGreaterThanOrEqual(1);
      expect(reasons.unknown_county).toBeGreaterThanOrEqual(1);
      // the stranger waits for staff; its alarm is kept but believed by nobody
      const pending = (await call('GET', '/api/fire/devices?registration=pending')).json().items.find((x: { deviceId: string }) => x.deviceId === stranger);
      expect(pending).toMatchObject({ status: 'pending', unitCode: '500242000000', kind: 'other' });
      expect((await device(pending.id)).alarms[0]).toMatchObject({ kind: 'flame', fireId: null, forwardError: '设备未经接收，报警未转为火情' });
      expect(sink.calls.filter((c) => c.deviceId === pending.id)).toEqual([]);
      expect(log.some((l) => l.includes('invalid'))).toBe(true);
    });
  });

  it('lets staff accept a pending device (kind and point) or refuse one; chiefs may look, not edit; other towns see nothing', async () => {
    const service = new DeviceService(f.store, () => NOW, createServices(f.store, defaultSettings, () => NOW).rules, new RecordingSink());
    const id = serial('SMK');
    expect(await service.ingest(deviceTopic(service.topicRoot, COUNTY, id, 'heartbeat'), '{"v":1}')).toMatchObject({ outcome: 'accepted', registration: 'pending' });
    const pending = (await call('GET', '/api/fire/devices?registration=pending')).json().items.find((x: { deviceId: string }) => x.deviceId === id);
    // entries from a pending device are not counted
    await service.ingest(deviceTopic(service.topicRoot, COUNTY, id, 'entries'), JSON.stringify({ v: 1, from: '2026-05-06T01:00:00Z', to: '2026-05-06T01:30:00Z', people: 9, vehicles: 1 }));
    expect((await device(pending.id)).today).toMatchObject({ messages: 2, people: 0 });
    const accepted = await call('PUT', `/api/fire/devices/${pending.id}`, { kind: 'smoke_sensor', name: '包家村烟感 1 号', lon: here[0], lat: here[1] });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ registration: 'accepted', status: 'online', unitCode: '500242101200', kind: 'smoke_sensor' });
    const clash = await call('POST', '/api/fire/devices', { deviceId: id, kind: 'camera', name: 'x', lon: here[0], lat: here[1] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0].field).toBe('/body/deviceId');
    expect((await call('POST', '/api/fire/devices', { deviceId: 'a b', kind: 'camera', name: 'x', lon: here[0], lat: here[1] })).json().errors[0].field).toBe('/body/deviceId');
    expect((await call('POST', '/api/fire/devices', { deviceId: 'FAR', kind: 'camera', name: 'x', lon: 100, lat: 30 })).json().errors[0].field).toBe('/body/lon');

    const other = serial('SPAM');
    await service.ingest(deviceTopic(service.topicRoot, COUNTY, other, 'heartbeat'), '{"v":1}');
    const spam = (await call('GET', '/api/fire/devices?registration=pending')).json().items.find((x: { deviceId: string }) => x.deviceId === other);
    expect((await call('POST', `/api/fire/devices/${spam.id}/reject`, {})).json()).toMatchObject({ registration: 'rejected', status: 'rejected' });
    expect((await call('POST', `/api/fire/devices/${spam.id}/reject`, {})).statusCode).toBe(409);

    const chief = await f.login('chief-500242101000');
    expect((await call('GET', `/api/fire/devices/${pending.id}`, undefined, chief)).statusCode).toBe(200);
    expect((await call('PUT', `/api/fire/devices/${pending.id}`, { kind: 'camera', name: 'x', lon: here[0], lat: here[1] }, chief)).statusCode).toBe(403);
    const elsewhere = await f.login('chief-500242102000');
    expect((await call('GET', `/api/fire/devices/${pending.id}`, undefined, elsewhere)).statusCode).toBe(404);
    expect((await call('GET', '/api/fire/devices', undefined, elsewhere)).json().total).toBe(0);
  });

  it('keeps only the last messages of a device while its daily counts keep everything', async () => {
    const service = new DeviceService(f.store, () => NOW, createServices(f.store, defaultSettings, () => NOW).rules, null);
    const d = await register(serial('LOG'));
    const row = (await device(d.id)) as { deviceId: string };
    const n = keptMessagesPerDevice + 5;
    for (let i = 0; i < n; i++) await service.ingest(deviceTopic(service.topicRoot, COUNTY, row.deviceId, 'heartbeat'), JSON.stringify({ v: 1, battery: i }));
    const kept = await f.store.db.selectFrom('fire_device_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('device_ref', '=', d.id).executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(keptMessagesPerDevice);
    expect((await device(d.id)).today.messages).toBe(n);
    // a late count from yesterday goes to yesterday; the message itself arrived today
    await service.ingest(deviceTopic(service.topicRoot, COUNTY, row.deviceId, 'entries'), JSON.stringify({ v: 1, from: '2026-05-05T09:00:00+08:00', to: '2026-05-05T10:00:00+08:00', people: 4, vehicles: 2 }));
    const detail = await device(d.id);
    expect(detail.today).toMatchObject({ messages: n + 1, people: 0 });
    expect(detail.days).toContainEqual(expect.objectContaining({ day: '2026-05-05', messages: 0, people: 4, vehicles: 2 }));
    // without the fire-alarm service an alarm is kept with the reason it went nowhere
    await service.ingest(deviceTopic(service.topicRoot, COUNTY, row.deviceId, 'alarm'), JSON.stringify({ v: 1, kind: 'temperature', at: NOW.toISOString(), value: 81 }));
    expect((await device(d.id)).alarms[0]).toMatchObject({ kind: 'temperature', value: 81, fireId: null, forwardError: '火情处置服务未接入，报警未转为火情' });
  });

  it('marks a silent device offline once (jobs run --as-of), tells the staff, and back online at its next message', async () => {
    const d = await register(serial('OFF'));
    const deviceId = (await device(d.id)).deviceId as string;
    const settings = { ...defaultSettings };
    const jobAt = (asOf: string) => runDueJobs(f.store.db, scheduledJobs(f.store, createServices(f.store, settings, () => new Date(asOf)), settings).filter((j) => j.name === 'device-silence'), asOf);
    const service = new DeviceService(f.store, () => NOW, createServices(f.store, defaultSettings, () => NOW).rules, null);
    await service.ingest(deviceTopic(service.topicRoot, COUNTY, deviceId, 'heartbeat'), '{"v":1}');
    const before = (await call('GET', '/api/inbox')).json().items.filter((n: { kind: string }) => n.kind === 'device_offline').length;

    expect((await jobAt('2026-05-06T02:29:00Z'))[0]!.status).toBe('ran');
    expect((await device(d.id)).status).toBe('online');
    await jobAt('2026-05-06T02:31:00Z');
    expect(await device(d.id)).toMatchObject({ status: 'offline', offlineSince: '2026-05-06T02:30:00.000Z' });
    await jobAt('2026-05-06T02:41:00Z');
    const inbox = (await call('GET', '/api/inbox')).json().items.filter((n: { kind: string; title: string }) => n.kind === 'device_offline' && n.title.includes(deviceId));
    expect(inbox).toHaveLength(1);
    expect(inbox[0].body).toContain('超过 30 分钟无消息');
    expect((await call('GET', '/api/inbox')).json().items.filter((n: { kind: string }) => n.kind === 'device_offline').length).toBeGreaterThan(before);

    await service.ingest(deviceTopic(service.topicRoot, COUNTY, deviceId, 'heartbeat'), '{"v":1}');
    expect(await device(d.id)).toMatchObject({ status: 'online', offlineSince: null });
    expect((await call('GET', '/api/inbox')).json().items.some((n: { kind: string; title: string }) => n.kind === 'device_online' && n.title.startsWith('设备恢复在线'))).toBe(true);
  });

  it('reads the silence from the versioned device_rules: a county may shorten it from a date', async () => {
    const admin = await f.login('admin', 'admin123');
    const bad = await call('POST', '/api/rules/device_rules', { effectiveFrom: '2026-05-06', body: { silenceMinutes: { smart_checkpoint: 0, camera: 30, smoke_sensor: 30, other: 60 }, source: 'x' } }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('smart_checkpoint');
    const ok = await call('POST', '/api/rules/device_rules', { effectiveFrom: '2026-05-07', body: { silenceMinutes: { smart_checkpoint: 10, camera: 30, smoke_sensor: 30, other: 60 }, source: '县防火办 2026 年设备管理办法' } }, admin);
    expect(ok.statusCode).toBe(201);
    const rules = createServices(f.store, defaultSettings, () => NOW).rules;
    expect((await rules.deviceRulesAt('2026-05-06')).silenceMinutes.smart_checkpoint).toBe(30);
    expect((await rules.deviceRulesAt('2026-05-07')).silenceMinutes.smart_checkpoint).toBe(10);
    expect((await call('GET', '/api/rules/device_rules', undefined, admin)).json().defaults.silenceMinutes.other).toBe(60);
  });
});

describe('serve’s device ingest (embedded mode)', () => {
  const engine = testEngines()[0]!; // SQLite: the mode that runs its own broker
  let store: Awaited<ReturnType<typeof engine.open>>;
  beforeAll(async () => {
    store = await engine.open();
    await buildDemo(store, '500242', NOW, { activity: false });
  });
  afterAll(() => store?.dispose());

  it('starts an in-process broker, says where devices connect, and takes their messages', async () => {
    const services = createServices(store, defaultSettings, () => NOW);
    const said: string[] = [];
    const ingest = await startDeviceIngest(services.devices, { ...defaultSettings, mqttPort: 0 }, { embedded: true, host: '127.0.0.1', say: (l) => said.push(l), log: () => {} });
    try {
      expect(ingest.broker).not.toBeNull();
      expect(said[0]).toContain(`mqtt://127.0.0.1:${ingest.broker!.port}`);
      const system = viewerOf({ id: 's', username: 's', roles: ['staff'], scopeUnitCode: '500242000000' });
      await expect.poll(async () => { const s = await services.devices.ingestStatus(system); return s.ok && s.value.link; }, POLL).toMatchObject({ mode: 'embedded', connected: true });
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${ingest.broker!.port}`);
      await client.publishAsync(deviceTopic(services.devices.topicRoot, COUNTY, 'EMB-1', 'heartbeat'), '{"v":1}', { qos: 1 });
      await client.endAsync();
      await expect.poll(async () => (await services.devices.list(system, { registration: 'pending' })).ok, POLL).toBe(true);
      await expect.poll(async () => { const r = await services.devices.list(system, { registration: 'pending' }); return r.ok ? r.value.items.map((d) => d.deviceId) : []; }, POLL).toContain('EMB-1');
    } finally {
      await ingest.stop();
    }
  });

  it('says so and carries on without devices when the port is taken, or in PostgreSQL mode without a URL', async () => {
    const services = createServices(store, defaultSettings, () => NOW);
    const taken = await startEmbeddedBroker(0, '127.0.0.1');
    try {
      const said: string[] = [];
      const ingest = await startDeviceIngest(services.devices, { ...defaultSettings, mqttPort: taken.port }, { embedded: true, host: '127.0.0.1', say: (l) => said.push(l), log: () => {} });
      expect(ingest.subscriber).toBeNull();
      expect(said[0]).toContain(`端口 ${taken.port} 已被占用`);
      const none: string[] = [];
      await startDeviceIngest(services.devices, defaultSettings, { embedded: false, host: '127.0.0.1', say: (l) => none.push(l), log: () => {} });
      expect(none[0]).toContain('未设置 LINZHANG_MQTT_URL');
    } finally {
      await taken.close();
    }
  });
});

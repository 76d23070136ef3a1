import { describe, expect, it } from 'vitest';
import { checkDeviceMessage, deviceTopic, deviceTopicFilter, parseDeviceTopic } from './device-messages.ts';

// Issue 6 §8: the documented device topics and payloads (protocol v1, docs/api.md); every message is checked.
const ROOT = 'linzhang/v1';
const AT = '2026-05-06T02:00:00.000Z';

describe('device topics', () => {
  it('builds and parses `<root>/<county>/devices/<id>/<channel>`', () => {
    const topic = deviceTopic(ROOT, '500242', 'KK-0001', 'alarm');
    expect(topic).toBe('linzhang/v1/500242/devices/KK-0001/alarm');
    expect(parseDeviceTopic(ROOT, topic)).toEqual({ countyCode: '500242', deviceId: 'KK-0001', channel: 'alarm' });
    expect(deviceTopicFilter('test/x/linzhang/v1')).toBe('test/x/linzhang/v1/+/devices/+/+');
  });
  it('refuses other roots, bad county codes, unknown channels and extra levels', () => {
    for (const t of ['other/v1/500242/devices/a/alarm', 'linzhang/v1/5002/devices/a/alarm', 'linzhang/v1/500242/devices/a/status',
      'linzhang/v1/500242/devices/a/b/alarm', 'linzhang/v1/500242/sensors/a/alarm', 'linzhang/v1/500242/devices/a b/alarm']) {
      expect(parseDeviceTopic(ROOT, t)).toBeNull();
    }
  });
});

describe('checkDeviceMessage', () => {
  it('reads a heartbeat, an entries count and a smoke alarm, times in UTC', () => {
    expect(checkDeviceMessage('heartbeat', '{"v":1,"battery":88}', AT)).toEqual({ ok: true, message: { channel: 'heartbeat', body: { v: 1, at: null, battery: 88, signal: null } } });
    expect(checkDeviceMessage('entries', '{"v":1,"from":"2026-05-06T09:00:00+08:00","to":"2026-05-06T10:00:00+08:00","people":12,"vehicles":3}', AT))
      .toEqual({ ok: true, message: { channel: 'entries', body: { v: 1, from: '2026-05-06T01:00:00.000Z', to: '2026-05-06T02:00:00.000Z', people: 12, vehicles: 3 } } });
    const alarm = checkDeviceMessage('alarm', '{"v":1,"kind":"smoke","at":"2026-05-06T09:58:00+08:00","lon":108.77,"lat":28.84,"snapshot":"cam/1.jpg"}', AT);
    expect(alarm).toMatchObject({ ok: true, message: { channel: 'alarm', body: { kind: 'smoke', at: '2026-05-06T01:58:00.000Z', lon: 108.77, lat: 28.84, snapshot: 'cam/1.jpg', value: null } } });
  });
  it('names what is wrong: bad JSON, not an object, wrong version, unknown fields, bad kinds, times ahead of the clock', () => {
    expect(checkDeviceMessage('heartbeat', '{oops', AT)).toEqual({ ok: false, findings: [{ path: '', message: '不是合法的 JSON' }] });
    expect(checkDeviceMessage('heartbeat', '[1]', AT)).toMatchObject({ ok: false, findings: [{ path: '' }] });
    const bad = checkDeviceMessage('alarm', '{"v":2,"kind":"rain","at":"2026-05-06T12:00:00+08:00","lon":108.7,"colour":"red"}', AT);
    expect(bad.ok ? [] : bad.findings.map((f) => f.path)).toEqual(['/v', '/colour', '/kind', '/at', '/lat']);
    const entries = checkDeviceMessage('entries', '{"v":1,"from":"2026-05-06T10:00:00+08:00","to":"2026-05-06T09:00:00+08:00","people":-1}', AT);
    expect(entries.ok ? [] : entries.findings.map((f) => f.path)).toEqual(['/people', '/vehicles', '/to']);
    expect(checkDeviceMessage('alarm', '{"v":1,"kind":"smoke","at":"2026-05-06 10:00"}', AT)).toMatchObject({ ok: false, findings: [{ path: '/at' }] });
  });
  it('allows a device clock a few minutes fast, not more', () => {
    expect(checkDeviceMessage('alarm', '{"v":1,"kind":"flame","at":"2026-05-06T02:04:00Z"}', AT).ok).toBe(true);
    expect(checkDeviceMessage('alarm', '{"v":1,"kind":"flame","at":"2026-05-06T02:06:00Z"}', AT).ok).toBe(false);
  });
});

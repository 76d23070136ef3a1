import { describe, expect, it } from 'vitest';
import { checkDeviceRules, defaultDeviceRules, deviceSilentSince } from './device-rules.ts';

// Issue 6 §8 / DOMAIN.md §5 [U]: a device is offline after a silence; default 30 minutes (60 for "other"), configurable.
describe('deviceSilentSince', () => {
  it('reports a checkpoint silent from 30 minutes after its last message, not before', () => {
    expect(deviceSilentSince('smart_checkpoint', '2026-05-06T02:00:00Z', '2026-05-06T02:29:59Z', defaultDeviceRules)).toBeNull();
    expect(deviceSilentSince('smart_checkpoint', '2026-05-06T02:00:00Z', '2026-05-06T02:30:00Z', defaultDeviceRules)).toBe('2026-05-06T02:30:00.000Z');
    expect(deviceSilentSince('other', '2026-05-06T02:00:00Z', '2026-05-06T02:45:00Z', defaultDeviceRules)).toBeNull();
  });
  it('follows a county’s own table', () => {
    const rules = { ...defaultDeviceRules, silenceMinutes: { ...defaultDeviceRules.silenceMinutes, camera: 10 } };
    expect(deviceSilentSince('camera', '2026-05-06T02:00:00Z', '2026-05-06T02:10:00Z', rules)).toBe('2026-05-06T02:10:00.000Z');
  });
});

describe('checkDeviceRules', () => {
  it('accepts the defaults and names each bad minute count and a missing source', () => {
    expect(checkDeviceRules(defaultDeviceRules)).toEqual([]);
    const bad = checkDeviceRules({ silenceMinutes: { ...defaultDeviceRules.silenceMinutes, camera: 0, other: 2.5 }, source: ' ' });
    expect(bad.map((f) => f.path)).toEqual(['/silenceMinutes/camera', '/silenceMinutes/other', '/source']);
  });
});

import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from './env.ts';

// Issue 6 §8: the broker URL, the embedded broker's port and the topic root come from the environment, checked once
// at start-up with every bad variable listed.
describe('MQTT settings', () => {
  it('defaults to no broker URL, port 1883 and the v1 topic root', () => {
    expect(readSettings({})).toMatchObject({ mqttUrl: null, mqttPort: 1883, mqttTopicRoot: 'linzhang/v1' });
    expect(readSettings({ LINZHANG_MQTT_URL: 'mqtts://user:pw@broker.example:8883', LINZHANG_MQTT_PORT: '1884', LINZHANG_MQTT_TOPIC_ROOT: 'cq/linzhang/v1' }))
      .toMatchObject({ mqttUrl: 'mqtts://user:pw@broker.example:8883', mqttPort: 1884, mqttTopicRoot: 'cq/linzhang/v1' });
  });
  it('lists every bad MQTT variable together', () => {
    try {
      readSettings({ LINZHANG_MQTT_URL: 'http://x', LINZHANG_MQTT_PORT: '70000', LINZHANG_MQTT_TOPIC_ROOT: 'a/#' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).problems.map((p) => p.split(' ')[0])).toEqual(['LINZHANG_MQTT_URL', 'LINZHANG_MQTT_PORT', 'LINZHANG_MQTT_TOPIC_ROOT']);
    }
  });
});

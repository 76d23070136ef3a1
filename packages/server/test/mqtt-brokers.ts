import { startEmbeddedBroker } from '../src/fire/devices/embedded-broker.ts';

export interface TestBroker {
  name: 'mosquitto' | 'aedes';
  /** A broker to connect to; close() stops it when the test started it. */
  start(): Promise<{ url: string; close(): Promise<void> }>;
}

/**
 * The brokers the device tests run against: the machine's Mosquitto (LINZHANG_TEST_MQTT_URL, which `.ci/run` sets
 * after starting one) and the in-process aedes broker that embedded `serve` runs. Under CI=true a missing
 * Mosquitto is an error, never a skip.
 */
export function testBrokers(): TestBroker[] {
  const url = process.env.LINZHANG_TEST_MQTT_URL;
  if (!url && process.env.CI === 'true') throw new Error('CI=true but LINZHANG_TEST_MQTT_URL is not set: the device tests must run against a real Mosquitto broker');
  const brokers: TestBroker[] = [];
  if (url) brokers.push({ name: 'mosquitto', start: async () => ({ url, close: async () => {} }) });
  brokers.push({
    name: 'aedes',
    async start() {
      const broker = await startEmbeddedBroker(0, '127.0.0.1');
      return { url: `mqtt://127.0.0.1:${broker.port}`, close: () => broker.close() };
    },
  });
  return brokers;
}

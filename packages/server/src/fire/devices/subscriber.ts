import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { deviceTopicFilter } from '@linzhang/domain';
import type { DeviceService, IngestLink } from './service.ts';

export interface DeviceSubscriber {
  /** Messages taken from the broker so far, and how many of them are fully handled. */
  readonly received: number;
  readonly handled: number;
  stop(): Promise<void>;
}

/** The URL without its password, for logs and the page. */
export const shownUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
};

/**
 * Subscribes to every device topic under the service's root and hands each message to `DeviceService.ingest`, one
 * at a time (in arrival order; SQLite takes one writer). Reconnects by itself (every `reconnectMs`) and resubscribes;
 * nothing a device sends and no database error stops it — each is logged and the next message is handled.
 */
export function startDeviceSubscriber(service: DeviceService, url: string, options: { mode: IngestLink['mode']; log: (line: string) => void; reconnectMs?: number }): DeviceSubscriber {
  const filter = deviceTopicFilter(service.topicRoot);
  const client = mqtt.connect(url, {
    clientId: `linzhang-server-${randomBytes(4).toString('hex')}`,
    clean: true,
    reconnectPeriod: options.reconnectMs ?? 3000,
    connectTimeout: 10_000,
  });
  let chain: Promise<void> = Promise.resolve();
  let received = 0;
  let handled = 0;
  service.setLink({ mode: options.mode, url: shownUrl(url), connected: false, lastError: null, since: null });
  client.on('connect', () => {
    client.subscribe(filter, { qos: 1 }, (error) => {
      if (error) {
        service.setLink({ lastError: `订阅失败：${error.message}` });
        options.log(`设备主题订阅失败 subscribe failed: ${error.message}`);
        return;
      }
      service.setLink({ connected: true, lastError: null, since: new Date().toISOString() });
      options.log(`已订阅设备主题 subscribed to ${filter} on ${shownUrl(url)}`);
    });
  });
  client.on('close', () => service.setLink({ connected: false }));
  client.on('error', (error) => {
    service.setLink({ connected: false, lastError: error.message });
    options.log(`MQTT 连接错误 broker error: ${error.message}`);
  });
  client.on('message', (topic, payload) => {
    received++;
    chain = chain
      .then(async () => {
        const result = await service.ingest(topic, payload);
        if (result.outcome === 'rejected') options.log(`设备消息被拒 rejected (${result.reason}): ${topic}`);
        else if (result.outcome === 'invalid') options.log(`设备消息无效 invalid: ${topic}: ${result.errors.join('; ')}`);
        else if (result.forwardError) options.log(`设备报警未转为火情 alarm not forwarded: ${topic}: ${result.forwardError}`);
      })
      .catch((error: unknown) => options.log(`设备消息处理失败 ingest failed: ${topic}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        handled++;
      });
  });
  return {
    get received() { return received; },
    get handled() { return handled; },
    async stop() {
      await client.endAsync();
      await chain;
      service.setLink({ connected: false });
    },
  };
}

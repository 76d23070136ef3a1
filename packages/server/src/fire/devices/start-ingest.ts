import { deviceTopic } from '@linzhang/domain';
import type { Settings } from '../../config/env.ts';
import type { DeviceService } from './service.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';
import { shownUrl, startDeviceSubscriber, type DeviceSubscriber } from './subscriber.ts';

export interface DeviceIngest {
  subscriber: DeviceSubscriber | null;
  broker: EmbeddedBroker | null;
  stop(): Promise<void>;
}

/**
 * What `serve` does for devices (issue 6 §8): subscribe to LINZHANG_MQTT_URL when set; else, in embedded (SQLite)
 * mode, run an in-process broker on LINZHANG_MQTT_PORT and subscribe to it. A taken port is said and the server
 * carries on without devices; so does PostgreSQL mode without a URL. `say` prints the start-up lines.
 */
export async function startDeviceIngest(devices: DeviceService, settings: Settings, options: { embedded: boolean; host: string; say: (line: string) => void; log: (line: string) => void }): Promise<DeviceIngest> {
  const example = deviceTopic(devices.topicRoot, '<区县代码>', '<设备编号>', 'heartbeat');
  let url = settings.mqttUrl;
  let broker: EmbeddedBroker | null = null;
  if (!url) {
    if (!options.embedded) {
      options.say('设备接入未启动 devices off: 未设置 LINZHANG_MQTT_URL（PostgreSQL 模式不自带 MQTT 服务）');
      devices.setLink({ mode: 'off', lastError: '未设置 LINZHANG_MQTT_URL' });
      return { subscriber: null, broker: null, async stop() {} };
    }
    try {
      broker = await startEmbeddedBroker(settings.mqttPort, options.host);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      const why = code === 'EADDRINUSE' ? `端口 ${settings.mqttPort} 已被占用（可设 LINZHANG_MQTT_PORT 换端口，或设 LINZHANG_MQTT_URL 使用已有的 MQTT 服务）` : error instanceof Error ? error.message : String(error);
      options.say(`设备接入未启动 devices off: 内置 MQTT 服务无法启动：${why}；平台其余功能照常`);
      devices.setLink({ mode: 'off', lastError: `内置 MQTT 服务无法启动：${why}` });
      return { subscriber: null, broker: null, async stop() {} };
    }
    const shownHost = ['0.0.0.0', '::'].includes(options.host) ? '<本机地址>' : options.host;
    options.say(`内置 MQTT 服务 embedded broker: 设备请连接 mqtt://${shownHost}:${broker.port}，发布到 ${example} 等主题（见 docs/api.md）`);
    url = `mqtt://127.0.0.1:${broker.port}`;
  } else {
    options.say(`设备接入 devices: 订阅 ${shownUrl(url)} 上的 ${example} 等主题`);
  }
  const subscriber = startDeviceSubscriber(devices, url, { mode: broker ? 'embedded' : 'external', log: options.log });
  return {
    subscriber,
    broker,
    async stop() {
      await subscriber.stop();
      await broker?.close();
    },
  };
}

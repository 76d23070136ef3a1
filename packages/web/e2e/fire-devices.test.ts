import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { deviceTopic, interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 6 §8/§9 in the browser: the server started as a user would subscribes to the machine's Mosquitto (through
// LINZHANG_MQTT_URL, under a topic root of this run's own); staff register a checkpoint, the test publishes as the
// device would, and 设备状态 shows it online with its entries and its smoke alarm; an unknown device waits to be accepted.
const brokerUrl = process.env.LINZHANG_TEST_MQTT_URL;
if (!brokerUrl && process.env.CI === 'true') throw new Error('CI=true but LINZHANG_TEST_MQTT_URL is not set: the device page is tested against a real Mosquitto broker');
const root = `e2e-${randomBytes(4).toString('hex')}/linzhang/v1`;
if (brokerUrl) {
  // read by startServer when it spawns `linzhang serve` (this file runs in a worker of its own)
  process.env.LINZHANG_MQTT_URL = brokerUrl;
  process.env.LINZHANG_MQTT_TOPIC_ROOT = root;
}

describe.runIf(browserAvailable() && !!brokerUrl)('设备状态 in Chromium', () => {
  const env = useServerAndBrowser();

  it('shows a checkpoint online with its entries and alarm after it publishes over MQTT, and accepts an unknown device', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    await expect.poll(() => page.evaluate(async () => (await (await fetch('/api/fire/devices/ingest')).json()).link.connected), { timeout: 30_000 }).toBe(true);
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;

    await page.goto(`${env.server.url}/fire/devices`);
    await page.getByTestId('device-map').waitFor();
    await expect.poll(() => page.locator('.ant-alert').first().textContent()).toContain('设备接入正常');
    await page.getByRole('button', { name: /登记设备/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '登记设备' });
    await drawer.getByLabel('设备编号').fill('KK-E2E-1');
    await drawer.getByLabel('名称').fill('包家村入山口卡口');
    await drawer.getByLabel('经度').fill(x.toFixed(6));
    await drawer.getByLabel('纬度').fill(y.toFixed(6));
    await drawer.getByLabel('所属卡口或设施').fill('包家村护林检查站');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: 'KK-E2E-1' }).count()).toBe(1);
    expect(await page.locator('.ant-table-row', { hasText: 'KK-E2E-1' }).textContent()).toContain('未上报');

    const client = await mqtt.connectAsync(brokerUrl!);
    const now = Date.now();
    const publish = (id: string, channel: 'heartbeat' | 'entries' | 'alarm', body: unknown) => client.publishAsync(deviceTopic(root, '500242', id, channel), JSON.stringify(body), { qos: 1 });
    await publish('KK-E2E-1', 'heartbeat', { v: 1, battery: 91 });
    await publish('KK-E2E-1', 'entries', { v: 1, from: new Date(now - 3_600_000).toISOString(), to: new Date(now).toISOString(), people: 12, vehicles: 3 });
    await publish('KK-E2E-1', 'alarm', { v: 1, kind: 'smoke', at: new Date(now).toISOString() });
    await publish('CAM-NEW-7', 'heartbeat', { v: 1 });
    await client.endAsync();

    const row = page.locator('.ant-table-row', { hasText: 'KK-E2E-1' });
    await expect.poll(async () => {
      await page.reload();
      await page.getByTestId('device-map').waitFor();
      return `${await row.textContent()}|${await page.getByTestId('recent-alarms').textContent()}|${await page.getByTestId('pending-devices').textContent()}`;
    }, { timeout: 30_000, interval: 1000 }).toMatch(/在线.*12 人 \/ 3 车.*\|.*烟雾已立火情.*\|.*CAM-NEW-7/);
    expect(await page.getByTestId('count-online').textContent()).toContain('在线 1');

    const pendingRow = page.getByTestId('pending-devices').locator('.ant-table-row', { hasText: 'CAM-NEW-7' });
    await pendingRow.getByRole('button', { name: /接\s*收/ }).click();
    const accept = page.locator('.ant-drawer', { hasText: '接收设备 CAM-NEW-7' });
    await pickOption(page, accept.locator('.ant-select').first(), '视频监控');
    await accept.getByLabel('名称').fill('包家村山顶视频监控');
    await accept.getByLabel('经度').fill((x + 0.002).toFixed(6));
    await accept.getByLabel('纬度').fill(y.toFixed(6));
    await accept.getByRole('button', { name: /接\s*收/ }).click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '包家村山顶视频监控' }).count()).toBe(1);
    expect(await page.getByTestId('pending-devices').textContent()).toContain('没有待接收的设备');
    await page.waitForTimeout(800);
    await page.getByText('设备状态', { exact: true }).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'fire-devices');
    await page.getByText('设备接入说明（给安装单位）').click();
    await expect.poll(() => page.locator('.ant-collapse').textContent()).toContain(`${root}/<区县代码6位>/devices/<设备编号>/<通道>`);
    await screenshot(page, 'fire-devices-guide');
  });
});

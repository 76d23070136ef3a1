import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 6 §1/§9 in the browser: bureau staff (the demo's admin) set up a weather station serving a town, enter
// today's noon weather, see the station's FWI indices, and find the town's level on 今日火险 with its grounds.
describe.runIf(browserAvailable())('fire weather and today\'s danger in Chromium', () => {
  const env = useServerAndBrowser();

  it('enters an observation and sees the town\'s level on the danger page', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const town = await page.evaluate(async () => (await (await fetch('/api/units/500242101000')).json()) as { shortName: string; geometry: unknown });
    const [x, y] = interiorPoint(town.geometry as MultiPolygon)!;
    await page.goto(`${env.server.url}/fire/weather`);
    await page.getByTestId('station-map').waitFor();
    await page.getByRole('button', { name: /新建气象站/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '新建气象站' });
    await drawer.getByLabel('站号').fill('YY01');
    await drawer.getByLabel('站名').fill('钟多气象站');
    await drawer.getByLabel('经度').fill(x.toFixed(6));
    await drawer.getByLabel('纬度').fill(y.toFixed(6));
    // the list of towns is long (and virtual): type to find the town, then pick it
    await drawer.getByLabel('服务的乡镇/村（可多个）').fill(town.shortName);
    const option = page.locator('.ant-select-item-option:visible', { hasText: town.shortName }).first();
    await option.waitFor();
    await option.dispatchEvent('click');
    await expect.poll(() => drawer.locator('.ant-select-selection-item').first().textContent()).toBe(town.shortName);
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: 'YY01' }).count(), { timeout: 10_000 }).toBe(1);
    const form = page.getByTestId('observation-form');
    // a humidity over 100 % is refused by the server and shown on the field
    await form.getByLabel('正午气温 ℃').fill('31');
    await form.getByLabel('相对湿度 %').fill('130');
    await form.getByLabel('风速 km/h').fill('40');
    await form.getByLabel('24h 降水 mm').fill('0');
    await form.getByRole('button', { name: /保存观测/ }).click();
    await expect.poll(() => form.textContent()).toContain('超出 0–100%');
    await form.getByLabel('相对湿度 %').fill('12');
    await form.getByRole('button', { name: /保存观测/ }).click();
    const card = page.locator('.ant-card', { hasText: '逐日观测与火险天气指数' });
    await expect.poll(() => card.locator('.ant-table-row').count(), { timeout: 10_000 }).toBe(1);
    expect(await card.locator('.ant-table-row').first().textContent()).toContain('重新起算');
    await page.waitForTimeout(800);
    await screenshot(page, 'fire-weather');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'fire-weather-days');

    await page.goto(`${env.server.url}/fire/danger`);
    await page.getByTestId('danger-map').waitFor();
    const row = page.locator('.ant-table-row', { hasText: town.shortName });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('钟多气象站（YY01）');
    const text = (await row.textContent())!;
    expect(text).toMatch(/[三四五]级/);
    expect(text).toContain('加拿大火险天气指数 FWI');
    expect(await page.locator('.ant-alert', { hasText: '警示旗' }).textContent()).toContain(town.shortName);
    await page.waitForTimeout(1200);
    await screenshot(page, 'fire-danger');
  });
});

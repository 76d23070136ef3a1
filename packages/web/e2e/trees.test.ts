import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 5 §5 in the browser: staff register an ancient tree, see its grade from its age before saving, and find it
// in the register and on the map.
describe.runIf(browserAvailable())('ancient and famous trees in Chromium', () => {
  const env = useServerAndBrowser();

  it('registers a 520-year ginkgo as 一级古树 in the village under its point', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    await page.goto(`${env.server.url}/ledger/trees`);
    await page.getByTestId('tree-map').waitFor();
    await page.getByRole('button', { name: /登记古树名木/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '登记古树名木' });
    await drawer.getByLabel('编号').fill('50024200001');
    await drawer.getByLabel('经度').fill(x.toFixed(6));
    await drawer.getByLabel('纬度').fill(y.toFixed(6));
    await drawer.getByLabel('树种').fill('银杏');
    await drawer.getByLabel('估测树龄（年）').fill('99');
    await expect.poll(() => drawer.textContent()).toContain('树龄不足 100 年且非名木');
    await drawer.getByLabel('估测树龄（年）').fill('520');
    await expect.poll(() => drawer.textContent()).toContain('等级：一级古树');
    await drawer.getByLabel('管护人', { exact: true }).fill('冉大山');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-drawer-title').last().textContent(), { timeout: 10_000 }).toBe('50024200001 银杏');
    expect(await page.locator('.ant-drawer').last().textContent()).toContain('包家村');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '50024200001' }).textContent()).toContain('一级古树');
    await page.waitForTimeout(500);
    await screenshot(page, 'trees-register');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Polygon } from 'geojson';
import { ellipsoidalArea, formatArea } from '@linzhang/domain';
import { browserAvailable, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

/** The form item whose label is exactly `label` (antd renders label and control inside one .ant-form-item). */
const formItem = (scope: Locator, page: Page, label: string) =>
  scope.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });

// Foundation issue §11: register pages list, filter, create and edit with validation.
describe.runIf(browserAvailable())('register pages in Chromium', () => {
  const env = useServerAndBrowser();

  beforeAll(async () => {
    await login(env.session.page, env.server.url, 'chief-500242101000', 'demo123');
    await env.session.page.getByTestId('current-user').waitFor();
  });

  it('creates a person through the drawer, refusing a bad phone number first, then edits the name', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/people`);
    await page.getByRole('button', { name: /新\s*建/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('姓名').fill('测试护林员');
    await drawer.getByLabel('电话').fill('12345');
    // Pick 龙潭镇 in the unit tree.
    await drawer.locator('.ant-select').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '龙潭镇' }).click();
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.textContent()).toContain('请输入手机号或固定电话');
    await screenshot(page, 'people-drawer-invalid');
    await drawer.getByLabel('电话').fill('13900001111');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);

    await page.getByPlaceholder('姓名').fill('测试护林员');
    await page.getByPlaceholder('姓名').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await page.locator('.ant-table-row').getByText('编辑').click();
    await expect.poll(() => drawer.getByLabel('姓名').inputValue()).toBe('测试护林员');
    await drawer.getByLabel('姓名').fill('测试护林员甲');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-table').textContent()).toContain('测试护林员甲');
    await screenshot(page, 'people-after-edit');
  });

  it('creates a responsibility area from pasted GeoJSON, showing the server\'s field error first, and lists it in 亩', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/areas`);
    // A 0.01° square in the middle of 龙潭镇.
    const [x, y] = await page.evaluate(async () => {
      const town = await (await fetch('/api/units/500242101000')).json();
      const ring: number[][] = town.geometry.coordinates[0][0];
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    });
    const square: Polygon = { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] };

    await page.getByRole('button', { name: /新\s*建/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('名称').fill('测试责任区');
    await pickOption(page, formItem(drawer, page, '类型').locator('.ant-select'), '护林员网格');
    await pickOption(page, formItem(drawer, page, '所属区划').locator('.ant-select'), '龙潭镇');
    const boundary = drawer.locator('textarea');
    await boundary.fill('{"type":"Point","coordinates":[108.7,28.8]}');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.textContent()).toContain('几何类型应为 Polygon 或 MultiPolygon');

    // Valid in the page, refused by the server: a ranger grid must lie in a village; the message sits under 所属区划.
    await boundary.fill(JSON.stringify(square));
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await formItem(drawer, page, '所属区划').locator('.ant-form-item-explain-error', { hasText: '护林网格须划在村级区划内' }).waitFor();
    await page.waitForTimeout(500); // let the message finish fading in for the screenshot
    await screenshot(page, 'areas-drawer-server-error');

    await pickOption(page, formItem(drawer, page, '类型').locator('.ant-select'), '林长责任区');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await page.getByPlaceholder('名称').fill('测试责任区');
    await page.getByPlaceholder('名称').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await expect.poll(() => page.locator('.ant-table-row').textContent()).toContain(formatArea(ellipsoidalArea(square)));
    expect(formatArea(ellipsoidalArea(square))).toMatch(/ 亩$/);
  });

  it('filters chief posts by role and shows the coverage check of 龙潭镇', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/posts`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    await page.locator('.ant-select', { hasText: '岗位' }).click();
    await page.locator('.ant-select-item-option', { hasText: '护林员' }).click();
    await expect.poll(async () => (await page.locator('.ant-table-row td:first-child').allTextContents()).every((t) => t === '护林员')).toBe(true);
    await screenshot(page, 'posts-rangers');

    await page.goto(`${env.server.url}/areas`);
    await page.getByRole('button', { name: '覆盖检查' }).click();
    await page.getByRole('button', { name: '开始检查' }).click();
    const modal = page.locator('.ant-modal');
    await expect.poll(() => modal.textContent(), { timeout: 30_000 }).toContain('网格重叠（0 处）');
    await expect.poll(() => modal.textContent()).toMatch(/村域未覆盖（0 个村 \/ 共 \d+ 个村）/);
    await screenshot(page, 'areas-coverage');
  });
});

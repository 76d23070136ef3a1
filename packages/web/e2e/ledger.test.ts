import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 5 §1–2 in the browser: an administrator imports parcels after checking them, and the ledger page shows
// areas by land class and the forest coverage of the village.
describe.runIf(browserAvailable())('resource ledger in Chromium', () => {
  const env = useServerAndBrowser();

  it('imports parcels after a check and shows the statistics and coverage', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    const d = 0.002;
    const square = (i: number) => [[[x - d + i * 2 * d, y - d], [x + d + i * 2 * d, y - d], [x + d + i * 2 * d, y + d], [x - d + i * 2 * d, y + d], [x - d + i * 2 * d, y - d]]];
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 小班号: '1', 地类: '0111', 森林类别: '11', 起源: '天然', 优势树种: '马尾松', 郁闭度: 0.6, 蓄积: 320 }, geometry: { type: 'Polygon', coordinates: square(0) } },
        { type: 'Feature', properties: { 小班号: '2', 地类: '0113', 森林类别: '12', 起源: '人工', 优势树种: '毛竹', 郁闭度: 0.7 }, geometry: { type: 'Polygon', coordinates: square(1) } },
        { type: 'Feature', properties: { 小班号: '3', 地类: '有林地' }, geometry: { type: 'Polygon', coordinates: square(2) } },
      ],
    };
    await page.goto(`${env.server.url}/ledger/import`);
    await page.locator('input[type=file]').setInputFiles({ name: '包家村小班.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await expect.poll(() => page.locator('.ant-alert').first().textContent(), { timeout: 15_000 }).toContain('可导入 2 个，有误 1 个');
    expect(await page.locator('.ant-table-row', { hasText: '有林地' }).textContent()).toContain('不在二类调查地类代码表中');
    await screenshot(page, 'ledger-import-checked');
    await page.getByRole('button', { name: /确认导入 2 个小班/ }).click();
    await expect.poll(() => page.locator('.ant-alert').first().textContent(), { timeout: 15_000 }).toContain('已导入 2 个小班');

    // The town chief reads the ledger of 龙潭镇 (the province has no land area in the demo: its coverage shows —).
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' } }));
    await login(page, env.server.url, 'chief-500242101000', 'demo123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/ledger`);
    await expect.poll(() => page.locator('.ant-statistic').first().textContent(), { timeout: 15_000 }).toMatch(/森林覆盖率\d+\.\d{2}%/);
    expect(await page.locator('.ant-card', { hasText: '按地类' }).textContent()).toContain('乔木林地');
    expect(await page.locator('.ant-card', { hasText: '下级区划' }).textContent()).toContain('包家村');
    await screenshot(page, 'ledger-statistics');
  });
});

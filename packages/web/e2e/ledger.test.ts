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
    await page.locator('input[type=file]').first().setInputFiles({ name: '包家村小班.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
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

  it('joins an attribute table (CSV) to a geometry file that carries only the parcel numbers', async () => {
    const { page } = env.session;
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' } }));
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101201')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    const d = 0.001;
    const square = (i: number) => [[[x - d + i * 2 * d, y - d], [x + d + i * 2 * d, y - d], [x + d + i * 2 * d, y + d], [x - d + i * 2 * d, y + d], [x - d + i * 2 * d, y - d]]];
    const shapes = { type: 'FeatureCollection', features: [0, 1].map((i) => ({ type: 'Feature', properties: { 林班: '5', 小班号: `00${i + 1}` }, geometry: { type: 'Polygon', coordinates: square(i) } })) };
    const csv = '\uFEFF林班,小班号,地类,森林类别,起源,优势树种,郁闭度\r\n5,001,0111,12,天然,马尾松,0.6\r\n5,002,0113,22,人工,毛竹,0.7\r\n5,003,0111,22,人工,杉木,0.5\r\n';
    await page.goto(`${env.server.url}/ledger/import`);
    await page.locator('input[type=file]').first().setInputFiles({ name: '图形.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(shapes)) });
    await page.locator('input[type=file]').nth(1).setInputFiles({ name: '小班属性表.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await expect.poll(() => page.locator('.ant-alert', { hasText: '属性表 小班属性表.csv' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.ant-alert', { hasText: '属性表 小班属性表.csv' }).textContent()).toContain('连接上 2 行');
    expect(await page.locator('.ant-alert', { hasText: '没有对应的小班图形' }).textContent()).toContain('第 4 行');
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('乔木林地');
    await screenshot(page, 'ledger-import-attributes');
  });

  it('shows what changed since last year and how much forest land lies in the rangers’ grids', async () => {
    const { page } = env.session;
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    // Last year's ledger of 包家村 had parcel 1 as 宜林荒山荒地 (0171) and a parcel 4 that is gone now.
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    const d = 0.002;
    const square = (i: number) => [[[x - d + i * 2 * d, y - d], [x + d + i * 2 * d, y - d], [x + d + i * 2 * d, y + d], [x - d + i * 2 * d, y + d], [x - d + i * 2 * d, y - d]]];
    const last = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { 小班号: '1', 地类: '0171' }, geometry: { type: 'Polygon', coordinates: square(0) } },
      { type: 'Feature', properties: { 小班号: '4', 地类: '0111', 森林类别: '22', 起源: '人工', 郁闭度: 0.5 }, geometry: { type: 'Polygon', coordinates: square(3) } },
    ] };
    const created = await page.evaluate(async ({ file, y }) => {
      const content = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(file))));
      return (await (await fetch('/api/ledger/parcels/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileName: 'last.geojson', contentBase64: content, year: y - 1, commit: true }) })).json()).created;
    }, { file: last, y: year });
    expect(created).toBe(2);
    await page.goto(`${env.server.url}/ledger/changes`);
    await page.getByRole('combobox').nth(0).waitFor();
    await expect.poll(() => page.locator('.ant-statistic', { hasText: '新增小班' }).textContent(), { timeout: 15_000 }).toMatch(/新增小班\d+/);
    const table = await page.locator('.ant-card-small', { hasText: '小班变化' }).textContent();
    expect(table).toContain('宜林荒山荒地 → 乔木林地');
    expect(table).toContain('消失');
    await screenshot(page, 'ledger-changes');
    await page.getByRole('tab', { name: '管护责任覆盖' }).click();
    await expect.poll(() => page.locator('.ant-statistic', { hasText: '管护责任覆盖率' }).textContent(), { timeout: 20_000 }).toMatch(/管护责任覆盖率\d+\.\d{2}%/);
    expect(await page.getByTestId('responsibility-children').textContent()).toContain('酉阳土家族苗族自治县');
    await screenshot(page, 'ledger-responsibility');

    // Staff register 包家村's 四旁树 and see it in the coverage formula.
    await page.goto(`${env.server.url}/ledger`);
    for (const name of ['酉阳土家族苗族自治县', '龙潭镇', '包家村']) {
      await page.locator('.ant-card', { hasText: '下级区划' }).last().getByText(name, { exact: true }).click();
      await expect.poll(() => page.locator('.ant-select-content, .ant-select-selection-item').first().textContent(), { timeout: 10_000 }).toContain(name);
    }
    await page.getByRole('button', { name: '登记四旁树' }).click();
    await page.getByLabel('四旁树占地（冠幅投影）面积（亩）').fill('30');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-alert', { hasText: '森林覆盖率 =' }).textContent(), { timeout: 10_000 }).toContain('四旁树与农田林网占地 30.0 亩');
    await screenshot(page, 'ledger-statistics-scattered-trees');
  });
});

import { describe, expect, it } from 'vitest';
import { browserAvailable, importSquareParcels, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 7 §1–§2 and §8 in the browser: a drone list of dead pines imported into a 小班, the map coloured by
// lifecycle, a tree felled and its disposal refused at 2 cm chips then accepted, and the 小班's sampling plan.
describe.runIf(browserAvailable())('pine wilt dead trees in Chromium', () => {
  const env = useServerAndBrowser();

  it('imports a list, records the lifecycle with the disposal limits, and shows what the 小班 needs sampled', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    expect(await importSquareParcels(page, '500242101200', year, [{ 小班号: '0101', 地类: '0111', 优势树种: '马尾松' }], 0.003)).toBe(1);
    // Twelve dead pines inside that square, imported as a drone list (CSV) through the page's import drawer.
    const [x, y] = await page.evaluate(async () => {
      const geometry = (await (await fetch('/api/units/500242101200')).json()).geometry as { coordinates: number[][][][] };
      const ring = geometry.coordinates[0]![0]!;
      return [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
    });
    const csv = ['编号,经度,纬度,树种,胸径,状态', ...Array.from({ length: 12 }, (_, i) => `UAV-${i + 1},${(x! - 0.002 + (i % 4) * 0.001).toFixed(6)},${(y! - 0.002 + Math.floor(i / 4) * 0.001).toFixed(6)},马尾松,${16 + i},枯死`), 'UAV-99,116.4,39.9,马尾松,20,枯死'].join('\n');
    await page.goto(`${env.server.url}/pests`);
    await page.getByTestId('dead-tree-map').waitFor();
    await page.getByRole('button', { name: /导入清单/ }).click();
    const importer = page.locator('.ant-drawer', { hasText: '导入疫木清单' });
    await importer.locator('input[type=file]').setInputFiles({ name: 'uav.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await importer.getByRole('button', { name: /校\s*验/ }).click();
    await expect.poll(() => importer.getByTestId('dead-tree-import-summary').textContent()).toContain('可导入 12 株，不导入 1 株');
    expect(await importer.textContent()).toContain('该点不在您管辖的区划范围内');
    expect(await importer.getByRole('button', { name: /确认导入/ }).isEnabled()).toBe(true);
    await page.waitForTimeout(400); // the button's colour fades in
    await screenshot(page, 'dead-tree-import');
    await importer.getByRole('button', { name: /确认导入/ }).click();
    await expect.poll(() => importer.getByTestId('dead-tree-import-summary').textContent()).toContain('已导入 12 株');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('dead-tree-counts').textContent()).toContain('共 12 株');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(12);
    await page.waitForTimeout(800);
    await screenshot(page, 'dead-trees-map');

    await page.locator('.ant-table-row').first().click();
    const drawer = page.getByTestId('dead-tree-drawer');
    await drawer.getByTestId('dead-tree-step-form').waitFor();
    expect(await drawer.getByTestId('parcel-needs-samples').textContent()).toContain('该小班还需取样 10 株');
    await drawer.locator('.ant-radio-button-wrapper', { hasText: '伐除' }).click();
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.getByTestId('dead-tree-state').first().textContent()).toBe('伐除');
    await drawer.locator('.ant-radio-button-wrapper', { hasText: '除害处理' }).click();
    await pickOption(page, drawer.getByTestId('dead-tree-step-form').locator('.ant-select').first(), '粉碎（削片）');
    await drawer.getByLabel('伐桩高度').fill('4');
    await drawer.getByLabel('粉碎粒径').fill('2');
    await drawer.getByLabel('削片厚度').fill('0.5');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.textContent()).toContain('粉碎粒径 2 cm，应不超过 1 cm');
    expect(await drawer.getByTestId('dead-tree-state').first().textContent()).toBe('伐除');
    await screenshot(page, 'dead-tree-disposal-refused');
    await drawer.getByLabel('粉碎粒径').fill('0.8');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.getByTestId('dead-tree-state').first().textContent()).toBe('除害处理');
    expect(await drawer.textContent()).toContain('粒径 0.8 cm');

    await page.goto(`${env.server.url}/pests/sampling`);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('next-batch').textContent()).toBe('10');
    await page.locator('.ant-table-row').first().click();
    await expect.poll(() => page.getByTestId('parcel-plan').textContent()).toContain('先抽取 10 株取样');
    await page.waitForTimeout(400);
    await screenshot(page, 'dead-trees-sampling');
  });
});

import { describe, expect, it } from 'vitest';
import { browserAvailable, importSquareParcels, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 8 §4 in the browser (DOMAIN.md §9): two ledger years of a village's 小班 with species and volume, the stock and
// the annual sink on /carbon, the fallback row shown, and a town's figures entered giving a 净碳汇 / 净排放 tag.
//   last year: 马尾松 100 m³ → 30.54 tC, 银杏 50 m³ (其他 row) → 22.56 tC; this year 马尾松 130 m³ → 39.71 tC.
//   Sink = (62.27 − 53.11) tC / 1 a = 9.16 tC/a = 33.60 tCO₂e/a.
describe.runIf(browserAvailable())('forest carbon in Chromium', () => {
  const env = useServerAndBrowser();

  it('shows the stock, the sink, the species parameters and a town balance entered in the form', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    expect(await importSquareParcels(page, '500242101200', year - 1, [
      { 小班号: '0101', 地类: '0111', 优势树种: '马尾松', 蓄积: 100 }, { 小班号: '0102', 地类: '0111', 优势树种: '银杏', 蓄积: 50 },
    ])).toBe(2);
    expect(await importSquareParcels(page, '500242101200', year, [
      { 小班号: '0101', 地类: '0111', 优势树种: '马尾松', 蓄积: 130 }, { 小班号: '0102', 地类: '0111', 优势树种: '银杏', 蓄积: 50 },
      { 小班号: '0103', 地类: '0111', 优势树种: '毛竹' }, // bamboo: no stand volume, so no carbon by this method
    ])).toBe(3);

    await page.goto(`${env.server.url}/carbon`);
    const kpis = page.getByTestId('carbon-kpis');
    await expect.poll(() => kpis.textContent()).toContain('62.27');
    await expect.poll(() => kpis.textContent()).toContain('33.60');
    const species = page.getByTestId('carbon-species');
    expect(await species.textContent()).toContain('按其他参数');
    expect(await species.textContent()).toContain('0.380');
    expect(await species.textContent()).toContain('未确认');
    expect(await species.locator('tr', { hasText: '毛竹' }).textContent()).toContain('无蓄积，不计');
    expect(await page.getByTestId('no-volume').textContent()).toContain('1 个小班没有蓄积');
    await page.waitForTimeout(600);
    await screenshot(page, 'carbon-stock');

    const town = page.getByTestId('carbon-towns').locator('tr[data-row-key="500242101000"]');
    await town.getByRole('button', { name: /填\s*报/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('居民生活排放').fill('20');
    await dialog.getByLabel('交通排放').fill('5');
    await dialog.getByLabel('农作物吸收').fill('3');
    await dialog.getByLabel('数据来源').fill('镇统计站测算（测试）');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // 33.60 + 3 − 25 = 11.60 → 净碳汇
    await expect.poll(() => town.textContent()).toContain('净碳汇');
    expect(await town.textContent()).toContain('11.60');
    await page.waitForTimeout(600);
    await screenshot(page, 'carbon');

    // The parameters on the rules page: a new version with 马尾松 WD 0.5 gives 130 × 0.5 × 1.472 × 1.187 × 0.46 = 52.24 tC.
    await page.goto(`${env.server.url}/admin/rules`);
    const card = page.locator('.ant-card', { hasText: '森林碳汇树种参数' });
    await card.getByLabel('马尾松 WD 基本木材密度（t/m³）').fill('0.5');
    await card.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => page.evaluate(async () => (await (await fetch('/api/rules/carbon_parameters')).json()).inForce.rows[0].woodDensity)).toBe(0.5);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'carbon-parameters');
    await page.goto(`${env.server.url}/carbon`);
    await expect.poll(() => page.getByTestId('carbon-species').textContent()).toContain('52.24');
  });
});

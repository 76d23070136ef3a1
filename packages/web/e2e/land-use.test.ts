import { describe, expect, it } from 'vitest';
import { browserAvailable, importSquareParcels, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 5 §4 in the browser: a road's land half over a 重点公益林 parcel — the overlap is shown before the decision,
// and approval asks for the acknowledgement and its grounds.
describe.runIf(browserAvailable())('forest land use approvals in Chromium', () => {
  const env = useServerAndBrowser();

  it('registers an application, shows its overlap with public-welfare forest and approves it with the acknowledgement', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    expect(await importSquareParcels(page, '500242101200', year, [{ 小班号: '6-001', 地类: '0111', 森林类别: '11', 起源: '人工', 郁闭度: 0.7 }])).toBe(1);
    // the same centre the parcel was laid on: a square shifted half its width to the east
    const land = await page.evaluate(async () => {
      const geometry = (await (await fetch('/api/units/500242101200')).json()).geometry as { coordinates: number[][][][] };
      const ring = geometry.coordinates[0]![0]!;
      const [x, y] = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
      const d = 0.001;
      return { type: 'Polygon', coordinates: [[[x, y - d], [x + 2 * d, y - d], [x + 2 * d, y + d], [x, y + d], [x, y - d]]] };
    });
    await page.goto(`${env.server.url}/ledger/land-use`);
    await page.getByRole('button', { name: /登记申请/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '登记使用林地申请' });
    await drawer.getByLabel('项目名称').fill('包家村通组公路');
    await drawer.getByLabel('用地单位').fill('酉阳县交通运输委员会');
    await drawer.getByLabel('申请日期').click();
    await page.keyboard.type(`${year}-01-15`);
    await page.keyboard.press('Enter');
    await drawer.locator('textarea').fill(JSON.stringify(land));
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    const overlap = page.getByTestId('land-use-overlap');
    await expect.poll(() => overlap.textContent(), { timeout: 10_000 }).toContain('占用重点公益林');
    expect(await overlap.textContent()).toContain('6-001');
    await page.waitForTimeout(300);
    await screenshot(page, 'land-use-overlap');
    await page.getByRole('button', { name: /批\s*准/ }).first().click();
    const dialog = page.locator('.ant-modal', { hasText: '批准使用林地' });
    await dialog.getByLabel('审核同意书文号').fill('渝林地审〔2026〕12号');
    await dialog.getByLabel('审批意见').fill('同意');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => dialog.textContent()).toContain('请说明依据');
    await dialog.getByText(/已知晓占用重点公益林/).click();
    await dialog.getByLabel('占用依据').fill('市级重点建设项目，已取得市林业局审核意见');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => page.locator('.ant-drawer').last().locator('.ant-descriptions').textContent(), { timeout: 10_000 }).toContain('渝林地审〔2026〕12号');
    expect(await page.locator('.ant-drawer').last().locator('.ant-descriptions').textContent()).toContain('已批准');
  });
});

import { describe, expect, it } from 'vitest';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 3 §4: report duties with report submission in the app (village chief → town chief monthly).
describe.runIf(browserAvailable())('chief reports in Chromium', () => {
  const env = useServerAndBrowser();

  it('lets a village chief file a report that the town chief sees, and counts it on the report board', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'chief-500242101200', 'demo123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/patrols/reports`);
    await page.getByRole('button', { name: /写报告/ }).click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByLabel('标题').fill('本月林长工作报告');
    await drawer.getByLabel('内容').fill('本月巡林五次，发现松树异常死亡一处，已上报。');
    await drawer.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => page.locator('.ant-table').textContent(), { timeout: 15_000 }).toContain('本月林长工作报告');
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login/);

    await login(page, env.server.url, 'chief-500242101000', 'demo123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/patrols/reports`);
    await expect.poll(() => page.locator('.ant-table').textContent(), { timeout: 15_000 }).toContain('本月林长工作报告');
    await page.goto(`${env.server.url}/patrols/compliance`);
    await page.getByText('报告', { exact: true }).click();
    await page.locator('.ant-table-row', { hasText: '包家村' }).locator('.ant-table-row-expand-icon').first().click();
    const chiefRow = page.locator('.ant-table-row', { hasText: '村级林长' }).filter({ hasText: '1 次' });
    await expect.poll(() => chiefRow.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => chiefRow.textContent()).toContain('已达标');
    await screenshot(page, 'report-board');
  });
});

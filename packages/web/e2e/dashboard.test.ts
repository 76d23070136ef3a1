import { describe, expect, it } from 'vitest';
import { browserAvailable, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 8 §5 in the browser: the county's dashboard shows the same numbers as the records' own lists, and a figure
// opens them.
describe.runIf(browserAvailable())('leadership dashboard in Chromium', () => {
  const env = useServerAndBrowser();

  it('shows the county figures as its records count them and opens the records of a figure', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/dashboard`);
    await page.getByTestId('section-problems').waitFor();
    // 酉阳 under 重庆市.
    const unit = page.locator('.ant-card').first().locator('.ant-select').first();
    await pickOption(page, unit, '酉阳', { expand: ['重庆市'] });
    await expect.poll(() => page.locator('.ant-card').first().textContent()).toContain('酉阳');
    const open = await page.evaluate(async () => {
      const statuses = ['reported', 'accepted', 'assigned', 'in_handling'].map((s) => `status=${s}`).join('&');
      return ((await (await fetch(`/api/problems?unit=500242000000&${statuses}&limit=1`)).json()) as { total: number }).total;
    });
    await expect.poll(() => page.getByTestId('figure-problems_open').locator('.ant-statistic-content-value').textContent()).toBe(String(open));
    await page.getByTestId('section-ranking').getByText('尚无考核方案').waitFor();
    await screenshot(page, 'dashboard');
    await page.getByTestId('figure-problems_overdue_now').click();
    await page.waitForURL(/\/problems\?tab=overdue&unit=500242000000/);
  });
});

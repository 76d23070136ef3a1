import { describe, expect, it } from 'vitest';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// DESIGN.md conventions: rules are versioned configuration with an effective date, edited in the admin UI.
describe.runIf(browserAvailable())('rule configuration in Chromium', () => {
  const env = useServerAndBrowser();

  it('lets the administrator save a new track-rule version from today', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/admin/rules`);
    const row = page.locator('.ant-table-row', { hasText: '有效巡林最短时长（分钟）' });
    await row.locator('input').fill('45');
    await page.getByPlaceholder('如 县林业局2024年第3号通知').fill('试行');
    await page.getByRole('button', { name: '保存为新版本' }).first().click();
    await expect.poll(() => page.locator('.ant-card', { hasText: '巡林轨迹判定规则' }).locator('.ant-tag').first().textContent()).toMatch(/\d{4}-\d{2}-\d{2} 起：试行/);
    await screenshot(page, 'rules-admin');
    const inForce = await page.evaluate(async () => (await (await fetch('/api/rules/track_rules')).json()).inForce.minDurationMinutes);
    expect(inForce).toBe(45);
  });

  it('lets the administrator set the problem deadline table and the 督办 period (DOMAIN.md §2 [U])', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/admin/rules`);
    const card = page.locator('.ant-card', { hasText: '问题办理时限与督办' });
    await card.getByLabel('督办期限（小时）').fill('48');
    await card.getByRole('button', { name: '添加一行' }).click();
    await card.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => card.locator('.ant-card-extra .ant-tag').first().textContent()).toMatch(/\d{4}-\d{2}-\d{2} 起/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'rules-problem-deadlines');
    const inForce = await page.evaluate(async () => (await (await fetch('/api/rules/problem_deadlines')).json()).inForce);
    expect(inForce.supervisionHours).toBe(48);
    expect(inForce.items.at(-1)).toEqual({ category: 'illegal_logging', severity: 'urgent', handleHours: 12, dueSoonHours: 2 });
  });
});

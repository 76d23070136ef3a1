import { describe, expect, it } from 'vitest';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// DOMAIN.md §5: the level table (FWI or LY/T 1172-95) is versioned configuration, its source shown.
describe.runIf(browserAvailable())('fire danger level table in Chromium', () => {
  const env = useServerAndBrowser();

  it('shows the sources and lets the administrator switch to LY/T 1172-95 with a spring correction', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/admin/rules`);
    const card = page.locator('.ant-card', { hasText: '森林火险等级划分' });
    await card.getByText('QX/T 77-2007').waitFor();
    await expect.poll(() => card.getByLabel('FWI 第5级起点').inputValue()).toBe('38');
    await card.locator('.ant-card-head').scrollIntoViewIfNeeded();
    await screenshot(page, 'rules-fire-danger-levels-sources');
    await card.getByText('LY/T 1172-95 森林火险天气指数').click();
    await card.getByLabel('3月物候订正').fill('10');
    await card.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => card.locator('.ant-card-extra .ant-tag').first().textContent()).toMatch(/\d{4}-\d{2}-\d{2} 起/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'rules-fire-danger-levels');
    const inForce = await page.evaluate(async () => (await (await fetch('/api/rules/fire_danger_levels')).json()).inForce);
    expect(inForce.method).toBe('lyt1172');
    expect(inForce.lyt.phenology[2]).toBe(10);
    expect(inForce.fwiFrom).toEqual([5.2, 11.2, 21.3, 38]);
  });
});

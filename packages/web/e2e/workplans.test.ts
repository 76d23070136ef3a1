import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserAvailable, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 8 §1 in the browser: staff upload the Youyang 2024 plan, review the proposal as an outline (untick a wrong
// target, correct a unit), confirm, and find the stored plan's targets table.
const sample = fileURLToPath(new URL('../../domain/src/workplan/fixtures/youyang-2024.txt', import.meta.url));

describe.runIf(browserAvailable())('work-plan import in Chromium', () => {
  const env = useServerAndBrowser();

  it('imports the sample plan after review and shows its targets', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/workplans`);
    await page.locator('input[type=file]').setInputFiles(sample);
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await page.getByTestId('workplan-preview').waitFor();
    await expect.poll(() => page.getByTestId('workplan-section').count()).toBe(12);
    const preview = page.getByTestId('workplan-preview');
    expect(await preview.textContent()).toContain('量化指标保留 25 / 25 个');
    expect(await preview.textContent()).toContain('按第 2 部分标题处理');
    expect(await page.getByLabel('要点标题').inputValue()).toBe('酉阳土家族苗族自治县林业局2024年工作要点');

    // 营造林 18.2万亩 with its sentence, the number highlighted
    const afforestation = page.locator('tr', { has: page.locator('input[value="营造林"]') });
    expect(await afforestation.getByLabel('单位').inputValue()).toBe('万亩');
    expect(await afforestation.getByTestId('target-mark').textContent()).toBe('18.2万亩');

    // untick one target, correct another's unit (3亿 → 亿元)
    await page.getByLabel('保留指标 加工茶油').uncheck();
    const value = page.locator('tr', { has: page.locator('input[value="茶油加工产值"]') });
    await value.getByLabel('单位').fill('亿元');
    await expect.poll(() => preview.textContent()).toContain('量化指标保留 24 / 25 个');

    // the plan is the county's: pick 酉阳 under 重庆市
    const unit = page.getByTestId('workplan-unit').locator('.ant-select');
    await pickOption(page, unit, '酉阳', { expand: ['重庆市'] });

    await page.getByText('只看含指标或职责的任务').click();
    await page.waitForTimeout(300);
    await screenshot(page, 'workplans-preview');
    await page.getByRole('button', { name: /确认导入（指标 24 个/ }).click();

    await page.waitForURL(/\/workplans\/[0-9a-f-]{36}$/);
    const targets = page.getByTestId('workplan-targets');
    await expect.poll(() => targets.locator('.ant-table-row').count()).toBe(24);
    const bySubject = (subject: string) => targets.locator('.ant-table-row').filter({ has: page.locator('td', { hasText: new RegExp(`^${subject}$`) }) });
    const oil = bySubject('茶油加工产值');
    expect(await oil.textContent()).toContain('≥ 3 亿元');
    expect(await bySubject('林业有害生物成灾率').textContent()).toContain('≤ 2 ‰');
    expect(await bySubject('加工茶油').count()).toBe(0);
    expect(await page.locator('.ant-card', { hasText: '第 1 版' }).first().textContent()).toContain('酉阳土家族苗族自治县');
    expect(await oil.getByTestId('target-mark').textContent()).toBe('3'); // the 3 of 3亿, not of 3万亩
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'workplans-plan');

    await page.goto(`${env.server.url}/workplans`);
    const row = page.getByTestId('workplan-list').locator('.ant-table-row', { hasText: '2024年工作要点' });
    await row.waitFor();
    expect(await row.textContent()).toContain('第 1 版');
    expect(await row.textContent()).toContain('24');
    await screenshot(page, 'workplans-list');
  });
});

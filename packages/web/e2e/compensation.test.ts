import { describe, expect, it } from 'vitest';
import { browserAvailable, importSquareParcels, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 5 §6 in the browser: staff preview a town's compensation roll from the ledger's public-welfare parcels at the
// default 16 元/亩, generate the batch, post it and record an objection during the posting.
describe.runIf(browserAvailable())('compensation payments in Chromium', () => {
  const env = useServerAndBrowser();

  it('previews, generates and posts a batch, and records an objection', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    const created = await importSquareParcels(page, '500242101200', year, [
      { 小班号: '9-001', 地类: '0111', 森林类别: '11', 起源: '天然', 郁闭度: 0.7, 经营者: '冉家富' },
      { 小班号: '9-002', 地类: '0111', 森林类别: '12', 起源: '天然', 郁闭度: 0.6, 经营者: '包家村一组' },
      { 小班号: '9-003', 地类: '0111', 森林类别: '22', 起源: '人工', 郁闭度: 0.6, 经营者: '冉家富' },
    ]);
    expect(created).toBe(3);

    await page.goto(`${env.server.url}/ledger/compensation`);
    await expect.poll(() => page.getByTestId('rates').textContent(), { timeout: 15_000 }).toContain('重点公益林 16.00 元/亩');
    // 重庆市 › 酉阳县 › 龙潭镇 in the unit tree
    await pickOption(page, page.locator('.ant-card-small', { hasText: '生成补偿名册' }).locator('.ant-tree-select'), '龙潭镇', { expand: ['重庆市', '酉阳土家族苗族自治县'] });
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await expect.poll(() => page.locator('.ant-alert').first().textContent(), { timeout: 10_000 }).toContain('2 个公益林小班');
    await screenshot(page, 'compensation-preview');
    await page.getByRole('button', { name: /生成批次（2 户/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '龙潭镇' });
    await expect.poll(() => drawer.getByTestId('batch-lines').textContent(), { timeout: 10_000 }).toContain('冉家富');
    await drawer.getByRole('button', { name: /公示（7 天）/ }).click();
    await expect.poll(() => drawer.locator('.ant-descriptions').textContent()).toContain('公示中');
    await drawer.getByRole('button', { name: '登记异议' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '登记异议' });
    await dialog.getByLabel('提出人').fill('冉光荣');
    await dialog.getByLabel('异议内容').fill('9-002 小班实际面积更大');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await expect.poll(() => drawer.locator('.ant-card', { hasText: '异议（1）' }).count()).toBe(1);
    expect(await drawer.getByRole('button', { name: /审\s*定/ }).isDisabled()).toBe(true);
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.waitForTimeout(400); // let the toasts fade before the picture
    await screenshot(page, 'compensation-batch');
  });
});

import { describe, expect, it } from 'vitest';
import { browserAvailable, importSquareParcels, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 5 §3 in the browser: bureau staff see the county's quota being used, and a permit that would exceed its
// quota cell is refused in the form before it is sent, then issued once the volume fits.
describe.runIf(browserAvailable())('logging quota and permits in Chromium', () => {
  const env = useServerAndBrowser();

  it('shows the quota cells and refuses a permit beyond its cell, then issues one that fits', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    // The county's parcels and quota, as the bureau would have them: two parcels imported into 包家村, a quota set.
    const left = 60;
    expect(await importSquareParcels(page, '500242101200', year, [
      { 小班号: '7-001', 地类: '0111', 森林类别: '22', 起源: '人工', 优势树种: '杉木', 郁闭度: 0.7, 蓄积: 400 },
      { 小班号: '7-002', 地类: '0111', 森林类别: '11', 起源: '天然', 优势树种: '马尾松', 郁闭度: 0.6, 蓄积: 300 },
    ])).toBe(2);
    const quota = await page.evaluate(async ({ y, cap }) => (await fetch(`/api/ledger/logging/quotas/500242000000/${y}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({
        totalM3: 200, note: '示例限额', items: [{ forestClass: 'commercial', origin: 'planted', cuttingType: 'main', volumeM3: cap }, { forestClass: 'public_welfare', origin: 'natural', cuttingType: 'tending', volumeM3: 40 }],
      }),
    })).status, { y: year, cap: left });
    expect(quota).toBe(200);
    const parcel = { parcelNo: '7-001', unitName: '包家村' };

    await page.goto(`${env.server.url}/ledger/logging`);
    await page.getByRole('tab', { name: '采伐限额' }).click();
    await expect.poll(() => page.getByTestId('quota-cells').textContent(), { timeout: 15_000 }).toContain('商品林人工主伐');
    await screenshot(page, 'logging-quota');

    await page.getByRole('tab', { name: '采伐许可证' }).click();
    await page.getByRole('button', { name: /办理许可证/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '办理林木采伐许可证' });
    await drawer.getByLabel('小班', { exact: true }).click();
    const search = page.waitForResponse((r) => r.url().includes('/api/ledger/parcels?') && r.url().includes(`q=${encodeURIComponent(parcel.parcelNo)}`));
    await page.keyboard.type(parcel.parcelNo);
    await search;
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${parcel.unitName} ${parcel.parcelNo}` }).first().click();
    await drawer.getByLabel('申请人').fill('冉光明');
    await drawer.getByLabel('采伐类型').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '主伐' }).first().click();
    await drawer.getByLabel('采伐面积（亩）').fill('3');
    await drawer.getByLabel('采伐蓄积（m³）').fill(String(Math.ceil(left) + 1));
    await drawer.getByLabel('树种').fill('杉木');
    const from = `${year}-12-01`;
    const to = `${year}-12-31`;
    await drawer.locator('.ant-picker-range input').first().click();
    await drawer.locator('.ant-picker-range input').first().fill(from);
    await drawer.locator('.ant-picker-range input').nth(1).fill(to);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('permit-check').textContent(), { timeout: 10_000 }).toContain('超出采伐限额');
    expect(await page.getByRole('button', { name: '发放许可证' }).isDisabled()).toBe(true);
    await screenshot(page, 'logging-permit-refused');

    await drawer.getByLabel('采伐蓄积（m³）').fill('12');
    await expect.poll(() => page.getByTestId('permit-check').textContent(), { timeout: 10_000 }).toContain('可以发放');
    await page.getByRole('button', { name: '发放许可证' }).click();
    await expect.poll(() => page.locator('.ant-drawer-title').last().textContent(), { timeout: 10_000 }).toMatch(/采伐许可证 500242-\d{4}-\d{4}/);
    expect(await page.locator('.ant-drawer').last().textContent()).toContain('冉光明');
    await screenshot(page, 'logging-permit-issued');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '冉光明' }).count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'logging-permits');
  });
});

import { describe, expect, it } from 'vitest';
import { browserAvailable, importSquareParcels, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 7 §5–§6 in the browser: an occurrence whose pest killed its host puts the whole 小班 into the disaster rate,
// shown against the 2‰ target; a transport quarantine application for untreated pine logs from an epidemic-point
// town is refused (预审 and the record keep the reason), the same wood treated is issued.
const VILLAGE = '500242101200'; // 包家村, 龙潭镇
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe.runIf(browserAvailable())('disaster rate and quarantine in Chromium', () => {
  const env = useServerAndBrowser();

  it('records an occurrence and shows the town over the target', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const year = Number(day(0).slice(0, 4));
    expect(await importSquareParcels(page, VILLAGE, year, [
      { 小班号: '8-001', 地类: '0111', 森林类别: '22', 起源: '人工', 优势树种: '马尾松', 郁闭度: 0.7, 蓄积: 400 },
      { 小班号: '8-002', 地类: '0111', 森林类别: '22', 起源: '人工', 优势树种: '柏木', 郁闭度: 0.6, 蓄积: 300 },
    ])).toBe(2);

    await page.goto(`${env.server.url}/pests/disaster`);
    await expect.poll(() => page.getByTestId('disaster-kpis').textContent(), { timeout: 15_000 }).toContain('0.00‰');
    await page.getByRole('button', { name: /登记发生情况/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '登记病虫害发生情况' });
    await pickOption(page, drawer.locator('.ant-tree-select'), '包家村', { expand: ['重庆市', '酉阳土家族苗族自治县', '龙潭镇'] });
    await pickOption(page, drawer.getByLabel('小班', { exact: true }).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]'), '8-001');
    await drawer.getByLabel('发生（调查）日期').fill(day(-3));
    await page.keyboard.press('Enter');
    await drawer.getByLabel('发生面积（亩）').fill('20');
    await drawer.getByLabel('成灾面积（亩）').fill('30');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.textContent(), { timeout: 10_000 }).toContain('成灾面积不能大于发生面积');
    await screenshot(page, 'pests-occurrence-refused');
    await drawer.getByLabel('成灾面积（亩）').fill('12');
    await drawer.getByText('造成寄主死亡').click();
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-table-tbody').last().textContent(), { timeout: 10_000 }).toContain('寄主死亡');
    // The whole 小班 8-001 of the two counts: 50‰ of the county's forest in this ledger, far above 2‰.
    await expect.poll(() => page.getByTestId('disaster-kpis').textContent(), { timeout: 10_000 }).toMatch(/500\.00‰|49\d\.\d\d‰|50\d\.\d\d‰/);
    await expect.poll(() => page.locator('.ant-table-tbody').first().textContent()).toContain('超标');
    // Down to the county: its towns, 龙潭镇 over the target.
    await pickOption(page, page.locator('.ant-card', { hasText: '林业有害生物成灾率' }).locator('.ant-tree-select'), '酉阳土家族苗族自治县', { expand: ['重庆市'] });
    await expect.poll(() => page.locator('.ant-table-tbody').first().textContent(), { timeout: 10_000 }).toMatch(/龙潭镇.*超标/);
    expect(await page.getByTestId('disaster-rate-chart').locator('canvas').count()).toBe(1);
    await screenshot(page, 'pests-disaster');
  });

  it('refuses untreated pine logs from an epidemic-point town, with the reason, and issues them treated', async () => {
    const { page } = env.session;
    const declared = await page.evaluate(async (on) => (await fetch('/api/pests/epidemic-points', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ unitCode: '500242101000', declaredOn: on, documentNo: '酉林检〔示例〕1号' }),
    })).status, day(-30));
    expect(declared).toBe(201);
    await page.goto(`${env.server.url}/pests/quarantine`);
    await page.getByRole('button', { name: /办理调运检疫/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '办理调运检疫' });
    await pickOption(page, drawer.locator('.ant-tree-select').first(), '龙潭镇', { expand: ['重庆市', '酉阳土家族苗族自治县'] });
    await drawer.getByLabel('调运日期').fill(day(1));
    await page.keyboard.press('Enter');
    await drawer.locator('.ant-picker-range input').first().click();
    await drawer.locator('.ant-picker-range input').first().fill(day(0));
    await drawer.locator('.ant-picker-range input').nth(1).fill(day(10));
    await page.keyboard.press('Enter');
    await drawer.getByLabel('发货人').fill('龙潭木材加工厂');
    await drawer.getByLabel('收货人').fill('秀山某板材公司');
    await drawer.getByLabel('调运目的地').fill('重庆市秀山县');
    await drawer.getByLabel('承运人').fill('酉阳顺达物流');
    await drawer.getByLabel('运输工具牌号').fill('渝H·12345');
    await drawer.getByLabel('数量').fill('18.5');
    await drawer.getByRole('button', { name: /预\s*审/ }).click();
    await expect.poll(() => page.getByTestId('check-refusals').textContent(), { timeout: 10_000 }).toContain('产自松材线虫病疫点（龙潭镇）');
    await screenshot(page, 'pests-quarantine-check');
    await drawer.getByRole('button', { name: /提交办理/ }).click();
    await expect.poll(() => page.getByTestId('refused').first().textContent(), { timeout: 10_000 }).toContain('调运前须经除害处理');

    // The same wood heat-treated: issued with its number.
    const issued = await page.evaluate(async (d) => (await (await fetch('/api/pests/quarantine/certificates', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({
        unitCode: '500242101000', shipOn: d.ship, validFrom: d.from, validTo: d.to, consignor: '龙潭木材加工厂', consignee: '秀山某板材公司', destination: '重庆市秀山县',
        carrier: '酉阳顺达物流', vehicleNo: '渝H·12345', consignments: [{ product: 'pine_logs', species: '马尾松', quantity: 18.5, quantityUnit: 'm3', treatment: 'heat', treatmentNote: '56℃ 30 分钟热处理' }],
      }),
    })).json()) as { status: string; certificateNo: string }, { ship: day(1), from: day(0), to: day(10) });
    expect(issued.status).toBe('issued');
    await page.reload();
    await expect.poll(() => page.locator('.ant-table-tbody').first().textContent(), { timeout: 10_000 }).toContain(issued.certificateNo);
    await page.locator('.ant-table-row', { hasText: issued.certificateNo }).locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.locator('.ant-table-expanded-row').first().textContent()).toContain('56℃ 30 分钟热处理');
    await screenshot(page, 'pests-quarantine');
    // The menu: the 有害生物 group with its pages.
    const menu = () => page.locator('.ant-menu-root').textContent();
    for (const item of ['松材线虫病疫木', '小班取样', '成灾率与其他病虫害', '检疫', '普查与监测', '疫点疫区', '疫源疫病监测']) await expect.poll(menu).toContain(item);
  });
});

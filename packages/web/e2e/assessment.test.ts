import { describe, expect, it } from 'vitest';
import { browserAvailable, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 8 §3 in the browser: staff make this year's scheme from the template (refused while the points do not add up
// to 100), see the first quarter's ranking of the towns, open a town's points and their basis, score a manual item,
// and look at the town chiefs.
describe.runIf(browserAvailable())('assessment in Chromium', () => {
  const env = useServerAndBrowser();

  it('makes a scheme from the template, ranks the towns with traceable points and takes a manual score', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/assessment`);
    await page.getByText('尚未制定考核方案').waitFor();
    await page.getByRole('button', { name: '按模板新建方案' }).click();
    const editor = page.locator('.ant-modal', { hasText: '考核方案' });
    await editor.getByTestId('scheme-items').waitFor();
    expect(await editor.getByTestId('scheme-total').textContent()).toBe('合计 100 分');
    await editor.getByLabel('分值 林长会议与部署').fill('15');
    await expect.poll(() => editor.textContent()).toContain('各项分值合计应为 100 分，现为 105 分');
    expect(await editor.getByRole('button', { name: '保存为新版本' }).isDisabled()).toBe(true);
    await editor.getByLabel('分值 林长会议与部署').fill('10');
    await expect.poll(() => editor.getByTestId('scheme-total').textContent()).toBe('合计 100 分');
    await editor.getByLabel('方案名称').fill('林长制工作季度考核');
    // The administrator works at the city: the county is picked (酉阳 under 重庆市).
    const unit = editor.getByTestId('scheme-unit').locator('.ant-select');
    await pickOption(page, unit, '酉阳', { expand: ['重庆市'] });
    await editor.getByRole('button', { name: '保存为新版本' }).click();

    const table = page.getByTestId('score-table');
    await table.locator('.ant-table-row').first().waitFor();
    const towns = await page.evaluate(async () => ((await (await fetch('/api/units?parent=500242000000&limit=500')).json()) as { total: number }).total);
    expect(await table.locator('tr.ant-table-row').count()).toBe(towns);
    expect(await page.locator('.ant-select', { hasText: '第 1 版' }).count()).toBe(1);
    // It opens on the latest quarter that has ended (the first while none has).
    const month = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(5, 7));
    const ended = Math.ceil(month / 3) - 1;
    expect(await page.getByTestId('period-select').textContent()).toBe(`第${'一二三四'[Math.max(ended, 1) - 1]}季度`);

    // 龙潭镇's points and their basis; its meetings scored by hand.
    const town = table.locator('tr.ant-table-row', { hasText: '龙潭镇' });
    await town.locator('.ant-table-row-expand-icon').click();
    const detail = page.getByTestId('score-detail').first();
    await detail.waitFor();
    expect(await detail.getByText('查看记录').count()).toBeGreaterThan(5);
    expect(await detail.textContent()).toContain('按比例计');
    await detail.locator('tr', { hasText: '林长会议与部署' }).getByText('评分', { exact: true }).click();
    const modal = page.locator('.ant-modal', { hasText: '人工评分' });
    await modal.getByLabel('得分').fill('8');
    await modal.getByLabel('评分依据').fill('召开镇级林长会议 2 次');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('score-detail').first().textContent()).toContain('人工评分：召开镇级林长会议 2 次');
    await page.waitForTimeout(300);
    await screenshot(page, 'assessment-towns');

    // The town chiefs, each with their town.
    await page.getByText('镇级林长', { exact: true }).click();
    await expect.poll(() => table.textContent()).toContain('（龙潭镇）');
    await screenshot(page, 'assessment-chiefs');

    // Last year's scheme: its quarters are over, so a quarter can be finalised (定稿) and the finalisation withdrawn.
    const lastYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) - 1;
    await page.evaluate(async (year) => {
      const template = await (await fetch('/api/assessment/template')).json() as object;
      const r = await fetch('/api/assessment/schemes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...template, year, unitCode: '500242000000', title: `${year}年林长制考核` }) });
      if (!r.ok) throw new Error(await r.text());
    }, lastYear);
    await page.reload();
    await pickOption(page, page.getByTestId('scheme-select'), `${lastYear} 年`);
    await page.locator('.ant-radio-button-wrapper', { hasText: '乡镇（街道）' }).click();
    await page.getByTestId('finalize').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /定\s*稿/ }).click();
    await page.getByTestId('finalized-tag').waitFor();
    expect(await page.getByTestId('finalize').count()).toBe(0);
    await table.locator('tr.ant-table-row', { hasText: '龙潭镇' }).locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('score-detail').first().waitFor();
    // Finalised, its manual items can no longer be scored.
    expect(await page.getByTestId('score-detail').first().getByText('评分', { exact: true }).count()).toBe(0);
    await screenshot(page, 'assessment-finalized');
    await page.getByRole('button', { name: '撤销定稿' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '撤销定稿' }).click();
    await page.getByTestId('finalize').waitFor();
    expect(await page.getByTestId('finalized-tag').count()).toBe(0);

    // 龙潭镇's forestry station reads the county's scheme: its own row, its rank among all the towns, nothing to change.
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login/);
    await login(page, env.server.url, 'office-500242101000', 'demo123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/assessment`);
    await expect.poll(() => page.getByTestId('own-scores-note').textContent(), { timeout: 15_000 }).toContain(`全县 ${towns} 个乡镇（街道）中的排名`);
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(1);
    expect(await table.locator('tr.ant-table-row').textContent()).toContain('龙潭镇');
    expect(await page.getByRole('button', { name: '按模板新建方案' }).count()).toBe(0);
    expect(await page.getByTestId('finalize').count()).toBe(0);
    await page.waitForTimeout(300);
    await screenshot(page, 'assessment-town-office');
    // Its dashboard shows where the town stands among them.
    await page.goto(`${env.server.url}/dashboard`);
    await expect.poll(() => page.getByTestId('section-ranking').textContent(), { timeout: 15_000 }).toContain(`全县 ${towns} 个乡镇街道`);
    expect(await page.getByTestId('own-rank').textContent()).toContain('龙潭镇');
    await page.getByTestId('section-ranking').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-town-rank');
  });
});

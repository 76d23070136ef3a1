import { describe, expect, it } from 'vitest';
import { browserAvailable, importSquareParcels, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 7 §3–§4 in the browser, as a new user would: the bureau deploys last year's autumn survey, marks the pine 小班
// of 龙潭镇 surveyed, reads the progress bars and the summary table, downloads it, then opens 疫点疫区 from the menu:
// 龙潭镇 (a point since three years ago, two complete clear autumn surveys) shows 可申请拔除（摘牌）; once last year's
// survey records an infected 小班 it no longer does (done-when of issue 7).
describe.runIf(browserAvailable())('pine wilt surveys and the epidemic point board in Chromium', () => {
  const env = useServerAndBrowser();

  it('deploys a survey, marks 小班 surveyed, exports the table, and shows 可申请拔除（摘牌） for a town with two clear years', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    // The ledger of two years ago: two 马尾松 小班 and a 杉木 one in 包家村 (龙潭镇).
    expect(await importSquareParcels(page, '500242101200', year - 2, [
      { 小班号: '1', 地类: '0111', 优势树种: '马尾松' }, { 小班号: '2', 地类: '0111', 优势树种: '马尾松' }, { 小班号: '3', 地类: '0111', 优势树种: '杉木' },
    ])).toBe(3);
    // Two years ago: the autumn survey done in full; 龙潭镇 declared a point three years ago (through the API).
    const setUp = await page.evaluate(async (year) => {
      const json = (r: Response) => r.json() as Promise<Record<string, unknown>>;
      const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const c = await json(await post('/api/pests/surveys/campaigns', { unitCode: '500242000000', year: year - 2, season: 'autumn', startsOn: `${year - 2}-09-01`, endsOn: `${year - 2}-11-30` }));
      const parcels = (await json(await fetch(`/api/pests/surveys/campaigns/${c.id}/parcels`))).items as { parcelId: string }[];
      const recorded = await post(`/api/pests/surveys/campaigns/${c.id}/records`, { records: parcels.map((p) => ({ parcelId: p.parcelId, surveyedOn: `${year - 2}-10-10` })) });
      const point = await post('/api/pests/epidemic-points', { unitCode: '500242101000', declaredOn: `${year - 3}-04-01`, documentNo: `酉林检〔${year - 3}〕5号` });
      return [parcels.length, recorded.status, point.status];
    }, year);
    expect(setUp).toEqual([2, 200, 201]);

    // Last year's autumn survey, deployed on the page.
    await page.goto(`${env.server.url}/pests/surveys`);
    await page.getByRole('button', { name: /部署普查/ }).click();
    const modal = page.locator('.ant-modal', { hasText: '部署普查' });
    const unit = modal.locator('.ant-form-item', { hasText: '普查范围' }).locator('.ant-select').first();
    await pickOption(page, unit, '酉阳', { expand: ['重庆市'] });
    await modal.locator('.ant-picker-range input').first().click();
    await modal.locator('.ant-picker-range input').first().fill(`${year - 1}-09-01`);
    await modal.locator('.ant-picker-range input').last().fill(`${year - 1}-11-30`);
    await page.keyboard.press('Enter');
    await modal.getByRole('button', { name: /部\s*署/ }).click();
    const panel = page.getByTestId('campaign-panel');
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain(`${year - 1}年松材线虫病秋季专项普查`);
    await expect.poll(() => page.getByTestId('town-progress').locator('.ant-table-row', { hasText: '龙潭镇' }).textContent()).toContain('0%');

    // The pine 小班 marked surveyed on the page (the 杉木 one is not on the grid).
    await panel.getByRole('tab', { name: '小班调查登记' }).click();
    const rows = panel.locator('.ant-table-row', { hasText: '马尾松' });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await panel.locator('.ant-table-row', { hasText: '杉木' }).count()).toBe(0);
    for (const i of [0, 1]) await rows.nth(i).locator('.ant-checkbox-input').check();
    await panel.getByRole('button', { name: /标记为已调查（2）/ }).click();
    await expect.poll(() => page.locator('.ant-message').textContent(), { timeout: 10_000 }).toContain('已登记 2 个小班已调查');
    await panel.getByRole('tab', { name: '各乡镇进度' }).click();
    await expect.poll(() => page.getByTestId('town-progress').locator('.ant-table-row', { hasText: '龙潭镇' }).textContent(), { timeout: 10_000 }).toContain('100%');
    await page.waitForTimeout(500);
    await screenshot(page, 'pest-surveys-progress');

    // The national summary table on the page and as .xlsx.
    await panel.getByRole('tab', { name: '普查汇总表' }).click();
    const townRow = panel.locator('.ant-table-row', { hasText: '500242101000' });
    await expect.poll(() => townRow.textContent(), { timeout: 10_000 }).toContain('龙潭镇');
    const href = await panel.getByRole('link', { name: /导出汇总表/ }).getAttribute('href');
    const download = await page.evaluate(async (href) => {
      const r = await fetch(href!);
      return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength > 1000];
    }, href);
    expect(download).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', true]);
    await page.waitForTimeout(500);
    await screenshot(page, 'pest-surveys-summary');

    // The board, reached from the menu.
    await page.getByRole('menuitem', { name: /有害生物与野生动物/ }).click();
    await page.getByRole('menuitem', { name: '疫点疫区' }).click();
    const town = page.getByTestId('epidemic-towns').locator('.ant-table-row', { hasText: '龙潭镇' });
    await expect.poll(() => town.textContent(), { timeout: 10_000 }).toContain('可申请拔除（摘牌）');
    expect(await town.textContent()).toContain('2 年');
    expect(await page.getByTestId('county-status').textContent()).toContain('疫区：1 个疫点均可申请拔除');
    await town.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.locator('.ant-table-expanded-row').textContent()).toContain(`酉林检〔${year - 3}〕5号`);
    await page.waitForTimeout(500);
    await screenshot(page, 'pest-epidemic-may-apply');

    // Last year's survey finds an infected 小班: the standing goes.
    const marked = await page.evaluate(async (year) => {
      const list = (await (await fetch(`/api/pests/surveys/campaigns?year=${year - 1}`)).json()) as { id: string }[];
      const parcels = (await (await fetch(`/api/pests/surveys/campaigns/${list[0]!.id}/parcels`)).json()).items as { parcelId: string }[];
      const r = await fetch(`/api/pests/surveys/campaigns/${list[0]!.id}/records`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ records: [{ parcelId: parcels[0]!.parcelId, surveyedOn: `${year - 1}-10-10`, infected: true, note: '检测报告阳性' }] }) });
      return r.status;
    }, year);
    expect(marked).toBe(200);
    await page.reload();
    await expect.poll(() => town.textContent(), { timeout: 10_000 }).toContain(`${year - 1} 年仍有疫情，暂不可申请拔除`);
    expect(await town.textContent()).not.toContain('可申请拔除（摘牌）');
    await screenshot(page, 'pest-epidemic-detected');
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 6 §6 in the browser: staff report a fire on 火情处置, see the "135" timers run, advance it step by step and
// enter its losses (size class from the forest area burned, DOMAIN.md §5).
describe.runIf(browserAvailable())('fire alarms in Chromium', () => {
  const env = useServerAndBrowser();

  it('reports a fire, sees the timers running live, verifies it and enters its losses', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    await page.goto(`${env.server.url}/fire/alarms`);
    await page.getByTestId('fire-map').waitFor();
    await page.getByRole('button', { name: /报告火情/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '报告火情' });
    await drawer.getByLabel('经度').fill(x.toFixed(6));
    await drawer.getByLabel('纬度').fill(y.toFixed(6));
    await drawer.getByLabel('火情描述').fill('包家村后山冒烟，火势不大');
    await drawer.getByRole('button', { name: /报\s*告/ }).last().click();

    // the detail page: reported, the first timer judged, the second counting down every second
    await page.getByTestId('fire-timer').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('fire-status').first().textContent()).toBe('报告');
    expect(await page.textContent('body')).toContain('包家村');
    const timers = page.getByTestId('fire-timer');
    expect(await timers.count()).toBe(3);
    expect(await timers.nth(1).getAttribute('data-status')).toBe('running');
    expect(await timers.nth(2).getAttribute('data-status')).toBe('pending');
    const before = await timers.nth(1).textContent();
    await expect.poll(() => timers.nth(1).textContent()).not.toBe(before);
    expect(await page.textContent('body')).toContain('火情：包家村后山冒烟'); // the linked problem

    await page.getByRole('button', { name: '记录“核实”' }).click();
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('fire-status').first().textContent()).toBe('核实');
    await expect.poll(() => timers.nth(1).getAttribute('data-status')).toBe('met');
    expect(await timers.nth(2).getAttribute('data-status')).toBe('running');
    expect(await page.getByRole('button', { name: '记录“调度出动”' }).count()).toBe(1);

    await page.getByLabel('过火面积（公顷）').fill('3.2');
    await page.getByLabel('受害森林面积（公顷）').fill('2.5');
    await page.getByLabel('起火原因').fill('农事用火');
    await page.getByRole('button', { name: /保存损失/ }).click();
    await expect.poll(() => page.locator('.ant-card', { hasText: '损失与火灾等级' }).first().textContent()).toContain('较大');
    await expect.poll(async () => (await page.getByTestId('fire-event').allTextContents()).join('|')).toContain('登记损失');
    await page.waitForTimeout(300);
    await screenshot(page, 'fire-alarm-detail');

    await page.getByRole('link', { name: /火情处置/ }).first().click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '包家村后山冒烟' }).textContent()).toContain('核实');
    await expect.poll(() => page.getByTestId('fire-kpis').textContent()).toContain('24 小时扑灭率');
    await page.waitForTimeout(800);
    await screenshot(page, 'fire-alarms-list');

    // Put out (the steps through the API): the page says its problem still waits for its handling result.
    const fireId = await page.evaluate(async () => {
      const list = (await (await fetch('/api/fires?limit=50')).json()) as { items: { id: string; description: string; version: number }[] };
      let fire = list.items.find((f) => f.description === '包家村后山冒烟，火势不大')!;
      for (const step of ['dispatched', 'arrived', 'controlled', 'out']) {
        const r = await fetch(`/api/fires/${fire.id}/steps`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ version: fire.version, step, at: new Date().toISOString(), person: '防火办 值班员' }),
        });
        fire = (await r.json()) as typeof fire;
      }
      return fire.id;
    });
    await page.goto(`${env.server.url}/fire/alarms/${fireId}`);
    await expect.poll(() => page.getByTestId('fire-problem-open').textContent(), { timeout: 10_000 }).toContain('火已扑灭，关联问题仍为“已上报”');
    expect(await page.getByTestId('fire-problem-open').getByRole('link', { name: '去办理' }).count()).toBe(1);
    await page.waitForTimeout(300);
    await screenshot(page, 'fire-alarm-out');
  });

  it('takes a 火情 from the public report page and lists it as 群众报告; shows the 135 timers on 规则配置 as unconfirmed', async () => {
    const { page } = env.session;
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    await page.goto(`${env.server.url}/report`);
    await page.getByText('火情', { exact: true }).click();
    await page.getByLabel('经度').fill(x.toFixed(6));
    await page.getByLabel('纬度').fill(y.toFixed(6));
    await page.getByLabel('问题描述').fill('对面山头冒黑烟，看到火苗');
    expect(await page.getByText('问题类别').count()).toBe(0);
    await page.getByRole('button', { name: /提交举报/ }).click();
    await expect.poll(() => page.getByTestId('receipt').textContent(), { timeout: 20_000 }).toContain('包家村');

    await page.goto(`${env.server.url}/fire/alarms`);
    const row = page.locator('.ant-table-row', { hasText: '对面山头冒黑烟' });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('群众报告');

    // satellite hotspots: checked first (one in the county, one outside), written only when confirmed
    const csv = ['latitude,longitude,acq_date,acq_time,confidence,frp,satellite', `${(y + 0.001).toFixed(5)},${(x - 0.004).toFixed(5)},2026-11-30,0542,n,4.2,N`, '39.9,116.4,2026-11-30,0542,h,8,N'].join('\n');
    await page.getByRole('button', { name: /导入卫星热点/ }).click();
    const importer = page.locator('.ant-drawer', { hasText: '导入卫星热点' });
    await importer.locator('input[type=file]').setInputFiles({ name: 'firms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await importer.getByRole('button', { name: /校\s*验/ }).click();
    await expect.poll(() => importer.getByTestId('hotspot-summary').textContent()).toContain('可导入 1 个，不导入 1 个');
    expect(await importer.textContent()).toContain('热点不在您管辖的区划范围内');
    await screenshot(page, 'fire-hotspot-import');
    await importer.getByRole('button', { name: /确认导入/ }).click();
    await expect.poll(() => importer.getByTestId('hotspot-summary').textContent()).toContain('已导入 1 个热点');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '卫星热点' }).count()).toBe(1);

    await page.goto(`${env.server.url}/admin/rules`);
    const card = page.getByTestId('fire-timers-card');
    await expect.poll(() => card.textContent()).toContain('未确认');
    expect(await card.textContent()).toContain('5 分钟调度出动');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'fire-timers-rules');
  });
});

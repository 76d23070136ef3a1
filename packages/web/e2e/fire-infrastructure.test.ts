import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 6 §7/§9 in the browser: staff draw a firebreak (clicked vertices, then a pasted line) and place a video point,
// see both on the register with the firebreak's length, read the town's progress against its target with the chart,
// import a work from GeoJSON after checking it, and find the 十户联防 groups.
describe.runIf(browserAvailable())('fire-prevention infrastructure in Chromium', () => {
  const env = useServerAndBrowser();

  it('registers a firebreak and a video point, shows progress against a target, imports a work and lists the groups', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    await page.goto(`${env.server.url}/fire/infrastructure`);
    await page.getByTestId('infrastructure-map').waitFor();
    expect(await page.getByTestId('infrastructure-legend').textContent()).toContain('防火隔离带');

    // A firebreak: two vertices clicked on the map, then the line pasted instead.
    await page.getByRole('button', { name: /登记设施/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '登记防火设施' });
    await pickOption(page, drawer.locator('.ant-select').first(), '防火隔离带（线）');
    await page.getByTestId('infrastructure-map').click({ position: { x: 120, y: 160 } });
    await page.getByTestId('infrastructure-map').click({ position: { x: 220, y: 200 } });
    await expect.poll(() => drawer.textContent()).toContain('已点击 2 个顶点');
    expect(await drawer.locator('textarea').first().inputValue()).toContain('LineString');
    const line = { type: 'LineString', coordinates: [[x - 0.002, y], [x, y + 0.0005], [x + 0.002, y + 0.001]] };
    await drawer.locator('textarea').first().fill(JSON.stringify(line));
    await expect.poll(() => drawer.textContent()).toContain('椭球长度');
    await drawer.getByLabel('名称').fill('包家村生物防火隔离带');
    await drawer.getByLabel('建成年份').fill(String(year));
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('.ant-table-row', { hasText: '包家村生物防火隔离带' });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('公里');
    expect(await row.textContent()).toContain('包家村');

    // A video point from typed coordinates (the default kind).
    await page.getByRole('button', { name: /登记设施/ }).click();
    const pointDrawer = page.locator('.ant-drawer', { hasText: '登记防火设施' });
    await pointDrawer.getByLabel('名称').fill('包家村高点视频监控');
    await pointDrawer.getByLabel('经度').fill(x.toFixed(6));
    await pointDrawer.getByLabel('纬度').fill(y.toFixed(6));
    await pointDrawer.getByLabel('建成年份').fill(String(year));
    await pointDrawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '包家村高点视频监控' }).count(), { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(800);
    await screenshot(page, 'fire-infrastructure-register');

    // A target for the town and a 十户联防 group, through the API; the page reads them back.
    const saved = await page.evaluate(async (year) => {
      const put = await fetch('/api/fire/infrastructure-targets', { method: 'PUT', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unitCode: '500242101000', kind: 'video_point', year, value: 2, source: '《酉阳县林业局2024年工作要点》八、四是 强化林火智能监控系统应用（测试目标）' }) });
      const group = await fetch('/api/fire/ten-household-groups', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unitCode: '500242101200', name: '包家村第一联防组', headName: '冉光明', headPhone: '13800000001', householdCount: 10, members: ['冉光明', '田小川'], formedYear: year }) });
      return [put.status, group.status];
    }, year);
    expect(saved).toEqual([200, 201]);
    await page.getByRole('tab', { name: '目标完成' }).click();
    await page.getByTestId('bar-chart').waitFor();
    const town = page.locator('.ant-table-row', { hasText: '龙潭镇' }).first();
    await expect.poll(() => town.textContent(), { timeout: 10_000 }).toContain('1 / 2');
    expect(await page.locator('.ant-table-row', { hasText: '（合计）' }).textContent()).toContain('1 / 2');
    expect(await page.locator('.ant-table', { hasText: '出处' }).textContent()).toContain('强化林火智能监控系统应用');
    await page.waitForTimeout(500);
    await screenshot(page, 'fire-infrastructure-targets');

    await page.getByRole('tab', { name: '十户联防' }).click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '包家村第一联防组' }).textContent(), { timeout: 10_000 }).toContain('冉光明');
    await screenshot(page, 'fire-infrastructure-groups');

    // Import: checked first (nothing written), then committed.
    await page.getByRole('tab', { name: '设施台账' }).click();
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const modal = page.locator('.ant-modal', { hasText: '导入防火设施' });
    const file = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { 类型: '瞭望塔', 名称: '包家村瞭望塔' }, geometry: { type: 'Point', coordinates: [x + 0.001, y] } },
      { type: 'Feature', properties: { 类型: '瞭望塔', 名称: '错误的塔' }, geometry: { type: 'LineString', coordinates: [[x, y], [x + 0.001, y]] } },
    ] };
    await modal.getByTestId('import-file').setInputFiles({ name: 'works.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
    await modal.getByRole('button', { name: /校\s*验/ }).click();
    await expect.poll(() => modal.textContent(), { timeout: 10_000 }).toContain('可导入 1 条，拒绝 1 条');
    expect(await modal.textContent()).toContain('瞭望塔应为点');
    await screenshot(page, 'fire-infrastructure-import');
    expect(await page.locator('.ant-card .ant-table-row', { hasText: '包家村瞭望塔' }).count()).toBe(0);
    await modal.getByRole('button', { name: /确认导入/ }).click();
    await expect.poll(() => modal.textContent(), { timeout: 10_000 }).toContain('已导入 1 处设施');
    await modal.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await expect.poll(() => page.locator('.ant-card .ant-table-row', { hasText: '包家村瞭望塔' }).count(), { timeout: 10_000 }).toBe(1);
  });
});

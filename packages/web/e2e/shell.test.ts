import { describe, expect, it } from 'vitest';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// The foundation issue's "done when": as the chief of 龙潭镇 I see 龙潭镇 and its villages and nothing of
// 麻旺镇 — on the map and in every list.
const LONGTAN = '500242101000';

describe.runIf(browserAvailable())('web shell in Chromium', () => {
  const env = useServerAndBrowser();

  it('shows the server\'s Chinese message for a wrong password', async () => {
    const { page } = env.session;
    await login(page, env.server.url, `chief-${LONGTAN}`, 'wrong-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await screenshot(page, 'login-error');
  });

  it('renders 龙潭镇 and its villages on the map for its chief, and nothing of 麻旺镇', async () => {
    const { page } = env.session;
    await login(page, env.server.url, `chief-${LONGTAN}`, 'demo123');
    await page.getByTestId('current-user').waitFor();
    // The home page sums up the chief's own area from live figures (the demo here has no activity yet).
    await expect.poll(() => page.locator('.ant-card', { hasText: '巡林履职（本期）' }).textContent(), { timeout: 15_000 }).toMatch(/0 \/ \d+/);
    await expect.poll(() => page.getByText('龙潭镇 · 概览').count()).toBe(1);
    await page.goto(`${env.server.url}/map`);
    await page.waitForFunction(() => window.__linzhangMapReady === true, undefined, { timeout: 60_000 });
    const codes = await page.evaluate(() => {
      const map = window.__linzhangMap!;
      const features = map.queryRenderedFeatures({ layers: ['villages-fill', 'villages-line', 'towns-line', 'county-line'] });
      return [...new Set(features.map((f) => String(f.properties.code)))];
    });
    await screenshot(page, 'map-longtan');
    expect(codes).toContain(LONGTAN);
    expect(codes.filter((c) => c.startsWith('500242101') && c !== LONGTAN).length).toBeGreaterThan(5);
    expect(codes.filter((c) => c.startsWith('500242102'))).toEqual([]);
    expect(codes.every((c) => c.startsWith('500242101'))).toBe(true);

    // A click names what is under the pointer (an antd card, not a map label): here one of 龙潭镇's villages.
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.getByTestId('map-feature');
    await expect.poll(() => card.textContent()).toMatch(/区划代码500242101\d{3}/);
    await screenshot(page, 'map-longtan-picked');
  });

  it('lists 龙潭镇 villages on the units page and finds nothing of 麻旺镇', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/units`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    await expect.poll(() => page.locator('.ant-table').textContent()).toContain('龙潭镇');
    await screenshot(page, 'units-longtan');
    await page.getByPlaceholder('名称或代码').fill('麻旺');
    await page.getByPlaceholder('名称或代码').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(0);
    await expect.poll(() => page.locator('.ant-table').textContent()).toContain('暂无数据');
  });

  it('shows 建设中 and nothing else for a capability not built yet (the admin home)', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/admin`);
    await expect.poll(() => page.locator('.ant-layout-content').innerText()).toBe('建设中');
  });
});

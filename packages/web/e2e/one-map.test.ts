import { describe, expect, it } from 'vitest';
import { browserAvailable, gridCentre, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 8 §5 一张图: every layer can be switched on and off; a fire reported in the county shows on the map and a
// click on it names it with a link to its record.
describe.runIf(browserAvailable())('one map in Chromium', () => {
  const env = useServerAndBrowser();

  it('switches every layer and opens a fire from the map', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'chief-500242000000', 'demo123');
    await page.getByTestId('current-user').waitFor();
    const here = await gridCentre(page, '500242101200');
    const status = await page.evaluate(async ([lon, lat]) => (await fetch('/api/fires', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: crypto.randomUUID(), source: 'patrol', lon, lat, discoveredAt: new Date(Date.now() - 60_000).toISOString(), person: '护林员', description: '后山冒烟' }),
    })).status, here);
    expect(status).toBe(201);
    await page.goto(`${env.server.url}/map`);
    await page.waitForFunction(() => window.__linzhangMapReady === true, undefined, { timeout: 60_000 });
    const layers = page.getByTestId('map-layers');
    expect(await layers.locator('.ant-checkbox-wrapper').count()).toBe(10);
    const visibility = (id: string) => page.evaluate((layer) => window.__linzhangMap!.getLayoutProperty(layer, 'visibility') ?? 'visible', id);
    expect(await visibility('trees-point')).toBe('none');
    await layers.getByText('古树名木').click();
    await expect.poll(() => visibility('trees-point')).toBe('visible');
    await layers.getByText('问题（红色为逾期）').click();
    await expect.poll(() => visibility('problems-point')).toBe('none');
    await layers.getByText('今日火险等级（乡镇）').click();
    await expect.poll(() => visibility('danger-fill')).toBe('visible');

    // The fire: loaded from the fire list, drawn, and named on a click.
    await page.evaluate(([lon, lat]) => window.__linzhangMap!.jumpTo({ center: [lon, lat], zoom: 13 }), here);
    await expect.poll(() => page.evaluate(() => window.__linzhangMap!.queryRenderedFeatures({ layers: ['fires-point'] }).length), { timeout: 20_000 }).toBeGreaterThan(0);
    const point = await page.evaluate(([lon, lat]) => { const p = window.__linzhangMap!.project([lon, lat]); return [p.x, p.y]; }, here);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
    const record = page.getByTestId('map-record');
    await expect.poll(() => record.textContent()).toContain('查看');
    expect(await record.locator('a').getAttribute('href')).toMatch(/^\/fire\/alarms\//);
    await screenshot(page, 'one-map');
  });
});

import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 5 §8 in the browser: the ledger map colours parcels by 地类 with a legend, a click shows a parcel's
// attributes; the parcel table filters by 起源 and exports what it shows.
describe.runIf(browserAvailable())('ledger map and parcel table in Chromium', () => {
  const env = useServerAndBrowser();
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  it('draws the parcels by land class and shows the one clicked', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    // 120 parcels of ~80 m in 包家村 cycling through land classes, imported through the API.
    const centre = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(centre as MultiPolygon)!;
    const classes = ['0111', '0111', '0113', '0131', '0210', '0230', '0250', '0111', '0132', '0163'];
    const d = 0.0008;
    const features = Array.from({ length: 120 }, (_, i) => {
      const [cx, cy] = [x + ((i % 12) - 6) * d, y + (Math.floor(i / 12) - 5) * d];
      const landClass = classes[i % classes.length]!;
      const forest = landClass.startsWith('01');
      return {
        type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[cx, cy], [cx + d, cy], [cx + d, cy + d], [cx, cy + d], [cx, cy]]] },
        properties: { 林班: '5', 小班号: String(i + 1).padStart(3, '0'), 地类: landClass, ...(forest ? { 森林类别: i % 2 ? '11' : '22', 起源: i % 3 ? '天然' : '人工', 郁闭度: 0.6 } : {}) },
      };
    });
    const imported = await page.evaluate(async (body: string) => {
      const res = await fetch('/api/ledger/parcels/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return res.json();
    }, JSON.stringify({ fileName: 'bjc.geojson', contentBase64: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64'), year, commit: true }));
    expect(imported.created).toBe(120);

    await page.goto(`${env.server.url}/ledger/map`);
    await page.waitForFunction(() => window.__linzhangMapReady === true, undefined, { timeout: 60_000 });
    expect(await page.getByTestId('legend').textContent()).toContain('乔木林地');
    // The first parcel (5-001, 乔木林地) at z16: its centre is filled with the 乔木林地 colour and clickable.
    const target: [number, number] = [x - 6 * d + d / 2, y - 5 * d + d / 2];
    const at = await page.evaluate(async (p: [number, number]) => {
      const map = window.__linzhangMap!;
      map.jumpTo({ center: [p[0] + 0.003, p[1] + 0.002], zoom: 16 });
      await new Promise((r) => map.once('idle', r));
      const px = map.project(p);
      return { x: px.x, y: px.y, hits: map.queryRenderedFeatures(px, { layers: ['parcels-fill'] }).map((f) => f.properties.parcelNo) };
    }, target);
    expect(at.hits).toEqual(['5-001']);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    const detail = page.getByTestId('parcel-detail');
    await expect.poll(() => detail.textContent(), { timeout: 10_000 }).toContain('小班 5-001');
    const shown = await detail.textContent();
    expect(shown).toContain('乔木林地');
    expect(shown).toContain('一般商品林'); // i = 0: category 22
    expect(shown).toContain('人工'); // i = 0: planted
    await expect.poll(() => detail.textContent()).toContain('包家村');
    await screenshot(page, 'ledger-map-parcel');
    // The whole village, zoomed out.
    await page.evaluate(async (p: [number, number]) => {
      const map = window.__linzhangMap!;
      map.jumpTo({ center: p, zoom: 14 });
      await new Promise((r) => map.once('idle', r));
    }, [x, y] as [number, number]);
    await screenshot(page, 'ledger-map-village');
  });

  it('filters the parcel table by origin and exports the same rows', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/ledger/parcels`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByTestId('origin').click();
    await page.locator('.ant-select-item-option', { hasText: '人工' }).click();
    await expect.poll(async () => (await page.locator('.ant-table-row').allTextContents()).every((t) => t.includes('人工')), { timeout: 15_000 }).toBe(true);
    const rows = await page.locator('.ant-table-row').count();
    const planted = (await page.evaluate(async (y: number) => (await (await fetch(`/api/ledger/parcels?year=${y}&origin=planted&limit=1`)).json()).total, year)) as number;
    expect(rows).toBe(Math.min(planted, 20));
    expect(await page.locator('.ant-pagination-total-text').textContent()).toBe(`共 ${planted} 条`);
    const href = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
    expect(href).toContain('origin=planted');
    const download = await page.evaluate(async (url: string) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), size: (await res.arrayBuffer()).byteLength };
    }, href!);
    expect(download.status).toBe(200);
    expect(download.type).toContain('spreadsheetml');
    expect(download.size).toBeGreaterThan(3000);
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await page.evaluate(() => { window.scrollTo(0, 0); document.querySelectorAll('*').forEach((e) => { if (e.scrollTop) e.scrollTop = 0; }); });
    await page.waitForTimeout(300);
    await screenshot(page, 'ledger-parcels-filtered');
  });
});

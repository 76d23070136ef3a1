import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { interiorPoint, type ProblemDetail } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 4 §4 and §7: satellite patches imported in the page (checked row by row, written only when confirmed),
// then verified in the patch view with the field photos beside the patch.
async function villagePoints(page: Page, town: string, count: number): Promise<{ code: string; name: string; point: [number, number] }[]> {
  const villages = await page.evaluate(async (parent: string) => {
    const list = await (await fetch(`/api/units?parent=${parent}&level=village&limit=100`)).json();
    const out: { code: string; name: string; geometry: unknown }[] = [];
    for (const u of list.items.slice(0, 6)) out.push({ code: u.code, name: u.shortName, geometry: (await (await fetch(`/api/units/${u.code}`)).json()).geometry });
    return out;
  }, town);
  return villages.filter((v) => v.geometry).slice(0, count).map((v) => ({ code: v.code, name: v.name, point: interiorPoint(v.geometry as MultiPolygon)! }));
}

const square = ([x, y]: [number, number], d = 0.0005) => [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]];

async function jpeg(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#5b7f3a';
    g.fillRect(0, 0, 320, 240);
    return [...atob(canvas.toDataURL('image/jpeg', 0.85).split(',')[1]!)].map((c) => c.charCodeAt(0));
  });
}

describe.runIf(browserAvailable())('satellite patches in Chromium', () => {
  const env = useServerAndBrowser();

  it('imports a patch file after checking it, and shows a handled patch with its field photo for verification', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'chief-500242101000', 'demo123'); // 龙潭镇 town chief
    await page.getByTestId('current-user').waitFor();
    const villages = await villagePoints(page, '500242101000', 3);
    const file = {
      type: 'FeatureCollection',
      features: [
        ...villages.map((v, i) => ({ type: 'Feature', properties: { 图斑编号: `WP-E2E-${i + 1}`, 变化类型: '疑似违法占用林地' }, geometry: { type: 'Polygon', coordinates: square(v.point) } })),
        { type: 'Feature', properties: { 图斑编号: 'WP-E2E-X' }, geometry: { type: 'Point', coordinates: villages[0]!.point } },
      ],
    };
    await page.goto(`${env.server.url}/problems/import`);
    await page.locator('input[type=file]').setInputFiles({ name: '图斑.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await expect.poll(() => page.locator('.ant-alert').first().textContent(), { timeout: 15_000 }).toContain('可导入 3 行，有误 1 行');
    expect(await page.locator('.ant-table-row', { hasText: 'WP-E2E-X' }).textContent()).toContain('须为面');
    expect(await page.evaluate(async () => (await (await fetch('/api/problems?source=satellite_patch')).json()).total)).toBe(0);
    await screenshot(page, 'patch-import-checked');
    await page.getByRole('button', { name: /确认导入 3 条/ }).click();
    await expect.poll(() => page.locator('.ant-alert').first().textContent(), { timeout: 15_000 }).toContain('已导入 3 个问题');

    // The town chief assigns the first patch to himself and reports back from the field with a photo.
    const patch = await page.evaluate(async () => (await (await fetch('/api/problems?source=satellite_patch&q=WP-E2E-1')).json()).items[0]);
    expect(patch.unitCode).toBe(villages[0]!.code);
    const bytes = await jpeg(page);
    const handled = await page.evaluate(async ({ id, bytes }: { id: string; bytes: number[] }) => {
      const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
      const me = (await (await fetch('/api/auth/me')).json()).user;
      let p = await post(`/api/problems/${id}/transitions`, { action: 'assign', version: 1, assigneePersonId: me.personId });
      const photo = await (await fetch('/api/files', { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(bytes) })).json();
      const refused = await fetch(`/api/problems/${id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'handle', version: p.version, note: '已核实' }) });
      p = await post(`/api/problems/${id}/transitions`, { action: 'handle', version: p.version, note: '现场为村民违规修建的圈舍，已责令拆除', photos: [photo.id] });
      return { refused: refused.status, status: p.status as string };
    }, { id: patch.id as string, bytes });
    expect(handled).toEqual({ refused: 400, status: 'handled' }); // a patch cannot be handled without a field photo

    await page.goto(`${env.server.url}/problems/patches`);
    const item = page.getByTestId('patch-item').filter({ hasText: 'WP-E2E-1' });
    await item.click();
    await expect.poll(() => page.getByTestId('problem-photo').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText('现场为村民违规修建的圈舍').count()).toBe(1);
    await expect.poll(() => page.getByTestId('problem-map').locator('canvas').count()).toBe(1);
    await page.waitForTimeout(500); // let the map draw before the picture
    await screenshot(page, 'patch-verification');
    // The public report page's QR code and short link, to print for notice boards.
    await page.goto(`${env.server.url}/problems?tab=all`);
    await page.getByRole('button', { name: '群众举报二维码' }).click();
    await expect.poll(() => page.getByTestId('report-qr').locator('svg').count()).toBe(1);
    expect(await page.locator('.ant-modal').textContent()).toContain(`${env.server.url}/report`);
    await page.waitForTimeout(400); // the modal's opening motion
    await screenshot(page, 'public-report-qr');
    const detail: ProblemDetail = await page.evaluate(async (id: string) => (await fetch(`/api/problems/${id}`)).json(), patch.id as string);
    expect(detail.needsFieldCheck).toBe(true);
    expect(detail.geometry?.type).toBe('Polygon');
  });
});

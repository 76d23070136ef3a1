import { describe, expect, it } from 'vitest';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 3 §5–6: effort per person with the problems found on patrol (SMART-style), as a table and a chart.
describe.runIf(browserAvailable())('patrol effort page in Chromium', () => {
  const env = useServerAndBrowser();

  it('counts a problem a ranger found on patrol and draws the effort chart', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'ranger-500242101200-1', 'demo123');
    await page.waitForURL(/\/m$/);
    // The ranger reports a problem at the middle of their own grid (as the phone page does).
    const status = await page.evaluate(async () => {
      const j = async (url: string) => (await fetch(url)).json();
      const me = (await j('/api/auth/me')).user;
      const posts = await j(`/api/posts?role=ranger&unit=${me.scopeUnit.code}&limit=100`);
      const post = posts.items.find((p: { personId: string }) => p.personId === me.personId);
      const areas = await j(`/api/areas?kind=grid&unit=${me.scopeUnit.code}&limit=100`);
      const area = areas.items.find((a: { postId: string }) => a.postId === post.id);
      const ring: number[][] = (await j(`/api/areas/${area.id}`)).geometry.coordinates[0][0].slice(0, -1);
      const [lon, lat] = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
      const r = await fetch('/api/problems', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'effort-e2e-0001', category: 'dead_pine', description: '松树枯死 3 株', lon, lat }) });
      return r.status;
    });
    expect(status).toBe(201);

    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' } }));
    await login(page, env.server.url, 'chief-500242101000', 'demo123');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.server.url}/patrols/effort`);
    await page.getByText('按人员').click();
    const row = page.locator('.ant-table-row', { hasText: '包家村' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells.at(-1)).toBe('1'); // 发现问题
    await expect.poll(() => page.getByTestId('bar-chart').locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'effort-with-problems');
  });
});

import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 7 §7 in the browser: a station's month on 疫源疫病监测 shows its missed days as red gaps; today's zero report
// is made from the page (a non-zero report without observations is refused, naming the field), and boar damage
// claims are listed with their status.
describe.runIf(browserAvailable())('wildlife epidemic reporting in Chromium', () => {
  const env = useServerAndBrowser();

  it('shows the gaps of a station, takes today’s zero report and lists boar damage claims', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [lon, lat] = interiorPoint(geometry as MultiPolygon)!;
    const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
    // A station active for the last week, with reports on two of its days only.
    const made = await page.evaluate(async ({ lon, lat, from, d5, d3 }) => {
      const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
      const users = await (await fetch('/api/wildlife/candidates?q=supervisor-500242101200')).json();
      const me = await (await fetch('/api/auth/me')).json();
      const s = await post('/api/wildlife/stations', { name: '包家村疫源疫病监测站', unitCode: '500242101200', level: 'county', lon, lat, supervisorUserId: users[0].id, reporterUserIds: [me.user.id], activeFrom: from });
      await post('/api/wildlife/reports', { id: 'e2e-wl-report-d5', stationId: s.id, date: d5, zero: true, observations: [] });
      await post('/api/wildlife/reports', { id: 'e2e-wl-report-d3', stationId: s.id, date: d3, zero: false, observations: [{ species: '白鹭', count: 9, dead: 0 }] });
      await post('/api/wildlife/boar-damages', { id: 'e2e-boar-0001', stationId: s.id, occurredOn: d3, lon, lat, household: '冉大山', crop: '玉米', areaMu: 1.5, description: '野猪拱食玉米', claimedFen: 150000 });
      return s.id as string;
    }, { lon, lat, from: day(6), d5: day(5), d3: day(3) });
    expect(made).toBeTruthy();

    // The month of 4 days ago (today's may not hold it): days 6, 4, 2 and 1 ago are missed (their cut-off passed),
    // 5 and 3 ago reported late (today), the days before the station started not active.
    const month = day(4).slice(0, 7);
    await page.goto(`${env.server.url}/pests/wildlife?station=${made}&month=${month}`);
    const calendar = page.getByTestId('wildlife-calendar');
    await calendar.waitFor({ timeout: 15_000 });
    const state = (n: number) => calendar.locator(`[data-date="${day(n)}"]`).getAttribute('data-state');
    await expect.poll(() => state(4)).toBe('missing');
    for (const [n, expected] of [[7, 'inactive'], [6, 'missing'], [5, 'late'], [3, 'late'], [2, 'missing'], [1, 'missing']] as const) {
      if (day(n).slice(0, 7) === month) expect(await state(n)).toBe(expected);
    }
    expect(await page.getByTestId('wildlife-gaps').textContent()).toContain('缺报');
    expect(await page.getByTestId('missing-table').textContent()).toContain('包家村疫源疫病监测站');
    await screenshot(page, 'wildlife-gaps');
    // An indicator's link (?unit&from&to) lists that unit's stations and the gaps of that range: 龙潭镇 has the station,
    // 钟多街道 has none.
    await page.goto(`${env.server.url}/pests/wildlife?unit=500242101000&from=${day(6)}&to=${day(1)}`);
    await expect.poll(() => page.getByTestId('link-filter').textContent()).toContain('龙潭镇');
    await expect.poll(() => page.getByTestId('missing-table').textContent()).toContain('包家村疫源疫病监测站');
    expect(await page.getByText(`${day(6)} 至 ${day(1)} 缺报`).count()).toBe(1);
    await screenshot(page, 'wildlife-link');
    await page.goto(`${env.server.url}/pests/wildlife?unit=500242002000&from=${day(6)}&to=${day(1)}`);
    await expect.poll(() => page.getByTestId('link-filter').textContent()).toContain('钟多街道');
    await expect.poll(() => page.getByTestId('station-table').textContent()).not.toContain('包家村疫源疫病监测站');
    expect(await page.getByTestId('missing-table').textContent()).not.toContain('包家村疫源疫病监测站');
    await page.goto(`${env.server.url}/pests/wildlife?station=${made}`);
    await calendar.locator(`[data-date="${day(0)}"]`).waitFor({ timeout: 15_000 });

    // today's report from the page: without 零报告 and without observations it is refused; as a zero report it goes in
    await page.getByRole('button', { name: '填报今日日报' }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '日报' });
    await drawer.getByRole('switch', { name: '零报告' }).click();
    await drawer.getByRole('button', { name: /报\s*送/ }).click();
    await expect.poll(() => drawer.getByRole('alert').textContent()).toContain('零报告');
    await drawer.getByRole('switch', { name: '零报告' }).click();
    await drawer.getByRole('button', { name: /报\s*送/ }).click();
    // reported before today's cut-off (15:00 Shanghai), late after it: the test may run at any hour
    await expect.poll(() => calendar.locator(`[data-date="${day(0)}"]`).getAttribute('data-state'), { timeout: 10_000 }).toMatch(/^(reported|late)$/);
    expect(await calendar.locator(`[data-date="${day(0)}"]`).textContent()).toContain('零报告');
    await screenshot(page, 'wildlife-calendar');

    await page.getByRole('tab', { name: '野猪致害与补偿' }).click();
    const boar = page.getByTestId('boar-table');
    await expect.poll(() => boar.textContent()).toContain('冉大山');
    expect(await boar.textContent()).toContain('已申请');
    expect(await boar.textContent()).toContain('1500.00 元');
    await screenshot(page, 'wildlife-boar');
  });
});

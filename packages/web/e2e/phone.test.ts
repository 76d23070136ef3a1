import { describe, expect, it } from 'vitest';
import { geodesicDistance, periodOf, syntheticTrack, type Fix } from '@linzhang/domain';
import type { Page } from 'playwright-core';
import { type BrowserSession, browserAvailable, gridCentre, jpeg, login, openBrowser, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 3 "done when": a ranger records a patrol offline on the phone page, comes online, and the patrol
// appears once, with the right distance, on the town chief's compliance board.
const RANGER = 'ranger-500242101200-1';
const rng = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

async function queueCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('queue-count').getAttribute('data-count'));
}

/** Walks the phone along a track: each fix becomes the emulated position, 15 s of (fake) time apart. */
async function walk(session: BrowserSession, track: Fix[], already: number): Promise<void> {
  const { page, browser } = session;
  for (let i = 0; i < track.length; i++) {
    const f = track[i]!;
    await page.clock.fastForward(15_000);
    await browser.setGeolocation({ latitude: f.lat, longitude: f.lon, accuracy: 5 });
    await expect.poll(async () => Number(await page.getByTestId('fix-count').getAttribute('data-count')), { timeout: 15_000 }).toBe(already + i + 1);
  }
}

describe.runIf(browserAvailable())('ranger phone page in Chromium', () => {
  const env = useServerAndBrowser({ geolocation: { latitude: 28.8, longitude: 108.7 } });

  it('records a patrol offline, syncs it once online, and the town chief sees it as met with its distance', async () => {
    const { page, browser } = env.session;
    const startTime = Date.now() - 60 * 60_000; // the phone's clock: an hour ago, then it runs with the walk
    await page.clock.install({ time: startTime });
    await login(page, env.server.url, RANGER, 'demo123');
    await page.waitForURL(/\/m$/);
    const centre = await gridCentre(page);
    const track = syntheticTrack({
      start: centre, startTime, rng: rng(7), intervalS: 15,
      legs: Array.from({ length: 12 }, (_, i) => ({ headingDeg: (i % 4) * 90, metres: 150, speedMps: 0.75 })),
    });
    let expected = 0;
    for (let i = 1; i < track.length; i++) expected += geodesicDistance([track[i - 1]!.lon, track[i - 1]!.lat], [track[i]!.lon, track[i]!.lat]);

    await browser.setOffline(true);
    await expect.poll(() => page.getByTestId('online-state').textContent()).toBe('离线');
    await browser.setGeolocation({ latitude: track[0]!.lat, longitude: track[0]!.lon, accuracy: 5 });
    await page.getByRole('button', { name: '开始巡林' }).click();
    // The phone reports where it is as soon as recording starts: that is the first fix.
    await expect.poll(async () => Number(await page.getByTestId('fix-count').getAttribute('data-count'))).toBe(1);
    await walk(env.session, track.slice(1), 1);
    // A note at the current point of the track, taken offline too.
    await page.getByRole('button', { name: /记录发现/ }).click();
    await page.locator('.ant-modal').getByLabel('说明').fill('野猪拱食痕迹三处');
    await page.locator('.ant-modal').getByRole('button', { name: /记\s*录/ }).click();
    await screenshot(page, 'phone-recording-offline');
    await page.getByRole('button', { name: /结束巡林/ }).click();
    await expect.poll(() => queueCount(page)).toBeGreaterThan(0);
    const endedAt = await page.evaluate(() => new Date().toISOString());

    await browser.setOffline(false);
    await expect.poll(() => queueCount(page), { timeout: 30_000 }).toBe(0);
    // Once the patrol is in, the phone's own duty line says the week's patrol is done — unless the Shanghai week
    // turned over since the walk began (Monday 00:00–01:00 in Shanghai), when the line shows the new, empty week.
    const sameWeek = periodOf(track[0]!.t, 'week').key === periodOf(Date.now(), 'week').key;
    await expect.poll(() => page.getByTestId('my-duties').textContent(), { timeout: 15_000 }).toContain(sameWeek ? '巡林 1/1 次' : '巡林 0/1 次');
    await screenshot(page, 'phone-synced');

    const patrols = await page.evaluate(async () => (await (await fetch('/api/patrols?limit=50')).json()).items);
    expect(patrols).toHaveLength(1);
    expect(patrols[0].valid).toBe(true);
    expect(Math.abs(patrols[0].distanceM - expected)).toBeLessThan(1);
    const detail = await page.evaluate(async (id: string) => (await (await fetch(`/api/patrols/${id}`)).json()), patrols[0].id as string);
    expect(detail.observations.map((o: { kind: string; note: string }) => [o.kind, o.note])).toEqual([['wildlife', '野猪拱食痕迹三处']]);

    // The town chief, on another device (a browser with its own, real clock).
    const office = await openBrowser();
    try {
      const board = office.page;
      await login(board, env.server.url, 'chief-500242101000', 'demo123');
      await board.getByTestId('current-user').waitFor();
      // The board as of the walk's end — kept inside the week the patrol began in (it counts there), should the
      // Shanghai week have turned over during the walk.
      const boardAsOf = new Date(Math.min(Date.parse(endedAt), Date.parse(periodOf(track[0]!.t, 'week').end) - 1000)).toISOString();
      await board.goto(`${env.server.url}/patrols/compliance?asOf=${encodeURIComponent(boardAsOf)}`);
      await board.locator('.ant-table-row', { hasText: '包家村' }).locator('.ant-table-row-expand-icon').first().click();
      const row = board.locator('.ant-table-row', { hasText: patrols[0].personName as string });
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('已达标');
      await expect.poll(() => row.textContent()).toContain(`1 次 · ${(expected / 1000).toFixed(2)} 公里`);
      await screenshot(board, 'compliance-board');
    } finally {
      await office.close();
    }
  });

  it('keeps a ranger\'s unsent data through a logout and another ranger\'s session, then sends it as its owner', async () => {
    const phone = await openBrowser({ geolocation: { latitude: 28.8, longitude: 108.7 } });
    try {
      const { page, browser } = phone;
      await login(page, env.server.url, 'ranger-500242101200-2', 'demo123');
      await page.waitForURL(/\/m$/);
      // The server is unreachable for uploads (but not for logging in).
      await page.route('**/api/patrols**', (route) => route.abort());
      const centre = await gridCentre(page);
      await browser.setGeolocation({ latitude: centre[1], longitude: centre[0], accuracy: 5 });
      await page.getByRole('button', { name: '开始巡林' }).click();
      await expect.poll(async () => Number(await page.getByTestId('fix-count').getAttribute('data-count'))).toBe(1);
      await browser.setGeolocation({ latitude: centre[1] + 0.001, longitude: centre[0], accuracy: 5 });
      await expect.poll(async () => Number(await page.getByTestId('fix-count').getAttribute('data-count'))).toBe(2);
      await page.getByRole('button', { name: /结束巡林/ }).click();
      await expect.poll(() => queueCount(page)).toBe(3); // start, one batch of fixes, end
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.waitForURL(/\/login/);

      await login(page, env.server.url, 'ranger-500242101200-3', 'demo123');
      await page.waitForURL(/\/m$/);
      await expect.poll(() => page.getByText('其他账号待上传 3 条').count()).toBe(1);
      expect(await queueCount(page)).toBe(0);
      await screenshot(page, 'phone-other-account');
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.waitForURL(/\/login/);

      await page.unroute('**/api/patrols**');
      await login(page, env.server.url, 'ranger-500242101200-2', 'demo123');
      await page.waitForURL(/\/m$/);
      // Back under its owner, the outbox drains on its own: the patrol arrives whole and ended.
      const mineEnded = () =>
        page.evaluate(async () => {
          const me = (await (await fetch('/api/auth/me')).json()).user;
          const items = (await (await fetch('/api/patrols?limit=50')).json()).items as { userId: string; status: string }[];
          return items.filter((p) => p.userId === me.id).map((p) => p.status);
        });
      await expect.poll(mineEnded, { timeout: 30_000 }).toEqual(['ended']);
      await expect.poll(() => queueCount(page)).toBe(0);
    } finally {
      await phone.close();
    }
  });

  it('reports a fire seen on patrol while offline: it goes once a signal returns, timed from when it was seen, with its problem', async () => {
    const phone = await openBrowser({ geolocation: { latitude: 28.8, longitude: 108.7 } });
    try {
      const { page, browser } = phone;
      await login(page, env.server.url, 'ranger-500242101200-4', 'demo123');
      await page.waitForURL(/\/m$/);
      const centre = await gridCentre(page);
      await browser.setGeolocation({ latitude: centre[1], longitude: centre[0], accuracy: 5 });
      await browser.setOffline(true);
      await expect.poll(() => page.getByTestId('online-state').textContent()).toBe('离线');
      await page.getByRole('button', { name: /报告火情/ }).click();
      const modal = page.locator('.ant-modal', { hasText: '报告火情' });
      await expect.poll(() => modal.getByTestId('fire-position').textContent()).toContain('位置');
      // Refused without a description, named.
      await modal.getByRole('button', { name: /报告火情/ }).click();
      await expect.poll(() => modal.textContent()).toContain('请描述火情');
      await modal.getByText('10 分钟前').click();
      await modal.getByLabel('火情描述').fill('后山有浓烟，火点约 20 平方米');
      await page.waitForTimeout(400); // the segmented control slides, the refused field clears
      await screenshot(page, 'phone-fire-report');
      const before = Date.now();
      await modal.getByRole('button', { name: /报告火情/ }).click();
      await expect.poll(() => queueCount(page)).toBe(1);
      await browser.setOffline(false);
      await expect.poll(() => queueCount(page), { timeout: 30_000 }).toBe(0);
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.waitForURL(/\/login/);
      await login(page, env.server.url, 'admin', 'admin123');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const fire = await page.evaluate(async () => {
        const list = (await (await fetch('/api/fires?limit=20')).json()) as { items: { id: string; description: string; source: string; unitCode: string; discoveredAt: string; problemId: string | null; reporterName: string | null }[] };
        return list.items.filter((f) => f.description === '后山有浓烟，火点约 20 平方米');
      });
      expect(fire).toHaveLength(1);
      expect(fire[0]).toMatchObject({ source: 'patrol', unitCode: '500242101200' });
      expect(fire[0]!.problemId).toBeTruthy();
      expect(fire[0]!.reporterName).toBeTruthy();
      // Seen ten minutes before it was reported (a few seconds' leeway for the test itself).
      const seen = Date.parse(fire[0]!.discoveredAt);
      expect(before - seen).toBeGreaterThan(9 * 60_000);
      expect(before - seen).toBeLessThan(11 * 60_000);
    } finally {
      await phone.close();
    }
  });

  it('registers a dying pine with its photo where the ranger stands, queued offline and sent photo first', async () => {
    const phone = await openBrowser({ geolocation: { latitude: 28.8, longitude: 108.7 } });
    try {
      const { page, browser } = phone;
      await login(page, env.server.url, 'ranger-500242101200-5', 'demo123');
      await page.waitForURL(/\/m$/);
      const centre = await gridCentre(page);
      await browser.setGeolocation({ latitude: centre[1], longitude: centre[0], accuracy: 5 });
      const photo = await jpeg(page, '#a0522d');
      await browser.setOffline(true);
      await expect.poll(() => page.getByTestId('online-state').textContent()).toBe('离线');
      await page.getByRole('button', { name: /登记枯死松树/ }).click();
      const modal = page.locator('.ant-modal', { hasText: '登记枯死松树' });
      await expect.poll(() => modal.getByTestId('dead-tree-position').textContent()).toContain('位置');
      await modal.getByText('濒死', { exact: true }).click();
      await modal.getByLabel('胸径（厘米）').fill('18');
      await modal.getByLabel('说明').fill('针叶大半变红');
      await modal.getByTestId('photo-input').setInputFiles({ name: 'pine.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.waitForTimeout(400);
      await screenshot(page, 'phone-dead-tree');
      await modal.getByRole('button', { name: /登\s*记/ }).click();
      await expect.poll(() => queueCount(page)).toBe(1);
      await browser.setOffline(false);
      await expect.poll(() => queueCount(page), { timeout: 30_000 }).toBe(0);
      const trees = await page.evaluate(async () => {
        const list = (await (await fetch('/api/pests/dead-trees?limit=50')).json()) as { items: { id: string; condition: string; dbhCm: number | null; species: string | null; unitCode: string; source: string }[] };
        const mine = list.items.filter((t) => t.dbhCm === 18 && t.condition === 'dying');
        return Promise.all(mine.map(async (t) => ({ ...t, detail: (await (await fetch(`/api/pests/dead-trees/${t.id}`)).json()) as { steps: { photoFileId: string | null }[] } })));
      });
      expect(trees).toHaveLength(1);
      expect(trees[0]).toMatchObject({ species: '马尾松', unitCode: '500242101200', source: 'patrol' });
      expect(trees[0]!.detail.steps.some((s) => s.photoFileId)).toBe(true);
    } finally {
      await phone.close();
    }
  });

  it('makes the day’s reports of the ranger’s stations offline — a zero report, and a sighting checked before it is queued — and sends them once a signal returns', async () => {
    const phone = await openBrowser({ geolocation: { latitude: 28.8, longitude: 108.7 } });
    try {
      const { page, browser } = phone;
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const from = new Date(Date.now() + 8 * 3_600_000 - 3 * 86_400_000).toISOString().slice(0, 10);
      // The bureau sets up two stations in 包家村 reported by this ranger (through the API, as the administrator).
      await login(page, env.server.url, 'admin', 'admin123');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const stations = await page.evaluate(async (from) => {
        const geometry = (await (await fetch('/api/units/500242101200')).json()).geometry as { coordinates: number[][][][] };
        const ring = geometry.coordinates[0]![0]!;
        const [lon, lat] = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
        const [ranger] = (await (await fetch('/api/wildlife/candidates?q=ranger-500242101200-5')).json()) as { id: string }[];
        const made: string[] = [];
        for (const name of ['包家村候鸟监测点', '包家村野猪监测点']) {
          const r = await fetch('/api/wildlife/stations', {
            method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name, unitCode: '500242101200', level: 'county', lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, reporterUserIds: [ranger!.id], activeFrom: from }),
          });
          made.push(((await r.json()) as { id: string }).id);
        }
        return made;
      }, from);
      expect(stations).toHaveLength(2);
      await page.goto(`${env.server.url}/m`);
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.waitForURL(/\/login/);

      await login(page, env.server.url, 'ranger-500242101200-5', 'demo123');
      await page.waitForURL(/\/m$/);
      const card = page.getByTestId('wildlife-today');
      const station = (id: string) => card.locator(`[data-station="${id}"]`);
      await expect.poll(() => card.locator('[data-testid="wildlife-station"]').count(), { timeout: 15_000 }).toBe(2);
      // Not reported yet: still to do before the cut-off (15:00), missed after it; the three days before today were missed.
      const afterCutoff = Date.now() > Date.parse(`${today}T15:00:00+08:00`);
      expect(await station(stations[0]!).getByTestId('wildlife-state').textContent()).toBe(afterCutoff ? '已过 15:00 截止，请尽快报送' : '待报 · 15:00 前');
      if (from.slice(0, 7) === today.slice(0, 7)) expect(await station(stations[0]!).textContent()).toContain(`本月已缺报 ${afterCutoff ? 4 : 3} 天`);

      await browser.setOffline(true);
      await expect.poll(() => page.getByTestId('online-state').textContent()).toBe('离线');
      // 零报告 for the first, after its confirmation.
      await station(stations[0]!).getByRole('button', { name: /零报告/ }).click();
      await page.getByRole('button', { name: /确认零报告/ }).click();
      await expect.poll(() => station(stations[0]!).getByTestId('wildlife-state').textContent()).toBe('已保存，待上传');
      await expect.poll(() => queueCount(page)).toBe(1);
      // A sighting for the second: more dead than seen is refused on the phone, naming the field, and not queued.
      await station(stations[1]!).getByRole('button', { name: /有发现/ }).click();
      const modal = page.locator('.ant-modal', { hasText: '今日观测' });
      await modal.getByLabel('物种 1').fill('野猪');
      await modal.getByLabel('数量 1').fill('2');
      await modal.getByLabel('异常死亡 1').fill('3');
      await modal.getByRole('button', { name: /保存日报/ }).click();
      await expect.poll(() => modal.textContent()).toContain('异常死亡数不能大于观测数量');
      expect(await queueCount(page)).toBe(1);
      await modal.getByLabel('数量 1').fill('4');
      await expect.poll(() => modal.textContent()).not.toContain('异常死亡数不能大于观测数量');
      await modal.getByLabel('说明').fill('溪沟边发现死亡野猪');
      await expect.poll(() => modal.textContent()).toContain('请勿徒手接触');
      await page.waitForTimeout(400);
      await screenshot(page, 'phone-wildlife-sighting');
      await modal.getByRole('button', { name: /保存日报/ }).click();
      await expect.poll(() => queueCount(page)).toBe(2);
      await expect.poll(() => station(stations[1]!).getByTestId('wildlife-state').textContent()).toBe('已保存，待上传');

      await browser.setOffline(false);
      await expect.poll(() => queueCount(page), { timeout: 30_000 }).toBe(0);
      await expect.poll(() => station(stations[0]!).getByTestId('wildlife-state').textContent(), { timeout: 15_000 }).toMatch(/今日已报（零报告/);
      await expect.poll(() => station(stations[1]!).getByTestId('wildlife-state').textContent(), { timeout: 15_000 }).toMatch(/今日已报（有观测，异常死亡 3 只/);
      expect(await station(stations[0]!).getByRole('button', { name: /零报告/ }).count()).toBe(0);
      await page.waitForTimeout(300);
      await screenshot(page, 'phone-wildlife-sent');
      // On the server: one report each for today, the death filed as a problem.
      type Report = { date: string; zero: boolean; deadTotal: number; problemId: string | null };
      const reports = await page.evaluate(async ({ stations, month }) => {
        const read = async (id: string) => (await (await fetch(`/api/wildlife/stations/${id}/reports?month=${month}`)).json()) as Report[];
        return Promise.all(stations.map(read));
      }, { stations, month: today.slice(0, 7) });
      expect(reports[0]!.filter((r) => r.date === today)).toMatchObject([{ zero: true, deadTotal: 0, problemId: null }]);
      expect(reports[1]!.filter((r) => r.date === today)).toMatchObject([{ zero: false, deadTotal: 3 }]);
      expect(reports[1]!.find((r) => r.date === today)!.problemId).toBeTruthy();
    } finally {
      await phone.close();
    }
  });
});

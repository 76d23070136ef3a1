import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserAvailable, gridCentre, jpeg, login, openBrowser, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 4 §7 and §4: the closed loop in the browser. A ranger reports from the phone page, the village chief
// assigns, the ranger handles, the supervisor verifies, the chief closes; and a member of the public reports
// without logging in.
const RANGER = 'ranger-500242101200-1';
const CHIEF = 'chief-500242101200';
const SUPERVISOR = 'supervisor-500242101200';
const VILLAGE = '500242101200'; // 包家村


const modal = (page: Page): Locator => page.locator('.ant-modal-wrap:visible .ant-modal');

/**
 * Picks an option of the antd Select labelled `label` inside `scope`. With `search`, the name is typed and the
 * server's answer awaited first (the person list is searched on the server): clicking an option of the list the
 * answer is about to replace would be lost.
 */
async function choose(page: Page, scope: Locator, label: string, option: string, search?: string): Promise<void> {
  await scope.getByLabel(label).click();
  if (search) {
    const answer = page.waitForResponse((r) => r.url().includes('/api/people?') && r.url().includes(`q=${encodeURIComponent(search)}`));
    await page.keyboard.type(search);
    await answer;
  }
  const chosen = () => scope.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: option }).count();
  // On a loaded machine a click can land while the dropdown is still sliding in and be lost: check, and pick again.
  for (let attempt = 0; attempt < 4; attempt++) {
    const dropdown = page.locator('.ant-select-dropdown:visible');
    if (attempt > 0 && (await dropdown.count()) === 0) await scope.getByLabel(label).click();
    await dropdown.first().waitFor();
    await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
    for (let i = 0; i < 10 && (await chosen()) === 0; i++) await page.waitForTimeout(100);
    if ((await chosen()) > 0) return;
  }
  throw new Error(`could not choose “${option}” in ${label}`);
}

const status = (page: Page) => page.getByTestId('problem-status').textContent();

/** Clicks one of the detail page's action buttons, lets `fill` complete its form, and confirms. */
async function act(page: Page, action: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  // antd spaces out two-character labels (交 办).
  await page.getByTestId('problem-actions').getByRole('button', { name: new RegExp(`^${[...action].join('\\s*')}$`) }).click();
  const form = modal(page);
  await form.waitFor();
  await fill?.(form);
  await form.locator('.ant-modal-footer .ant-btn-primary').click();
}

describe.runIf(browserAvailable())('problem closed loop in Chromium', () => {
  const env = useServerAndBrowser({ geolocation: { latitude: 28.8, longitude: 108.7 } });

  it('a ranger reports from the phone; the chief assigns; the ranger handles; the supervisor verifies; the chief closes', async () => {
    const { page: phone, browser } = env.session;
    await phone.setViewportSize({ width: 390, height: 844 }); // the ranger works on a phone throughout
    await login(phone, env.server.url, RANGER, 'demo123');
    await phone.waitForURL(/\/m$/);
    const [lon, lat] = await gridCentre(phone);
    await browser.setGeolocation({ latitude: lat, longitude: lon, accuracy: 5 });
    const rangerName = await phone.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()).user;
      return (await (await fetch(`/api/people/${me.personId}`)).json()).name as string;
    });

    // The report, made out of signal: category, severity, description, a photo from the camera, the phone's position.
    const title = '发现新鲜伐桩 5 个，现场有油锯痕迹';
    const photo = await jpeg(phone, '#6b4f2a');
    await browser.setOffline(true);
    await expect.poll(() => phone.getByTestId('online-state').textContent()).toBe('离线');
    await phone.getByRole('button', { name: /上报问题/ }).click();
    const form = modal(phone);
    await expect.poll(() => form.getByTestId('report-position').textContent()).toContain(`${lon.toFixed(6)}, ${lat.toFixed(6)}`);
    await choose(phone, form, '类别', '盗伐滥伐');
    await form.locator('.ant-segmented-item', { hasText: '较重' }).click();
    await form.getByLabel('描述').fill(title);
    await form.getByTestId('photo-input').setInputFiles({ name: 'stump.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => form.locator('img[alt="照片 1"]').count()).toBe(1);
    await expect.poll(() => phone.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await screenshot(phone, 'problem-phone-report');
    await form.locator('.ant-modal-footer .ant-btn-primary').click();
    // Queued with its photo in IndexedDB; sent (photo first, then the problem) once the phone is back online.
    await expect.poll(async () => Number(await phone.getByTestId('queue-count').getAttribute('data-count'))).toBe(1);
    await expect.poll(() => phone.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await screenshot(phone, 'problem-phone-queued');
    await browser.setOffline(false);
    const mine = () => phone.evaluate(async () => (await (await fetch('/api/problems?limit=10')).json()).items);
    await expect.poll(async () => (await mine()).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => Number(await phone.getByTestId('queue-count').getAttribute('data-count'))).toBe(0);
    expect(await phone.getByText('被服务器拒收').count()).toBe(0);
    const reported = await mine();
    expect(reported[0]).toMatchObject({ title, category: 'illegal_logging', severity: 'serious', source: 'patrol', unitCode: '500242101200', photoCount: 1, status: 'reported' });
    const id = reported[0].id as string;

    const chief = await openBrowser();
    const supervisor = await openBrowser();
    try {
      // The village chief finds it among what waits for them and assigns it to the ranger.
      const office = chief.page;
      await login(office, env.server.url, CHIEF, 'demo123');
      await office.getByTestId('current-user').waitFor();
      await office.goto(`${env.server.url}/problems`);
      const row = office.locator('.ant-table-row', { hasText: title });
      await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
      expect(await office.getByRole('tab', { selected: true }).textContent()).toBe('待我处理');
      await screenshot(office, 'problem-chief-todo');
      await row.getByRole('link', { name: title }).click();
      await office.waitForURL(new RegExp(`/problems/${id}$`));
      await expect.poll(() => status(office)).toBe('已上报');
      await expect.poll(() => office.getByTestId('photo-finding').count()).toBeGreaterThan(0); // no EXIF in the test photo
      await act(office, '交办', async (f) => {
        await choose(office, f, '承办人', rangerName, rangerName);
        await screenshot(office, 'problem-assign');
      });
      await expect.poll(() => status(office)).toBe('已交办');

      // The ranger is told (inbox), opens it from there, signs for it and hands in the result with a photo.
      await phone.goto(`${env.server.url}/problems`);
      await expect.poll(async () => Number(await phone.getByTestId('inbox-bell').getAttribute('data-unread')), { timeout: 20_000 }).toBeGreaterThan(0);
      await screenshot(phone, 'problem-ranger-list');
      await phone.getByTestId('inbox-bell').click();
      await phone.getByTestId('inbox-item').filter({ hasText: `交办：${title}` }).click();
      await phone.waitForURL(new RegExp(`/problems/${id}$`));
      await expect.poll(() => status(phone)).toBe('已交办');
      await act(phone, '签收处置');
      await expect.poll(() => status(phone)).toBe('处置中');
      await act(phone, '提交处置结果', async (f) => {
        await f.getByLabel('处置情况').fill('已现场制止，伐桩已拍照登记，移交森林公安');
        await f.getByTestId('photo-input').setInputFiles({ name: 'done.jpg', mimeType: 'image/jpeg', buffer: await jpeg(phone, '#2f6b3a') });
      });
      await expect.poll(() => status(phone)).toBe('已处置待核查');
      await expect.poll(() => phone.locator('.ant-modal-wrap:visible').count()).toBe(0);
      await phone.evaluate(() => window.scrollTo(0, 0));
      await screenshot(phone, 'problem-ranger-handled');
      expect(await phone.getByTestId('problem-actions').getByRole('button').count()).toBe(0); // the handler may not verify

      // The chief's page still shows the assigned version: acting on it is refused and the page catches up.
      await act(office, '交办', async (f) => choose(office, f, '承办人', rangerName, rangerName));
      await expect.poll(() => office.locator('.ant-message').textContent()).toContain('已被他人更新');
      await expect.poll(() => status(office)).toBe('已处置待核查');

      // The village supervisor verifies.
      const check = supervisor.page;
      await login(check, env.server.url, SUPERVISOR, 'demo123');
      await check.getByTestId('current-user').waitFor();
      await check.goto(`${env.server.url}/problems`);
      await check.locator('.ant-table-row', { hasText: title }).getByRole('link', { name: title }).click();
      await expect.poll(() => status(check)).toBe('已处置待核查');
      await act(check, '核查通过', async (f) => f.getByLabel('意见（可选）').fill('现场核实无误'));
      await expect.poll(() => status(check)).toBe('已核查待销号');

      // The chief (not the handler) closes it; the timeline shows the whole loop.
      await office.reload();
      await expect.poll(() => status(office)).toBe('已核查待销号');
      await act(office, '销号');
      await expect.poll(() => status(office)).toBe('已销号');
      const steps = await office.getByTestId('timeline-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-action')));
      expect(steps).toEqual(['report', 'assign', 'start', 'handle', 'verify', 'close']);
      const timeline = await office.getByTestId('problem-timeline').textContent();
      for (const text of ['上报', '交办', '签收处置', '提交处置结果', '核查通过', '销号', rangerName, '现场核实无误']) expect(timeline).toContain(text);
      expect(await office.getByTestId('problem-photo').count()).toBe(2);
      await office.getByTestId('problem-timeline').scrollIntoViewIfNeeded();
      await screenshot(office, 'problem-closed');
    } finally {
      await chief.close();
      await supervisor.close();
    }
  });

  it('takes a public report without login, shows the receipt, and the village chief sees it; flooding is refused', async () => {
    const chief = await openBrowser();
    try {
      const office = chief.page;
      await login(office, env.server.url, CHIEF, 'demo123');
      await office.getByTestId('current-user').waitFor();
      const [lon, lat] = await gridCentre(office, VILLAGE);

      const visitor = await openBrowser({ geolocation: { latitude: lat, longitude: lon } });
      try {
        const page = visitor.page;
        await page.setViewportSize({ width: 390, height: 844 }); // a phone that scanned the QR code
        await page.goto(`${env.server.url}/report`);
        await expect.poll(async () => Math.abs(Number(await page.getByLabel('经度').inputValue()) - lon)).toBeLessThan(1e-5);
        const description = '坟地有人烧纸，余烬未熄，靠近松林';
        await choose(page, page.locator('form'), '问题类别', '火灾隐患');
        await page.getByLabel('问题描述').fill(description);
        await page.getByLabel('您的称呼（选填）').fill('王先生');
        await page.getByLabel('联系电话（选填，仅办理人员可见）').fill('13800001234');
        await page.getByTestId('photo-input').setInputFiles({ name: 'fire.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, '#8a2be2') });
        await screenshot(page, 'public-report-form');
        await page.getByRole('button', { name: /提交举报/ }).click();
        const receipt = page.getByTestId('receipt');
        await expect.poll(() => receipt.textContent(), { timeout: 20_000 }).toContain('包家村');
        const id = (await page.getByTestId('receipt-id').textContent())!.trim();
        expect(id).toMatch(/^JB\d{6}-[2-9A-HJ-NP-Z]{8}$/);
        await screenshot(page, 'public-report-receipt');

        // The village chief sees it among what waits for them, with the reporter's phone.
        await office.goto(`${env.server.url}/problems`);
        const row = office.locator('.ant-table-row', { hasText: description });
        await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
        expect(await row.textContent()).toContain('群众举报');
        await row.getByRole('link').first().click();
        await office.waitForURL(new RegExp(`/problems/${id}$`));
        await expect.poll(() => office.locator('.ant-descriptions').first().textContent()).toContain('王先生 · 13800001234');
        await expect.poll(() => office.getByTestId('problem-photo').count()).toBe(1);
        await screenshot(office, 'public-report-seen-by-chief');

        // On the problem map it is a point of its own once zoomed in; its popup leads back to it.
        await office.goto(`${env.server.url}/problems/map`);
        await expect.poll(async () => Number(await office.getByTestId('problem-map').getAttribute('data-count')), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
        await expect.poll(() => office.evaluate(() => window.__linzhangMap?.querySourceFeatures('problems').length ?? 0)).toBeGreaterThan(0);
        await screenshot(office, 'problem-map-village');
        const at = await office.evaluate(async (p: [number, number]) => {
          const map = window.__linzhangMap!;
          map.jumpTo({ center: p, zoom: 18 });
          await new Promise((r) => map.once('idle', r));
          const px = map.project(p);
          return { x: px.x, y: px.y, hits: map.queryRenderedFeatures(px, { layers: ['points'] }).length };
        }, [lon, lat] as [number, number]);
        expect(at.hits).toBe(1);
        const box = (await office.getByTestId('problem-map').boundingBox())!;
        await office.mouse.click(box.x + at.x, box.y + at.y);
        const popup = office.getByTestId('problem-popup');
        await expect.poll(() => popup.textContent()).toContain(description);
        await screenshot(office, 'problem-map-popup');
        await popup.getByRole('link', { name: /查看详情/ }).click();
        await office.waitForURL(new RegExp(`/problems/${id}$`));

        // Ten reports an hour from one address are enough: the next is refused with a clear message.
        const statuses = await page.evaluate(async (at: [number, number]) => {
          const out: number[] = [];
          for (let i = 0; i < 10; i++) {
            const r = await fetch('/api/public/problems', {
              method: 'POST', headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ id: `flood-test-${i}-0000`, category: 'other', description: `第 ${i} 条测试举报`, lon: at[0], lat: at[1] }),
            });
            out.push(r.status);
          }
          return out;
        }, [lon, lat] as [number, number]);
        expect(statuses).toContain(429);
        await page.getByRole('button', { name: /再报一件/ }).click();
        await choose(page, page.locator('form'), '问题类别', '其他');
        await page.getByLabel('问题描述').fill('界桩倒伏，需要重新设置');
        await page.getByRole('button', { name: /提交举报/ }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('提交过于频繁');
        await screenshot(page, 'public-report-429');
      } finally {
        await visitor.close();
      }
    } finally {
      await chief.close();
    }
  });
});

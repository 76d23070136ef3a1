import { describe, expect, it } from 'vitest';
import { interiorPoint } from '@linzhang/domain';
import type { MultiPolygon } from 'geojson';
import { browserAvailable, login, pickOption, screenshot, useServerAndBrowser } from './harness.ts';

// Issue 6 §4–§5 in the browser: staff set up an entry point; a visitor scans its code on a phone, registers with the
// fire-safety pledge and checks out; once a 禁火令 covering the point is issued, the page refuses entry with its text.
describe.runIf(browserAvailable())('fire bans and forest entry in Chromium', () => {
  const env = useServerAndBrowser();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
  let code = '';

  it('sets up an entry point with its poster, and a visitor registers and checks out on a phone', async () => {
    const { page } = env.session;
    await login(page, env.server.url, 'admin', 'admin123');
    await page.getByTestId('current-user').waitFor();
    const geometry = await page.evaluate(async () => (await (await fetch('/api/units/500242101200')).json()).geometry);
    const [x, y] = interiorPoint(geometry as MultiPolygon)!;
    await page.goto(`${env.server.url}/fire/entry`);
    await page.getByTestId('entry-map').waitFor();
    await page.getByRole('button', { name: /新增入林点/ }).click();
    const modal = page.locator('.ant-modal', { hasText: '新增入林点' });
    await modal.getByLabel('名称').fill('包家沟入林口');
    await modal.getByLabel('经度').fill(x.toFixed(6));
    await modal.getByLabel('纬度').fill(y.toFixed(6));
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('.ant-table-row', { hasText: '包家沟入林口' });
    await expect.poll(() => row.textContent()).toContain('包家村');
    code = ((await row.locator('a[href^="/entry/"]').getAttribute('href')) ?? '').replace('/entry/', '');
    expect(code).toMatch(/^[a-z0-9]{8}$/);
    const poster = await page.evaluate(async (href: string) => {
      const r = await fetch(href);
      return { type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, (await row.locator('a[href$="poster.pdf"]').getAttribute('href'))!);
    expect(poster).toEqual({ type: 'application/pdf', head: '%PDF-' });

    const phone = await env.session.browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${env.server.url}/entry/${code}`);
    await expect.poll(() => phone.getByTestId('point').textContent()).toContain('包家沟入林口');
    await phone.getByLabel('姓名').fill('张三');
    await phone.getByLabel('手机号').fill('1381234');
    await phone.getByLabel('入林事由').fill('徒步游玩');
    await phone.keyboard.press('Escape'); // close the suggestions of 入林事由
    await phone.getByRole('button', { name: /登记入林/ }).click();
    await expect.poll(() => phone.locator('.ant-form').textContent()).toContain('请填写 11 位手机号');
    await expect.poll(() => phone.locator('.ant-form').textContent()).toContain('请勾选承诺');
    await phone.getByLabel('手机号').fill('13812345678');
    await phone.getByText('我已阅读防火须知').click();
    await expect.poll(() => phone.locator('.ant-form-item-explain-error').count()).toBe(0);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.waitForTimeout(300);
    await screenshot(phone, 'fire-entry-public-form');
    await phone.getByRole('button', { name: /登记入林/ }).click();
    await expect.poll(() => phone.getByTestId('visit').textContent()).toContain('包家沟入林口');
    await screenshot(phone, 'fire-entry-public-inside');
    // The check-out button stays on the phone: a reload still offers it
    await phone.reload();
    await phone.getByRole('button', { name: /出林登记/ }).click();
    await expect.poll(() => phone.locator('.ant-result-title').textContent()).toBe('已登记出林');
    await phone.close();

    await page.reload();
    await expect.poll(() => page.locator('.ant-card', { hasText: '入林登记记录' }).textContent()).toContain('张三');
    expect(await page.locator('.ant-card', { hasText: '入林登记记录' }).textContent()).toContain('已出林');
    await page.waitForTimeout(500);
    await screenshot(page, 'fire-entry');
  });

  it('issues a 禁火令 covering the point; the public page then refuses entry with the order’s text', async () => {
    const { page } = env.session;
    await page.goto(`${env.server.url}/fire/bans`);
    await page.getByRole('button', { name: /起草命令/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '起草防火令' });
    await drawer.getByLabel('文号').fill('酉阳森防〔2026〕9号');
    await drawer.getByLabel('标题').fill('关于实施野外禁火的命令');
    await drawer.locator('.ant-picker-range input').first().click();
    await drawer.locator('.ant-picker-range input').first().fill(today);
    await drawer.locator('.ant-picker-range input').last().fill(inDays(3));
    await page.keyboard.press('Enter');
    await pickOption(page, drawer.locator('.ant-form-item', { hasText: '区域（乡镇' }).locator('.ant-select').first(), '酉阳');
    await drawer.getByLabel('发布机关').fill('酉阳县森林防灭火指挥部');
    await drawer.getByLabel('全文').fill('即日起全县范围内严禁一切野外用火，暂停一切入林活动。');
    await drawer.getByRole('button', { name: /保存草稿/ }).click();
    const row = page.locator('.ant-table-row', { hasText: '酉阳森防〔2026〕9号' });
    await expect.poll(() => row.textContent()).toContain('草稿');
    await row.getByRole('button', { name: /发\s*布/ }).click();
    await expect.poll(() => row.textContent()).toContain('生效中');
    await expect.poll(() => page.locator('.ant-alert-error').first().textContent()).toContain('禁火令生效中');
    await page.waitForTimeout(300);
    await screenshot(page, 'fire-bans');

    const phone = await env.session.browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${env.server.url}/entry/${code}`);
    await expect.poll(() => phone.getByTestId('ban-text').textContent()).toContain('即日起全县范围内严禁一切野外用火');
    expect(await phone.locator('.ant-result-title').textContent()).toBe('禁止入林');
    await screenshot(phone, 'fire-entry-public-refused');
    // …and the server refuses too, whatever the page shows
    const refused = await phone.evaluate(async (c: string) => {
      const r = await fetch(`/api/public/entry/${c}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '李四', phone: '13900001111', purpose: '徒步', fireSource: false, pledge: true }) });
      return { status: r.status, message: ((await r.json()) as { message: string }).message };
    }, code);
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('酉阳森防〔2026〕9号');
    await phone.close();

    await page.goto(`${env.server.url}/admin/rules`);
    await page.getByTestId('rules-forest_entry_rules').waitFor();
    await page.getByTestId('rules-fire_ban_rules').scrollIntoViewIfNeeded();
    await screenshot(page, 'fire-rules');
  });
});

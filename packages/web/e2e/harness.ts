import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = join(tmpdir(), 'linzhang-shots');

/** Browser tests need Chromium; under CI=true its absence fails the run instead of skipping it. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium package`);
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/** Starts `linzhang serve --demo` on a fresh SQLite data directory, as a user would. */
export async function startServer(): Promise<Running> {
  if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
    throw new Error('packages/web/dist is missing: run `npm run build` first (npm test does)');
  }
  const data = mkdtempSync(join(tmpdir(), 'linzhang-e2e-'));
  const port = await freePort();
  const env = { ...process.env };
  delete env.DATABASE_URL; // the browser tests use the embedded engine, like `npm start`
  // The demo county without its year of patrols: each browser test starts from a known, empty activity log.
  const built = spawnSync(process.execPath, ['packages/server/bin/linzhang.mjs', 'demo', '--data', data, '--no-activity'], { cwd: root, env, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`demo build failed:\n${built.stdout}${built.stderr}`);
  const child: ChildProcess = spawn(
    process.execPath,
    ['packages/server/bin/linzhang.mjs', 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', data, '--demo'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(options: { geolocation?: { latitude: number; longitude: number } } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'linzhang-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...(options.geolocation ? { geolocation: { ...options.geolocation, accuracy: 5 }, permissions: ['geolocation'] } : {}),
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 820 },
    locale: 'zh-CN',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    browser: context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function login(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  try {
    await page.getByLabel('用户名').waitFor({ timeout: 15_000 });
  } catch (error) {
    await screenshot(page, `login-missing-${username}`);
    throw new Error(`no login form at ${page.url()} for ${username}: ${String(error)}`);
  }
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/**
 * The centre of a ranger grid, as [lon, lat]: the signed-in ranger's own grid, or (given a unit code) the first
 * grid of that unit. A point where the ranger (or anyone reporting there) is surely inside the unit.
 */
export async function gridCentre(page: Page, unit?: string): Promise<[number, number]> {
  return page.evaluate(async (unitCode: string | null) => {
    const j = async (url: string) => (await fetch(url)).json();
    let area: { id: string };
    if (unitCode) {
      area = (await j(`/api/areas?kind=grid&unit=${unitCode}&limit=1`)).items[0];
    } else {
      const me = (await j('/api/auth/me')).user;
      const posts = await j(`/api/posts?role=ranger&unit=${me.scopeUnit.code}&limit=100`);
      const post = posts.items.find((p: { personId: string }) => p.personId === me.personId);
      const areas = await j(`/api/areas?kind=grid&unit=${me.scopeUnit.code}&limit=100`);
      area = areas.items.find((a: { postId: string }) => a.postId === post.id);
    }
    const detail = await j(`/api/areas/${area.id}`);
    const ring: number[][] = detail.geometry.coordinates[0][0].slice(0, -1);
    return [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length] as [number, number];
  }, unit ?? null);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Imports (and commits) parcels through the API as the logged-in page's user: squares of `half` degrees side by
 * side from the middle of a village's boundary, one per attribute row. Returns how many were written.
 */
export async function importSquareParcels(page: Page, villageCode: string, year: number, rows: Record<string, unknown>[], half = 0.001): Promise<number> {
  return page.evaluate(async ({ villageCode, year, rows, half }) => {
    const geometry = (await (await fetch(`/api/units/${villageCode}`)).json()).geometry as { coordinates: number[][][][] };
    const ring = geometry.coordinates[0]![0]!;
    const [x, y] = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];
    const square = (i: number) => [[[x - half + i * 2 * half, y - half], [x + half + i * 2 * half, y - half], [x + half + i * 2 * half, y + half], [x - half + i * 2 * half, y + half], [x - half + i * 2 * half, y - half]]];
    const file = { type: 'FeatureCollection', features: rows.map((properties, i) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: square(i) } })) };
    const content = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(file))));
    const r = await fetch('/api/ledger/parcels/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileName: 'parcels.geojson', contentBase64: content, year, commit: true }) });
    return ((await r.json()) as { created?: number }).created ?? 0;
  }, { villageCode, year, rows, half });
}

/**
 * Picks `option` in an antd Select or TreeSelect (`select` is its .ant-select element) and checks the field shows it.
 * On a loaded machine a click can land while the list is still sliding in and be lost, or a list can take seconds to
 * show its options, so it keeps going until the field shows the option or 40 s have passed: it opens this select's
 * list only when it is closed (clicking an open one would close it) and never presses Escape, which would close the
 * modal around the field when no list is open. In a unit tree, `expand` names the nodes to open on the way to the
 * option (重庆市, then 酉阳土家族苗族自治县): a closed one is clicked open again and again until the option shows.
 */
export async function pickOption(page: Page, select: Locator, option: string, options: { exact?: boolean; expand?: string[] } = {}): Promise<void> {
  // exact: the option's whole text is `option` (亩, not 万亩).
  const shown = async () => {
    const text = ((await select.textContent()) ?? '').trim();
    return options.exact ? text === option : text.includes(option);
  };
  const isOpen = () => select.evaluate((el) => el.classList.contains('ant-select-open')).catch(() => false);
  const label = options.exact ? new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : option;
  const item = page.locator('.ant-select-item-option:visible, .ant-select-tree-node-content-wrapper:visible', { hasText: label }).first();
  const otherLists = page.locator('.ant-select-dropdown:visible');
  const deadline = Date.now() + 40_000;
  let lastOpened = 0;
  while (Date.now() < deadline) {
    if (await item.isVisible()) {
      // Dispatched to the option itself: while the list slides in, a coordinate click can land on the form behind it.
      await item.dispatchEvent('click').catch(() => undefined);
      for (let i = 0; i < 10 && !(await shown()); i++) await page.waitForTimeout(100);
      if (await shown()) return;
    } else if (await isOpen()) {
      for (const name of options.expand ?? []) {
        const closed = page.locator('.ant-select-tree-treenode:visible', { hasText: name }).locator('.ant-select-tree-switcher_close');
        if ((await closed.count()) > 0) await closed.first().click({ timeout: 2_000 }).catch(() => undefined);
      }
    } else if (Date.now() - lastOpened > 1_000) {
      // Another Select's list may still be fading out: let it go before opening this one.
      for (let i = 0; i < 20 && (await otherLists.count()) > 0; i++) await page.waitForTimeout(100);
      await select.click({ timeout: 10_000 }).catch(() => undefined);
      lastOpened = Date.now();
    }
    await page.waitForTimeout(150);
  }
  if (await shown()) return;
  throw new Error(`could not pick “${option}”: the field shows “${((await select.textContent()) ?? '').trim()}”, its list is ${(await isOpen()) ? 'open' : 'closed'}`);
}

export type { Browser };

/**
 * A demo server and a browser for the enclosing describe block: started before its tests, stopped after.
 * Read `env.server` and `env.session` inside the tests.
 */
export function useServerAndBrowser(options: Parameters<typeof openBrowser>[0] = {}): { server: Running; session: BrowserSession } {
  const env = {} as { server: Running; session: BrowserSession };
  beforeAll(async () => {
    env.server = await startServer();
    env.session = await openBrowser(options);
  });
  afterAll(async () => {
    await env.session?.close();
    await env.server?.stop();
  });
  return env;
}

/** A small JPEG drawn in the page (no EXIF: the server flags that it cannot check time and place). */
export async function jpeg(page: Page, colour: string): Promise<Buffer> {
  const dataUrl = await page.evaluate((fill: string) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d')!;
    g.fillStyle = fill;
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#ffffff';
    g.fillRect(110, 80, 100, 80);
    return canvas.toDataURL('image/jpeg', 0.85);
  }, colour);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

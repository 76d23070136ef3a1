import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/db/connect.ts';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { createServices } from '../src/services.ts';
import { defaultSettings } from '../src/config/env.ts';
import { viewerOf } from '../src/auth/viewer.ts';
import { jpegWithExif } from './fixtures/jpeg-with-exif.ts';
import { bin, run, targets } from './cli-targets.ts';

const all = await targets();
afterAll(async () => {
  for (const t of all) await t.cleanup();
});

describe.each(all)('linzhang CLI on $name', (t) => {
  it('migrates, creates a user from stdin, builds the Banan demo and lists its accounts', () => {
    expect(run(t, ['migrate']).status).toBe(0);
    const demo = run(t, ['demo', '--county', '500113', '--no-activity']);
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('巴南区');
    const user = run(t, ['user', 'create', '--username', 'clerk', '--role', 'staff', '--unit', '500113', '--password-stdin'], 'a-long-password\n');
    expect(user.stdout).toContain('已创建账号');
    expect(user.status).toBe(0);
    const again = run(t, ['user', 'create', '--username', 'clerk', '--role', 'staff', '--unit', '500113', '--password-stdin'], 'a-long-password\n');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('用户名已存在');
    const list = run(t, ['demo', '--list-users']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('chief-500113000000');
    expect(list.stdout).toMatch(/ranger-500113\d{6}-4\b/);
    expect(list.stdout).toContain('clerk');
  });

  it('jobs run --as-of escalates a problem left past its deadline to the town chief, and is safe to run twice', async () => {
    // A problem reported in a Banan village on 2024-05-06, through the service as the phone page would.
    const store = t.env.DATABASE_URL ? openStore({ engine: 'postgres', url: t.env.DATABASE_URL }) : openStore({ engine: 'sqlite', dataDir: t.args[1]! });
    let problemId = '';
    try {
      const clock = new Date('2024-05-06T02:00:00Z');
      const services = createServices(store, defaultSettings, () => clock);
      const u = await store.db.selectFrom('users').selectAll().where('username', 'like', 'ranger-500113%-1').orderBy('username').executeTakeFirstOrThrow();
      const ranger = viewerOf({ id: u.id, username: u.username, personId: u.person_id, roles: JSON.parse(u.roles), scopeUnitCode: u.scope_unit_code });
      const grid = await store.db.selectFrom('areas').innerJoin('posts', 'posts.id', 'areas.post_id').select('areas.geom_json').where('posts.person_id', '=', u.person_id!).executeTakeFirstOrThrow();
      const [lon, lat] = interiorPoint(JSON.parse(grid.geom_json!) as MultiPolygon)!;
      const made = await services.problems.report(ranger, { id: 'cli-problem-0001', category: 'other', description: '界桩倒伏', lon, lat });
      expect(made.ok).toBe(true);
      problemId = 'cli-problem-0001';
    } finally {
      await store.close();
    }
    const first = run(t, ['jobs', 'run', '--as-of', '2024-05-14T08:00']); // Shanghai time, a day past the 7-day deadline
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('2024-05-14T00:00:00.000Z');
    expect(first.stdout).toMatch(/problem-deadlines\t已运行\t.*督办 1 次/);
    const second = run(t, ['jobs', 'run', '--as-of', '2024-05-14T08:00']);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/problem-deadlines\t本时段已运行过/);
    const check = t.env.DATABASE_URL ? openStore({ engine: 'postgres', url: t.env.DATABASE_URL }) : openStore({ engine: 'sqlite', dataDir: t.args[1]! });
    try {
      const p = await check.db.selectFrom('problems').select(['escalation_count', 'escalation_level']).where('id', '=', problemId).executeTakeFirstOrThrow();
      expect(p).toEqual({ escalation_count: 1, escalation_level: 'town' });
    } finally {
      await check.close();
    }
    expect(run(t, ['jobs', 'run', '--as-of', 'next tuesday']).status).toBe(2);
  });

  it('serve keeps uploaded photos in <--data>/files, whichever engine holds the rows', async () => {
    const filesDir = t.env.DATABASE_URL ? mkdtempSync(join(tmpdir(), 'linzhang-cli-files-')) : t.args[1]!;
    const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--no-jobs', ...(t.env.DATABASE_URL ? ['--data', filesDir] : t.args)], { env: t.env });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let seen = '';
        server.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          const m = /listening on (http:\/\/\S+)/.exec(seen);
          if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
      });
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'a-long-password' }) });
      expect(login.status).toBe(200);
      const photo = jpegWithExif({ takenAt: '2024:05:06 09:40:00' });
      const up = await fetch(`${base}/api/files`, { method: 'POST', headers: { 'content-type': 'image/jpeg', cookie: login.headers.get('set-cookie')!.split(';')[0]! }, body: photo });
      expect(up.status).toBe(201);
      const { id } = (await up.json()) as { id: string };
      expect(existsSync(join(filesDir, 'files', id.slice(0, 2), id.slice(2, 4), id))).toBe(true);
    } finally {
      server.kill();
      if (t.env.DATABASE_URL) rmSync(filesDir, { recursive: true, force: true });
    }
  });

  it('import parcels checks a file, writes nothing without --commit, then writes it', async () => {
    const store = t.env.DATABASE_URL ? openStore({ engine: 'postgres', url: t.env.DATABASE_URL }) : openStore({ engine: 'sqlite', dataDir: t.args[1]! });
    let point: [number, number];
    try {
      const v = await store.db.selectFrom('units').select('geom_json').where('level', '=', 'village').where('code', 'like', '500113%').orderBy('code').executeTakeFirstOrThrow();
      point = interiorPoint(JSON.parse(v.geom_json!) as MultiPolygon)!;
    } finally {
      await store.close();
    }
    const [x, y] = point;
    const d = 0.0004;
    const dir = mkdtempSync(join(tmpdir(), 'linzhang-parcels-'));
    const file = join(dir, '小班.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { 小班号: '101', 地类: '0111', 森林类别: '12', 起源: '人工', 优势树种: '杉木' }, geometry: { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] } },
      { type: 'Feature', properties: { 小班号: '102', 地类: '林地' }, geometry: { type: 'Polygon', coordinates: [[[x + d, y - d], [x + 3 * d, y - d], [x + 3 * d, y + d], [x + d, y + d], [x + d, y - d]]] } },
    ] }));
    try {
      const dry = run(t, ['import', 'parcels', file, '--year', '2024']);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('共 2 个小班，可导入 1 个，有误 1 个');
      expect(dry.stdout).toMatch(/第 2 行\t错误\t地类：地类“林地”不在二类调查地类代码表中/);
      expect(dry.stdout).toContain('未写入');
      const done = run(t, ['import', 'parcels', file, '--year', '2024', '--commit']);
      expect(done.status).toBe(0);
      expect(done.stdout).toContain('已写入 1 个小班');
      expect(run(t, ['import', 'parcels']).status).toBe(2);
      expect(run(t, ['import', 'parcels', file, '--year', '1066']).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad arguments with exit code 2 and says why', () => {
    const bad = run(t, ['user', 'create', '--username', 'x y', '--role', 'boss', '--unit', '123', '--password-stdin'], 'pw');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--username');
    expect(bad.stderr).toContain('--role');
    expect(bad.stderr).toContain('--unit');
    expect(run(t, ['frobnicate']).status).toBe(2);
    expect(run(t, ['demo', '--county', '110101']).status).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './engines.ts';
import { openApp, cookieOf, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';

// A small fixture: one county unit and one account, made through the same service the CLI uses.
async function seedOneUser(f: { store: AppFixture['store'] }) {
  await f.store.db
    .insertInto('units')
    .values({
      code: '500242000000', name: '酉阳土家族苗族自治县', short_name: '酉阳县', level: 'county', kind: '县', parent_code: null,
      area_m2: null, geom_json: null, minx: null, miny: null, maxx: null, maxy: null, created_at: 'x', updated_at: 'x',
    })
    .execute();
  const made = await new AuthService(f.store, defaultSettings).createUser({
    username: 'clerk', name: '办事员', password: 'correct-horse', roles: ['staff'], scopeUnitCode: '500242000000', actorId: null,
  });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
}

describe.each(testEngines())('auth on $name', (engine) => {
  let f: AppFixture;
  beforeAll(async () => {
    f = await openApp(engine, { settings: { loginMaxFailures: 3 }, prepare: (store) => seedOneUser({ store }) });
  });
  afterAll(() => f?.close());

  it('logs in with an httpOnly SameSite=Lax session cookie and answers /me', async () => {
    const res = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'correct-horse' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'clerk', name: '办事员', roles: ['staff'], scopeUnit: { code: '500242000000', name: '酉阳县' } });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/lz_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await f.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(res) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('clerk');
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await f.login('clerk', 'correct-horse');
    const token = cookie.split('=')[1]!;
    const rows = await f.store.db.selectFrom('sessions').select('id').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it('sweeps expired sessions at the next login', async () => {
    await f.store.db.insertInto('sessions').values({ id: 'expired-session', user_id: (await f.store.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id, created_at: '2000-01-01T00:00:00.000Z', expires_at: '2000-01-02T00:00:00.000Z' }).execute();
    await f.login('clerk', 'correct-horse');
    const left = await f.store.db.selectFrom('sessions').select('id').where('id', '=', 'expired-session').execute();
    expect(left).toEqual([]);
  });

  it('answers 401 without a session and after logout', async () => {
    const none = await f.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.json().code).toBe('auth.required');
    const cookie = await f.login('clerk', 'correct-horse');
    const out = await f.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'content-type': 'application/json' }, payload: '' });
    expect(out.statusCode).toBe(204);
    const after = await f.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('answers bad credentials with 401 auth.invalid_credentials in Chinese and English', async () => {
    for (const payload of [{ username: 'clerk', password: 'wrong' }, { username: 'nobody', password: 'wrong' }]) {
      const res = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: '10.0.0.9' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'auth.invalid_credentials', message: '用户名或密码错误', messageEn: 'Wrong username or password' });
    }
  });

  it('limits failed logins per username with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'Target', password: 'x' }, remoteAddress: `10.1.0.${i}` });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'target', password: 'x' }, remoteAddress: '10.1.0.99' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('auth.too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits failed logins per address across usernames', async () => {
    for (let i = 0; i < 3; i++) {
      await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `u${i}`, password: 'x' }, remoteAddress: '10.2.0.1' });
    }
    const blocked = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'correct-horse' }, remoteAddress: '10.2.0.1' });
    expect(blocked.statusCode).toBe(429);
  });

  it('refuses a form post (CSRF) with 415 before any handler runs', async () => {
    const res = await f.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=clerk&password=correct-horse',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('request.unsupported_media_type');
  });

  it('records logins in the append-only audit log', async () => {
    await f.login('clerk', 'correct-horse');
    const rows = await f.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'login').execute();
    expect(rows.length).toBeGreaterThan(0);
    await expect(f.store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(f.store.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});

describe('demo accounts', () => {
  it('builds the Youyang demo with its real scale and one password hash for all', async () => {
    const engine = testEngines()[0]!;
    const store = await engine.open();
    try {
      const summary = await buildDemo(store, '500242', new Date(), { activity: false });
      expect(summary).toMatchObject({ towns: 39, villages: 278, rangers: 3000 });
      const hashes = await store.db.selectFrom('users').select('password_hash').where('username', '!=', 'admin').groupBy('password_hash').execute();
      expect(hashes).toHaveLength(1);
      const again = await buildDemo(store, '500242', new Date(), { activity: false });
      expect(again.skipped).toBe(true);
    } finally {
      await store.dispose();
    }
  });
});

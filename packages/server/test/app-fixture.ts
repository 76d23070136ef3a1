import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/http/app.ts';
import { createServices } from '../src/services.ts';
import { defaultSettings, type Settings } from '../src/config/env.ts';
import type { Store } from '../src/db/connect.ts';
import type { TestEngine } from './engines.ts';

export interface AppFixture {
  app: FastifyInstance;
  store: Store;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function openApp(
  engine: TestEngine,
  options: { settings?: Partial<Settings>; prepare?: (store: Store) => Promise<unknown>; now?: () => Date } = {},
): Promise<AppFixture> {
  const store = await engine.open();
  await options.prepare?.(store);
  const settings: Settings = { ...defaultSettings, loginMaxFailures: 1000, ...options.settings };
  const app = await buildApp({ services: createServices(store, settings, options.now), engine: engine.name, webDist: null });
  return {
    app,
    store,
    async login(username, password = 'demo123') {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return cookieOf(res);
    },
    async close() {
      await app.close();
      await store.dispose();
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error('no session cookie set');
  return first.split(';')[0]!;
}

import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { buildDemo } from '../../packages/server/src/demo/build-demo.ts';
import { buildApp } from '../../packages/server/src/http/app.ts';
import { createServices } from '../../packages/server/src/services.ts';
import { defaultSettings } from '../../packages/server/src/config/env.ts';
import { perSecond, time, type Workload } from '../harness.ts';

const BATCH = 10_000;
const BATCHES = 20;
const NOW = new Date('2024-05-08T06:00:00Z');

function fixes(batch: number): { t: number; lon: number; lat: number; accuracy: number }[] {
  const t0 = Date.parse('2024-05-07T00:00:00Z') + batch * BATCH * 1000;
  return Array.from({ length: BATCH }, (_, i) => ({ t: t0 + i * 1000, lon: 108.7 + i * 1e-5, lat: 28.8 + (i % 100) * 1e-5, accuracy: 5 }));
}

/**
 * Issue 3 §8: GPS fixes through the batch API (HTTP, validation, idempotent insert) against the raw engine
 * inserting the same rows into the same table: a prepared statement in one transaction (SQLite) or COPY
 * (PostgreSQL).
 */
export const ingestWorkload: Workload = {
  name: 'ingest',
  async run(engine, report) {
    const store = await engine.open();
    const app = await buildApp({ services: createServices(store, { ...defaultSettings, loginMaxFailures: 1000 }, () => NOW), engine: engine.name, webDist: null });
    try {
      await buildDemo(store, '500242', NOW, { activity: false });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ranger-500242101200-1', password: 'demo123' } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const headers = { cookie, 'content-type': 'application/json' };
      const ids = Array.from({ length: BATCHES * 2 }, (_, i) => `bench-patrol-${i.toString().padStart(4, '0')}`);
      for (const id of ids) await app.inject({ method: 'POST', url: '/api/patrols', headers, payload: JSON.stringify({ id, startedAt: '2024-05-07T00:00:00Z' }) });
      const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ fixes: fixes(b) }));

      const [, apiMs] = await time(async () => {
        for (let b = 0; b < BATCHES; b++) {
          const res = await app.inject({ method: 'POST', url: `/api/patrols/${ids[b]}/fixes`, headers, payload: bodies[b]! });
          if (res.statusCode !== 200) throw new Error(res.body);
        }
      });
      const total = BATCH * BATCHES;
      report(`${total.toLocaleString('en-US')} fixes through POST /api/patrols/:id/fixes (10,000 a request)`, perSecond(total, apiMs));
      const [, retryMs] = await time(async () => {
        for (let b = 0; b < BATCHES; b++) await app.inject({ method: 'POST', url: `/api/patrols/${ids[b]}/fixes`, headers, payload: bodies[b]! });
      });
      report('the same requests retried (every fix already stored)', perSecond(total, retryMs));

      const rows = Array.from({ length: BATCHES }, (_, b) => fixes(b));
      const loc = store.location;
      if (loc.kind === 'sqlite') {
        const db = new SQLite(loc.file);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        const insert = db.prepare('insert into patrol_fixes (patrol_id, t, lon, lat, accuracy) values (?, ?, ?, ?, ?)');
        const [, rawMs] = await time(() => {
          for (let b = 0; b < BATCHES; b++) {
            const id = ids[BATCHES + b]!;
            db.transaction(() => { for (const f of rows[b]!) insert.run(id, f.t, f.lon, f.lat, f.accuracy); })();
          }
        });
        db.close();
        report('anchor: prepared INSERT, one transaction per 10,000 (better-sqlite3)', `${perSecond(total, rawMs)} (API at ${((rawMs / apiMs) * 100).toFixed(0)} %)`);
      } else {
        const client = new pg.Client({ connectionString: loc.url, options: `-c search_path=${loc.schema},public` });
        await client.connect();
        const [, copyMs] = await time(async () => {
          for (let b = 0; b < BATCHES; b++) {
            const id = ids[BATCHES + b]!;
            const text = rows[b]!.map((f) => `${id}\t${f.t}\t${f.lon}\t${f.lat}\t${f.accuracy}\n`).join('');
            await pipeline(Readable.from([Buffer.from(text)]), client.query(copyFrom('copy patrol_fixes (patrol_id, t, lon, lat, accuracy) from stdin')));
          }
        });
        await client.end();
        report('anchor: COPY FROM STDIN, 10,000 rows a COPY (pg)', `${perSecond(total, copyMs)} (API at ${((copyMs / apiMs) * 100).toFixed(0)} %)`);
      }
    } finally {
      await app.close();
      await store.dispose();
    }
  },
};

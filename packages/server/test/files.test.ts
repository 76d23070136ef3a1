import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '@linzhang/domain';
import { testEngines } from './engines.ts';
import { buildDemo, DEMO_ADMIN } from '../src/demo/build-demo.ts';
import { buildApp } from '../src/http/app.ts';
import { createServices } from '../src/services.ts';
import { defaultSettings } from '../src/config/env.ts';
import { LocalFileStore } from '../src/files/file-store.ts';
import { cookieOf } from './app-fixture.ts';
import { jpegWithExif } from './fixtures/jpeg-with-exif.ts';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../src/db/connect.ts';

// Issue 4 §1: photos as evidence — stored once by content, EXIF time and place read and compared with the claim.
const NOW = new Date('2024-05-06T02:00:00Z'); // 10:00 in Shanghai

describe.each(testEngines())('evidence photos on $name', (engine) => {
  let app: FastifyInstance;
  let store: Store & { dispose(): Promise<void> };
  let dir: string;
  let here: [number, number];
  const cookies: Record<string, string> = {};
  const upload = (body: Buffer, type: string, who: string | null, url = '/api/files') =>
    app.inject({ method: 'POST', url, headers: { 'content-type': type, ...(who ? { cookie: cookies[who]! } : {}) }, payload: body });

  beforeAll(async () => {
    store = await engine.open();
    await buildDemo(store, '500242', NOW, { activity: false });
    dir = mkdtempSync(join(tmpdir(), 'linzhang-files-'));
    app = await buildApp({ services: createServices(store, { ...defaultSettings, loginMaxFailures: 1000 }, () => NOW, new LocalFileStore(dir)), engine: engine.name, webDist: null });
    for (const u of ['ranger-500242101200-1', 'ranger-500242101200-2', 'chief-500242101200', 'chief-500242102000', 'admin']) {
      const password = u === DEMO_ADMIN.username ? DEMO_ADMIN.password : 'demo123';
      cookies[u] = cookieOf(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password } }));
    }
    const grid = await store.db.selectFrom('areas').innerJoin('posts', 'posts.id', 'areas.post_id').innerJoin('users', 'users.person_id', 'posts.person_id')
      .select('areas.geom_json').where('users.username', '=', 'ranger-500242101200-1').executeTakeFirstOrThrow();
    here = interiorPoint(JSON.parse(grid.geom_json!) as MultiPolygon)!;
  });
  afterAll(async () => {
    await app?.close();
    await store?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a photo once and reads its EXIF time (Shanghai wall time) and position', async () => {
    const photo = jpegWithExif({ takenAt: '2024:05:06 09:40:00', lat: here[1], lon: here[0] });
    const first = await upload(photo, 'image/jpeg', 'ranger-500242101200-1');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ mime: 'image/jpeg', size: photo.length, takenAt: '2024-05-06T01:40:00.000Z' });
    expect(first.json().lon).toBeCloseTo(here[0], 5);
    const again = await upload(photo, 'image/jpeg', 'ranger-500242101200-1');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect((await store.db.selectFrom('files').select('id').execute()).length).toBe(1);
    const audit = await store.db.selectFrom('audit_log').select(['user_id', 'action']).where('entity', '=', 'file').where('entity_id', '=', first.json().id).execute();
    expect(audit).toHaveLength(1); // the retry wrote nothing
    const id = first.json().id as string;
    expect(readdirSync(join(dir, id.slice(0, 2), id.slice(2, 4)))).toEqual([id]);
  });

  it('takes PNG as well, with no EXIF to read', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    const r = await upload(png, 'image/png', 'ranger-500242101200-1');
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ mime: 'image/png', size: png.length, takenAt: null, lon: null, lat: null });
  });

  it('lets the uploader and an admin read a photo, and tells anyone else it does not exist', async () => {
    const photo = jpegWithExif({ takenAt: '2024:05:06 08:00:00' });
    const id = (await upload(photo, 'image/jpeg', 'ranger-500242101200-1')).json().id as string;
    const read = (who: string | null, fileId = id) => app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: who ? { cookie: cookies[who]! } : {} });
    const mine = await read('ranger-500242101200-1');
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('image/jpeg');
    expect(mine.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(mine.rawPayload.equals(photo)).toBe(true);
    expect((await read('admin')).statusCode).toBe(200);
    // Same village, same role, and the chief of the village: still not theirs until a problem shows it.
    expect((await read('ranger-500242101200-2')).statusCode).toBe(404);
    expect((await read('chief-500242101200')).statusCode).toBe(404);
    expect((await read(null)).statusCode).toBe(401);
    expect((await read('admin', 'f'.repeat(64))).statusCode).toBe(404);
    expect((await read('admin', 'not-a-hash')).statusCode).toBe(400);
  });

  it('refuses a body that is not the declared image, and other routes still take JSON only', async () => {
    const r = await upload(Buffer.from('GIF89a-not-really'), 'image/png', 'ranger-500242101200-1');
    expect(r.statusCode).toBe(400);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const mismatch = await upload(png, 'image/jpeg', 'ranger-500242101200-1');
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0].field).toBe('/headers/content-type');
    expect((await upload(jpegWithExif(), 'image/jpeg', 'ranger-500242101200-1', '/api/problems')).statusCode).toBe(415);
    expect((await upload(jpegWithExif(), 'image/jpeg', 'ranger-500242101200-1', '/api/duty-reports')).statusCode).toBe(415);
    expect((await upload(jpegWithExif(), 'text/plain', 'ranger-500242101200-1')).statusCode).toBe(415);
    expect((await upload(Buffer.from('{"a":1}'), 'application/json', 'ranger-500242101200-1')).statusCode).toBe(415);
    expect((await upload(jpegWithExif(), 'image/jpeg', null)).statusCode).toBe(401);
    expect((await upload(Buffer.alloc(16 * 1024 * 1024, 0xff), 'image/jpeg', 'ranger-500242101200-1')).statusCode).toBe(413);
  });

  it('flags a report whose photo was taken elsewhere, and lets only those who see the problem read the photo', async () => {
    const far = jpegWithExif({ takenAt: '2024:05:01 09:40:00', lat: here[1] + 0.1, lon: here[0] });
    const file = (await upload(far, 'image/jpeg', 'ranger-500242101200-1')).json();
    const r = await app.inject({
      method: 'POST', url: '/api/problems', headers: { cookie: cookies['ranger-500242101200-1']!, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'photo-problem-01', category: 'dead_pine', description: '松树枯死', lon: here[0], lat: here[1], photos: [file.id] }),
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ photoCount: 1, photoFlagged: true });
    const detail = (await app.inject({ method: 'GET', url: '/api/problems/photo-problem-01', headers: { cookie: cookies['chief-500242101200']! } })).json();
    expect(detail.photos[0].findings.map((x: { code: string }) => x.code)).toEqual(['time_mismatch', 'position_mismatch']);
    const read = (who: string) => app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { cookie: cookies[who]! } });
    const ok = await read('chief-500242101200');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.rawPayload.equals(far)).toBe(true);
    expect((await read('chief-500242102000')).statusCode).toBe(404);
    const unknown = await app.inject({ method: 'POST', url: '/api/problems', headers: { cookie: cookies['ranger-500242101200-1']!, 'content-type': 'application/json' }, payload: JSON.stringify({ id: 'photo-problem-02', category: 'other', description: 'x', lon: here[0], lat: here[1], photos: ['0'.repeat(64)] }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('/body/photos/0');
  });

  it('takes public uploads without a session, limited per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await upload(jpegWithExif({ takenAt: `2024:05:06 09:${String(i).padStart(2, '0')}:00` }), 'image/jpeg', null, '/api/public/files')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 201)).toBe(true);
    expect(codes[30]).toBe(429);
    const refused = await upload(jpegWithExif(), 'image/jpeg', null, '/api/public/files');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const mine = await store.db.selectFrom('files').select('uploaded_by').where('taken_at', '=', '2024-05-06T01:00:00.000Z').executeTakeFirstOrThrow();
    expect(mine.uploaded_by).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { AuthService } from '../src/auth/service.ts';
import { defaultSettings } from '../src/config/env.ts';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

// DESIGN.md conventions: bad input is 4xx, never 5xx, and nothing half-written.
describe.each(testEngines())('HTTP robustness on $name', (engine) => {
  let f: AppFixture;
  let cookie: string;
  let routes: { method: string; url: string }[];

  beforeAll(async () => {
    f = await openApp(engine, {
      prepare: async (store) => {
        await store.db.insertInto('units').values({
          code: '500242000000', name: '酉阳土家族苗族自治县', short_name: '酉阳县', level: 'county', kind: '县', parent_code: null,
          area_m2: null, geom_json: null, minx: null, miny: null, maxx: null, maxy: null, created_at: 'x', updated_at: 'x',
        }).execute();
        await new AuthService(store, defaultSettings).createUser({
          username: 'admin', name: '管理员', password: 'admin-password', roles: ['admin'], scopeUnitCode: '500242000000', actorId: null,
        });
      },
    });
    cookie = await f.login('admin', 'admin-password');
    const doc = (await f.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        // Fill path parameters with plausible values: ids that do not exist, a real unit code, a tile.
        url: path
          .replace('{code}', '500242000000').replace('{id}', 'no-such-id').replace('{layer}', 'units')
          .replace('{z}', '3').replace('{x}', '1').replace('{y}', '2'),
      })),
    );
  });
  afterAll(() => f?.close());

  it('lists every capability route in the OpenAPI document', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of ['POST /api/auth/login', 'GET /api/units', 'POST /api/people', 'PATCH /api/areas/no-such-id', 'GET /api/areas/report']) {
      expect(urls).toContain(expected);
    }
  });

  it('never answers 5xx to random bodies and query strings on any route', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      json.map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.record({ name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), unitCode: fc.oneof(fc.string(), fc.constant('500242000000')), extra: json }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.constant('{"__proto__": {"admin": true}}'),
      fc.constant('{"name": "x", "geometry": {"type": "Polygon", "coordinates": [[[1,1],[2,2]]]}}'),
    );
    const query = fc.dictionary(fc.constantFrom('limit', 'offset', 'q', 'unit', 'parent', 'level', 'kind', 'role'), fc.string({ maxLength: 20 }), { maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes.filter((r) => !r.url.endsWith('/logout'))), body, query, fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'), async (route, payload, q, type) => {
        const res = await f.app.inject({
          method: route.method as 'GET',
          url: route.url,
          query: q,
          headers: { cookie, 'content-type': type },
          ...(route.method === 'GET' ? {} : { payload }),
        });
        expect(res.statusCode, `${route.method} ${route.url} ${payload} → ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it('names the field in validation errors and rejects unknown fields and coerced types', async () => {
    const post = (url: string, payload: string, type = 'application/json') =>
      f.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': type }, payload });
    const unknown = await post('/api/organisations', JSON.stringify({ name: '林业站', kind: 'other', unitCode: '500242000000', colour: 'red' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toContainEqual({ field: '/body/colour', message: '不允许的字段' });
    const coerced = await post('/api/people', JSON.stringify({ name: 12345, unitCode: '500242000000' }));
    expect(coerced.statusCode).toBe(400);
    expect(coerced.json().errors[0].field).toBe('/body/name');
    const missing = await post('/api/people', JSON.stringify({ unitCode: '500242000000' }));
    expect(missing.json().errors).toContainEqual({ field: '/body/name', message: '必填' });
    const badPhone = await post('/api/people', JSON.stringify({ name: '张三', phone: '123', unitCode: '500242000000' }));
    expect(badPhone.json().errors).toEqual([{ field: '/body/phone', message: '格式不正确' }]); // one message, not one per union branch
    const outside = await post('/api/units', JSON.stringify({ code: '500113101000', name: '某镇', level: 'town', parentCode: '500113000000' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ field: '/body/parentCode', message: '上级区划不存在或不在您的数据范围内' }]);
    const malformed = await post('/api/people', '{"name": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('request.invalid');
    const huge = await post('/api/people', JSON.stringify({ name: 'x'.repeat(64 * 1024), unitCode: '500242000000' }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('request.too_large');
    const count = await f.store.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('validates geometry and writes nothing when it is bad', async () => {
    const res = await f.app.inject({
      method: 'POST', url: '/api/areas', headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: '网格', kind: 'post', unitCode: '500242000000', geometry: { type: 'Polygon', coordinates: [[[108, 28], [108.1, 28], [108.1, 28.1], [108, 28.2]]] } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: '/body/geometry/coordinates/0', message: '环未闭合：首尾坐标应相同' }]);
    const count = await f.store.db.selectFrom('areas').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { testEngines } from './engines.ts';
import { openApp, type AppFixture } from './app-fixture.ts';
import { buildDemo } from '../src/demo/build-demo.ts';

// DESIGN.md conventions: a user's data scope is a subtree of units, enforced on the server in every
// query, list and tile; outside the scope is 404 (never 403); in scope but the wrong role is 403.
const LONGTAN = '500242101000'; // 龙潭镇
const MAWANG = '500242102'; // 麻旺镇 prefix

function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

describe.each(testEngines())('data scope on $name', (engine) => {
  let f: AppFixture;
  let chief: string;
  let ranger: string;
  const get = (url: string, cookie: string) => f.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (method: 'POST' | 'PATCH', url: string, cookie: string, payload: unknown) =>
    f.app.inject({ method, url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  beforeAll(async () => {
    f = await openApp(engine, { prepare: (store) => buildDemo(store, '500242', new Date(), { activity: false }) });
    chief = await f.login(`chief-${LONGTAN}`);
    ranger = await f.login('ranger-500242101200-1');
  });
  afterAll(() => f?.close());

  it('lists only 龙潭镇 and its villages to its town chief', async () => {
    const res = await get('/api/units?limit=500', chief);
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json() as { items: { code: string; shortName: string; level: string }[]; total: number };
    expect(items.every((u) => u.code.startsWith('500242101'))).toBe(true);
    expect(items.find((u) => u.code === LONGTAN)?.shortName).toBe('龙潭镇');
    expect(items.filter((u) => u.level === 'village').length).toBeGreaterThan(5);
    expect(total).toBe(items.length);
    const search = (await get(`/api/units?q=${encodeURIComponent('麻旺')}`, chief)).json() as { total: number };
    expect(search.total).toBe(0);
  });

  it('gives a unit the box a map of it opens on: its own boundary, or for the city (no boundary) its counties\'', async () => {
    const box = (coordinates: number[][][][]) => {
      const points = coordinates.flat(2);
      return [Math.min(...points.map((p) => p[0]!)), Math.min(...points.map((p) => p[1]!)), Math.max(...points.map((p) => p[0]!)), Math.max(...points.map((p) => p[1]!))];
    };
    const town = (await get(`/api/units/${LONGTAN}`, chief)).json() as { geometry: { coordinates: number[][][][] }; extent: number[] };
    town.extent.forEach((v, i) => expect(v).toBeCloseTo(box(town.geometry.coordinates)[i]!, 6));
    const admin = await f.login('admin', 'admin123');
    const county = (await get('/api/units/500242000000', admin)).json() as { geometry: { coordinates: number[][][][] }; extent: number[] };
    const city = (await get('/api/units/500000000000', admin)).json() as { geometry: unknown; extent: number[] };
    expect(city.geometry).toBeNull();
    // The demo's only county with boundaries is 酉阳: the city opens on it, not on the whole of Chongqing.
    city.extent.forEach((v, i) => expect(v).toBeCloseTo(county.extent[i]!, 6));
    county.extent.forEach((v, i) => expect(v).toBeCloseTo(box(county.geometry.coordinates)[i]!, 6));
  });

  it('keeps every list of the register inside the scope', async () => {
    for (const resource of ['organisations', 'people', 'posts', 'areas']) {
      const res = await get(`/api/${resource}?limit=500`, chief);
      expect(res.statusCode, resource).toBe(200);
      const { items, total } = res.json() as { items: { unitCode: string }[]; total: number };
      expect(total, resource).toBeGreaterThan(0);
      expect(items.every((i) => i.unitCode.startsWith('500242101')), resource).toBe(true);
    }
    // The county's lists are bigger and include 麻旺镇.
    const county = await f.login('chief-500242000000');
    const people = (await get(`/api/people?unit=${MAWANG}000`, county)).json() as { total: number };
    expect(people.total).toBeGreaterThan(0);
  });

  it('answers 404 for guessed ids and codes outside the scope, on read and write', async () => {
    expect((await get(`/api/units/${MAWANG}000`, chief)).statusCode).toBe(404);
    expect((await get(`/api/units?parent=${MAWANG}000`, chief)).statusCode).toBe(404);
    expect((await get(`/api/people?unit=${MAWANG}000`, chief)).statusCode).toBe(404);
    for (const table of ['people', 'organisations', 'posts', 'areas'] as const) {
      const row = await f.store.db.selectFrom(table).select('id').where('unit_code', 'like', `${MAWANG}%`).executeTakeFirstOrThrow();
      const read = await get(`/api/${table}/${row.id}`, chief);
      expect(read.statusCode, table).toBe(404);
      expect(read.json().code).toBe('not_found');
      const write = await send('PATCH', `/api/${table}/${row.id}`, chief, { name: '改名' });
      expect([404, 400], table).toContain(write.statusCode); // posts have no name field: 400 before lookup
    }
    const person = await f.store.db.selectFrom('people').select('id').where('unit_code', 'like', `${MAWANG}%`).executeTakeFirstOrThrow();
    expect((await send('PATCH', `/api/people/${person.id}`, chief, { name: '改名' })).statusCode).toBe(404);
    const unchanged = await f.store.db.selectFrom('people').select('name').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(unchanged.name).not.toBe('改名');
  });

  it('refuses to create records under a unit outside the scope (400 naming the field)', async () => {
    const res = await send('POST', '/api/people', chief, { name: '张三', unitCode: `${MAWANG}200` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: '/body/unitCode', message: '区划不存在或不在您的数据范围内' }]);
  });

  it('answers 403 to a ranger who tries to edit the register in scope', async () => {
    const res = await send('POST', '/api/people', ranger, { name: '张三', unitCode: '500242101200' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    const own = await f.store.db.selectFrom('people').select('id').where('unit_code', '=', '500242101200').executeTakeFirstOrThrow();
    expect((await send('PATCH', `/api/people/${own.id}`, ranger, { name: '改名' })).statusCode).toBe(403);
    expect((await get(`/api/people/${own.id}`, ranger)).statusCode).toBe(200);
  });

  it('serves tiles with in-scope features only, cached per scope', async () => {
    const mawang = (await f.store.db.selectFrom('units').select(['minx', 'miny', 'maxx', 'maxy']).where('code', '=', `${MAWANG}000`).executeTakeFirstOrThrow());
    const longtan = (await f.store.db.selectFrom('units').select(['minx', 'miny', 'maxx', 'maxy']).where('code', '=', LONGTAN).executeTakeFirstOrThrow());
    const z = 9;
    const codesIn = async (cookie: string, box: typeof mawang, layer: 'units' | 'areas') => {
      const [x0, y1] = lonLatToTile(box.minx!, box.miny!, z);
      const [x1, y0] = lonLatToTile(box.maxx!, box.maxy!, z);
      const codes = new Set<string>();
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const res = await get(`/api/tiles/${layer}/${z}/${x}/${y}.pbf`, cookie);
          expect([200, 204]).toContain(res.statusCode);
          if (res.statusCode === 204) continue;
          const tile = new VectorTile(new Pbf(res.rawPayload));
          const l = tile.layers[layer];
          for (let i = 0; l && i < l.length; i++) {
            const p = l.feature(i).properties;
            codes.add(String(layer === 'units' ? p.code : p.unitCode));
          }
        }
      }
      return [...codes];
    };
    const county = await f.login('chief-500242000000');
    // The county chief sees 麻旺镇 in those tiles (so they are not simply empty) …
    expect((await codesIn(county, mawang, 'units')).some((c) => c.startsWith(MAWANG))).toBe(true);
    // … the 龙潭镇 chief asking for the same tiles afterwards gets none of it.
    const seen = [...(await codesIn(chief, mawang, 'units')), ...(await codesIn(chief, mawang, 'areas'))];
    expect(seen.every((c) => c.startsWith('500242101'))).toBe(true);
    const own = await codesIn(chief, longtan, 'units');
    expect(own).toContain(LONGTAN);
  });

  it('audits writes with before and after', async () => {
    const created = await send('POST', '/api/people', chief, { name: '李四', phone: '13900001234', unitCode: '500242101200' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const edited = await send('PATCH', `/api/people/${id}`, chief, { name: '李四光' });
    expect(edited.json().name).toBe('李四光');
    const trail = await f.store.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('id').execute();
    expect(trail.map((t) => t.action)).toEqual(['create', 'update']);
    expect(JSON.parse(trail[1]!.before_json!).name).toBe('李四');
    expect(JSON.parse(trail[1]!.after_json!).name).toBe('李四光');
  });
});

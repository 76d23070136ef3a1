import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { MultiPolygon } from 'geojson';
import { buildDemo } from '../../packages/server/src/demo/build-demo.ts';
import { buildDemoParcels } from '../../packages/server/src/demo/demo-parcels.ts';
import { TileService } from '../../packages/server/src/tiles/service.ts';
import { LedgerService } from '../../packages/server/src/ledger/statistics-service.ts';
import { ParcelImportService } from '../../packages/server/src/ledger/parcel-import-service.ts';
import { viewerOf } from '../../packages/server/src/auth/viewer.ts';
import type { Store } from '../../packages/server/src/db/connect.ts';
import type { StoreLocation } from '../../packages/server/test/engines.ts';
import { perSecond, tilesCovering, time, type Workload } from '../harness.ts';

const PARCELS = Number(process.env.BENCH_PARCELS ?? 100_000);
const YEAR = 2026;
const IMPORT_YEAR = 2025;
const ZOOMS = [10, 12, 14] as const;
/** At most this many tiles a zoom (an even sample of those covering the county), so z14 stays a few minutes. */
const MAX_TILES = 400;
const county = viewerOf({ id: 'bench', username: 'bench', roles: ['admin'], scopeUnitCode: '500242000000' });


const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Times each tile of the set once; reports p50/p95/p99 and the mean size of the non-empty ones. */
async function timeTiles(label: string, tiles: [number, number][], z: number, cut: (x: number, y: number) => Promise<Uint8Array | null>, report: (w: string, r: string) => void) {
  const ms: number[] = [];
  let bytes = 0;
  let nonEmpty = 0;
  for (const [x, y] of tiles) {
    const t0 = performance.now();
    const tile = await cut(x, y);
    ms.push(performance.now() - t0);
    if (tile) { bytes += tile.byteLength; nonEmpty++; }
  }
  ms.sort((a, b) => a - b);
  report(`z${z} ${label} (${tiles.length} tiles, ${nonEmpty} with parcels, mean ${(bytes / Math.max(1, nonEmpty) / 1024).toFixed(0)} KiB)`,
    `p50 ${pct(ms, 50).toFixed(1)} ms · p95 ${pct(ms, 95).toFixed(1)} ms · p99 ${pct(ms, 99).toFixed(1)} ms`);
}

const ewkt = (g: MultiPolygon) => `SRID=4490;MULTIPOLYGON(${g.coordinates.map((p) => `(${p.map((r) => `(${r.map(([x, y]) => `${x} ${y}`).join(',')})`).join(',')})`).join(',')})`;

/**
 * Issue 5 §10: the ledger over a full county (100,000 parcels). Vector tiles per tile at z10/z12/z14, each cut
 * cold (a fresh cache per zoom), against PostGIS ST_AsMVT over a pre-projected (EPSG:3857) copy of the same
 * parcels; an import of 100,000 parcels through the import service against a raw load of the same rows (COPY +
 * GiST on PostgreSQL, a prepared INSERT + R*Tree on SQLite); the county's coverage statistics.
 */
export const ledgerWorkload: Workload = {
  name: 'ledger',
  async run(engine, report) {
    const store = await engine.open();
    try {
      await buildDemo(store, '500242', new Date('2026-05-06T02:00:00Z'), { activity: false });
      const [made, buildMs] = await time(() => buildDemoParcels(store, '500242000000', YEAR, PARCELS));
      report(`build demo ledger: ${made.toLocaleString('en-US')} parcels of Youyang (npx linzhang demo --parcels ${PARCELS})`, `${(buildMs / 1000).toFixed(1)} s`);

      const [stats, statsMs] = await time(() => new LedgerService(store).statistics(county, { year: YEAR }));
      if (!stats.ok) throw new Error('statistics failed');
      report(`coverage statistics for the county (${stats.value.parcels.toLocaleString('en-US')} parcels, by land class/category/origin/species and 39 towns)`,
        `${statsMs.toFixed(0)} ms (coverage ${(stats.value.coverage.coverage! * 100).toFixed(1)} %)`);

      const c = await store.db.selectFrom('units').select(['minx', 'miny', 'maxx', 'maxy']).where('code', '=', '500242000000').executeTakeFirstOrThrow();
      const box: [number, number, number, number] = [c.minx!, c.miny!, c.maxx!, c.maxy!];
      const label = engine.name === 'sqlite' ? 'parcel tiles, ours: cut per request from the R*Tree, cold' : 'parcel tiles, ours: ST_AsMVT reprojecting 4490→3857 per tile, cold';
      for (const z of ZOOMS) {
        const service = new TileService(store);
        await timeTiles(label, tilesCovering(box, z, MAX_TILES), z, (x, y) => service.tile(county, 'parcels', z, x, y, YEAR), report);
      }
      if (engine.name === 'sqlite') {
        const service = new TileService(store);
        const tiles = tilesCovering(box, 12, MAX_TILES);
        for (const [x, y] of tiles) await service.tile(county, 'parcels', 12, x, y, YEAR);
        await timeTiles('parcel tiles, ours, from the encoded-tile cache', tiles, 12, (x, y) => service.tile(county, 'parcels', 12, x, y, YEAR), report);
      }
      if (store.location.kind === 'postgres') {
        await sql`create table bench_parcels_3857 as select id, parcel_no, unit_code, land_class, forest_category, origin, area_m2,
          ST_Transform(ST_SetSRID(geom, 4326), 3857) as geom from parcels where year = ${YEAR}`.execute(store.db);
        await sql`create index bench_parcels_3857_geom on bench_parcels_3857 using gist (geom)`.execute(store.db);
        await sql`analyze bench_parcels_3857`.execute(store.db);
        for (const z of ZOOMS) {
          await timeTiles('anchor: ST_AsMVT on a pre-projected EPSG:3857 copy', tilesCovering(box, z, MAX_TILES), z, async (x, y) => {
            const r = await sql<{ mvt: Buffer | null }>`
              select ST_AsMVT(t, 'parcels', 4096, 'geom') as mvt from (
                select id, parcel_no as "parcelNo", unit_code as "unitCode", land_class as "landClass", forest_category as "forestCategory", origin, area_m2 as "areaM2",
                  ST_AsMVTGeom(geom, ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), 4096, 64, true) as geom
                from bench_parcels_3857 where geom && ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => 64.0 / 4096)
              ) t where geom is not null`.execute(store.db);
            const mvt = r.rows[0]?.mvt;
            return mvt && mvt.length ? new Uint8Array(mvt) : null;
          }, report);
        }
      }

      await benchImport(store, store.location, report);
    } finally {
      await store.dispose();
    }
  },
};

/** The year's parcels written out as an inventory file and imported again as another year, then loaded raw. */
async function benchImport(store: Store, location: StoreLocation, report: (w: string, r: string) => void) {
  const rows = await store.db.selectFrom('parcels').selectAll().where('year', '=', YEAR).execute();
  const features = rows.map((r) => ({
    type: 'Feature', geometry: JSON.parse(r.geom_json!) as MultiPolygon,
    properties: {
      小班号: r.parcel_no, 村代码: r.unit_code, 地类: r.land_class, 森林类别: r.forest_category, 事权等级: r.authority_level, 起源: r.origin === 'natural' ? '天然' : r.origin === 'planted' ? '人工' : null,
      优势树种: r.dominant_species, 龄组: r.age_group, 郁闭度: r.canopy_closure, 蓄积: r.volume_m3, 林地所有权: r.owner_type, 经营者: r.owner,
    },
  }));
  const file = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
  const operator = viewerOf({ id: 'cli', username: 'bench', roles: ['admin'], scopeUnitCode: '500242000000' });
  const importer = new ParcelImportService(store);
  const [result, importMs] = await time(() => importer.run(operator, { fileName: 'youyang.geojson', content: file, year: IMPORT_YEAR, commit: true }));
  if (!result.ok || !result.value.committed) throw new Error(`import failed: ${JSON.stringify(result.ok ? result.value.fileFindings : result)}`);
  report(`import ${result.value.created.toLocaleString('en-US')} parcels (${(file.length / 2 ** 20).toFixed(0)} MiB GeoJSON): check, find village, ellipsoidal area, write + index`,
    `${(importMs / 1000).toFixed(1)} s (${perSecond(result.value.created, importMs)})`);

  if (location.kind === 'postgres') {
    const client = new pg.Client({ connectionString: location.url, options: `-c search_path=${location.schema},public` });
    await client.connect();
    try {
      await client.query('create table bench_parcels_raw (like parcels including defaults)');
      const [, rawMs] = await time(async () => {
        const text = rows.map((r) => [r.id, IMPORT_YEAR, r.parcel_no, r.unit_code, r.land_class, r.area_m2, r.geom_json, r.created_at, r.created_at, ewkt(JSON.parse(r.geom_json!) as MultiPolygon)].join('\t')).join('\n') + '\n';
        await pipeline(Readable.from([Buffer.from(text)]), client.query(copyFrom('copy bench_parcels_raw (id, year, parcel_no, unit_code, land_class, area_m2, geom_json, created_at, updated_at, geom) from stdin')));
        await client.query('create index on bench_parcels_raw using gist (geom)');
      });
      report(`anchor: raw PostGIS load of the same ${rows.length.toLocaleString('en-US')} rows (COPY with EWKT geometry + GiST index)`, `${(rawMs / 1000).toFixed(1)} s (import at ${(importMs / rawMs).toFixed(1)}× the load)`);
    } finally {
      await client.end();
    }
  }
}

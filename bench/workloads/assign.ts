import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AreaIndex, type IndexedArea } from '@linzhang/domain';
import { mulberry32 } from '../../packages/server/src/demo/synthetic-geometry.ts';
import { perSecond, time, type Workload } from '../harness.ts';

const SIDE = 100; // 100 × 100 = 10,000 areas
const POINTS = 1_000_000;
const BOX = [108.3, 28.3, 109.3, 29.3] as const; // about Youyang's extent

/** A county-sized tiling of 10,000 four-sided areas with jittered corners (neighbours share corners). */
function areas(): IndexedArea[] {
  const rng = mulberry32(7);
  const dx = (BOX[2] - BOX[0]) / SIDE, dy = (BOX[3] - BOX[1]) / SIDE;
  const corner: [number, number][][] = [];
  for (let i = 0; i <= SIDE; i++) {
    corner.push([]);
    for (let j = 0; j <= SIDE; j++) {
      const edge = i === 0 || j === 0 || i === SIDE || j === SIDE;
      corner[i]!.push([BOX[0] + i * dx + (edge ? 0 : (rng() - 0.5) * dx * 0.4), BOX[1] + j * dy + (edge ? 0 : (rng() - 0.5) * dy * 0.4)]);
    }
  }
  const out: IndexedArea[] = [];
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      const ring = [corner[i]![j]!, corner[i + 1]![j]!, corner[i + 1]![j + 1]!, corner[i]![j + 1]!, corner[i]![j]!];
      out.push({ id: `a${i * SIDE + j}`, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return out;
}

function points(): Float64Array {
  const rng = mulberry32(11);
  const xy = new Float64Array(POINTS * 2);
  for (let k = 0; k < POINTS; k++) {
    xy[2 * k] = BOX[0] + rng() * (BOX[2] - BOX[0]);
    xy[2 * k + 1] = BOX[1] + rng() * (BOX[3] - BOX[1]);
  }
  return xy;
}

/**
 * Issue 3 §8: assign 1,000,000 fixes to 10,000 responsibility areas — in memory (packed R-tree + ray cast,
 * `AreaIndex`) against the best PostGIS join over the same data in the same run.
 */
export const assignWorkload: Workload = {
  name: 'assign',
  async run(engine, report) {
    const polys = areas();
    const xy = points();
    if (engine.name === 'sqlite') {
      const [index, buildMs] = await time(() => new AreaIndex(polys));
      const [assigned, ms] = await time(() => {
        let n = 0;
        for (let k = 0; k < POINTS; k++) if (index.locate(xy[2 * k]!, xy[2 * k + 1]!) !== null) n++;
        return n;
      });
      report(`in memory: index 10,000 areas (${buildMs.toFixed(0)} ms), then assign 1,000,000 fixes (${assigned.toLocaleString('en-US')} inside)`, `${perSecond(POINTS, ms)} (${ms.toFixed(0)} ms)`);
      return;
    }
    const store = await engine.open();
    const loc = store.location;
    if (loc.kind !== 'postgres') return;
    const client = new pg.Client({ connectionString: loc.url, options: `-c search_path=${loc.schema},public` });
    await client.connect();
    try {
      await client.query('create table bench_areas (id text primary key, geom geometry(Polygon, 4490))');
      await client.query('create table bench_points (id integer primary key, geom geometry(Point, 4490))');
      const wkt = (a: IndexedArea) => `SRID=4490;POLYGON((${(a.geometry as { coordinates: number[][][] }).coordinates[0]!.map(([x, y]) => `${x} ${y}`).join(',')}))`;
      await pipeline(Readable.from([Buffer.from(polys.map((a) => `${a.id}\t${wkt(a)}\n`).join(''))]), client.query(copyFrom('copy bench_areas from stdin')));
      const lines: string[] = [];
      for (let k = 0; k < POINTS; k++) lines.push(`${k}\tSRID=4490;POINT(${xy[2 * k]} ${xy[2 * k + 1]})\n`);
      for (let s = 0; s < POINTS; s += 100_000) {
        await pipeline(Readable.from([Buffer.from(lines.slice(s, s + 100_000).join(''))]), client.query(copyFrom('copy bench_points from stdin')));
      }
      await client.query('create index on bench_areas using gist (geom)');
      await client.query('create index on bench_points using gist (geom)');
      await client.query('analyze bench_areas');
      await client.query('analyze bench_points');
      const [planned, plannedMs] = await time(() => client.query('select count(*)::int as n from bench_points p join bench_areas a on ST_Contains(a.geom, p.geom)'));
      report(`PostGIS: the same join as the planner plans it (${(planned.rows[0] as { n: number }).n.toLocaleString('en-US')} inside)`, `${perSecond(POINTS, plannedMs)} (${plannedMs.toFixed(0)} ms)`);
      // Polygon-driven: for each area, an index probe of the points in its box, then the exact test.
      const [driven, drivenMs] = await time(() =>
        client.query(`select sum(n)::int as n from bench_areas a cross join lateral
          (select count(*) as n from bench_points p where p.geom && a.geom and ST_Contains(a.geom, p.geom)) c`),
      );
      report(`PostGIS: polygon-driven lateral join (${(driven.rows[0] as { n: number }).n.toLocaleString('en-US')} inside)`, `${perSecond(POINTS, drivenMs)} (${drivenMs.toFixed(0)} ms)`);
    } finally {
      await client.end();
      await store.dispose();
    }
  },
};

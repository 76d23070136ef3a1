import { buildDemo } from '../../packages/server/src/demo/build-demo.ts';
import { TileService } from '../../packages/server/src/tiles/service.ts';
import { viewerOf } from '../../packages/server/src/auth/viewer.ts';
import { PersonRepository } from '../../packages/server/src/people/repository.ts';
import { tilesCovering, time, type Workload } from '../harness.ts';


/** The organisation register: demo build, vector tiles of a county, scoped list pages. */
export const registerWorkload: Workload = {
  name: 'register',
  async run(engine, report) {
    const store = await engine.open();
    try {
      const [, buildMs] = await time(() => buildDemo(store, '500242', new Date(), { activity: false }));
      report('build Youyang demo register (39 towns, 278 villages, 3,000 grids, 3,875 accounts)', `${(buildMs / 1000).toFixed(2)} s`);
      const county = await store.db.selectFrom('units').select(['minx', 'miny', 'maxx', 'maxy']).where('code', '=', '500242000000').executeTakeFirstOrThrow();
      const box: [number, number, number, number] = [county.minx!, county.miny!, county.maxx!, county.maxy!];
      for (const z of [9, 12]) {
        const tiles = tilesCovering(box, z);
        for (const layer of ['units', 'areas'] as const) {
          const service = new TileService(store);
          const viewer = viewerOf({ id: 'bench', username: 'bench', roles: ['chief'], scopeUnitCode: '500242000000' });
          const [bytes, ms] = await time(async () => {
            let total = 0;
            for (const [x, y] of tiles) total += (await service.tile(viewer, layer, z, x, y))?.length ?? 0;
            return total;
          });
          report(`all ${tiles.length} z${z} tiles of layer ${layer}, county scope, cold (${(bytes / 1024).toFixed(0)} KiB)`, `${ms.toFixed(0)} ms (${(ms / tiles.length).toFixed(2)} ms/tile)`);
        }
      }
      const repo = new PersonRepository(store.db);
      const [, listMs] = await time(async () => {
        for (let i = 0; i < 200; i++) await repo.list({ scopePrefix: '500242101', q: i % 2 ? '林' : undefined }, { limit: 50, offset: (i % 5) * 50 });
      });
      report('200 scoped people list pages (town scope, half with name search)', `${(listMs / 200).toFixed(2)} ms/page`);
    } finally {
      await store.dispose();
    }
  },
};

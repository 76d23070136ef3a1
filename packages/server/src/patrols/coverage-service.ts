import { areaCoverage, periodOf, scopePrefix, unitLevelOf, type CoverageCell } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { inScope, type Viewer } from '../auth/viewer.ts';
import { AreaRepository } from '../areas/repository.ts';
import { PatrolRepository } from './repository.ts';

export interface GridCoverageReport {
  unitCode: string;
  from: string;
  to: string;
  cellSizeM: number;
  reachM: number;
  areas: { id: string; name: string; unitCode: string; share: number; cells: number; visitedCells: number }[];
  heat: CoverageCell[];
}

/**
 * How much of each ranger grid valid patrols reached in a period (issue 3 §5), and the visited cells for a
 * heat layer. Town or village scope: a county's worth of cells is a job for a scheduled run, not a request.
 */
export class CoverageService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async gridCoverage(viewer: Viewer, input: { unit: string; from?: string; to?: string }): Promise<ServiceResult<GridCoverageReport>> {
    if (!inScope(viewer, input.unit)) return notFound();
    const level = unitLevelOf(input.unit);
    if (level !== 'town' && level !== 'village') return invalid('/querystring/unit', '请选择一个镇街或村（社区）');
    const month = periodOf(this.now().getTime(), 'month');
    const from = input.from ? new Date(Date.parse(input.from)).toISOString() : month.start;
    const to = input.to ? new Date(Date.parse(input.to)).toISOString() : month.end;
    if (from >= to) return invalid('/querystring/to', '结束时间应晚于开始时间');
    const prefix = scopePrefix(input.unit);
    const grids = await new AreaRepository(this.store.db, this.store.spatial).geometries(prefix, { kind: 'grid' });
    const tracks = await new PatrolRepository(this.store.db).validTracks(prefix, from, to);
    const cellSizeM = 50;
    const reachM = 50;
    const heat: CoverageCell[] = [];
    const areas = grids.map((g) => {
      const c = areaCoverage({ area: g.geometry, tracks, cellSizeM, reachM });
      heat.push(...c.visited);
      return { id: g.id, name: g.name, unitCode: g.unitCode, share: c.share, cells: c.cells, visitedCells: c.visitedCells };
    });
    return success({ unitCode: input.unit, from, to, cellSizeM, reachM, areas, heat });
  }
}

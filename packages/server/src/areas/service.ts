import type { MultiPolygon, Polygon } from 'geojson';
import { gridCoverageReport, scopePrefix } from '@linzhang/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { canEditRegister, inScope, type Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { newId } from '../db/register-repository.ts';
import { recordInScope, unitFilterPrefix, unitInScope } from '../db/register-service.ts';
import { checkGeometry } from '../units/service.ts';
import { UnitRepository } from '../units/repository.ts';
import { AreaRepository, type Area, type AreaKind, type AreaWithGeometry } from './repository.ts';

export interface AreaInput {
  name: string;
  kind: AreaKind;
  unitCode: string;
  postId?: string | null;
  geometry: Polygon | MultiPolygon;
}

export type CoverageReport = ReturnType<typeof gridCoverageReport> & { unitCode: string };

export class AreaService {
  constructor(
    private readonly store: Store,
    private readonly onChange: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  private repo(db: Kysely<Database> = this.store.db) {
    return new AreaRepository(db, this.store.spatial);
  }

  async list(viewer: Viewer, query: PageRequest & { unit?: string; kind?: AreaKind; q?: string }): Promise<ServiceResult<PageOf<Area>>> {
    const unitPrefix = unitFilterPrefix(viewer, query.unit, scopePrefix);
    if (!unitPrefix) return notFound();
    if (!unitPrefix.ok) return unitPrefix;
    return success(await this.repo().list({ scopePrefix: viewer.scopePrefix, unitPrefix: unitPrefix.value, kind: query.kind, q: query.q?.trim() || undefined }, query));
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<AreaWithGeometry>> {
    const found = await this.repo().get(id);
    return found && inScope(viewer, found.unitCode) ? success(found) : notFound();
  }

  private async validate(trx: Kysely<Database>, viewer: Viewer, input: AreaInput): Promise<ServiceResult<Omit<AreaWithGeometry, 'id'>>> {
    const unit = await unitInScope(trx, viewer, input.unitCode, '/body/unitCode');
    if (!unit.ok) return unit;
    if (input.postId) {
      const post = await recordInScope(trx, viewer, 'posts', input.postId, '/body/postId', '岗位');
      if (!post.ok) return post;
    }
    if (input.kind === 'grid' && unit.value.level !== 'village') return invalid('/body/unitCode', '护林网格须划在村级区划内');
    const geometry = checkGeometry(input.geometry, '/body/geometry');
    if (!geometry.ok) return failure({ kind: 'invalid', errors: geometry.errors });
    if (geometry.areaM2 <= 0) return invalid('/body/geometry', '面积为零');
    return success({
      name: input.name.trim(),
      kind: input.kind,
      unitCode: unit.value.code,
      postId: input.postId ?? null,
      areaM2: geometry.areaM2,
      geometry: geometry.geometry,
    });
  }

  async create(viewer: Viewer, input: AreaInput): Promise<ServiceResult<AreaWithGeometry>> {
    if (!canEditRegister(viewer)) return forbidden();
    const at = this.now().toISOString();
    const result = await this.store.db.transaction().execute(async (trx) => {
      const checked = await this.validate(trx, viewer, input);
      if (!checked.ok) return checked;
      const area: AreaWithGeometry = { ...checked.value, id: newId() };
      await this.repo(trx).insertMany([area], at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'area', entityId: area.id, after: area }, at);
      return success(area);
    });
    if (result.ok) this.onChange();
    return result;
  }

  async update(viewer: Viewer, id: string, input: Partial<AreaInput>): Promise<ServiceResult<AreaWithGeometry>> {
    const at = this.now().toISOString();
    const result = await this.store.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await repo.get(id);
      if (!before || !inScope(viewer, before.unitCode)) return notFound();
      if (!canEditRegister(viewer)) return forbidden();
      const checked = await this.validate(trx, viewer, {
        name: input.name ?? before.name,
        kind: input.kind ?? before.kind,
        unitCode: input.unitCode ?? before.unitCode,
        postId: input.postId !== undefined ? input.postId : before.postId,
        geometry: input.geometry ?? before.geometry,
      });
      if (!checked.ok) return checked;
      const after: AreaWithGeometry = { ...checked.value, id };
      await repo.update(id, after, at);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'area', entityId: id, before, after }, at);
      return success(after);
    });
    if (result.ok) this.onChange();
    return result;
  }

  /** Grids that overlap each other, and village area left outside every grid, in a unit's subtree. */
  async coverageReport(viewer: Viewer, unitCode: string): Promise<ServiceResult<CoverageReport>> {
    if (!inScope(viewer, unitCode)) return notFound();
    const prefix = scopePrefix(unitCode);
    const units = await new UnitRepository(this.store.db, this.store.spatial).geometries(prefix, { levels: ['village'] });
    const grids = await this.repo().geometries(prefix, { kind: 'grid' });
    const report = gridCoverageReport({
      grids: grids.map((g) => ({ id: g.id, name: g.name, geometry: g.geometry })),
      units: units.map((u) => ({ code: u.code, name: u.shortName, geometry: u.geometry! })),
    });
    return success({ unitCode, ...report });
  }
}

import type { MultiPolygon, Polygon } from 'geojson';
import {
  ellipsoidalArea,
  normaliseUnitCode,
  parentCodeOf,
  shortUnitName,
  toMultiPolygon,
  unitKindOf,
  unitLevelOf,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type FieldError, type ServiceResult } from '../http/problem.ts';
import { canEditRegister, inScope, type Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import type { Bbox } from '../db/spatial.ts';
import { UnitRepository, type Unit, type UnitLevel, type UnitWithGeometry } from './repository.ts';

export interface UnitListQuery extends PageRequest {
  parent?: string;
  level?: UnitLevel;
  q?: string;
}

/** Checks a user-sent polygon and measures it on the ellipsoid; problems are named under `field`. */
export function checkGeometry(
  geometry: Polygon | MultiPolygon,
  field: string,
): { ok: true; geometry: MultiPolygon; areaM2: number } | { ok: false; errors: FieldError[] } {
  const result = toMultiPolygon(geometry);
  if (!result.ok) return { ok: false, errors: result.error.map((p) => ({ field: `${field}${p.path}`, message: p.message })) };
  return { ok: true, geometry: result.value, areaM2: ellipsoidalArea(result.value) };
}

export class UnitService {
  constructor(
    private readonly store: Store,
    private readonly onChange: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  private repo(db = this.store.db) {
    return new UnitRepository(db, this.store.spatial);
  }

  async list(viewer: Viewer, query: UnitListQuery): Promise<ServiceResult<PageOf<Unit>>> {
    if (query.parent && !inScope(viewer, query.parent)) return notFound();
    return success(
      await this.repo().list({ scopePrefix: viewer.scopePrefix, parent: query.parent, level: query.level, q: query.q?.trim() || undefined }, query),
    );
  }

  /** A unit with its boundary and `extent`, the box a map opens on (see UnitRepository.extent). */
  async get(viewer: Viewer, code: string): Promise<ServiceResult<UnitWithGeometry & { extent: Bbox | null }>> {
    if (!inScope(viewer, code)) return notFound();
    const repo = this.repo();
    const unit = await repo.get(code);
    return unit ? success({ ...unit, extent: await repo.extent(code) }) : notFound();
  }

  async create(
    viewer: Viewer,
    input: { code: string; name: string; level: UnitLevel; parentCode: string; geometry?: Polygon | MultiPolygon },
  ): Promise<ServiceResult<UnitWithGeometry>> {
    const code = normaliseUnitCode(input.code);
    if (!code.ok) return invalid('/body/code', code.error);
    const parent = normaliseUnitCode(input.parentCode);
    if (!parent.ok) return invalid('/body/parentCode', parent.error);
    if (!canEditRegister(viewer)) return forbidden();
    if (!inScope(viewer, parent.value)) return invalid('/body/parentCode', '上级区划不存在或不在您的数据范围内');
    if (unitLevelOf(code.value) !== input.level) return invalid('/body/level', '层级与区划代码不符');
    if (parentCodeOf(code.value) !== parent.value) return invalid('/body/parentCode', '上级区划与区划代码不符');
    const geometry = input.geometry ? checkGeometry(input.geometry, '/body/geometry') : null;
    if (geometry && !geometry.ok) return failure({ kind: 'invalid', errors: geometry.errors });

    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (!(await repo.exists(parent.value))) return invalid('/body/parentCode', '上级区划不存在或不在您的数据范围内');
      if (await repo.exists(code.value)) return failure({ kind: 'conflict', field: '/body/code', message: '区划代码已存在' });
      const name = input.name.trim();
      const row = {
        code: code.value,
        name,
        shortName: shortUnitName(name),
        level: input.level,
        kind: unitKindOf(shortUnitName(name)),
        parentCode: parent.value,
        areaM2: geometry?.ok ? geometry.areaM2 : null,
        geometry: geometry?.ok ? geometry.geometry : null,
      };
      await repo.insertMany([row], at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'unit', entityId: code.value, after: row }, at);
      return success(row);
    }).then((r) => this.changed(r));
  }

  async update(
    viewer: Viewer,
    code: string,
    input: { name?: string; geometry?: Polygon | MultiPolygon | null },
  ): Promise<ServiceResult<UnitWithGeometry>> {
    if (!inScope(viewer, code)) return notFound();
    const geometry = input.geometry ? checkGeometry(input.geometry, '/body/geometry') : null;
    if (geometry && !geometry.ok) return failure({ kind: 'invalid', errors: geometry.errors });
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await repo.get(code);
      if (!before) return notFound();
      if (!canEditRegister(viewer)) return forbidden();
      const name = input.name?.trim();
      await repo.update(
        code,
        {
          ...(name ? { name, shortName: shortUnitName(name), kind: unitKindOf(shortUnitName(name)) } : {}),
          ...(input.geometry !== undefined
            ? { geometry: geometry?.ok ? geometry.geometry : null, areaM2: geometry?.ok ? geometry.areaM2 : null }
            : {}),
        },
        at,
      );
      const after = (await repo.get(code))!;
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'unit', entityId: code, before, after }, at);
      return success(after);
    }).then((r) => this.changed(r));
  }

  private changed<T>(result: ServiceResult<T>): ServiceResult<T> {
    if (result.ok) this.onChange();
    return result;
  }
}

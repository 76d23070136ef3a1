import { randomUUID } from 'node:crypto';
import type { LineString, MultiLineString, Point } from 'geojson';
import {
  infrastructureKindInfo, isInScope, lineLength, lineMidpoint, scopePrefix,
  type InfrastructureCondition, type InfrastructureKind, type InfrastructureStatus,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { FireInfrastructureTable } from '../../db/schema.ts';
import { geometryBbox } from '../../db/spatial.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { shanghaiDate } from '../../rules/service.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import { checkOwnPhotos } from '../../files/own-photos.ts';
import { FireInfrastructureRepository, type ItemRow } from './repository.ts';

export type WorkGeometry = Point | LineString | MultiLineString;

export interface InfrastructureItem {
  id: string;
  kind: InfrastructureKind;
  name: string;
  unitCode: string;
  unitName: string;
  geometry: WorkGeometry;
  /** Lines: length in metres on the CGCS2000 ellipsoid; points: null. */
  lengthM: number | null;
  /** The point the unit was found from: the point itself, or a line's half-way point by length. */
  anchor: [number, number];
  builtYear: number | null;
  condition: InfrastructureCondition | null;
  status: InfrastructureStatus;
  capacityM3: number | null;
  photos: string[];
  note: string | null;
  updatedAt: string;
}

export interface ItemInput {
  kind: InfrastructureKind;
  name: string;
  geometry: WorkGeometry;
  status: InfrastructureStatus;
  builtYear?: number | undefined;
  condition?: InfrastructureCondition | undefined;
  capacityM3?: number | undefined;
  photos?: string[] | undefined;
  note?: string | undefined;
}

export type ItemFilterInput = { unit?: string | undefined; kind?: InfrastructureKind | undefined; status?: InfrastructureStatus | undefined; q?: string | undefined };

export const canEditInfrastructure = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const forbidden = <T>() => failure<T>({ kind: 'forbidden', message: '只有林业局工作人员可以登记防火设施' });

export function toItem(r: ItemRow): InfrastructureItem {
  return {
    id: r.id, kind: r.kind as InfrastructureKind, name: r.name, unitCode: r.unit_code, unitName: r.short_name, geometry: JSON.parse(r.geom_json) as WorkGeometry,
    lengthM: r.length_m, anchor: [r.anchor_lon, r.anchor_lat], builtYear: r.built_year, condition: r.condition as InfrastructureCondition | null,
    status: r.status as InfrastructureStatus, capacityM3: r.capacity_m3, photos: JSON.parse(r.photos) as string[], note: r.note, updatedAt: r.updated_at,
  };
}

/** A work checked and measured, ready to store (what create, update and the import share). */
export type PreparedItem = Omit<FireInfrastructureTable, 'id' | 'created_by' | 'created_at' | 'updated_at'> & { unit_name: string };

/**
 * The fire-prevention works register (issue 6 §7, DOMAIN.md §5): firebreaks and fire trails as lines (length on
 * the ellipsoid, computed on every write), tanks, checkpoints, towers and video points as points; the unit is the
 * village (else town) holding the point — for a line, the point half-way along it by length.
 */
export class FireInfrastructureService {
  private readonly repo: FireInfrastructureRepository;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Called after every write of works (the infrastructure tile layer is rebuilt). */
    private readonly onChange: () => void = () => {},
  ) {
    this.repo = new FireInfrastructureRepository(store.db);
  }

  canSeeFile(viewer: Viewer, fileId: string): Promise<boolean> {
    return this.repo.hasPhoto(viewer.scopePrefix, fileId);
  }

  async list(viewer: Viewer, input: PageRequest & ItemFilterInput): Promise<ServiceResult<PageOf<InfrastructureItem>>> {
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    const { rows, total } = await this.repo.listItems({ prefix: scopePrefix(unit), kind: input.kind, status: input.status, q: input.q }, input);
    return success({ items: rows.map(toItem), total });
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<InfrastructureItem>> {
    const r = await this.repo.item(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    return success(toItem(r));
  }

  /**
   * Checks a work and measures it: geometry of the kind's type, inside the viewer's units, capacity only for
   * water tanks, a built year not in the future. Field names are those of the request body (`/body/…`).
   */
  async prepare(viewer: Viewer, input: ItemInput): Promise<ServiceResult<PreparedItem>> {
    const info = infrastructureKindInfo[input.kind];
    const g = input.geometry;
    if (info.geometry === 'line' && g.type === 'Point') return invalid('/body/geometry', `${info.name}应为线（LineString 或 MultiLineString）`);
    if (info.geometry === 'point' && g.type !== 'Point') return invalid('/body/geometry', `${info.name}应为点（Point）`);
    const positions = g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
    if (positions.some((p) => !(p[0]! >= 73 && p[0]! <= 136 && p[1]! >= 3 && p[1]! <= 54))) return invalid('/body/geometry', '坐标应为中国范围内的 CGCS2000 经纬度');
    let lengthM: number | null = null;
    let anchor: [number, number];
    if (g.type === 'Point') anchor = [g.coordinates[0]!, g.coordinates[1]!];
    else {
      lengthM = lineLength(g);
      const mid = lineMidpoint(g);
      if (!mid || lengthM <= 0) return invalid('/body/geometry', '线的长度为零，请至少给出两个不同的点');
      anchor = mid;
    }
    if (input.capacityM3 !== undefined && input.kind !== 'water_tank') return invalid('/body/capacityM3', '只有蓄水池填写容量（立方米）');
    const year = Number(shanghaiDate(this.now().getTime()).slice(0, 4));
    if (input.builtYear !== undefined && input.builtYear > year && input.status === 'built') return invalid('/body/builtYear', `已建成的设施，建成年份不能晚于 ${year} 年`);
    const unit = await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, anchor[0], anchor[1]);
    if (!unit || !isInScope(unit.code, viewer.scopeCode)) {
      return invalid('/body/geometry', g.type === 'Point' ? '位置不在您管辖的区划范围内，请核对经纬度' : '线的中点不在您管辖的区划范围内，请核对坐标');
    }
    const unitRow = await this.repo.unit(unit.code);
    const bbox = geometryBbox(g)!;
    return success({
      kind: input.kind, name: input.name.trim(), unit_code: unit.code, unit_name: unitRow?.short_name ?? unit.code, geom_json: JSON.stringify(g),
      minx: bbox[0], miny: bbox[1], maxx: bbox[2], maxy: bbox[3], length_m: lengthM, anchor_lon: anchor[0], anchor_lat: anchor[1],
      built_year: input.builtYear ?? null, condition: input.condition ?? null, status: input.status, capacity_m3: input.capacityM3 ?? null,
      photos: '[]', note: input.note?.trim() || null,
    });
  }

  async create(viewer: Viewer, input: ItemInput): Promise<ServiceResult<InfrastructureItem>> {
    return this.save(viewer, null, input);
  }

  async update(viewer: Viewer, id: string, input: ItemInput): Promise<ServiceResult<InfrastructureItem>> {
    return this.save(viewer, id, input);
  }

  private async save(viewer: Viewer, id: string | null, input: ItemInput): Promise<ServiceResult<InfrastructureItem>> {
    if (!canEditInfrastructure(viewer)) return forbidden();
    const existing = id ? await this.repo.item(id) : null;
    if (id && (!existing || !isInScope(existing.unit_code, viewer.scopeCode))) return notFound();
    const prepared = await this.prepare(viewer, input);
    if (!prepared.ok) return prepared;
    const photos = await checkOwnPhotos(this.store.db, viewer, input.photos, '/body/photos');
    if (!photos.ok) return photos;
    const at = this.now().toISOString();
    const { unit_name: _, ...values } = { ...prepared.value, photos: JSON.stringify(photos.value) };
    const itemId = id ?? randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      if (existing) await this.repo.updateItem(trx, itemId, { ...values, updated_at: at });
      else await this.repo.insertItem(trx, { id: itemId, ...values, created_by: viewer.userId, created_at: at, updated_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'fire_infrastructure', entityId: itemId, before: existing ?? undefined, after: values }, at);
    });
    this.onChange();
    return success(toItem((await this.repo.item(itemId))!));
  }

  async remove(viewer: Viewer, id: string): Promise<ServiceResult<{ id: string }>> {
    if (!canEditInfrastructure(viewer)) return forbidden();
    const existing = await this.repo.item(id);
    if (!existing || !isInScope(existing.unit_code, viewer.scopeCode)) return notFound();
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo.deleteItem(trx, id);
      await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'fire_infrastructure', entityId: id, before: existing }, at);
    });
    this.onChange();
    return success({ id });
  }

  /** Writes prepared works in one transaction (the import's commit), with one audit entry for the batch. */
  async insertPrepared(viewer: Viewer, items: PreparedItem[], batch: string, fileName: string): Promise<number> {
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      for (const p of items) {
        const { unit_name: _, ...values } = p;
        const id = randomUUID();
        await this.repo.insertItem(trx, { id, ...values, created_by: viewer.userId, created_at: at, updated_at: at });
        await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'fire_infrastructure', entityId: id, after: { ...values, importBatch: batch } }, at);
      }
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'fire_infrastructure_import', entityId: batch, after: { fileName, created: items.length } }, at);
    });
    if (items.length) this.onChange();
    return items.length;
  }
}

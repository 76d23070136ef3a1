import type { Kysely } from 'kysely';
import { isInScope, scopePrefix, unitLevelOf } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { codePrefix } from '../db/paginate.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';

export interface ScatteredTrees {
  unitCode: string;
  unitName: string;
  year: number;
  crownAreaM2: number;
  shelterbeltM2: number;
  treeCount: number | null;
  note: string | null;
  updatedAt: string;
}

/** 四旁树 crown area per unit code of a subtree and year (the part forest coverage adds to the parcels). */
export async function scatteredTreeAreas(db: Kysely<Database>, prefix: string, year: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('scattered_trees').select(['unit_code', 'crown_area_m2', 'shelterbelt_m2'])
    .where('unit_code', 'like', codePrefix(prefix)).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.unit_code, r.crown_area_m2 + r.shelterbelt_m2]));
}

/**
 * The register of 四旁树 and farmland shelterbelt crown area (DOMAIN.md §3 forest coverage), kept per village or
 * town and year by bureau staff, as the inventory reports it.
 */
export class ScatteredTreeService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async list(viewer: Viewer, input: { unit?: string | undefined; year: number }): Promise<ServiceResult<ScatteredTrees[]>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const rows = await this.store.db.selectFrom('scattered_trees as s').innerJoin('units as u', 'u.code', 's.unit_code')
      .select(['s.unit_code', 'u.short_name', 's.year', 's.crown_area_m2', 's.shelterbelt_m2', 's.tree_count', 's.note', 's.updated_at'])
      .where('s.unit_code', 'like', codePrefix(scopePrefix(unitCode))).where('s.year', '=', input.year).orderBy('s.unit_code').execute();
    return success(rows.map((r) => ({
      unitCode: r.unit_code, unitName: r.short_name, year: r.year, crownAreaM2: r.crown_area_m2, shelterbeltM2: r.shelterbelt_m2,
      treeCount: r.tree_count, note: r.note, updatedAt: r.updated_at,
    })));
  }

  async set(viewer: Viewer, unitCode: string, year: number, input: { crownAreaM2: number; shelterbeltM2?: number | undefined; treeCount?: number | undefined; note?: string | undefined }): Promise<ServiceResult<ScatteredTrees>> {
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff')) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以登记四旁树' });
    const level = unitLevelOf(unitCode);
    if (level !== 'village' && level !== 'town') return invalid('/params/unitCode', '四旁树按村或乡镇登记');
    const unit = await this.store.db.selectFrom('units').select(['code', 'short_name', 'area_m2']).where('code', '=', unitCode).executeTakeFirst();
    if (!unit) return notFound();
    const total = input.crownAreaM2 + (input.shelterbeltM2 ?? 0);
    if (unit.area_m2 && total > unit.area_m2) return invalid('/body/crownAreaM2', '四旁树与农田林网面积超过该区划的土地面积');
    // A town's figure and its villages' figures would count twice.
    const overlap = level === 'town'
      ? await this.store.db.selectFrom('scattered_trees').select('unit_code').where('unit_code', 'like', codePrefix(scopePrefix(unitCode))).where('unit_code', '!=', unitCode).where('year', '=', year).executeTakeFirst()
      : await this.store.db.selectFrom('scattered_trees').select('unit_code').where('unit_code', '=', `${unitCode.slice(0, 9)}000`).where('year', '=', year).executeTakeFirst();
    if (overlap) return failure({ kind: 'conflict', field: '/params/unitCode', message: level === 'town' ? '该乡镇已有村级登记，请按村登记，避免重复计入' : '所属乡镇已按乡镇登记，避免重复计入' });
    const at = this.now().toISOString();
    const values = { crown_area_m2: input.crownAreaM2, shelterbelt_m2: input.shelterbeltM2 ?? 0, tree_count: input.treeCount ?? null, note: input.note?.trim() || null, updated_by: viewer.userId, updated_at: at };
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('scattered_trees').values({ unit_code: unitCode, year, ...values })
        .onConflict((oc) => oc.columns(['unit_code', 'year']).doUpdateSet(values)).execute();
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'scattered_trees', entityId: `${unitCode}/${year}`, after: input }, at);
    });
    return success({ unitCode, unitName: unit.short_name, year, crownAreaM2: values.crown_area_m2, shelterbeltM2: values.shelterbelt_m2, treeCount: values.tree_count, note: values.note, updatedAt: at });
  }
}

import { randomUUID } from 'node:crypto';
import {
  infrastructureProgress, isInScope, scopePrefix,
  type InfrastructureMeasure, type InfrastructureProgressRow, type InfrastructureStatus, type InfrastructureTarget, type InfrastructureTargetKind,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { shanghaiDate } from '../../rules/service.ts';
import { FireInfrastructureRepository, type TargetRow } from './repository.ts';
import { canEditInfrastructure } from './service.ts';

export interface InfrastructureTargetRecord extends InfrastructureTarget {
  id: string;
  unitName: string;
  updatedAt: string;
}

export interface TargetInput {
  unitCode: string;
  kind: InfrastructureTargetKind;
  year: number;
  value: number;
  basis?: 'new' | 'total' | undefined;
  source?: string | undefined;
}

export interface InfrastructureSummary {
  unitCode: string;
  unitName: string;
  year: number;
  asOf: string;
  /** The unit itself first (its whole subtree), then each unit one level below it. */
  units: { unitCode: string; unitName: string; level: string; progress: InfrastructureProgressRow[] }[];
}

const toTarget = (r: TargetRow): InfrastructureTargetRecord => ({
  id: r.id, unitCode: r.unit_code, unitName: r.short_name, kind: r.kind as InfrastructureTargetKind, year: r.year, value: r.value,
  basis: r.basis as 'new' | 'total', source: r.source, updatedAt: r.updated_at,
});

/** The plan's targets for fire-prevention works per unit, kind and year, and the progress against them. */
export class InfrastructureTargetService {
  private readonly repo: FireInfrastructureRepository;

  constructor(private readonly store: Store, private readonly now: () => Date) {
    this.repo = new FireInfrastructureRepository(store.db);
  }

  async list(viewer: Viewer, input: { unit?: string | undefined; year?: number | undefined }): Promise<ServiceResult<InfrastructureTargetRecord[]>> {
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    return success((await this.repo.targets(scopePrefix(unit), input.year)).map(toTarget));
  }

  /** Sets the target of a unit, kind and year (one each: a second call replaces the value and source). */
  async set(viewer: Viewer, input: TargetInput): Promise<ServiceResult<InfrastructureTargetRecord>> {
    if (!canEditInfrastructure(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以设定防火设施目标' });
    if (!isInScope(input.unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '该区划不在您管辖的范围内');
    if (!(await this.repo.unit(input.unitCode))) return invalid('/body/unitCode', '区划代码不存在');
    const at = this.now().toISOString();
    const values = { value: input.value, basis: input.basis ?? 'new', source: input.source?.trim() || null, updated_at: at };
    let id = '';
    await this.store.db.transaction().execute(async (trx) => {
      const existing = await this.repo.targetFor(trx, input.unitCode, input.kind, input.year);
      id = existing?.id ?? randomUUID();
      if (existing) await this.repo.updateTarget(trx, id, values);
      else await this.repo.insertTarget(trx, { id, unit_code: input.unitCode, kind: input.kind, year: input.year, ...values, created_by: viewer.userId, created_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'fire_infrastructure_target', entityId: id, before: existing ?? undefined, after: { ...input, ...values } }, at);
    });
    return success(toTarget((await this.repo.target(id))!));
  }

  async remove(viewer: Viewer, id: string): Promise<ServiceResult<{ id: string }>> {
    if (!canEditInfrastructure(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以设定防火设施目标' });
    const existing = await this.repo.target(id);
    if (!existing || !isInScope(existing.unit_code, viewer.scopeCode)) return notFound();
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo.deleteTarget(trx, id);
      await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'fire_infrastructure_target', entityId: id, before: existing }, this.now().toISOString());
    });
    return success({ id });
  }

  /** Counts and lengths per kind for a unit and each unit below it, against the year's targets (issue 6 §7). */
  /**
   * Progress per unit and kind; `withoutTargets` leaves the targets out, so that `actual` is everything built by the
   * end of `year` (the indicators' reading), not what the target's basis counts.
   */
  async summary(viewer: Viewer, input: { unit?: string | undefined; year?: number | undefined; withoutTargets?: boolean }): Promise<ServiceResult<InfrastructureSummary>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const units = await this.repo.unitAndChildren(unitCode);
    const self = units.find((u) => u.code === unitCode);
    if (!self) return notFound();
    const asOf = shanghaiDate(this.now().getTime());
    const year = input.year ?? Number(asOf.slice(0, 4));
    const prefix = scopePrefix(unitCode);
    const [works, groups, targets] = await Promise.all([this.repo.measures(prefix), this.repo.groupMeasures(prefix), input.withoutTargets ? [] : this.repo.targets(prefix, year)]);
    const measures: InfrastructureMeasure[] = [
      ...works.map((w) => ({ unitCode: w.unit_code, kind: w.kind as InfrastructureTargetKind, status: w.status as InfrastructureStatus, builtYear: w.built_year, lengthM: w.length_m })),
      // A registered group is a group in place; it counts as new in the year it was formed.
      ...groups.map((g) => ({ unitCode: g.unit_code, kind: 'ten_household_group' as const, status: 'built' as const, builtYear: g.formed_year, lengthM: null })),
    ];
    const ordered = [self, ...units.filter((u) => u.code !== unitCode)];
    const rows = infrastructureProgress(ordered.map((u) => u.code), measures, targets.map(toTarget), year, asOf);
    return success({
      unitCode, unitName: self.short_name, year, asOf,
      units: ordered.map((u) => ({ unitCode: u.code, unitName: u.short_name, level: u.level, progress: rows.filter((r) => r.unitCode === u.code) })),
    });
  }
}

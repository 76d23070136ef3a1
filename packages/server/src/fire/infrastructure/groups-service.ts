import { randomUUID } from 'node:crypto';
import { isInScope, scopePrefix } from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { shanghaiDate } from '../../rules/service.ts';
import { FireInfrastructureRepository, type GroupRow } from './repository.ts';
import { canEditInfrastructure } from './service.ts';

export interface TenHouseholdGroup {
  id: string;
  unitCode: string;
  unitName: string;
  name: string;
  headName: string;
  headPhone: string;
  householdCount: number;
  members: string[];
  formedYear: number | null;
  note: string | null;
  updatedAt: string;
}

export interface GroupInput {
  unitCode: string;
  name: string;
  headName: string;
  headPhone: string;
  householdCount: number;
  members?: string[] | undefined;
  formedYear?: number | undefined;
  note?: string | undefined;
}

const toGroup = (r: GroupRow): TenHouseholdGroup => ({
  id: r.id, unitCode: r.unit_code, unitName: r.short_name, name: r.name, headName: r.head_name, headPhone: r.head_phone, householdCount: r.household_count,
  members: JSON.parse(r.members) as string[], formedYear: r.formed_year, note: r.note, updatedAt: r.updated_at,
});

/** 十户联防 (DOMAIN.md §5: groups of ~10 households with a head, mutual fire watch duty), registered per village. */
export class TenHouseholdGroupService {
  private readonly repo: FireInfrastructureRepository;

  constructor(private readonly store: Store, private readonly now: () => Date) {
    this.repo = new FireInfrastructureRepository(store.db);
  }

  async list(viewer: Viewer, input: PageRequest & { unit?: string | undefined; q?: string | undefined }): Promise<ServiceResult<PageOf<TenHouseholdGroup>>> {
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    const { rows, total } = await this.repo.listGroups(scopePrefix(unit), input.q, input);
    return success({ items: rows.map(toGroup), total });
  }

  async create(viewer: Viewer, input: GroupInput): Promise<ServiceResult<TenHouseholdGroup>> {
    return this.save(viewer, null, input);
  }

  async update(viewer: Viewer, id: string, input: GroupInput): Promise<ServiceResult<TenHouseholdGroup>> {
    return this.save(viewer, id, input);
  }

  private async save(viewer: Viewer, id: string | null, input: GroupInput): Promise<ServiceResult<TenHouseholdGroup>> {
    if (!canEditInfrastructure(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以登记十户联防组' });
    const existing = id ? await this.repo.group(id) : null;
    if (id && (!existing || !isInScope(existing.unit_code, viewer.scopeCode))) return notFound();
    if (!isInScope(input.unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '该村不在您管辖的区划范围内');
    const unit = await this.repo.unit(input.unitCode);
    if (!unit) return invalid('/body/unitCode', '区划代码不存在');
    if (unit.level !== 'village') return invalid('/body/unitCode', '十户联防组应登记到村（社区）');
    const members = (input.members ?? []).map((m) => m.trim()).filter(Boolean);
    if (members.length > input.householdCount) return invalid('/body/members', `成员户数（${members.length}）多于联防户数（${input.householdCount}）`);
    if (input.formedYear !== undefined && input.formedYear > Number(shanghaiDate(this.now().getTime()).slice(0, 4))) return invalid('/body/formedYear', '成立年份不能晚于今年');
    const at = this.now().toISOString();
    const values = {
      unit_code: input.unitCode, name: input.name.trim(), head_name: input.headName.trim(), head_phone: input.headPhone.trim(), household_count: input.householdCount,
      members: JSON.stringify(members), formed_year: input.formedYear ?? null, note: input.note?.trim() || null, updated_at: at,
    };
    const groupId = id ?? randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      if (existing) await this.repo.updateGroup(trx, groupId, values);
      else await this.repo.insertGroup(trx, { id: groupId, ...values, created_by: viewer.userId, created_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'ten_household_group', entityId: groupId, before: existing ?? undefined, after: values }, at);
    });
    return success(toGroup((await this.repo.group(groupId))!));
  }

  async remove(viewer: Viewer, id: string): Promise<ServiceResult<{ id: string }>> {
    if (!canEditInfrastructure(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以登记十户联防组' });
    const existing = await this.repo.group(id);
    if (!existing || !isInScope(existing.unit_code, viewer.scopeCode)) return notFound();
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo.deleteGroup(trx, id);
      await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'ten_household_group', entityId: id, before: existing }, this.now().toISOString());
    });
    return success({ id });
  }
}

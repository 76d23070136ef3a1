import { scopePrefix } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { forbidden, notFound, success, type ServiceResult } from '../http/problem.ts';
import { canEditRegister, inScope, type Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { newId } from '../db/register-repository.ts';
import { recordInScope, unitFilterPrefix, unitInScope } from '../db/register-service.ts';
import { PersonRepository, type Person } from './repository.ts';

export interface PersonInput {
  name?: string;
  phone?: string | null;
  unitCode?: string;
  organisationId?: string | null;
}

export class PersonService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(viewer: Viewer, query: PageRequest & { unit?: string; q?: string }): Promise<ServiceResult<PageOf<Person>>> {
    const unitPrefix = unitFilterPrefix(viewer, query.unit, scopePrefix);
    if (!unitPrefix) return notFound();
    if (!unitPrefix.ok) return unitPrefix;
    return success(
      await new PersonRepository(this.store.db).list({ scopePrefix: viewer.scopePrefix, unitPrefix: unitPrefix.value, q: query.q?.trim() || undefined }, query),
    );
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<Person>> {
    const found = await new PersonRepository(this.store.db).get(id);
    return found && inScope(viewer, found.unitCode) ? success(found) : notFound();
  }

  async create(viewer: Viewer, input: Required<Pick<PersonInput, 'name' | 'unitCode'>> & PersonInput): Promise<ServiceResult<Person>> {
    if (!canEditRegister(viewer)) return forbidden();
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const unit = await unitInScope(trx, viewer, input.unitCode, '/body/unitCode');
      if (!unit.ok) return unit;
      if (input.organisationId) {
        const org = await recordInScope(trx, viewer, 'organisations', input.organisationId, '/body/organisationId', '组织机构');
        if (!org.ok) return org;
      }
      const person: Person = {
        id: newId(),
        name: input.name.trim(),
        phone: input.phone ?? null,
        unitCode: unit.value.code,
        organisationId: input.organisationId ?? null,
      };
      await new PersonRepository(trx).insertMany([person], at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'person', entityId: person.id, after: person }, at);
      return success(person);
    });
  }

  async update(viewer: Viewer, id: string, input: PersonInput): Promise<ServiceResult<Person>> {
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new PersonRepository(trx);
      const before = await repo.get(id);
      if (!before || !inScope(viewer, before.unitCode)) return notFound();
      if (!canEditRegister(viewer)) return forbidden();
      if (input.unitCode !== undefined) {
        const unit = await unitInScope(trx, viewer, input.unitCode, '/body/unitCode');
        if (!unit.ok) return unit;
      }
      if (input.organisationId) {
        const org = await recordInScope(trx, viewer, 'organisations', input.organisationId, '/body/organisationId', '组织机构');
        if (!org.ok) return org;
      }
      await repo.update(id, { ...input, ...(input.name !== undefined ? { name: input.name.trim() } : {}) }, at);
      const after = (await repo.get(id))!;
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'person', entityId: id, before, after }, at);
      return success(after);
    });
  }
}

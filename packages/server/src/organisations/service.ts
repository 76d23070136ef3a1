import { scopePrefix } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { forbidden, notFound, success, type ServiceResult } from '../http/problem.ts';
import { canEditRegister, inScope, type Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { newId } from '../db/register-repository.ts';
import { unitFilterPrefix, unitInScope } from '../db/register-service.ts';
import { OrganisationRepository, type Organisation, type OrganisationKind } from './repository.ts';

export class OrganisationService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(viewer: Viewer, query: PageRequest & { unit?: string; kind?: OrganisationKind; q?: string }): Promise<ServiceResult<PageOf<Organisation>>> {
    const unitPrefix = unitFilterPrefix(viewer, query.unit, scopePrefix);
    if (!unitPrefix) return notFound();
    if (!unitPrefix.ok) return unitPrefix;
    const repo = new OrganisationRepository(this.store.db);
    return success(await repo.list({ scopePrefix: viewer.scopePrefix, unitPrefix: unitPrefix.value, kind: query.kind, q: query.q?.trim() || undefined }, query));
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<Organisation>> {
    const found = await new OrganisationRepository(this.store.db).get(id);
    return found && inScope(viewer, found.unitCode) ? success(found) : notFound();
  }

  async create(viewer: Viewer, input: { name: string; kind: OrganisationKind; unitCode: string }): Promise<ServiceResult<Organisation>> {
    if (!canEditRegister(viewer)) return forbidden();
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const unit = await unitInScope(trx, viewer, input.unitCode, '/body/unitCode');
      if (!unit.ok) return unit;
      const organisation: Organisation = { id: newId(), name: input.name.trim(), kind: input.kind, unitCode: unit.value.code };
      await new OrganisationRepository(trx).insertMany([organisation], at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'organisation', entityId: organisation.id, after: organisation }, at);
      return success(organisation);
    });
  }

  async update(viewer: Viewer, id: string, input: { name?: string; kind?: OrganisationKind; unitCode?: string }): Promise<ServiceResult<Organisation>> {
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new OrganisationRepository(trx);
      const before = await repo.get(id);
      if (!before || !inScope(viewer, before.unitCode)) return notFound();
      if (!canEditRegister(viewer)) return forbidden();
      if (input.unitCode !== undefined) {
        const unit = await unitInScope(trx, viewer, input.unitCode, '/body/unitCode');
        if (!unit.ok) return unit;
      }
      await repo.update(id, { ...input, ...(input.name !== undefined ? { name: input.name.trim() } : {}) }, at);
      const after = (await repo.get(id))!;
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'organisation', entityId: id, before, after }, at);
      return success(after);
    });
  }
}

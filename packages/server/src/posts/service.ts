import { checkPost, scopePrefix, type PostLevel, type PostRole } from '@linzhang/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, notFound, success, type ServiceResult } from '../http/problem.ts';
import { canEditRegister, inScope, type Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { newId } from '../db/register-repository.ts';
import { recordInScope, unitFilterPrefix, unitInScope } from '../db/register-service.ts';
import { PostRepository, type Post, type PostRecord } from './repository.ts';

export type PostInput = Omit<PostRecord, 'id' | 'organisationId' | 'termEnd'> & { organisationId?: string | null; termEnd?: string | null };

export class PostService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(viewer: Viewer, query: PageRequest & { unit?: string; role?: PostRole; level?: PostLevel; q?: string }): Promise<ServiceResult<PageOf<Post>>> {
    const unitPrefix = unitFilterPrefix(viewer, query.unit, scopePrefix);
    if (!unitPrefix) return notFound();
    if (!unitPrefix.ok) return unitPrefix;
    return success(
      await new PostRepository(this.store.db).list(
        { scopePrefix: viewer.scopePrefix, unitPrefix: unitPrefix.value, role: query.role, level: query.level, q: query.q?.trim() || undefined },
        query,
      ),
    );
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<Post>> {
    const found = await new PostRepository(this.store.db).get(id);
    return found && inScope(viewer, found.unitCode) ? success(found) : notFound();
  }

  /** Every reference in scope and the post consistent (domain rule), or the field errors. */
  private async validate(trx: Kysely<Database>, viewer: Viewer, input: PostInput): Promise<ServiceResult<PostRecord & { id: '' }>> {
    const unit = await unitInScope(trx, viewer, input.unitCode, '/body/unitCode');
    if (!unit.ok) return unit;
    const person = await recordInScope(trx, viewer, 'people', input.personId, '/body/personId', '人员');
    if (!person.ok) return person;
    let organisationKind: string | null = null;
    if (input.organisationId) {
      const org = await recordInScope(trx, viewer, 'organisations', input.organisationId, '/body/organisationId', '组织机构');
      if (!org.ok) return org;
      const row = await trx.selectFrom('organisations').select('kind').where('id', '=', input.organisationId).executeTakeFirstOrThrow();
      organisationKind = row.kind;
    }
    const findings = checkPost({
      role: input.role,
      level: input.level,
      unitLevel: unit.value.level,
      organisationKind,
      termStart: input.termStart,
      termEnd: input.termEnd ?? null,
    });
    if (findings.length) return failure({ kind: 'invalid', errors: findings.map((f) => ({ field: `/body/${f.field}`, message: f.message })) });
    return success({ ...input, id: '', organisationId: input.organisationId ?? null, termEnd: input.termEnd ?? null });
  }

  async create(viewer: Viewer, input: PostInput): Promise<ServiceResult<Post>> {
    if (!canEditRegister(viewer)) return forbidden();
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const checked = await this.validate(trx, viewer, input);
      if (!checked.ok) return checked;
      const record: PostRecord = { ...checked.value, id: newId() };
      const repo = new PostRepository(trx);
      await repo.insertMany([record], at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'post', entityId: record.id, after: record }, at);
      return success((await repo.get(record.id))!);
    });
  }

  async update(viewer: Viewer, id: string, input: Partial<PostInput>): Promise<ServiceResult<Post>> {
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new PostRepository(trx);
      const before = await repo.get(id);
      if (!before || !inScope(viewer, before.unitCode)) return notFound();
      if (!canEditRegister(viewer)) return forbidden();
      const merged: PostInput = {
        role: input.role ?? before.role,
        level: input.level ?? before.level,
        unitCode: input.unitCode ?? before.unitCode,
        personId: input.personId ?? before.personId,
        organisationId: input.organisationId !== undefined ? input.organisationId : before.organisationId,
        termStart: input.termStart ?? before.termStart,
        termEnd: input.termEnd !== undefined ? input.termEnd : before.termEnd,
      };
      const checked = await this.validate(trx, viewer, merged);
      if (!checked.ok) return checked;
      await repo.update(id, { ...checked.value, id }, at);
      const after = (await repo.get(id))!;
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'post', entityId: id, before, after }, at);
      return success(after);
    });
  }
}

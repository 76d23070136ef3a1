import { scopePrefix } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { inScope, type Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { unitFilterPrefix } from '../db/register-service.ts';
import { DutyReportRepository, type DutyReport } from './repository.ts';

/** Chiefs' reports upward (DOMAIN.md §1 report duties), submitted from the app; idempotent by client id. */
export class DutyReportService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(viewer: Viewer, input: { id: string; title: string; content: string }): Promise<ServiceResult<{ report: DutyReport; created: boolean }>> {
    if (!viewer.roles.includes('chief')) return forbidden();
    if (!viewer.personId) return invalid('/body', '此账号未关联人员，不能提交林长报告');
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new DutyReportRepository(trx);
      const existing = await repo.get(input.id);
      if (existing) {
        if (existing.userId !== viewer.userId) return failure({ kind: 'conflict', field: '/body/id', message: '报告编号已被占用' });
        return success({ report: existing, created: false });
      }
      await repo.insert({ id: input.id, userId: viewer.userId, personId: viewer.personId, unitCode: viewer.scopeCode, title: input.title.trim(), content: input.content.trim(), submittedAt: at }, at);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'duty_report', entityId: input.id, after: { title: input.title } }, at);
      return success({ report: (await repo.get(input.id))!, created: true });
    });
  }

  async list(viewer: Viewer, query: PageRequest & { unit?: string }): Promise<ServiceResult<PageOf<DutyReport>>> {
    const unitPrefix = unitFilterPrefix(viewer, query.unit, scopePrefix);
    if (!unitPrefix) return notFound();
    if (!unitPrefix.ok) return unitPrefix;
    return success(await new DutyReportRepository(this.store.db).list({ scopePrefix: viewer.scopePrefix, unitPrefix: unitPrefix.value }, query));
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<DutyReport>> {
    const report = await new DutyReportRepository(this.store.db).get(id);
    return report && inScope(viewer, report.unitCode) ? success(report) : notFound();
  }
}

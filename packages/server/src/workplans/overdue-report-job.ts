import { randomUUID } from 'node:crypto';
import type { Store } from '../db/connect.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { NotificationRepository } from '../notifications/repository.ts';
import { WorkPlanTargetRepository } from './target-repository.ts';
import { endedReportPeriods, reportScheduleNames, type ReportSchedule } from '@linzhang/domain';

/**
 * Issue 8 §2: overdue progress reports → 督办. Each open tracked target with a report schedule whose period ended
 * without a report is urged once: the period is marked and the owner person and the plan unit's staff are told
 * through the inbox, in one transaction (a concurrent run that marked it first wins, and nobody is told twice).
 */
export class WorkPlanOverdueReportJob {
  constructor(private readonly store: Store) {}

  async run(asOf: Date | string): Promise<{ urged: number; notified: number }> {
    const at = (typeof asOf === 'string' ? new Date(asOf) : asOf).toISOString();
    const repo = new WorkPlanTargetRepository(this.store.db);
    const targets = await repo.scheduled();
    if (!targets.length) return { urged: 0, notified: 0 };
    const ids = targets.map((t) => t.target_id);
    const reported = new Set((await repo.reports(ids)).map((r) => `${r.target_id}|${r.period_key}`));
    const urged = new Set((await repo.urges(ids)).map((u) => `${u.target_id}|${u.period_key}`));
    let count = 0, notified = 0;
    for (const t of targets) {
      const every = t.report_every as ReportSchedule;
      const dueOn = t.due_on ?? t.task_deadline ?? `${t.year}-12-31`;
      for (const periodKey of endedReportPeriods(t.year, every, dueOn, at)) {
        const key = `${t.target_id}|${periodKey}`;
        if (reported.has(key) || urged.has(key)) continue;
        try {
          await this.store.db.transaction().execute(async (trx) => {
            const users = new NotificationRepository(trx);
            const owners = t.owner_person_id ? await users.usersOfPeople([t.owner_person_id]) : [];
            // The owner person, and the staff of the plan's unit and of each owner unit.
            const staff = await users.usersAt([...new Set([t.unit_code, ...(JSON.parse(t.owner_unit_codes) as string[])])], ['admin', 'staff']);
            const to = [...new Map([...owners, ...staff].map((u) => [u.id, u])).values()];
            await new WorkPlanTargetRepository(trx).insertUrge({ target_id: t.target_id, period_key: periodKey, urged_at: at, notified: to.length });
            await users.insertMany(to.map((u) => ({
              id: randomUUID(), userId: u.id, kind: 'workplan_overdue' as const, problemId: null,
              title: `工作要点进度督办：${t.subject}`,
              body: `《${t.plan_title}》目标“${t.text}”应${reportScheduleNames[every]}报告进度，${periodKey} 的进度报告未按期报送，请责任单位尽快报送。`,
            })), at);
            count++;
            notified += to.length;
          });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
    }
    return { urged: count, notified };
  }
}

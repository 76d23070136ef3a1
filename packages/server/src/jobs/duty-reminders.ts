import { randomUUID } from 'node:crypto';
import type { Store } from '../db/connect.ts';
import { viewerOf } from '../auth/viewer.ts';
import type { ComplianceService } from '../patrols/compliance-service.ts';
import { NotificationRepository } from '../notifications/repository.ts';

const dutyNames = { patrol: '巡林', report: '向上级林长报告' } as const;
const periodNames: Record<string, string> = { week: '本周', month: '本月', quarter: '本季度', half: '本半年', year: '本年' };

/**
 * Issue 3 §4: a reminder before the period ends to everyone still behind on a duty — once per person, duty and
 * period, so the daily job may run as often as it likes.
 */
export async function sendDutyReminders(store: Store, compliance: ComplianceService, rootUnitCode: string, asOf: string): Promise<{ reminded: number }> {
  const system = viewerOf({ id: 'system', username: 'system', roles: ['admin'], scopeUnitCode: rootUnitCode });
  let reminded = 0;
  for (const duty of ['patrol', 'report'] as const) {
    const board = await compliance.compliance(system, { asOf, duty });
    if (!board.ok) continue;
    const due = board.value.rows.filter((r) => r.current.remind);
    if (!due.length) continue;
    await store.db.transaction().execute(async (trx) => {
      const repo = new NotificationRepository(trx);
      const users = await repo.usersOfPeople([...new Set(due.map((r) => r.personId))]);
      const byPerson = new Map<string, typeof users>();
      for (const u of users) byPerson.set(u.personId!, [...(byPerson.get(u.personId!) ?? []), u]);
      for (const row of due) {
        const title = `${dutyNames[duty]}提醒 ${row.current.periodKey}`;
        for (const user of byPerson.get(row.personId) ?? []) {
          const sent = await trx.selectFrom('notifications').select('id').where('user_id', '=', user.id).where('kind', '=', 'duty_reminder').where('title', '=', title).executeTakeFirst();
          if (sent) continue;
          await repo.insertMany([{
            id: randomUUID(), userId: user.id, kind: 'duty_reminder', problemId: null, title,
            body: `${periodNames[row.rule.period] ?? '本期'}应${dutyNames[duty]} ${row.current.required} 次，已完成 ${row.current.done} 次，${row.current.end.slice(0, 10)} 前截止（${row.rule.source}）`,
          }], asOf);
          reminded++;
        }
      }
    });
  }
  return { reminded };
}

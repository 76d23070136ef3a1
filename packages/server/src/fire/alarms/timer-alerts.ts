import { randomUUID } from 'node:crypto';
import { fireStatusNames, fireTimerStates, openFireStatuses, parentCodeOf, type FireStatus } from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { NotificationRepository } from '../../notifications/repository.ts';
import { responsibleChiefs } from '../../problems/notify.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { FireRepository } from './repository.ts';
import { FireAlarmService } from './service.ts';

/**
 * The scheduled check of the "135" timers: each timer of an open fire record that ran past its deadline without its
 * step tells the unit's responsible chiefs and the staff whose scope holds the unit, through the inbox, once per timer.
 */
export class FireTimerAlertService {
  constructor(
    private readonly store: Store,
    private readonly rules: RuleSource,
  ) {}

  async run(asOf: Date | string): Promise<{ alerts: number; recipients: number }> {
    const at = (typeof asOf === 'string' ? new Date(asOf) : asOf).toISOString();
    const open = await new FireRepository(this.store.db).open(openFireStatuses);
    let alerts = 0, recipients = 0;
    for (const r of open) {
      const rules = await this.rules.fireResponseTimersAt(shanghaiDate(r.discovered_at));
      const breached = fireTimerStates(rules, FireAlarmService.stepsOf(r), r.status as FireStatus, at).filter((t) => t.open);
      if (!breached.length) continue;
      await this.store.db.transaction().execute(async (trx) => {
        const repo = new FireRepository(trx);
        const done = await repo.alertedTimers(r.id);
        const users = new NotificationRepository(trx);
        const scopes: string[] = [];
        for (let c: string | null = r.unit_code; c; c = parentCodeOf(c)) scopes.push(c);
        const to = [...(await users.usersAt(await responsibleChiefs(trx, r.unit_code), ['chief'])), ...(await users.usersAt(scopes, ['staff']))];
        const unique = [...new Map(to.map((u) => [u.id, u])).values()];
        for (const t of breached) {
          if (done.has(t.name)) continue;
          await users.insertMany(unique.map((u) => ({
            id: randomUUID(), userId: u.id, kind: 'fire_timer' as const, problemId: r.problem_id,
            title: `火情超时：${r.title}（${t.name}）`,
            body: `${r.unit_name} 的火情自“${fireStatusNames[t.fromStep]}”起已 ${Math.round(t.elapsedMinutes ?? 0)} 分钟仍未“${fireStatusNames[t.toStep]}”，超出时限 ${t.minutes} 分钟，请立即督促处置。`,
          })), at);
          await repo.insertAlert(r.id, t.name, unique.length, at);
          alerts++;
          recipients += unique.length;
        }
      });
    }
    return { alerts, recipients };
  }
}

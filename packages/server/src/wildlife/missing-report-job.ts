import { randomUUID } from 'node:crypto';
import { missingWildlifeReports } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { NotificationRepository } from '../notifications/repository.ts';
import { shanghaiDate, type RuleSource } from '../rules/service.ts';
import { WildlifeRepository } from './repository.ts';
import { dailyReportOf, stationOf, wildlifeRulesByDay } from './report-service.ts';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The scheduled check of the daily reports (DOMAIN.md §7: missing report → overdue flag to the station's supervisor):
 * each station-day whose cut-off (rule kind `pest_rules`, `wildlife.dailyReportCutoff`) has passed at `asOf` without a
 * report is marked once, and the station's supervisor is told through the inbox in the same transaction. Runs judge
 * the last `lookbackDays` days, so a run after a pause catches up without reviving old history.
 */
export class WildlifeMissingReportJob {
  constructor(
    private readonly store: Store,
    private readonly rules: RuleSource,
    private readonly lookbackDays = 7,
  ) {}

  async run(asOf: Date | string): Promise<{ flagged: number; notified: number }> {
    const at = (typeof asOf === 'string' ? new Date(asOf) : asOf).toISOString();
    const today = shanghaiDate(at);
    const from = addDays(today, -this.lookbackDays);
    const repo = new WildlifeRepository(this.store.db);
    const stations = await repo.activeStationsSince(from);
    if (!stations.length) return { flagged: 0, notified: 0 };
    const reports = await repo.reports(stations.map((s) => s.id), from, today);
    const rulesOf = await wildlifeRulesByDay(this.rules, from, today);
    const missed = missingWildlifeReports(stations.map(stationOf), reports.map(dailyReportOf), from, at, rulesOf);
    const already = new Set((await repo.flags(stations.map((s) => s.id), from, today)).map((f) => `${f.station_id}|${f.date}`));
    const byId = new Map(stations.map((s) => [s.id, s]));
    let flagged = 0, notified = 0;
    for (const m of missed) {
      if (already.has(`${m.stationId}|${m.date}`)) continue;
      const s = byId.get(m.stationId)!;
      await this.store.db.transaction().execute(async (trx) => {
        const users = new NotificationRepository(trx);
        const to = s.supervisor_user_id ? await users.usersById([s.supervisor_user_id]) : [];
        // The flag first: a concurrent run that marked the day already wins, and nobody is told twice.
        if (!(await new WildlifeRepository(trx).insertFlag({ stationId: s.id, date: m.date, cutoffAt: m.cutoffAt, at, recipients: to.length }))) return;
        const cutoff = new Date(Date.parse(m.cutoffAt) + 8 * 3_600_000).toISOString().slice(11, 16);
        await users.insertMany(to.map((u) => ({
          id: randomUUID(), userId: u.id, kind: 'wildlife_missing' as const, problemId: null,
          title: `疫源疫病日报缺报：${s.name}（${m.date}）`,
          body: `${s.unit_name}${s.name} ${m.date} 的疫源疫病监测日报（含零报告）截至 ${cutoff} 仍未报送，请督促报告人补报。`,
        })), at);
        flagged++;
        notified += to.length;
      });
    }
    return { flagged, notified };
  }
}

import { randomUUID } from 'node:crypto';
import { dueEscalationSteps, unitLevelOf, type EscalationStep, type ProblemStatus, type UnitLevel } from '@linzhang/domain';
import type { Kysely } from 'kysely';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { shanghaiDate, type RuleSource } from '../rules/service.ts';
import { ProblemRepository, type ProblemRow } from './repository.ts';
import { ancestorAt, notify, recipients, responsibleChiefs, type NotifyTarget } from './notify.ts';

const levelNames: Record<UnitLevel, string> = { province: '市级', county: '区县级', town: '镇街级', village: '村级' };

/**
 * The scheduled deadline job (issue 4 §3): reminders before the deadline, 督办 to the next chief level when it
 * passes, 约谈 when it passes again. Each step is applied once (the problem's flags and escalation count
 * record it), under the same version check as a person's action, so it never overwrites a concurrent one.
 */
export class ProblemEscalationService {
  constructor(
    private readonly store: Store,
    private readonly rules: RuleSource,
    private readonly target: NotifyTarget,
  ) {}

  async run(asOf: string): Promise<{ dueSoon: number; escalated: number; interviews: number; skipped: number }> {
    const counts = { dueSoon: 0, escalated: 0, interviews: 0, skipped: 0 };
    const candidates = await new ProblemRepository(this.store.db).dueForEscalation(asOf);
    for (const candidate of candidates) {
      const rules = await this.rules.problemDeadlinesAt(shanghaiDate(candidate.reported_at));
      const applied = await this.store.db.transaction().execute(async (trx) => {
        const repo = new ProblemRepository(trx);
        const row = await repo.row(candidate.id);
        if (!row) return null;
        const steps = dueEscalationSteps({
          status: row.status as ProblemStatus, unitLevel: unitLevelOf(row.unit_code), deadlineAt: row.deadline_at, dueSoonAt: row.due_soon_at,
          dueSoonNotified: row.due_soon_notified === 1, escalationCount: row.escalation_count, interviewed: row.interviewed === 1,
        }, rules, asOf);
        if (!steps.length) return { steps: [] as EscalationStep[] };
        let current: ProblemRow = row;
        for (const step of steps) {
          const ok = await this.apply(trx, repo, current, step);
          if (!ok) return null;
          current = (await repo.row(row.id))!;
        }
        return { steps };
      });
      if (!applied) {
        counts.skipped++;
        continue;
      }
      for (const s of applied.steps) {
        if (s.kind === 'due_soon') counts.dueSoon++;
        else if (s.kind === 'escalate') counts.escalated++;
        else counts.interviews++;
      }
    }
    return counts;
  }

  private async apply(db: Kysely<Database>, repo: ProblemRepository, row: ProblemRow, step: EscalationStep): Promise<boolean> {
    const at = step.at;
    if (step.kind === 'due_soon') {
      if (!(await repo.updateIfVersion(row.id, row.version, { due_soon_notified: 1, updated_at: at }))) return false;
      await repo.insertEvent({ problemId: row.id, at, action: 'due_soon', fromStatus: null, toStatus: null, userId: null, note: `办理期限 ${row.deadline_at} 将到`, data: null });
      const to = row.assignee_person_id
        ? await recipients(db, row, { assignee: true })
        : await recipients(db, row, { chiefsAt: await responsibleChiefs(db, row.unit_code) });
      await notify(db, this.target, row, 'due_soon', to, { title: `即将到期：${row.title}`, body: `办理期限 ${row.deadline_at}，请尽快处置` }, at);
    } else if (step.kind === 'escalate') {
      const ok = await repo.updateIfVersion(row.id, row.version, {
        due_soon_notified: 1, escalation_count: step.step, escalation_level: step.level, supervision_due_at: step.nextDueAt, updated_at: at,
      });
      if (!ok) return false;
      const text = `逾期未处置，第 ${step.step} 次督办至${levelNames[step.level]}林长，督办期限 ${step.nextDueAt}`;
      await repo.insertEvent({ problemId: row.id, at, action: 'escalate', fromStatus: null, toStatus: null, userId: null, note: text, data: { step: step.step, level: step.level, nextDueAt: step.nextDueAt } });
      const to = await recipients(db, row, { assignee: true, chiefsAt: [ancestorAt(row.unit_code, step.level)] });
      await notify(db, this.target, { ...row, escalation_level: step.level }, 'escalated', to, { title: `督办：${row.title}`, body: text }, at);
    } else {
      if (!(await repo.updateIfVersion(row.id, row.version, { interviewed: 1, updated_at: at }))) return false;
      const chief = await db
        .selectFrom('posts').select('person_id')
        .where('role', '=', 'chief').where('unit_code', '=', row.unit_code)
        .where('term_start', '<=', shanghaiDate(at))
        .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>=', shanghaiDate(at))]))
        .orderBy('term_start', 'desc').executeTakeFirst();
      const reason = `问题“${row.title}”逾期经 ${step.step} 次督办仍未处置`;
      await repo.insertInterview({ id: randomUUID(), problemId: row.id, unitCode: row.unit_code, personId: chief?.person_id ?? null, reason, dueAt: at }, at);
      await repo.insertEvent({ problemId: row.id, at, action: 'interview', fromStatus: null, toStatus: null, userId: null, note: `约谈责任林长：${reason}`, data: null });
      const level = (row.escalation_level as UnitLevel | null) ?? 'county';
      const to = await recipients(db, row, { chiefsAt: [row.unit_code, ancestorAt(row.unit_code, level)] });
      await notify(db, this.target, row, 'interview', to, { title: `约谈：${row.title}`, body: reason }, at);
    }
    await recordAudit(db, { userId: null, action: 'update', entity: 'problem', entityId: row.id, before: { version: row.version }, after: { version: row.version + 1, step: step.kind } }, at);
    return true;
  }
}

import {
  dutyCompliance, periodOf, periodsBetween, scopePrefix,
  type ComplianceReport, type ComplianceRow, type DutyKind, type DutyRule, type DutyStatus, type Period,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { notFound, success, type ServiceResult } from '../http/problem.ts';
import { inScope, type Viewer } from '../auth/viewer.ts';
import { PostRepository } from '../posts/repository.ts';
import { PatrolRepository } from './repository.ts';
import { DutyReportRepository } from '../reports/repository.ts';
import { RuleService, shanghaiDate as localDate, type RuleSource } from '../rules/service.ts';

export type { ComplianceReport, ComplianceRow };


/**
 * Patrol duty compliance for everyone in office in a subtree (issue 3 §4): for the period containing
 * `asOf`, met / behind / missed, and how many earlier periods of the year were met or missed.
 */
export class ComplianceService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly rules: RuleSource = new RuleService(store, now),
  ) {}

  /** The viewer's own duties (patrol and report) in the current periods: what the phone page reminds of. */
  async mine(viewer: Viewer, input: { asOf?: string }): Promise<ServiceResult<{ asOf: string; rows: (ComplianceRow & { duty: DutyKind })[] }>> {
    if (!viewer.personId) return success({ asOf: input.asOf ?? this.now().toISOString(), rows: [] });
    const rows: (ComplianceRow & { duty: DutyKind })[] = [];
    let asOf = '';
    for (const duty of ['patrol', 'report'] as const) {
      const board = await this.compliance(viewer, { asOf: input.asOf, duty });
      if (!board.ok) return board;
      asOf = board.value.asOf;
      rows.push(...board.value.rows.filter((r) => r.personId === viewer.personId).map((r) => ({ ...r, duty })));
    }
    return success({ asOf, rows });
  }

  async patrolCompliance(viewer: Viewer, input: { unit?: string; asOf?: string; status?: DutyStatus }): Promise<ServiceResult<ComplianceReport>> {
    return this.compliance(viewer, { ...input, duty: 'patrol' });
  }

  /**
   * Compliance with one duty — patrols (valid patrols count) or reports (submitted reports count) — for
   * everyone in office in a subtree who has that duty.
   */
  async compliance(viewer: Viewer, input: { unit?: string; asOf?: string; status?: DutyStatus; duty: DutyKind }): Promise<ServiceResult<ComplianceReport>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!inScope(viewer, unitCode)) return notFound();
    const asOf = input.asOf ? new Date(Date.parse(input.asOf)).toISOString() : this.now().toISOString();
    const prefix = scopePrefix(unitCode);
    const yearStart = periodOf(asOf, 'year').start;
    const posts = await new PostRepository(this.store.db).inOffice(prefix, localDate(asOf));
    const patrolTimes =
      input.duty === 'patrol'
        ? await new PatrolRepository(this.store.db).validPatrolTimes(prefix, yearStart, asOf)
        : new Map(
            [...(await new DutyReportRepository(this.store.db).submissionTimes(prefix, yearStart, asOf)).entries()].map(
              ([person, times]) => [person, times.map((startedAt) => ({ startedAt, distanceM: 0 }))] as const,
            ),
          );
    // The duty table in force on the as-of date applies to the whole year shown (see the issue notes).
    const rules = (await this.rules.dutyRulesAt(localDate(asOf))).filter((r) => r.duty === input.duty);

    // Most people share a span (the year so far): work its periods out once per span and kind.
    const spans = new Map<string, Period[]>();
    const periodsFor = (from: string, kind: DutyRule['period']) => {
      const key = `${from}|${kind}`;
      let found = spans.get(key);
      if (!found) spans.set(key, (found = periodsBetween(from, periodOf(asOf, kind).end, kind)));
      return found;
    };
    const rows: ComplianceRow[] = [];
    for (const post of posts) {
      const rule = rules.find((r) => r.role === post.role && r.level === post.level);
      if (!rule) continue;
      const termStart = new Date(Date.parse(`${post.termStart}T00:00:00+08:00`)).toISOString();
      const from = termStart > yearStart ? termStart : yearStart;
      const patrols = patrolTimes.get(post.personId) ?? [];
      const periods = dutyCompliance({ count: rule.count, period: rule.period, events: patrols.map((p) => p.startedAt), from, asOf, periods: periodsFor(from, rule.period) });
      const current = periods[periods.length - 1];
      if (!current) continue;
      const previous = periods.length > 1 ? periods[periods.length - 2]! : null;
      const inCurrent = patrols.filter((p) => p.startedAt >= current.start && p.startedAt < current.end && p.startedAt <= asOf);
      if (input.status === 'missed' ? previous?.status !== 'missed' : input.status && current.status !== input.status) continue;
      rows.push({
        postId: post.id, personId: post.personId, personName: post.personName, role: post.role, level: post.level,
        unitCode: post.unitCode, unitName: post.unitName,
        rule: { count: rule.count, period: rule.period, source: rule.source },
        current,
        previous,
        currentDistanceM: inCurrent.reduce((s, p) => s + p.distanceM, 0),
        periods: {
          met: periods.slice(0, -1).filter((p) => p.status === 'met').length,
          missed: periods.filter((p) => p.status === 'missed').length,
        },
      });
    }
    const counts: Record<DutyStatus, number> = { met: 0, behind: 0, missed: 0 };
    for (const r of rows) {
      counts[r.current.status] += 1;
      if (r.previous?.status === 'missed') counts.missed += 1;
    }
    return success({ asOf, unitCode, duty: input.duty, counts, rows });
  }
}

import {
  dutyCompliance, periodOf, periodsBetween, scopePrefix,
  type ComplianceReport, type ComplianceRow, type DutyKind, type DutyPeriodResult, type DutyRule, type DutyStatus, type Period,
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
    // Each period is judged by the duty table in force when it began (versions take effect on a date).
    const timeline = (await this.rules.dutyRuleTimeline(localDate(yearStart), localDate(asOf))).map((segment) => ({
      start: new Date(Date.parse(`${segment.from}T00:00:00+08:00`)).toISOString(),
      rules: segment.rules.filter((r) => r.duty === input.duty),
    }));

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
      const termStart = new Date(Date.parse(`${post.termStart}T00:00:00+08:00`)).toISOString();
      const from = termStart > yearStart ? termStart : yearStart;
      const patrols = patrolTimes.get(post.personId) ?? [];
      const events = patrols.map((p) => p.startedAt);
      const periods: DutyPeriodResult[] = [];
      let rule: DutyRule | null = null;
      let first = true;
      timeline.forEach((segment, i) => {
        const next = timeline[i + 1]?.start ?? null;
        if (next !== null && next <= from) return; // over before this person's duty began
        const r = segment.rules.find((x) => x.role === post.role && x.level === post.level);
        if (!r) return;
        const start = segment.start > from ? segment.start : from;
        // A period belongs to the table in force at its start; the person's first period is theirs whatever its start.
        const mine = periodsFor(start, r.period).filter((p, k) => ((first && k === 0) || p.start >= segment.start) && (next === null || p.start < next));
        first = false;
        if (mine.length === 0) return;
        periods.push(...dutyCompliance({ count: r.count, period: r.period, events, from: start, asOf, periods: mine }));
        rule = r;
      });
      const current = periods[periods.length - 1];
      if (!current || !rule) continue;
      const inForce: DutyRule = rule;
      const previous = periods.length > 1 ? periods[periods.length - 2]! : null;
      const inCurrent = patrols.filter((p) => p.startedAt >= current.start && p.startedAt < current.end && p.startedAt <= asOf);
      if (input.status === 'missed' ? previous?.status !== 'missed' : input.status && current.status !== input.status) continue;
      rows.push({
        postId: post.id, personId: post.personId, personName: post.personName, role: post.role, level: post.level,
        unitCode: post.unitCode, unitName: post.unitName,
        rule: { count: inForce.count, period: inForce.period, source: inForce.source },
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

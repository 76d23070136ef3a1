import { memoized } from '../http/read-memo.ts';
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

/** One post's duty periods over a range: how many were judged (ended, or met) and how many met. */
export interface RangeComplianceRow {
  postId: string;
  personId: string;
  personName: string;
  role: ComplianceRow['role'];
  level: ComplianceRow['level'];
  unitCode: string;
  unitName: string;
  rule: ComplianceRow['rule'];
  met: number;
  judged: number;
}

export interface RangeCompliance {
  unitCode: string;
  duty: DutyKind;
  from: string;
  to: string;
  asOf: string;
  rows: RangeComplianceRow[];
}


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
    const judged = await this.judge(scopePrefix(unitCode), periodOf(asOf, 'year').start, asOf, input.duty);
    const rows: ComplianceRow[] = [];
    for (const { post, periods, rule, events } of judged) {
      const current = periods[periods.length - 1]!;
      const previous = periods.length > 1 ? periods[periods.length - 2]! : null;
      const inCurrent = events.filter((p) => p.startedAt >= current.start && p.startedAt < current.end && p.startedAt <= asOf);
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
  /**
   * Compliance over a date range (YYYY-MM-DD, both inclusive, Asia/Shanghai) for each post in office at its end —
   * what the indicators (issue 8) count: the duty periods that ended inside the range, met or missed, and, when the
   * range reaches the present, a running period already met. A period ending on the range's last day counts in it
   * (Q4's year and quarter periods stay in Q4).
   */
  async rangeCompliance(viewer: Viewer, input: { unit?: string | undefined; from: string; to: string; duty: DutyKind }): Promise<ServiceResult<RangeCompliance>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!inScope(viewer, unitCode)) return notFound();
    const fromMs = Date.parse(`${input.from}T00:00:00+08:00`);
    const toEndMs = Date.parse(`${input.to}T00:00:00+08:00`) + 86_400_000;
    const nowMs = this.now().getTime();
    const asOfMs = Math.min(nowMs, toEndMs - 1);
    const asOf = new Date(asOfMs).toISOString();
    const judged = await this.judge(scopePrefix(unitCode), periodOf(new Date(fromMs).toISOString(), 'year').start, asOf, input.duty);
    const rows: RangeComplianceRow[] = [];
    for (const { post, periods, rule } of judged) {
      let met = 0, missed = 0;
      for (const p of periods) {
        const endMs = Date.parse(p.end);
        const startMs = Date.parse(p.start);
        // Judged at the range's last instant: a period that ends with the range is over, whatever asOf's millisecond.
        const status = p.done >= p.required ? 'met' : endMs <= toEndMs && endMs <= nowMs ? 'missed' : 'behind';
        const endsInside = endMs > fromMs && endMs <= toEndMs && status !== 'behind';
        const runningMet = status === 'met' && endMs > toEndMs && startMs < toEndMs && nowMs < toEndMs;
        if (!endsInside && !runningMet) continue;
        if (status === 'met') met++; else missed++;
      }
      rows.push({
        postId: post.id, personId: post.personId, personName: post.personName, role: post.role, level: post.level,
        unitCode: post.unitCode, unitName: post.unitName, rule: { count: rule.count, period: rule.period, source: rule.source }, met, judged: met + missed,
      });
    }
    return success({ unitCode, duty: input.duty, from: input.from, to: input.to, asOf, rows });
  }

  /** Each post in office at `asOf` with a duty rule: its periods from `since` (or its term's start) to `asOf`, judged. */
  private judge(prefix: string, since: string, asOf: string, duty: DutyKind) {
    // A view of many figures (the dashboard) judges the same year once for all of them.
    return memoized(`compliance|${prefix}|${since}|${asOf}|${duty}`, () => this.judgeAfresh(prefix, since, asOf, duty));
  }

  private async judgeAfresh(prefix: string, since: string, asOf: string, duty: DutyKind) {
    const posts = await new PostRepository(this.store.db).inOffice(prefix, localDate(asOf));
    // A year's first ISO week may begin in late December: its patrols count towards it.
    const weekStart = periodOf(since, 'week').start;
    const eventsFrom = weekStart < since ? weekStart : since;
    const patrolTimes =
      duty === 'patrol'
        ? await new PatrolRepository(this.store.db).validPatrolTimes(prefix, eventsFrom, asOf)
        : new Map(
            [...(await new DutyReportRepository(this.store.db).submissionTimes(prefix, eventsFrom, asOf)).entries()].map(
              ([person, times]) => [person, times.map((startedAt) => ({ startedAt, distanceM: 0 }))] as const,
            ),
          );
    // Each period is judged by the duty table in force when it began (versions take effect on a date).
    const timeline = (await this.rules.dutyRuleTimeline(localDate(since), localDate(asOf))).map((segment) => ({
      start: new Date(Date.parse(`${segment.from}T00:00:00+08:00`)).toISOString(),
      rules: segment.rules.filter((r) => r.duty === duty),
    }));

    // Most people share a span (the year so far): work its periods out once per span and kind.
    const spans = new Map<string, Period[]>();
    const periodsFor = (from: string, kind: DutyRule['period']) => {
      const key = `${from}|${kind}`;
      let found = spans.get(key);
      if (!found) spans.set(key, (found = periodsBetween(from, periodOf(asOf, kind).end, kind)));
      return found;
    };
    const out: { post: (typeof posts)[number]; periods: DutyPeriodResult[]; rule: DutyRule; events: { startedAt: string; distanceM: number }[] }[] = [];
    for (const post of posts) {
      const termStart = new Date(Date.parse(`${post.termStart}T00:00:00+08:00`)).toISOString();
      const from = termStart > since ? termStart : since;
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
      if (periods.length === 0 || !rule) continue;
      out.push({ post, periods, rule, events: patrols });
    }
    return out;
  }
}

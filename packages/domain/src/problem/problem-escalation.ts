import type { UnitLevel } from '../units/unit-code.ts';
import type { ProblemDeadlineRules } from './problem-deadline-rules.ts';
import { openStatuses, type ProblemStatus } from './problem-workflow.ts';

// DOMAIN.md §2: deadlines per category/severity; overdue → 督办 to the next chief level; repeated overdue → 约谈.
// Every step is dated by when it fell due, not by when a job noticed it, so catching up later (or running twice)
// gives the same record.

export interface EscalationState {
  status: ProblemStatus;
  unitLevel: UnitLevel; // level of the problem's unit
  deadlineAt: string;
  dueSoonAt: string;
  dueSoonNotified: boolean;
  escalationCount: number; // 督办 steps already taken
  interviewed: boolean;
}

export type EscalationStep =
  | { kind: 'due_soon'; at: string }
  | { kind: 'escalate'; at: string; step: number; level: UnitLevel; nextDueAt: string }
  | { kind: 'interview'; at: string; step: number };

const up: Record<UnitLevel, UnitLevel> = { village: 'town', town: 'county', county: 'county', province: 'province' };
const HOUR = 3_600_000;

/** The chief level the `step`-th 督办 goes to: one level up per step, no higher than the county. */
export function escalationLevelAt(unitLevel: UnitLevel, step: number): UnitLevel {
  let level = unitLevel;
  for (let i = 0; i < step; i++) level = up[level];
  return level;
}

/** What is due for a problem at `asOf` that has not been done yet, in time order. */
export function dueEscalationSteps(s: EscalationState, rules: Pick<ProblemDeadlineRules, 'supervisionHours' | 'interviewAtEscalation'>, asOf: string): EscalationStep[] {
  if (!openStatuses.includes(s.status)) return [];
  const now = Date.parse(asOf);
  const deadline = Date.parse(s.deadlineAt);
  const steps: EscalationStep[] = [];
  if (!s.dueSoonNotified && s.escalationCount === 0 && Date.parse(s.dueSoonAt) <= now && now < deadline) {
    steps.push({ kind: 'due_soon', at: s.dueSoonAt });
  }
  // Step k (1-based) falls due at deadline + (k-1) × supervision period, up to the interview step.
  for (let k = s.escalationCount + 1; k <= rules.interviewAtEscalation; k++) {
    const at = deadline + (k - 1) * rules.supervisionHours * HOUR;
    if (at > now) break;
    steps.push({
      kind: 'escalate', at: new Date(at).toISOString(), step: k, level: escalationLevelAt(s.unitLevel, k),
      nextDueAt: new Date(at + rules.supervisionHours * HOUR).toISOString(),
    });
    if (k === rules.interviewAtEscalation && !s.interviewed) steps.push({ kind: 'interview', at: new Date(at).toISOString(), step: k });
  }
  return steps;
}

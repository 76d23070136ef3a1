import { caseCategories, type ProblemCategory } from './problem-kinds.ts';
import type { ProblemStatus } from './problem-workflow.ts';

// Issue 4 §6 and DOMAIN.md §2 target: counts, on-time rate, time to close and the case investigation rate
// 涉林案件查处率 (cases closed ÷ cases that arose), over the problems reported in a period.

export interface ProblemForStatistics {
  category: ProblemCategory;
  status: ProblemStatus;
  reportedAt: string;
  deadlineAt: string;
  handledAt: string | null; // first time a handling result was submitted
  closedAt: string | null;
  escalationCount: number;
}

export interface ProblemStatistics {
  reported: number;
  open: number; // not yet handled
  closed: number;
  dismissed: number;
  overdue: number; // open past the deadline at asOf, or handled after it
  escalated: number;
  onTimeRate: number | null; // handled by the deadline ÷ handled or overdue
  meanHoursToClose: number | null;
  cases: number;
  casesClosed: number;
  caseInvestigationRate: number | null; // 涉林案件查处率
}

export function problemStatistics(problems: readonly ProblemForStatistics[], asOf: string): ProblemStatistics {
  const now = Date.parse(asOf);
  let open = 0, closed = 0, dismissed = 0, overdue = 0, escalated = 0, onTime = 0, judged = 0, cases = 0, casesClosed = 0, closeHours = 0;
  for (const p of problems) {
    const deadline = Date.parse(p.deadlineAt);
    if (p.status === 'dismissed') {
      dismissed++;
      continue;
    }
    const handled = p.handledAt === null ? null : Date.parse(p.handledAt);
    if (handled === null) open++;
    if (p.status === 'closed') {
      closed++;
      closeHours += (Date.parse(p.closedAt!) - Date.parse(p.reportedAt)) / 3_600_000;
    }
    if (p.escalationCount > 0) escalated++;
    const late = handled === null ? now > deadline : handled > deadline;
    if (late) overdue++;
    if (handled !== null || now > deadline) {
      judged++;
      if (!late) onTime++;
    }
    if (caseCategories.includes(p.category)) {
      cases++;
      if (p.status === 'closed') casesClosed++;
    }
  }
  return {
    reported: problems.length,
    open, closed, dismissed, overdue, escalated,
    onTimeRate: judged ? onTime / judged : null,
    meanHoursToClose: closed ? closeHours / closed : null,
    cases, casesClosed,
    caseInvestigationRate: cases ? casesClosed / cases : null,
  };
}

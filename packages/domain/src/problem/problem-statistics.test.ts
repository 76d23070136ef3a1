import { describe, expect, it } from 'vitest';
import { problemStatistics, type ProblemForStatistics } from './problem-statistics.ts';

// Issue 4 §6; DOMAIN.md §2 target "涉林案件查处率 100%": cases closed ÷ cases that arose.
const p = (over: Partial<ProblemForStatistics>): ProblemForStatistics => ({
  category: 'other', status: 'reported', reportedAt: '2024-05-01T00:00:00Z', deadlineAt: '2024-05-08T00:00:00Z',
  handledAt: null, closedAt: null, escalationCount: 0, ...over,
});

describe('problem statistics', () => {
  it('counts on-time handling, time to close and the case investigation rate', () => {
    const s = problemStatistics([
      p({ category: 'illegal_logging', status: 'closed', handledAt: '2024-05-03T00:00:00Z', closedAt: '2024-05-05T00:00:00Z' }), // on time, 96 h
      p({ category: 'encroachment', status: 'in_handling', escalationCount: 1 }), // open, overdue at asOf
      p({ status: 'closed', handledAt: '2024-05-10T00:00:00Z', closedAt: '2024-05-11T00:00:00Z' }), // late, 240 h
      p({ status: 'dismissed' }),
      p({ deadlineAt: '2024-06-30T00:00:00Z' }), // open, not yet due: not judged
    ], '2024-05-20T00:00:00Z');
    expect(s).toEqual({
      reported: 5, open: 2, closed: 2, dismissed: 1, overdue: 2, escalated: 1,
      onTimeRate: 1 / 3, meanHoursToClose: 168, cases: 2, casesClosed: 1, caseInvestigationRate: 0.5,
    });
  });
  it('gives no rate where nothing can be judged', () => {
    expect(problemStatistics([], '2024-05-20T00:00:00Z')).toMatchObject({ onTimeRate: null, caseInvestigationRate: null, meanHoursToClose: null });
  });
});

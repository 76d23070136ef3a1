import { describe, expect, it } from 'vitest';
import { parseAssessmentPeriod, quarterEnded, quarterRange, quartersBegun, yearOfQuarters } from './assessment-periods.ts';

describe('DOMAIN.md §1: quarterly assessment on 100 points, the year the mean of its quarters', () => {
  it('reads a quarter or a year, nothing else', () => {
    expect(parseAssessmentPeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(parseAssessmentPeriod('2026')).toEqual({ kind: 'year', year: 2026 });
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q1', '26', '2026-3', '']) expect(parseAssessmentPeriod(bad)).toBeNull();
  });
  it('gives each quarter its calendar days, in leap and common years alike', () => {
    expect([1, 2, 3, 4].map((q) => quarterRange(2024, q))).toEqual([
      { from: '2024-01-01', to: '2024-03-31' }, { from: '2024-04-01', to: '2024-06-30' }, { from: '2024-07-01', to: '2024-09-30' }, { from: '2024-10-01', to: '2024-12-31' },
    ]);
    expect(quarterRange(2025, 1)).toEqual({ from: '2025-01-01', to: '2025-03-31' });
  });
  it('a quarter has begun on its first day and ended only after its last', () => {
    expect(quartersBegun(2026, '2026-03-31')).toEqual([1]);
    expect(quartersBegun(2026, '2026-04-01')).toEqual([1, 2]);
    expect(quartersBegun(2026, '2025-12-31')).toEqual([]);
    expect(quartersBegun(2026, '2027-01-01')).toEqual([1, 2, 3, 4]);
    expect(quarterEnded(2026, 3, '2026-09-30')).toBe(false);
    expect(quarterEnded(2026, 3, '2026-10-01')).toBe(true);
    expect(quarterEnded(2026, 4, '2026-12-31')).toBe(false);
    expect(quarterEnded(2026, 4, '2027-01-01')).toBe(true);
  });
  it('averages each subject over the quarters it was scored in, item by item, keeping the last quarter\'s evidence', () => {
    const row = (subjectId: string, a: number, b: number, evidence: string) => ({ subjectId, total: a + b, evidence, items: [{ key: 'a', points: a, explanation: 'A' }, { key: 'b', points: b, explanation: `B ${evidence}` }] });
    const year = yearOfQuarters([
      { period: '2026-Q1', rows: [row('t1', 50, 40, 'q1'), row('t2', 30, 30, 'q1')] },
      { period: '2026-Q2', rows: [row('t1', 55, 40.01, 'q2')] },
      { period: '2026-Q3', rows: [row('t1', 60, 40, 'q3'), row('t2', 40, 31, 'q3'), row('t3', 10, 10, 'q3')] },
    ]);
    expect(year.map((r) => [r.subjectId, r.total, r.items.map((i) => i.points), r.quarters.map((q) => q.period), r.evidence])).toEqual([
      ['t1', 95, [55, 40], ['2026-Q1', '2026-Q2', '2026-Q3'], 'q3'],
      ['t2', 65.5, [35, 30.5], ['2026-Q1', '2026-Q3'], 'q3'],
      ['t3', 20, [10, 10], ['2026-Q3'], 'q3'],
    ]);
    expect(year[1]!.items[1]!.explanation).toBe('2 个季度平均；末季度：B q3');
    expect(yearOfQuarters([])).toEqual([]);
  });
});

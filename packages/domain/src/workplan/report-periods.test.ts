import { describe, expect, it } from 'vitest';
import { endedReportPeriods, reportPeriodPattern, reportPeriodStart } from './report-periods.ts';

describe('issue 8 §2: a target\'s report periods, Asia/Shanghai', () => {
  it('a month is over at the first instant of the next month in Shanghai (16:00 UTC the day before), leap February included', () => {
    expect(endedReportPeriods(2024, 'month', '2024-12-31', '2024-02-29T15:59:59.999Z')).toEqual(['2024-01']);
    expect(endedReportPeriods(2024, 'month', '2024-12-31', '2024-02-29T16:00:00.000Z')).toEqual(['2024-01', '2024-02']);
  });
  it('a quarter and a half-year end with their last day; the year\'s last quarter at the new year in Shanghai', () => {
    expect(endedReportPeriods(2024, 'quarter', '2024-12-31', '2024-09-30T15:59:59Z')).toEqual(['2024-Q1', '2024-Q2']);
    expect(endedReportPeriods(2024, 'quarter', '2024-12-31', '2024-09-30T16:00:00Z')).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
    expect(endedReportPeriods(2024, 'half', '2024-12-31', '2024-12-31T16:00:00Z')).toEqual(['2024-H1', '2024-H2']);
    expect(endedReportPeriods(2024, 'quarter', '2024-12-31', '2025-06-01T00:00:00Z')).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
  });
  it('stops at the due date: the period the target falls due in is owed, none after it', () => {
    expect(endedReportPeriods(2024, 'month', '2024-05-15', '2024-12-31T00:00:00Z')).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(endedReportPeriods(2024, 'month', '2024-05-15', '2024-05-20T00:00:00Z')).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(endedReportPeriods(2024, 'quarter', '2024-06-30', '2024-12-31T00:00:00Z')).toEqual(['2024-Q1', '2024-Q2']);
    // due the first day of a quarter: that quarter has begun, so it is owed
    expect(endedReportPeriods(2024, 'quarter', '2024-07-01', '2024-12-31T00:00:00Z')).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
  });
  it('writes and begins periods as the report form takes them', () => {
    expect(reportPeriodPattern.month.test('2024-02')).toBe(true);
    expect(reportPeriodPattern.month.test('2024-13')).toBe(false);
    expect(reportPeriodPattern.quarter.test('2024-Q4')).toBe(true);
    expect(reportPeriodPattern.half.test('2024-H3')).toBe(false);
    expect(reportPeriodStart('2024-02', 'month')).toBe('2024-02-01T00:00:00+08:00');
    expect(reportPeriodStart('2024-Q3', 'quarter')).toBe('2024-07-01T00:00:00+08:00');
    expect(reportPeriodStart('2024-H2', 'half')).toBe('2024-07-01T00:00:00+08:00');
  });
});

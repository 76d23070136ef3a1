import { describe, expect, it } from 'vitest';
import { periodOf, periodsBetween } from './periods.ts';

describe('periodOf (DOMAIN.md §1: calendar periods in Asia/Shanghai; ISO weeks Mon–Sun)', () => {
  it('puts 23:30 UTC on a Sunday into the next local day and ISO week', () => {
    // 2024-03-10 is a Sunday; 23:30 UTC is 07:30 Monday 11 March in Shanghai.
    expect(periodOf('2024-03-10T23:30:00Z', 'week')).toEqual({
      kind: 'week', key: '2024-W11', start: '2024-03-10T16:00:00.000Z', end: '2024-03-17T16:00:00.000Z',
    });
    expect(periodOf('2024-03-10T15:59:59Z', 'week').key).toBe('2024-W10');
  });
  it('uses the ISO week-year at year ends (2024-12-30 is in 2025-W01; 2021-01-03 is in 2020-W53)', () => {
    expect(periodOf('2024-12-30T04:00:00Z', 'week').key).toBe('2025-W01');
    expect(periodOf('2021-01-03T04:00:00Z', 'week').key).toBe('2020-W53');
  });
  it('computes month, quarter, half and year boundaries at Shanghai midnight', () => {
    expect(periodOf('2024-03-31T16:30:00Z', 'month')).toMatchObject({ key: '2024-04', start: '2024-03-31T16:00:00.000Z', end: '2024-04-30T16:00:00.000Z' });
    expect(periodOf('2024-05-01T00:00:00Z', 'quarter')).toMatchObject({ key: '2024-Q2', start: '2024-03-31T16:00:00.000Z', end: '2024-06-30T16:00:00.000Z' });
    expect(periodOf('2024-06-30T16:00:00Z', 'half').key).toBe('2024-H2');
    expect(periodOf('2023-12-31T16:00:00Z', 'year')).toMatchObject({ key: '2024', start: '2023-12-31T16:00:00.000Z', end: '2024-12-31T16:00:00.000Z' });
  });
  it('lists the periods overlapping a span', () => {
    expect(periodsBetween('2024-01-01T00:00:00Z', '2024-07-01T00:00:00Z', 'quarter').map((p) => p.key)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
    expect(periodsBetween('2023-12-31T15:00:00Z', '2024-01-01T00:00:00Z', 'quarter').map((p) => p.key)).toEqual(['2023-Q4', '2024-Q1']);
  });
});

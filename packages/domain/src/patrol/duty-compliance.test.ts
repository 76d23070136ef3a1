import { describe, expect, it } from 'vitest';
import { dutyCompliance } from './duty-compliance.ts';
import { defaultDutyRules } from './duty-rules.ts';

describe('dutyCompliance (DOMAIN.md §1 patrol and report duties; issue 3 §4)', () => {
  it('ships the Banan 2023 defaults: town chief 1/quarter, village chief 1/week, forest-farm chief 1/week', () => {
    const find = (level: string, duty: string) => defaultDutyRules.find((r) => r.role === 'chief' && r.level === level && r.duty === duty);
    expect(find('town', 'patrol')).toMatchObject({ count: 1, period: 'quarter' });
    expect(find('village', 'patrol')).toMatchObject({ count: 1, period: 'week' });
    expect(find('forest_farm', 'patrol')).toMatchObject({ count: 1, period: 'week' });
    expect(find('village', 'report')).toMatchObject({ count: 1, period: 'month' });
    expect(find('town', 'report')).toMatchObject({ count: 1, period: 'half' });
  });

  it('lists a village chief with no patrol this week as behind, last week as missed, and the week before as met', () => {
    // asOf: Wednesday 2024-05-08 10:00 Shanghai.
    const r = dutyCompliance({ count: 1, period: 'week', events: ['2024-04-24T02:00:00Z'], from: '2024-04-21T16:00:00Z', asOf: '2024-05-08T02:00:00Z' });
    expect(r.map((p) => [p.periodKey, p.status])).toEqual([['2024-W17', 'met'], ['2024-W18', 'missed'], ['2024-W19', 'behind']]);
    expect(r[2]!.remind).toBe(false);
  });

  it('reminds in the last 48 hours of a week and stops once the duty is met', () => {
    const saturday = '2024-05-11T04:00:00Z';
    expect(dutyCompliance({ count: 1, period: 'week', events: [], from: saturday, asOf: saturday })[0]).toMatchObject({ status: 'behind', remind: true });
    expect(dutyCompliance({ count: 1, period: 'week', events: ['2024-05-10T04:00:00Z'], from: saturday, asOf: saturday })[0]).toMatchObject({ status: 'met', remind: false });
  });

  it('counts Shanghai local time: Sunday 23:30 local belongs to that week', () => {
    // Sunday 2024-05-12 23:30 Shanghai = 15:30 UTC.
    const r = dutyCompliance({ count: 1, period: 'week', events: ['2024-05-12T15:30:00Z'], from: '2024-05-06T00:00:00Z', asOf: '2024-05-13T01:00:00Z' });
    expect(r.find((p) => p.periodKey === '2024-W19')?.status).toBe('met');
  });

  it('ignores events after asOf and needs the full count', () => {
    const r = dutyCompliance({ count: 2, period: 'quarter', events: ['2024-04-10T00:00:00Z', '2024-06-10T00:00:00Z'], from: '2024-04-01T00:00:00Z', asOf: '2024-05-01T00:00:00Z' });
    expect(r[0]).toMatchObject({ periodKey: '2024-Q2', done: 1, required: 2, status: 'behind' });
  });
});

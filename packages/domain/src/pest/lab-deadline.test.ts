import { describe, expect, it } from 'vitest';
import { countyHadInfection, labDeadlines, labOverdue, type LabSample } from './lab-deadline.ts';
import { chinaWorkingCalendar2024to2026 as cal } from './working-calendar.ts';

const sample = (over: Partial<LabSample> = {}): LabSample => ({
  id: 'S-1', receivedAt: '2026-09-24T02:00:00Z', writtenResultAt: null, outcome: null, identifiedAt: null,
  firstInCounty: false, phoneReportedAt: null, writtenReportAt: null, ...over,
});

// DOMAIN.md §6 Lab: written result within 5 working days.
describe('labDeadlines / labOverdue, written result', () => {
  it('gives the end (24:00 Shanghai) of the 5th working day after receipt, over 中秋 and 国庆 2026', () => {
    expect(labDeadlines(sample(), cal)).toEqual({ writtenResultDue: '2026-10-09T16:00:00.000Z', calendarCovered: true, phoneReportDue: null, writtenReportDue: null });
  });
  it('is not overdue until that instant, then overdue while no written result exists', () => {
    expect(labOverdue([sample()], '2026-10-09T15:59:00Z', cal)).toEqual([]);
    const late = labOverdue([sample()], '2026-10-09T18:00:00Z', cal);
    expect(late).toMatchObject([{ sampleId: 'S-1', duty: 'written_result', doneAt: null, overdueHours: 2 }]);
    expect(late[0]?.message).toContain('2026-10-09 24:00');
  });
  it('lists a result issued late, and not one issued in time', () => {
    expect(labOverdue([sample({ writtenResultAt: '2026-10-09T10:00:00Z' })], '2026-11-01T00:00:00Z', cal)).toEqual([]);
    expect(labOverdue([sample({ writtenResultAt: '2026-10-10T04:00:00Z' })], '2026-11-01T00:00:00Z', cal)).toMatchObject([{ duty: 'written_result', overdueHours: 12 }]);
  });
});

// DOMAIN.md §6 Lab: a positive in a county with no previous infection → phone within 1 h, written within 1 day.
describe('labOverdue, first positive in a county', () => {
  const positive = sample({ receivedAt: '2026-03-09T01:00:00Z', outcome: 'positive', identifiedAt: '2026-03-10T01:00:00Z', writtenResultAt: '2026-03-10T03:00:00Z', firstInCounty: true });
  it('runs the 1 h and 24 h clocks from the identification', () => {
    expect(labDeadlines(positive, cal)).toMatchObject({ phoneReportDue: '2026-03-10T02:00:00.000Z', writtenReportDue: '2026-03-11T01:00:00.000Z' });
  });
  it('flags a late phone call and a missing written report', () => {
    const found = labOverdue([{ ...positive, phoneReportedAt: '2026-03-10T02:30:00Z' }], '2026-03-11T02:00:00Z', cal);
    expect(found.map((f) => [f.duty, f.overdueHours])).toEqual([['phone_report', 0.5], ['written_report', 1]]);
  });
  it('runs no report clock for a county already infected or for a negative', () => {
    expect(labOverdue([{ ...positive, firstInCounty: false }], '2026-04-01T00:00:00Z', cal)).toEqual([]);
    expect(labDeadlines({ ...positive, outcome: 'negative' }, cal).phoneReportDue).toBeNull();
  });
});

describe('countyHadInfection', () => {
  it('knows a county with an earlier epidemic point, and counts a result recorded after asOf as not yet done', () => {
    const points = [{ unitCode: '500242101000', declaredOn: '2023-03-01', removedOn: '2025-06-01' }];
    expect(countyHadInfection(points, '500242000000', '2026-03-10')).toBe(true);
    expect(countyHadInfection(points, '500241000000', '2026-03-10')).toBe(false);
    expect(countyHadInfection(points, '500242000000', '2023-03-01')).toBe(false);
    expect(labOverdue([sample({ writtenResultAt: '2026-10-12T00:00:00Z' })], '2026-10-10T16:00:00Z', cal)).toMatchObject([{ doneAt: null, overdueHours: 24 }]);
  });
});

import { describe, expect, it } from 'vitest';
import { wildlifeReportCalendar, wildlifeReportCutoff, missingWildlifeReports, type WildlifeDailyReport, type WildlifeStation } from './wildlife-daily-report.ts';

const stations: WildlifeStation[] = [
  { id: 'S1', name: '酉阳桃花源监测站', activeFrom: '2026-01-01', activeTo: null, supervisorId: 'u-9' },
  { id: 'S2', name: '酉水河监测点', activeFrom: '2026-03-03', activeTo: null, supervisorId: null },
];
const reports: WildlifeDailyReport[] = [
  { stationId: 'S1', date: '2026-03-01', submittedAt: '2026-03-01T02:00:00Z', zero: true },
  { stationId: 'S1', date: '2026-03-03', submittedAt: '2026-03-03T08:30:00Z', zero: false }, // 16:30 Shanghai: late
  { stationId: 'S2', date: '2026-03-03', submittedAt: '2026-03-03T06:59:00Z', zero: true }, // 14:59
];

// DOMAIN.md §7: every station reports daily, zero reports included [C]; cut-off configurable, default 15:00 [U].
describe('missingWildlifeReports', () => {
  it('flags a station that missed a day only after that day’s cut-off (issue 7 done-when)', () => {
    expect(wildlifeReportCutoff('2026-03-02')).toBe('2026-03-02T07:00:00.000Z');
    expect(missingWildlifeReports(stations, reports, '2026-03-01', '2026-03-02T06:59:00Z')).toEqual([]);
    expect(missingWildlifeReports(stations, reports, '2026-03-01', '2026-03-02T07:00:00Z')).toEqual([
      { stationId: 'S1', stationName: '酉阳桃花源监测站', supervisorId: 'u-9', date: '2026-03-02', cutoffAt: '2026-03-02T07:00:00.000Z' },
    ]);
  });
  it('counts a zero report as a report, ignores days before a station starts and reports not yet made at asOf', () => {
    const at = missingWildlifeReports(stations, reports, '2026-03-01', '2026-03-03T07:30:00Z');
    expect(at.map((m) => `${m.stationId} ${m.date}`)).toEqual(['S1 2026-03-02', 'S1 2026-03-03']);
  });
  it('follows a configured cut-off', () => {
    expect(missingWildlifeReports(stations, reports, '2026-03-02', '2026-03-02T09:00:00Z', { dailyReportCutoff: '18:00' })).toEqual([]);
    // a rule version that moves the cut-off to 18:00 from 2026-03-03 on: the 2nd still closes at 15:00, the 3rd at 18:00
    const byDay = (d: string) => ({ dailyReportCutoff: d >= '2026-03-03' ? '18:00' : '15:00' });
    expect(missingWildlifeReports(stations.slice(0, 1), [], '2026-03-02', '2026-03-03T09:00:00Z', byDay).map((m) => `${m.date} ${m.cutoffAt}`)).toEqual(['2026-03-02 2026-03-02T07:00:00.000Z']);
    expect(missingWildlifeReports(stations.slice(0, 1), [], '2026-03-02', '2026-03-03T10:00:00Z', byDay).map((m) => m.date)).toEqual(['2026-03-02', '2026-03-03']);
  });
});

describe('wildlifeReportCalendar', () => {
  it('shows reported, zero, late, missing, pending and future days, and the runs of missing days', () => {
    const cal = wildlifeReportCalendar(stations[0]!, reports, '2026-03-01', '2026-03-07', '2026-03-06T03:00:00Z');
    expect(cal.days.map((d) => `${d.date.slice(8)}:${d.state}${d.zero ? '0' : ''}`)).toEqual(['01:reported0', '02:missing', '03:late', '04:missing', '05:missing', '06:pending', '07:future']);
    expect(cal.gaps).toEqual([{ from: '2026-03-02', to: '2026-03-02', days: 1 }, { from: '2026-03-04', to: '2026-03-05', days: 2 }]);
    expect(wildlifeReportCalendar(stations[1]!, reports, '2026-03-01', '2026-03-03', '2026-03-04T00:00:00Z').days.map((d) => d.state)).toEqual(['inactive', 'inactive', 'reported']);
  });
});

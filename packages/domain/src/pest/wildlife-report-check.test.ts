import { describe, expect, it } from 'vitest';
import { abnormalDeaths, checkWildlifeReport, reportSubmittedAt } from './wildlife-report-check.ts';

const station = { activeFrom: '2026-03-01', activeTo: null };
const codes = (draft: Parameters<typeof checkWildlifeReport>[0], today = '2026-03-10') => checkWildlifeReport(draft, station, today).map((f) => `${f.code}@${f.field}`);

// DOMAIN.md §7: daily reports, including zero reports when nothing is found (日报告、零报告) [C]; abnormal deaths are
// problem reports (§2).
describe('checkWildlifeReport', () => {
  it('accepts a zero report and a report of what was seen', () => {
    expect(codes({ date: '2026-03-10', zero: true, observations: [] })).toEqual([]);
    expect(codes({ date: '2026-03-09', zero: false, observations: [{ species: '白鹭', count: 12, dead: 0 }, { species: '野猪', count: 3, dead: 1 }] })).toEqual([]);
  });
  it('refuses a zero report with observations, and a non-zero report without any', () => {
    expect(codes({ date: '2026-03-10', zero: true, observations: [{ species: '白鹭', count: 1, dead: 0 }] })).toEqual(['zero_with_observations@/observations']);
    expect(codes({ date: '2026-03-10', zero: false, observations: [] })).toEqual(['observations_missing@/observations']);
  });
  it('refuses a future day, a day the station was not active, an impossible date', () => {
    expect(codes({ date: '2026-03-11', zero: true, observations: [] })).toEqual(['date_future@/date']);
    expect(codes({ date: '2026-02-28', zero: true, observations: [] })).toEqual(['station_inactive@/date']);
    expect(codes({ date: '2026-02-30', zero: true, observations: [] })).toEqual(['date_invalid@/date']);
    expect(checkWildlifeReport({ date: '2026-03-06', zero: true, observations: [] }, { activeFrom: '2026-03-01', activeTo: '2026-03-05' }, '2026-03-10').map((f) => f.code)).toEqual(['station_inactive']);
  });
  it('checks each observation: counts, dead ≤ count, species once', () => {
    expect(codes({ date: '2026-03-10', zero: false, observations: [{ species: '白鹭', count: 0, dead: 0 }, { species: '野猪', count: 2, dead: 3 }, { species: '白鹭 ', count: 1, dead: 0.5 }] })).toEqual([
      'count_invalid@/observations/0/count', 'dead_exceeds_count@/observations/1/dead', 'count_invalid@/observations/2/dead', 'species_repeated@/observations/2/species',
    ]);
  });
  it('lists the abnormal deaths by species', () => {
    expect(abnormalDeaths([{ species: ' 白鹭', count: 12, dead: 2 }, { species: '野猪', count: 3, dead: 0 }])).toEqual([{ species: '白鹭', dead: 2 }]);
  });
});

// DOMAIN.md §7: the cut-off decides 迟报; a report made offline is judged by when it was made on the phone.
describe('reportSubmittedAt', () => {
  const now = '2026-04-10T10:00:00.000Z'; // 18:00 Shanghai on the 10th
  it('is now without madeAt, and madeAt when it was made that day or later', () => {
    expect(reportSubmittedAt('2026-04-10', undefined, now)).toEqual({ ok: true, value: now });
    expect(reportSubmittedAt('2026-04-08', '2026-04-08T02:00:00Z', now)).toEqual({ ok: true, value: '2026-04-08T02:00:00.000Z' });
    expect(reportSubmittedAt('2026-04-08', '2026-04-07T16:00:00Z', now).ok).toBe(true); // 00:00 on the 8th, Shanghai
  });
  it('refuses a time before the day and one more than 5 minutes ahead; a little ahead counts as now', () => {
    expect(reportSubmittedAt('2026-04-08', '2026-04-07T15:59:59Z', now)).toMatchObject({ ok: false, error: { field: '/madeAt' } });
    expect(reportSubmittedAt('2026-04-10', 'not a time', now)).toMatchObject({ ok: false, error: { field: '/madeAt' } });
    expect(reportSubmittedAt('2026-04-10', '2026-04-10T10:06:00Z', now)).toMatchObject({ ok: false, error: { field: '/madeAt' } });
    expect(reportSubmittedAt('2026-04-10', '2026-04-10T10:04:00Z', now)).toEqual({ ok: true, value: now });
  });
});

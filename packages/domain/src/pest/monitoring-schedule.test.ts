import { describe, expect, it } from 'vitest';
import { muToSquareMetres } from '../units/area-units.ts';
import { autumnSurveyStatus, lureTreesNeeded, pestMonitoringDue, type PestMonitoringVisit } from './monitoring-schedule.ts';

const parcels = [
  { code: 'P1', monitoredFrom: '2026-01-01' },
  { code: 'P2', monitoredFrom: '2026-01-01' },
  { code: 'P3', monitoredFrom: '2026-08-20' },
];
const visits: PestMonitoringVisit[] = [
  { parcelCode: 'P1', date: '2026-08-31', kind: 'routine' },
  { parcelCode: 'P1', date: '2026-06-10', kind: 'routine' },
  { parcelCode: 'P2', date: '2026-07-01', kind: 'routine' },
  { parcelCode: 'P2', date: '2026-09-15', kind: 'autumn_survey' },
];

// DOMAIN.md §6 Monitoring: by 小班 at least every 2 months.
describe('pestMonitoringDue', () => {
  it('is due two months after the last visit (month-end clamped), overdue the day after', () => {
    const at = (asOf: string) => pestMonitoringDue(parcels, visits, asOf).map((d) => [d.code, d.dueBy, d.state, d.overdueDays]);
    expect(at('2026-09-10')).toEqual([['P1', '2026-10-31', 'ok', 0], ['P2', '2026-09-01', 'overdue', 9], ['P3', '2026-10-20', 'ok', 0]]);
    expect(at('2026-10-20')).toEqual([['P1', '2026-10-31', 'due', 0], ['P2', '2026-11-15', 'ok', 0], ['P3', '2026-10-20', 'due', 0]]);
    expect(at('2026-10-21')[2]).toEqual(['P3', '2026-10-20', 'overdue', 1]);
  });
  it('ignores visits recorded after asOf', () => {
    expect(pestMonitoringDue(parcels, visits, '2026-08-01')[0]).toMatchObject({ lastVisit: '2026-06-10', dueBy: '2026-08-10', state: 'due' });
  });
});

// DOMAIN.md §6 Monitoring: annual autumn special survey Sept–Nov.
describe('autumnSurveyStatus', () => {
  it('is pending during Sept–Nov and missed after it for the 小班 not surveyed', () => {
    expect(autumnSurveyStatus(parcels, visits, 2026, '2026-08-31')).toMatchObject({ phase: 'not_started', from: '2026-09-01', to: '2026-11-30', surveyed: [] });
    expect(autumnSurveyStatus(parcels, visits, 2026, '2026-10-01')).toMatchObject({ phase: 'open', surveyed: ['P2'], outstanding: ['P1', 'P3'], missed: false });
    expect(autumnSurveyStatus(parcels, visits, 2026, '2026-12-01')).toMatchObject({ phase: 'closed', missed: true });
  });
});

// DOMAIN.md §6 Felling: lure trees 1 per 10 亩 (rounded up).
describe('lureTreesNeeded', () => {
  it('rounds up to whole trees and tolerates m² rounding of whole 亩', () => {
    expect([0, 5, 10, 10.01, 25, 100].map((mu) => lureTreesNeeded(muToSquareMetres(mu)))).toEqual([0, 1, 1, 2, 3, 10]);
    expect(lureTreesNeeded(66_666.67)).toBe(10);
  });
});

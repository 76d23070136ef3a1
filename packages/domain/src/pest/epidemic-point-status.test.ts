import { describe, expect, it } from 'vitest';
import { epidemicPointOn, epidemicPointsOn, type EpidemicPointPeriod } from './epidemic-points.ts';
import { clearYearRun, countyEpidemicStatus, epidemicTargetProgress, townEpidemicStatus, type TownSurveyYear } from './epidemic-point-status.ts';

const A = '500242101000';
const B = '500242102000';
const C = '500242103000';
const points: EpidemicPointPeriod[] = [
  { unitCode: A, declaredOn: '2023-03-01', removedOn: null },
  { unitCode: B, declaredOn: '2024-03-01', removedOn: null },
  { unitCode: C, declaredOn: '2021-03-01', removedOn: '2025-06-01' },
  { unitCode: '500243101000', declaredOn: '2022-01-01', removedOn: null }, // another county
];
const surveys: TownSurveyYear[] = [
  { townCode: A, year: 2023, detected: true }, { townCode: A, year: 2024, detected: false }, { townCode: A, year: 2025, detected: false },
  { townCode: B, year: 2024, detected: true }, { townCode: B, year: 2025, detected: false },
  { townCode: C, year: 2026, detected: false },
];

// DOMAIN.md §6: removal (拔除/摘牌) after a run of years with no detection — "2 consecutive years" [U].
describe('townEpidemicStatus', () => {
  it('shows "removal may be applied for" for a town with two clear years (issue 7 done-when)', () => {
    const s = townEpidemicStatus(A, points, surveys, '2026-03-01');
    expect(s).toMatchObject({ isPoint: true, clearYears: 2, clearYearList: [2025, 2024], lastDetectionYear: 2023, removal: 'may_apply', yearsToGo: 0 });
    expect(s.label).toContain('可申请拔除（摘牌）');
  });
  it('needs another year after a single clear one, and follows a configured run', () => {
    expect(townEpidemicStatus(B, points, surveys, '2026-03-01')).toMatchObject({ removal: 'not_yet', clearYears: 1, yearsToGo: 1 });
    expect(townEpidemicStatus(B, points, surveys, '2026-03-01', { clearYearsForRemoval: 1 }).removal).toBe('may_apply');
    expect(townEpidemicStatus(A, points, surveys, '2026-03-01', { clearYearsForRemoval: 3 }).label).toBe('连续 2 年未发现疫情，还需 1 年方可申请拔除');
  });
  it('counts this year once its survey is recorded, and lets a missing year break the run', () => {
    expect(clearYearRun([...surveys, { townCode: A, year: 2026, detected: false }], A, '2026-12-01')).toEqual([2026, 2025, 2024]);
    expect(clearYearRun([{ townCode: A, year: 2023, detected: false }, { townCode: A, year: 2025, detected: false }], A, '2026-05-01')).toEqual([2025]);
    expect(clearYearRun([{ townCode: A, year: 2025, detected: false }, { townCode: A, year: 2025, detected: true }], A, '2026-05-01')).toEqual([]);
  });
  it('reports a removed town and a town that never was a point', () => {
    expect(townEpidemicStatus(C, points, surveys, '2026-03-01')).toMatchObject({ isPoint: false, removal: 'not_a_point', label: '已拔除（2025-06-01）' });
    expect(townEpidemicStatus('500242104000', points, surveys, '2026-03-01').label).toBe('非疫点');
  });
  it('keeps epidemicPointOn (used by the logging permit rule) and lists the points of a county', () => {
    expect(epidemicPointOn(points, C, '2025-05-31')).not.toBeNull();
    expect(epidemicPointOn(points, C, '2025-06-01')).toBeNull();
    expect(epidemicPointsOn(points, '500242000000', '2025-01-01').map((p) => p.unitCode)).toEqual([A, B, C]);
  });
});

// DOMAIN.md §6: epidemic area 疫区 (county level) from its epidemic points 疫点 (town level).
describe('countyEpidemicStatus', () => {
  it('is an epidemic area while a town is a point, and says which points may apply', () => {
    expect(countyEpidemicStatus('500242000000', points, surveys, '2026-03-01')).toMatchObject({ isEpidemicArea: true, mayApplyTowns: [A], allPointsMayApply: false, label: '疫区：2 个疫点，其中 1 个可申请拔除' });
    const later = [...surveys, { townCode: B, year: 2026, detected: false }];
    expect(countyEpidemicStatus('500242000000', points, later, '2026-12-01').allPointsMayApply).toBe(true);
    expect(countyEpidemicStatus('500242000000', [points[2]!], surveys, '2026-03-01')).toMatchObject({ isEpidemicArea: false, label: '非疫区' });
  });
});

// DOMAIN.md §10 plan targets, e.g. "拔除疫点 3 个, 巩固 2 个".
describe('epidemicTargetProgress', () => {
  const removed: EpidemicPointPeriod[] = [
    ...points,
    { unitCode: A, declaredOn: '2020-01-01', removedOn: '2022-05-01' },
    { unitCode: '500242105000', declaredOn: '2020-01-01', removedOn: '2024-05-01' },
  ];
  it('counts points removed in the year up to asOf', () => {
    const p = epidemicTargetProgress({ kind: 'remove_points', count: 3 }, '500242000000', 2025, removed, surveys, '2025-12-31');
    expect(p).toMatchObject({ achieved: 1, met: false, towns: [C], label: '拔除疫点 1/3 个' });
    expect(epidemicTargetProgress({ kind: 'remove_points', count: 1 }, '500242000000', 2025, removed, surveys, '2025-05-31').achieved).toBe(0);
  });
  it('counts earlier removals kept free, and names those that relapsed', () => {
    const p = epidemicTargetProgress({ kind: 'keep_free', count: 2 }, '500242000000', 2026, removed, surveys, '2026-06-01');
    expect(p).toMatchObject({ towns: [C, '500242105000'], relapsed: [A], achieved: 2, met: true, label: '巩固已拔除疫点 2/2 个，1 个复发' });
  });
});

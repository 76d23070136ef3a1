import { describe, expect, it } from 'vitest';
import { townEpidemicStatus } from './epidemic-point-status.ts';
import { townSurveyYears } from './town-survey-years.ts';

const A = '500242101000';
const B = '500242102000';

// DOMAIN.md §6: removal (拔除/摘牌) after a run of years with no detection; a year counts only when surveyed.
describe('townSurveyYears', () => {
  it('records a detection year whatever the survey, and a clear year only after a complete autumn survey', () => {
    const years = townSurveyYears(
      [{ townCode: A, year: 2024, complete: true }, { townCode: A, year: 2025, complete: true }, { townCode: B, year: 2025, complete: false }, { townCode: B, year: 2024, complete: true }],
      [{ townCode: A, year: 2023 }, { townCode: B, year: 2024 }, { townCode: B, year: 2024 }],
    );
    expect(years).toEqual([
      { townCode: A, year: 2023, detected: true }, { townCode: A, year: 2024, detected: false }, { townCode: A, year: 2025, detected: false },
      { townCode: B, year: 2024, detected: true },
    ]);
  });
  it('feeds the removal standing: two complete clear autumns → 可申请拔除（摘牌）; a partial one breaks the run', () => {
    const points = [{ unitCode: A, declaredOn: '2023-04-01', removedOn: null }];
    const clear = townSurveyYears([{ townCode: A, year: 2024, complete: true }, { townCode: A, year: 2025, complete: true }], [{ townCode: A, year: 2023 }]);
    expect(townEpidemicStatus(A, points, clear, '2026-03-01').label).toContain('可申请拔除（摘牌）');
    const partial = townSurveyYears([{ townCode: A, year: 2024, complete: true }, { townCode: A, year: 2025, complete: false }], []);
    expect(townEpidemicStatus(A, points, partial, '2026-03-01').removal).toBe('not_yet');
  });
});

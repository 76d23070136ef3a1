import { describe, expect, it } from 'vitest';
import { infrastructureProgress, yearElapsed, type InfrastructureMeasure, type InfrastructureTarget } from './infrastructure-progress.ts';

const county = '500242000000', town = '500242100000', village = '500242100201', otherVillage = '500242100202', otherTown = '500242101000';
const item = (unitCode: string, kind: InfrastructureMeasure['kind'], over: Partial<InfrastructureMeasure> = {}): InfrastructureMeasure =>
  ({ unitCode, kind, status: 'built', builtYear: 2024, lengthM: null, ...over });
const target = (unitCode: string, kind: InfrastructureTarget['kind'], value: number, over: Partial<InfrastructureTarget> = {}): InfrastructureTarget =>
  ({ unitCode, kind, year: 2024, value, basis: 'new', source: null, ...over });

describe('infrastructureProgress (DOMAIN.md §10: plan tasks with quantities, e.g. 视频监控点位 82个; §5 infrastructure kinds)', () => {
  it("counts a town's villages in the town's figure and the county's (DOMAIN.md §3 unit tree)", () => {
    const items = [item(village, 'video_point'), item(otherVillage, 'video_point'), item(town, 'video_point'), item(otherTown, 'video_point')];
    const rows = infrastructureProgress([county, town, village], items, [], 2024, '2024-12-31');
    expect(rows.map((r) => [r.unitCode, r.actual])).toEqual([[county, 4], [town, 3], [village, 1]]);
    expect(rows.every((r) => r.target === null && r.status === null)).toBe(true);
  });

  it('adds line lengths in km for firebreaks and fire trails (DOMAIN.md §5: km) and counts points in their sets', () => {
    const items = [item(village, 'firebreak', { lengthM: 1500 }), item(town, 'firebreak', { lengthM: 2250 }), item(town, 'water_tank')];
    const rows = infrastructureProgress([town], items, [target(town, 'firebreak', 5)], 2024, '2024-12-31');
    expect(rows.find((r) => r.kind === 'firebreak')).toMatchObject({ actual: 3.75, target: 5, status: 'behind' });
    expect(rows.find((r) => r.kind === 'water_tank')).toMatchObject({ actual: 1, target: null });
  });

  it("reads 'new' targets against works built that year and 'total' targets against all in service by its end", () => {
    const items = [item(town, 'watchtower', { builtYear: 2019 }), item(town, 'watchtower'), item(town, 'watchtower', { status: 'out_of_service', builtYear: 2015 }),
      item(town, 'watchtower', { status: 'building', builtYear: null }), item(town, 'watchtower', { builtYear: 2025 })];
    const [fresh] = infrastructureProgress([town], items, [target(town, 'watchtower', 1)], 2024, '2024-06-30');
    expect(fresh).toMatchObject({ actual: 1, building: 1, status: 'met' });
    const [total] = infrastructureProgress([town], items, [target(town, 'watchtower', 3, { basis: 'total' })], 2024, '2024-06-30');
    expect(total).toMatchObject({ actual: 2, target: 3, basis: 'total' });
  });

  it('is ahead when on the pace of the year gone by and behind when short of it, met at the target', () => {
    const items = Array.from({ length: 41 }, () => item(town, 'video_point'));
    const at = (asOf: string, value: number) => infrastructureProgress([town], items, [target(town, 'video_point', value)], 2024, asOf)[0]!;
    expect(at('2024-06-30', 82)).toMatchObject({ status: 'ahead', target: 82 }); // 41 ≥ 82 × 182/366 ≈ 40.8 (1 Jan – 30 Jun of a leap year)
    expect(at('2024-06-30', 82).expected).toBeCloseTo((82 * 182) / 366, 9);
    expect(at('2024-09-30', 82).status).toBe('behind');
    expect(at('2025-01-05', 82).status).toBe('behind');
    expect(at('2024-03-01', 41).status).toBe('met');
  });

  it("takes a unit's own target first, else the sum of the highest targets set below it, with their sources", () => {
    const targets = [target(village, 'ten_household_group', 2, { source: 'A' }), target(otherVillage, 'ten_household_group', 3, { source: 'B' }), target(otherTown, 'ten_household_group', 4)];
    const rows = infrastructureProgress([county, town], [item(village, 'ten_household_group')], targets, 2024, '2024-12-31');
    expect(rows.find((r) => r.unitCode === county)).toMatchObject({ target: 9, targetFrom: 'descendants', actual: 1 });
    expect(rows.find((r) => r.unitCode === town)).toMatchObject({ target: 5, targetFrom: 'descendants', sources: ['A', 'B'] });
    const own = infrastructureProgress([town], [], [...targets, target(town, 'ten_household_group', 6, { source: 'plan' })], 2024, '2024-12-31');
    expect(own[0]).toMatchObject({ target: 6, targetFrom: 'own', sources: ['plan'], status: 'behind' });
  });

  it('ignores targets of other years', () => {
    expect(infrastructureProgress([town], [], [target(town, 'checkpoint', 2, { year: 2023 })], 2024, '2024-12-31')).toEqual([]);
  });
});

describe('yearElapsed (periods in Asia/Shanghai dates)', () => {
  it('is 0 before the year, 1 after it, and counts the day of asOf as gone', () => {
    expect(yearElapsed(2025, '2024-12-31')).toBe(0);
    expect(yearElapsed(2023, '2024-01-01')).toBe(1);
    expect(yearElapsed(2024, '2024-01-01')).toBeCloseTo(1 / 366, 12);
    expect(yearElapsed(2024, '2024-12-31')).toBe(1);
  });
});

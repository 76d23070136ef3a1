import { describe, expect, it } from 'vitest';
import {
  defaultReplantingDeadline, permitNumber, permitRefusals, quotaForestClassOf, replantingState, validateQuotaTable,
  type PermitCheck, type QuotaTable,
} from './logging.ts';
import { epidemicPointOn } from '../pest/epidemic-points.ts';

// DOMAIN.md §4: a quota per unit × 森林类别 (公益林/商品林) × 起源 × 采伐类型, total cap plus item caps; a permit
// consumes standing volume from exactly one cell and is refused if the cell would be exceeded; natural forest
// gets no commercial logging; re-planting area ≥ felled area.
const table: QuotaTable = {
  totalM3: 1000,
  items: [
    { forestClass: 'commercial', origin: 'planted', cuttingType: 'main', volumeM3: 600 },
    { forestClass: 'public_welfare', origin: 'natural', cuttingType: 'tending', volumeM3: 300 },
  ],
};
const request = (over: Partial<PermitCheck> = {}): PermitCheck => ({
  cell: { forestClass: 'commercial', origin: 'planted', cuttingType: 'main' },
  volumeM3: 100,
  areaM2: 10_000,
  parcel: { areaM2: 20_000, volumeM3: 400, grantedVolumeM3: 0, grantedAreaM2: 0 },
  epidemicPoint: null,
  pestApproval: null,
  quota: { unitName: '酉阳县', year: 2026, table, usedCellM3: 0, usedTotalM3: 0 },
  ...over,
});
const codes = (c: PermitCheck) => permitRefusals(c).map((r) => r.code);

describe('quota forest class', () => {
  it('maps 森林类别 11/12 to 公益林 and 21/22 to 商品林 (DOMAIN.md §3 codes)', () => {
    expect(['11', '12', '21', '22', null].map(quotaForestClassOf)).toEqual(['public_welfare', 'public_welfare', 'commercial', 'commercial', null]);
  });
});

describe('validateQuotaTable', () => {
  it('accepts item caps that sum to the total', () => {
    expect(validateQuotaTable({ totalM3: 900, items: table.items })).toEqual([]);
  });
  it('refuses item caps beyond the total, duplicated cells and negative caps, naming the field', () => {
    expect(validateQuotaTable({ totalM3: 899.999, items: table.items })).toEqual([{ field: 'items', message: '分项限额之和 900 m³ 超过总限额 899.999 m³' }]);
    const dup = validateQuotaTable({ totalM3: 2000, items: [...table.items, { ...table.items[0]!, volumeM3: 1 }] });
    expect(dup.map((f) => f.field)).toEqual(['items/2']);
    expect(dup[0]!.message).toContain('商品林·人工·主伐');
    expect(validateQuotaTable({ totalM3: -1, items: [{ ...table.items[0]!, volumeM3: Number.NaN }] }).map((f) => f.field)).toEqual(['totalM3', 'items/0/volumeM3']);
  });
});

describe('permitRefusals', () => {
  it('issues a permit within its cell, the total and the parcel', () => {
    expect(permitRefusals(request())).toEqual([]);
  });
  it('refuses a permit that would exceed its cell, saying the cap, the use so far and what is left', () => {
    const r = permitRefusals(request({ volumeM3: 100.001, quota: { unitName: '酉阳县', year: 2026, table, usedCellM3: 500, usedTotalM3: 500 } }));
    expect(r).toEqual([{ code: 'cell_exceeded', field: 'volumeM3', message: '超出采伐限额：酉阳县2026 年“商品林·人工·主伐”分项限额 600 m³，已用 500 m³，剩余 100 m³，本证申请 100.001 m³' }]);
    // exactly filling the cell is allowed, even after many small permits summed in floating point
    const used = Array.from({ length: 5000 }, () => 0.1).reduce((s, v) => s + v, 0); // 499.9999999999… in floats
    expect(codes(request({ volumeM3: 100, quota: { unitName: '酉阳县', year: 2026, table, usedCellM3: used, usedTotalM3: used } }))).toEqual([]);
  });
  it('refuses a permit over the total even when its cell has room', () => {
    const r = request({ volumeM3: 50, quota: { unitName: '酉阳县', year: 2026, table, usedCellM3: 0, usedTotalM3: 980 } });
    expect(codes(r)).toEqual(['total_exceeded']);
  });
  it('refuses commercial logging (主伐) of natural forest', () => {
    expect(codes(request({ cell: { forestClass: 'commercial', origin: 'natural', cuttingType: 'main' } }))).toEqual(['natural_commercial', 'no_cell']);
    expect(codes(request({ cell: { forestClass: 'public_welfare', origin: 'natural', cuttingType: 'tending' } }))).toEqual([]);
  });
  it('refuses a parcel in an epidemic point without the pest approval number, and accepts it with one', () => {
    expect(permitRefusals(request({ epidemicPoint: '龙潭镇' }))).toEqual([
      { code: 'epidemic_point', field: 'pestApproval', message: '小班位于松材线虫病疫点（龙潭镇），须先取得林业有害生物防治检疫机构的采伐审批，并填写审批文号' },
    ]);
    expect(codes(request({ epidemicPoint: '龙潭镇', pestApproval: '  ' }))).toEqual(['epidemic_point']);
    expect(codes(request({ epidemicPoint: '龙潭镇', pestApproval: '酉林检〔2026〕12号' }))).toEqual([]);
  });
  it('refuses more area or volume than the parcel has left this year', () => {
    expect(codes(request({ areaM2: 12_000, parcel: { areaM2: 20_000, volumeM3: 400, grantedVolumeM3: 0, grantedAreaM2: 10_000 } }))).toEqual(['parcel_area']);
    expect(codes(request({ volumeM3: 100, parcel: { areaM2: 20_000, volumeM3: 400, grantedVolumeM3: 300.5, grantedAreaM2: 0 } }))).toEqual(['parcel_volume']);
    // an unknown parcel volume cannot be checked against
    expect(codes(request({ parcel: { areaM2: 20_000, volumeM3: null, grantedVolumeM3: 0, grantedAreaM2: 0 } }))).toEqual([]);
  });
  it('refuses when no quota or no cell was set for the year', () => {
    expect(permitRefusals(request({ quota: { unitName: '酉阳县', year: 2027, table: null, usedCellM3: 0, usedTotalM3: 0 } }))[0]!.message).toBe('酉阳县2027 年未下达采伐限额，不能发放采伐许可证');
    expect(codes(request({ cell: { forestClass: 'commercial', origin: 'planted', cuttingType: 'regeneration' } }))).toEqual(['no_cell']);
  });
});

describe('re-planting', () => {
  it('is due by the end of the year after cutting (当年或者次年内)', () => {
    expect(defaultReplantingDeadline('2026-03-31')).toBe('2027-12-31');
  });
  it('is done when the planted area reaches the felled area (DOMAIN.md §4), overdue after the deadline day', () => {
    const p = { cuttingType: 'main' as const, areaM2: 10_000, deadline: '2027-12-31', plantedM2: 9_000 };
    expect(replantingState(p, '2027-12-31')).toBe('pending');
    expect(replantingState(p, '2028-01-01')).toBe('overdue');
    expect(replantingState({ ...p, plantedM2: 10_000 }, '2028-01-01')).toBe('done');
    expect(replantingState({ ...p, cuttingType: 'tending' }, '2030-01-01')).toBe('not_required');
  });
});

describe('epidemic points and permit numbers', () => {
  it('finds the epidemic point standing on a day (declared inclusive, removed exclusive)', () => {
    const points = [{ unitCode: '500242101000', declaredOn: '2024-05-01', removedOn: '2026-06-01' }];
    expect(epidemicPointOn(points, '500242101000', '2024-05-01')).not.toBeNull();
    expect(epidemicPointOn(points, '500242101000', '2026-05-31')).not.toBeNull();
    expect(epidemicPointOn(points, '500242101000', '2026-06-01')).toBeNull();
    expect(epidemicPointOn(points, '500242102000', '2025-01-01')).toBeNull();
  });
  it('numbers permits by county, year and serial', () => {
    expect(permitNumber('500242000000', 2026, 7)).toBe('500242-2026-0007');
  });
});

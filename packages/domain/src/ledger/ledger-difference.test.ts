import { describe, expect, it } from 'vitest';
import { landClassDeltas, parcelChanges, type LedgerParcelVersion } from './ledger-difference.ts';

// Issue 5 §2: yearly versions of the ledger (年度更新) and their difference per parcel and per unit.
const p = (parcelNo: string, landClass: string, areaM2: number, forestCategory: string | null = '11'): LedgerParcelVersion => ({ unitCode: '500242101200', parcelNo, landClass, forestCategory, areaM2 });

describe('ledger differences between two years', () => {
  const y2023 = [p('1', '0111', 1000), p('2', '0111', 500), p('3', '0210', 800, null), p('4', '0113', 300)];
  const y2024 = [p('1', '0111', 1000.5), p('2', '0161', 500), p('3', '0141', 800, '12'), p('5', '0111', 200)];

  it('lists parcels added, removed and changed, ignoring re-digitising noise', () => {
    expect(parcelChanges(y2023, y2024).map((c) => [c.parcelNo, c.kind, c.kind === 'changed' ? c.fields : null])).toEqual([
      ['2', 'changed', ['landClass']], // felled: 乔木林地 → 采伐迹地
      ['3', 'changed', ['landClass', 'forestCategory']], // afforested farmland
      ['4', 'removed', null],
      ['5', 'added', null],
    ]);
  });

  it('sums the change of area per land class', () => {
    const d = landClassDeltas(y2023, y2024);
    expect(d.find((r) => r.landClass === '0210')).toEqual({ landClass: '0210', fromM2: 800, toM2: 0, deltaM2: -800 });
    expect(d.find((r) => r.landClass === '0111')).toEqual({ landClass: '0111', fromM2: 1500, toM2: 1200.5, deltaM2: -299.5 });
    expect(d[0]!.landClass).toBe('0141'); // largest change first (+800, then −800 by code order)
  });
});

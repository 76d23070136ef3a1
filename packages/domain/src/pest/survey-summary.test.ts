import { describe, expect, it } from 'vitest';
import { surveySummary, type ParcelSurveyRecord } from './survey-summary.ts';

const rec = (over: Partial<ParcelSurveyRecord>): ParcelSurveyRecord => ({
  parcelCode: 'X', unitCode: '500242101001', pineAreaM2: 0, infected: false, occurrenceAreaM2: 0, deadPines: 0, deadDiseased: 0, deadOther: 0, ...over,
});
const records = [
  rec({ parcelCode: 'A1', unitCode: '500242101001', pineAreaM2: 100_000, infected: true, occurrenceAreaM2: 100_000, deadPines: 140, deadDiseased: 12, deadOther: 100 }),
  rec({ parcelCode: 'A2', unitCode: '500242101002', pineAreaM2: 50_000, deadPines: 3, deadOther: 3 }),
  rec({ parcelCode: 'B1', unitCode: '500242102001', pineAreaM2: 80_000 }),
];

// DOMAIN.md §6: the national summary table row per administrative unit (松林面积, 疫情小班数, 发生面积,
// 无疫情小班数/面积, 死亡松树总数 / 病死 / 其他原因) from 小班-level survey records.
describe('surveySummary', () => {
  it('sums the 小班 records per town, with a total', () => {
    const r = surveySummary(records, 'town');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.rows).toEqual([
      { unitCode: '500242101000', pineAreaM2: 150_000, infectedParcels: 1, occurrenceAreaM2: 100_000, clearParcels: 1, clearAreaM2: 50_000, deadPines: 143, deadDiseased: 12, deadOther: 103 },
      { unitCode: '500242102000', pineAreaM2: 80_000, infectedParcels: 0, occurrenceAreaM2: 0, clearParcels: 1, clearAreaM2: 80_000, deadPines: 0, deadDiseased: 0, deadOther: 0 },
    ]);
    expect(r.value.total).toMatchObject({ pineAreaM2: 230_000, infectedParcels: 1, clearParcels: 2, deadPines: 143 });
  });
  it('groups by county and by village too', () => {
    const county = surveySummary(records, 'county');
    expect(county.ok && county.value.rows.map((x) => [x.unitCode, x.infectedParcels + x.clearParcels])).toEqual([['500242000000', 3]]);
    const village = surveySummary(records, 'village');
    expect(village.ok && village.value.rows.length).toBe(3);
  });
  it('refuses impossible records with findings naming the record and field', () => {
    const r = surveySummary([rec({ parcelCode: 'A', deadPines: 5, deadDiseased: 4, deadOther: 2 }), rec({ parcelCode: 'A', unitCode: '5002', occurrenceAreaM2: 10 })], 'town');
    expect(!r.ok && r.error.map((f) => `${f.code}@${f.field}`)).toEqual([
      'dead_parts_exceed_total@0/deadPines', 'diseased_in_clear_parcel@0/infected',
      'bad_unit@1/unitCode', 'duplicate_parcel@1/parcelCode', 'occurrence_in_clear_parcel@1/occurrenceAreaM2', 'occurrence_exceeds_pine_area@1/occurrenceAreaM2',
    ]);
  });
});

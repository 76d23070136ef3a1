import { describe, expect, it } from 'vitest';
import { areaBy, forestCoverage } from './forest-coverage.ts';

// DOMAIN.md §3 forest coverage: (乔木林地 canopy ≥ 0.2 + 竹林地 + 国家特别规定灌木林地 + 四旁树) ÷ land area.
describe('forestCoverage', () => {
  const parcels = [
    { landClass: '0111', canopyClosure: 0.2, areaM2: 400 }, // counts: exactly at the threshold
    { landClass: '0111', canopyClosure: 0.19, areaM2: 100 }, // sparse: does not count
    { landClass: '0111', canopyClosure: null, areaM2: 50 }, // unknown: reported, not counted
    { landClass: '0113', canopyClosure: null, areaM2: 200 },
    { landClass: '0131', canopyClosure: null, areaM2: 100 },
    { landClass: '0132', canopyClosure: null, areaM2: 300 }, // other shrubland: not forest for coverage
    { landClass: '0120', canopyClosure: 0.15, areaM2: 80 }, // 疏林地: not counted
    { landClass: '0210', canopyClosure: null, areaM2: 500 },
  ];
  it('counts tree stands at canopy ≥ 0.2, bamboo and special shrubland, plus scattered trees, over the land area', () => {
    const c = forestCoverage(parcels, 2000, 20);
    expect(c).toMatchObject({ treeStandM2: 400, bambooM2: 200, specialShrubM2: 100, forestAreaM2: 700, unknownCanopyM2: 50 });
    expect(c.coverage).toBeCloseTo(720 / 2000, 12);
  });
  it('gives no rate without a land area', () => {
    expect(forestCoverage(parcels, 0).coverage).toBeNull();
  });
  it('sums areas by an attribute, largest first', () => {
    expect(areaBy([{ key: 'a', areaM2: 1 }, { key: 'b', areaM2: 5 }, { key: 'a', areaM2: 2 }, { key: null, areaM2: 1 }])).toEqual([
      { key: 'b', areaM2: 5, parcels: 1 }, { key: 'a', areaM2: 3, parcels: 2 }, { key: null, areaM2: 1, parcels: 1 },
    ]);
  });
  it('sums entries that stand for several parcels already summed, as the same parcels one by one', () => {
    const one = [{ key: 'a', areaM2: 1 }, { key: 'a', areaM2: 2 }, { key: 'b', areaM2: 4 }, { key: 'a', areaM2: 3 }];
    const summed = [{ key: 'a', areaM2: 3, parcels: 2 }, { key: 'b', areaM2: 4, parcels: 1 }, { key: 'a', areaM2: 3, parcels: 1 }];
    expect(areaBy(summed)).toEqual(areaBy(one));
    expect(areaBy(summed)).toEqual([{ key: 'a', areaM2: 6, parcels: 3 }, { key: 'b', areaM2: 4, parcels: 1 }]);
  });
});

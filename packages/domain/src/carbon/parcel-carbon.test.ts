import { describe, expect, it } from 'vitest';
import { annualSink, parcelCarbon } from './parcel-carbon.ts';
import { defaultCarbonParameters } from './carbon-parameters.ts';

// DOMAIN.md §9: C = V × WD × BEF × (1 + R) × CF; CO₂e = C × 44/12; annual sink = ΔC / Δt.
describe('parcelCarbon (DOMAIN.md §9, IPCC 2006 vol. 4)', () => {
  it('马尾松 100 m³: 100 × 0.380 × 1.472 × 1.187 × 0.460 = 30.5422 tC = 111.9880 tCO₂e', () => {
    const r = parcelCarbon(100, '马尾松', defaultCarbonParameters);
    expect(r.carbonT).toBeCloseTo(30.54217472, 6);
    expect(r.co2eT).toBeCloseTo(111.98797397, 6);
    expect(r.row.species).toBe('马尾松');
    expect(r.fallback).toBe(false);
  });
  it('an unknown species (and none) uses the 其他 row, flagged: 50 m³ × 0.482 × 1.514 × 1.262 × 0.490 = 22.5631 tC', () => {
    const r = parcelCarbon(50, '银杏', defaultCarbonParameters);
    expect(r.fallback).toBe(true);
    expect(r.row.species).toBe('其他');
    expect(r.carbonT).toBeCloseTo(22.563078412, 6);
    expect(parcelCarbon(50, null, defaultCarbonParameters).fallback).toBe(true);
  });
  it('an alias finds its row; a missing or negative volume holds nothing', () => {
    expect(parcelCarbon(10, '阔叶混交林', defaultCarbonParameters).row.species).toBe('阔叶混交');
    expect(parcelCarbon(null, '杉木', defaultCarbonParameters).carbonT).toBe(0);
    expect(parcelCarbon(-5, '杉木', defaultCarbonParameters).co2eT).toBe(0);
  });
  it('a parcel without a volume (a bamboo or shrub 小班) uses no row, so it is not flagged as using the 其他 row', () => {
    expect(parcelCarbon(null, '毛竹', defaultCarbonParameters)).toMatchObject({ carbonT: 0, fallback: false });
    expect(parcelCarbon(0, null, defaultCarbonParameters).fallback).toBe(false);
  });
});

describe('annualSink (DOMAIN.md §9: ΔC / Δt)', () => {
  it('(130 − 100) / 3 = 10 per year; a fall is negative; no time span → null', () => {
    expect(annualSink(100, 130, 3)).toBe(10);
    expect(annualSink(100, 90, 2)).toBe(-5);
    expect(annualSink(100, 130, 0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatArea,
  MU_PER_SQUARE_METRE,
  muToSquareMetres,
  SQUARE_METRES_PER_MU,
  squareMetresToHectares,
  squareMetresToMu,
} from './area-units.ts';

describe('DOMAIN.md §3 units: 1 亩 = 10000/15 m², 1 公顷 = 15 亩', () => {
  it('DOMAIN.md §3 units: 1 亩 = 10000/15 m² ≈ 666.667 m²', () => {
    expect(SQUARE_METRES_PER_MU).toBeCloseTo(666.667, 3);
    expect(MU_PER_SQUARE_METRE).toBe(0.0015);
    expect(MU_PER_SQUARE_METRE * SQUARE_METRES_PER_MU).toBeCloseTo(1, 15);
    expect(squareMetresToMu(10000 / 15)).toBe(1);
    expect(muToSquareMetres(15)).toBe(10000);
  });
  it('DOMAIN.md §3 units: 1 公顷 = 15 亩', () => {
    expect(squareMetresToHectares(10000)).toBe(1);
    expect(squareMetresToMu(10000)).toBe(15);
    expect(squareMetresToMu(muToSquareMetres(1234.5))).toBe(1234.5);
  });
});

describe('DOMAIN.md §3 units: plans count in 万亩 (Youyang plan: 营造林 18.2万亩)', () => {
  it('writes 亩 below 10,000 亩 and 万亩 from there', () => {
    expect(formatArea(muToSquareMetres(1234.5))).toBe('1,234.5 亩');
    expect(formatArea(muToSquareMetres(9999.9))).toBe('9,999.9 亩');
    expect(formatArea(muToSquareMetres(10000))).toBe('1.00 万亩');
    expect(formatArea(muToSquareMetres(123400))).toBe('12.34 万亩');
    expect(formatArea(muToSquareMetres(182000))).toBe('18.20 万亩');
    expect(formatArea(muToSquareMetres(12_345_678))).toBe('1,234.57 万亩');
  });
  it('switches unit on the printed value, so 9,999.96 亩 is 1.00 万亩 and not 10,000.0 亩', () => {
    expect(formatArea(muToSquareMetres(9999.96))).toBe('1.00 万亩');
  });
  it('keeps two decimals under 10 亩 so a small plot does not read as nothing', () => {
    expect(formatArea(20)).toBe('0.03 亩');
    expect(formatArea(muToSquareMetres(9.5))).toBe('9.50 亩');
    expect(formatArea(muToSquareMetres(12.34))).toBe('12.3 亩');
    expect(formatArea(0)).toBe('0.00 亩');
    expect(formatArea(-0)).toBe('0.00 亩');
    expect(formatArea(Number.NaN)).toBe('—');
  });
});

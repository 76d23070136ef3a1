import { describe, expect, it } from 'vitest';
import { formatArea, muToSquareMetres, squareMetresToHectares, squareMetresToMu } from './area-units.ts';

describe('DOMAIN.md §3 units: 1 亩 = 10000/15 m², 1 公顷 = 15 亩', () => {
  it('converts', () => {
    expect(muToSquareMetres(15)).toBeCloseTo(10000, 9);
    expect(squareMetresToMu(10000)).toBeCloseTo(15, 9);
    expect(squareMetresToHectares(10000)).toBe(1);
  });
  it('formats in 亩 and 万亩 (Youyang plan: 营造林 18.2万亩)', () => {
    expect(formatArea(muToSquareMetres(1234.5))).toBe('1,234.5 亩');
    expect(formatArea(muToSquareMetres(182000))).toBe('18.20 万亩');
  });
});

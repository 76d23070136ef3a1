import { describe, expect, it } from 'vitest';
import { checkCarbonParameters, defaultCarbonParameters, type CarbonParameters } from './carbon-parameters.ts';

// DOMAIN.md §9: species parameters (WD, BEF, R, CF) [U] — a table shipped with its source column.
describe('checkCarbonParameters (DOMAIN.md §9)', () => {
  it('the shipped table is clean, has the demo species, a fallback row and a source on every row', () => {
    expect(checkCarbonParameters(defaultCarbonParameters)).toEqual([]);
    const names = defaultCarbonParameters.rows.map((r) => r.species);
    for (const s of ['马尾松', '杉木', '柏木', '栎类', '桤木', '阔叶混交', '针阔混交', '其他']) expect(names).toContain(s);
    expect(defaultCarbonParameters.rows.every((r) => r.source.length > 0)).toBe(true);
  });
  it('names each bad field in Chinese', () => {
    const bad: CarbonParameters = {
      rows: [
        { ...defaultCarbonParameters.rows[0]!, woodDensity: 0, carbonFraction: 1.2, source: ' ' },
        { ...defaultCarbonParameters.rows[1]!, species: '马尾松', bef: 0.5 },
      ],
      fallbackSpecies: '其他', source: 'x',
    };
    expect(checkCarbonParameters(bad).map((f) => f.path)).toEqual([
      '/rows/0/woodDensity', '/rows/0/carbonFraction', '/rows/0/source', '/rows/1/bef', '/rows/1/species', '/fallbackSpecies',
    ]);
    expect(checkCarbonParameters(bad)[4]!.message).toContain('已在第 1 行出现');
  });
});

import { describe, expect, it } from 'vitest';
import { checkFireDangerLevels, defaultFireDangerLevelTable, fireDangerLevel, fireDangerLevelInfo, fireDangerLevels, type FireDangerLevelTable } from './fire-danger-level.ts';

const lytTable: FireDangerLevelTable = { ...defaultFireDangerLevelTable, method: 'lyt1172' };
const level = (inputs: { fwi: number | null; lytIndex: number | null }, t: FireDangerLevelTable) => fireDangerLevel(inputs, t)?.level;

describe('fire danger level (DOMAIN.md §5)', () => {
  it('names and colours the five levels as QX/T 77-2007, warning from level 3', () => {
    expect(fireDangerLevels.map((l) => [fireDangerLevelInfo[l].name, fireDangerLevelInfo[l].colour, fireDangerLevelInfo[l].warning])).toEqual([
      ['低', 'green', false], ['较低', 'blue', false], ['较高', 'yellow', true], ['高', 'orange', true], ['极高', 'red', true],
    ]);
  });

  it('maps FWI by the EFFIS classes <5.2, 5.2–11.2, 11.2–21.3, 21.3–38, ≥38 (38–50 and ≥50 both level 5)', () => {
    const t = defaultFireDangerLevelTable;
    expect([0, 5.19, 5.2, 11.19, 11.2, 21.29, 21.3, 37.9, 38, 49.9, 50, 120].map((fwi) => level({ fwi, lytIndex: null }, t))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 5]);
    // The DOMAIN.md §5 test row: FWI 10.0362 is level 2.
    expect(level({ fwi: 10.0362, lytIndex: null }, t)).toBe(2);
  });

  it('maps the LY/T 1172-95 index: ≤25 →1, 26–50 →2, 51–72 →3, 73–90 →4, ≥91 →5', () => {
    expect([0, 25, 26, 50, 51, 72, 73, 90, 91, 140].map((lytIndex) => level({ fwi: null, lytIndex }, lytTable))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('returns null when the chosen method has no input, and never uses the other method silently', () => {
    expect(fireDangerLevel({ fwi: null, lytIndex: 80 }, defaultFireDangerLevelTable)).toBeNull();
    expect(fireDangerLevel({ fwi: 30, lytIndex: null }, lytTable)).toBeNull();
    expect(fireDangerLevel({ fwi: Number.NaN, lytIndex: null }, defaultFireDangerLevelTable)).toBeNull();
  });

  it('says which method and table produced the level', () => {
    const r = fireDangerLevel({ fwi: 25.04, lytIndex: 10 }, defaultFireDangerLevelTable)!;
    expect(r).toMatchObject({ level: 4, method: 'fwi', value: 25.04 });
    expect(r.explanation).toContain('加拿大火险天气指数 FWI');
    expect(r.explanation).toContain('指数 25');
    expect(r.explanation).toContain('不低于 21.3、低于 38');
    expect(r.explanation).toContain('四级（高火险，橙色）');
    expect(r.explanation).toContain('EFFIS');
    expect(fireDangerLevel({ fwi: null, lytIndex: 95 }, lytTable)!.explanation).toContain('LY/T 1172-95 森林火险天气指数计算：指数 95，落在 高于 90 档，为五级');
  });

  it('uses a configured table', () => {
    const strict = { ...defaultFireDangerLevelTable, fwiFrom: [2, 4, 8, 16] };
    expect(level({ fwi: 10, lytIndex: null }, strict)).toBe(4);
  });

  it('checks a proposed table', () => {
    expect(checkFireDangerLevels(defaultFireDangerLevelTable)).toEqual([]);
    const bad = {
      ...defaultFireDangerLevelTable, fwiFrom: [5, 4, 8, 16], lytUpTo: [25, 50, 72],
      lyt: { rainDayAboveMm: -1, rainDay: 'subtract' as const, phenology: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 500] }, source: ' ',
    };
    expect(checkFireDangerLevels(bad).map((f) => f.path)).toEqual(['/fwiFrom', '/lytUpTo', '/lyt/rainDayAboveMm', '/lyt/phenology/11', '/source']);
  });
});

import { describe, expect, it } from 'vitest';
import { publishedFwiSeason } from '../../../domain/src/fire/fixtures/cffdrs-fwi-01.ts';
import { fwiCsv, parseLatitude, parseStart, describeFwiCsvError } from './fwi-cli.ts';
import { parseCsv } from '../imports/read-table.ts';

const season = publishedFwiSeason();
/** The cffdrs fwi_01 weather (DOMAIN.md §5's published season) as a CSV without its output columns. */
const seasonCsv = ['yr,mon,day,temp,rh,ws,prec', ...season.map((d) => [d.yr, d.mon, d.day, d.temp, d.rh, d.ws, d.prec].join(','))].join('\n');
const start = { ffmc: 85, dmc: 6, dc: 15 };
const run = (text: string) => fwiCsv(text, { latitude: 40, start });

describe('fire fwi CSV (issue 6 §2)', () => {
  it('appends FFMC…DSR to the published season, each to 6 significant figures, matching the published values', () => {
    const r = run(seasonCsv);
    if (!r.ok) throw new Error(describeFwiCsvError(r.error));
    const [head, ...rows] = parseCsv(r.value.trim());
    expect(head).toEqual(['yr', 'mon', 'day', 'temp', 'rh', 'ws', 'prec', 'FFMC', 'DMC', 'DC', 'ISI', 'BUI', 'FWI', 'DSR']);
    expect(rows).toHaveLength(48);
    rows.forEach((cells, i) => {
      const want = season[i]!;
      const got = cells.slice(7);
      got.forEach((c) => expect(c.replace(/^0\.0*|[-.]|e.*$/g, '').length).toBeGreaterThanOrEqual(6));
      (['ffmc', 'dmc', 'dc', 'isi', 'bui', 'fwi', 'dsr'] as const).forEach((k, j) => {
        expect(Math.abs(Number(got[j]) - want[k]) / want[k], `${want.mon}/${want.day} ${k}`).toBeLessThan(1e-5);
      });
    });
    expect(rows[0]!.slice(7)).toEqual(['87.6494', '8.54505', '19.0140', '10.7762', '8.49043', '10.0362', '1.61193']);
  });

  it('finds the columns in any letter case, keeps extra and quoted columns in place, ignores a BOM and CRLF', () => {
    const text = '\uFEFFStation,Yr,MON,day,Note,TEMP,rh,Ws,pReC\r\n"Youyang, 1",1985,4,13,"say ""dry""",17,42,25,0\r\n';
    const r = run(text);
    expect(r.ok && r.value).toBe('Station,Yr,MON,day,Note,TEMP,rh,Ws,pReC,FFMC,DMC,DC,ISI,BUI,FWI,DSR\n"Youyang, 1",1985,4,13,"say ""dry""",17,42,25,0,87.6494,8.54505,19.0140,10.7762,8.49043,10.0362,1.61193\n');
  });

  it('starts from --start and reads the latitude band', () => {
    const one = 'YR,MON,DAY,TEMP,RH,WS,PREC\n2026,4,13,17,42,25,0\n';
    const fromDefaults = run(one);
    const fromStart = fwiCsv(one, { latitude: 40, start: { ffmc: 90, dmc: 30, dc: 200 } });
    const south = fwiCsv(one, { latitude: 29, start });
    expect(fromDefaults.ok && fromStart.ok && south.ok).toBe(true);
    if (fromDefaults.ok && fromStart.ok && south.ok) {
      expect(fromStart.value).not.toBe(fromDefaults.value);
      // 29°N uses the 10–30°N day length for the DMC (9.5 in April, not 12.8): 6 + 1.894 × 18.1 × 58 × 9.5e-4.
      expect(Number(parseCsv(south.value)[1]![8])).toBeCloseTo(6 + 1.894 * 18.1 * 58 * 9.5e-4, 4);
    }
  });

  it('stops at the first bad row with its number, the column and a Chinese reason', () => {
    const head = 'YR,MON,DAY,TEMP,RH,WS,PREC\n2026,4,13,17,42,25,0\n';
    const bad = (row: string) => {
      const r = run(head + row);
      return r.ok ? null : describeFwiCsvError(r.error);
    };
    expect(bad('2026,4,14,17,,25,0')).toBe('第 3 行 RH：缺少 RH 的值');
    expect(bad('2026,4,14,17,42')).toBe('第 3 行 WS：缺少 WS 的值');
    expect(bad('2026,4,14,17,abc,25,0')).toBe('第 3 行 RH：RH 的值“abc”不是数值');
    expect(bad('2026,4,14,17,101,25,0')).toBe('第 3 行 RH：相对湿度 101% 超出 0–100%');
    expect(bad('2026,4,14,17,42,-3,0')).toBe('第 3 行 WS：风速 -3 km/h 不能为负');
    expect(bad('2026,4,14,17,42,25,-1')).toBe('第 3 行 PREC：降水量 -1 mm 不能为负');
    expect(bad('2026,4,14,95,42,25,0')).toBe('第 3 行 TEMP：气温 95 °C 不合理（应在 -70–60 °C 之间）');
    expect(bad('2026,4,13,17,42,25,0')).toBe('第 3 行 YR,MON,DAY：日期 2026-04-13 与上一行重复');
    expect(bad('2026,4,12,17,42,25,0')).toBe('第 3 行 YR,MON,DAY：日期 2026-04-12 早于上一行的 2026-04-13，须按日期先后排列');
    expect(bad('2026,2,30,17,42,25,0')).toBe('第 3 行 YR,MON,DAY：日期 2026-2-30 不存在');
    expect(bad('\n\n2026,4,14,17,101,25,0')).toBe('第 5 行 RH：相对湿度 101% 超出 0–100%');
    expect(bad('2026,4,14,17,42,25,0\n')).toBeNull();
  });

  it('refuses a header without the weather columns or one that already has output columns', () => {
    const noRain = run('YR,MON,DAY,TEMP,RH,WS\n2026,4,13,17,42,25\n');
    expect(!noRain.ok && describeFwiCsvError(noRain.error)).toBe('第 1 行 PREC：表头缺少列 PREC（需要 YR,MON,DAY,TEMP,RH,WS,PREC，大小写不限）');
    const again = run('YR,MON,DAY,TEMP,RH,WS,PREC,FWI\n2026,4,13,17,42,25,0,1\n');
    expect(!again.ok && again.error.field).toBe('FWI');
    expect(run('').ok).toBe(false);
  });

  it('checks --lat and --start', () => {
    expect(parseLatitude('29.5')).toEqual({ ok: true, value: 29.5 });
    expect(parseLatitude('-35')).toEqual({ ok: true, value: -35 });
    for (const bad of [undefined, '', 'north', '91', '-90.5']) expect(parseLatitude(bad).ok, String(bad)).toBe(false);
    expect(parseStart(undefined)).toEqual({ ok: true, value: { ffmc: 85, dmc: 6, dc: 15 } });
    expect(parseStart('87.5, 20,150')).toEqual({ ok: true, value: { ffmc: 87.5, dmc: 20, dc: 150 } });
    for (const bad of ['85,6', '85,6,15,1', '102,6,15', '85,-1,15', '85,,15', 'a,b,c']) expect(parseStart(bad).ok, bad).toBe(false);
    const e = parseStart('85,6');
    expect(!e.ok && describeFwiCsvError(e.error)).toMatch(/^参数 --start：起算值应为 FFMC,DMC,DC/);
  });
});

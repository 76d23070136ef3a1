import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { publishedFwiSeason } from '../../domain/src/fire/fixtures/cffdrs-fwi-01.ts';
import { parseCsv } from '../src/imports/read-table.ts';

// Issue 6 §2 "done when": `npx linzhang fire fwi` on the published season gives the published values.
// A pure calculation: no database, so it runs the same whatever DATABASE_URL says.
const bin = fileURLToPath(new URL('../bin/linzhang.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'linzhang-fwi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const season = publishedFwiSeason();
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
// The cffdrs test_fwi weather as a user would have it: station column first, a BOM, Excel's CRLF.
const seasonCsv = `\uFEFFSTATION,YR,MON,DAY,TEMP,RH,WS,PREC\r\n${season.map((d) => ['"Test, 40N"', d.yr, d.mon, d.day, d.temp, d.rh, d.ws, d.prec].join(',')).join('\r\n')}\r\n`;
const run = (args: string[]) => spawnSync(process.execPath, [bin, 'fire', 'fwi', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('linzhang fire fwi', () => {
  it('prints the season with FFMC…DSR appended, matching every published cffdrs fwi_01 value', () => {
    const res = run(['--lat', '40', file('season.csv', seasonCsv)]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const [head, ...rows] = parseCsv(res.stdout.trim());
    expect(head).toEqual(['STATION', 'YR', 'MON', 'DAY', 'TEMP', 'RH', 'WS', 'PREC', 'FFMC', 'DMC', 'DC', 'ISI', 'BUI', 'FWI', 'DSR']);
    expect(rows).toHaveLength(48);
    let worst = 0;
    rows.forEach((cells, i) => {
      const want = season[i]!;
      expect(cells[0]).toBe('Test, 40N');
      (['ffmc', 'dmc', 'dc', 'isi', 'bui', 'fwi', 'dsr'] as const).forEach((k, j) => {
        const gap = Math.abs(Number(cells[8 + j]) - want[k]) / want[k];
        worst = Math.max(worst, gap);
        expect(gap, `${want.mon}/${want.day} ${k}`).toBeLessThan(5e-5); // 4 significant figures, with room
      });
    });
    expect(worst).toBeLessThan(1e-5); // what we really reach: the published 6 figures
    expect(res.stdout.split('\n')[1]).toBe('"Test, 40N",1985,4,13,17,42,25,0,87.6494,8.54505,19.0140,10.7762,8.49043,10.0362,1.61193');
  });

  it('continues from --start', () => {
    const res = run(['--start', '87.6494,8.54505,19.014', '--lat', '40', file('second.csv', `yr,mon,day,temp,rh,ws,prec\n1985,4,14,20,21,25,2.4\n`)]);
    expect(res.status).toBe(0);
    expect(parseCsv(res.stdout.trim())[1]!.slice(7).map(Number).map((v) => v.toPrecision(4))).toEqual(['86.20', '10.40', '23.57', '8.771', '10.36', '9.220', '1.387']);
  });

  it('stops with exit 1 and the row number on a bad row, printing nothing', () => {
    const lines = seasonCsv.split('\r\n');
    lines[6] = lines[6]!.replace(/,(\d+),(\d+),([\d.]+)$/, ',140,$2,$3'); // RH 140 on the 6th day (file row 7)
    const res = run(['--lat', '40', file('bad.csv', lines.join('\r\n'))]);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim()).toBe('第 7 行 RH：相对湿度 140% 超出 0–100%');
    const repeated = run(['--lat', '40', file('repeat.csv', 'YR,MON,DAY,TEMP,RH,WS,PREC\n1985,4,13,17,42,25,0\n1985,4,13,17,42,25,0\n')]);
    expect(repeated.status).toBe(1);
    expect(repeated.stderr).toContain('第 3 行 YR,MON,DAY：日期 1985-04-13 与上一行重复');
  });

  it('refuses a bad --lat or --start with exit 1, and takes a southern latitude written as a separate argument', () => {
    const one = file('one.csv', 'YR,MON,DAY,TEMP,RH,WS,PREC\n1985,4,13,17,42,25,0\n');
    const noLat = run([one]);
    expect(noLat.status).toBe(1);
    expect(noLat.stderr).toContain('--lat');
    expect(run(['--lat', '95', one]).status).toBe(1);
    const badStart = run(['--lat', '40', '--start', '85,6', one]);
    expect(badStart.status).toBe(1);
    expect(badStart.stderr).toContain('--start');
    expect(run(['--lat', '-35', one]).status).toBe(0);
  });

  it('is listed by --help', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('fire fwi --lat <度> [--start FFMC,DMC,DC] FILE.csv');
  });
});

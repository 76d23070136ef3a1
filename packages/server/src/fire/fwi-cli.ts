import { checkFireWeather, defaultFwiStart, fwiDay, ok, err, type FireWeather, type FwiCodes, type FwiResult, type Result } from '@linzhang/domain';
import { parseCsv } from '../imports/read-table.ts';

/** Why a run stopped: the CSV record (header = 1; null for the command's own options) and the column. */
export interface FwiCsvError {
  row: number | null;
  field: string;
  message: string;
}

const inputColumns = ['YR', 'MON', 'DAY', 'TEMP', 'RH', 'WS', 'PREC'] as const;
const outputColumns = ['FFMC', 'DMC', 'DC', 'ISI', 'BUI', 'FWI', 'DSR'] as const;
const weatherColumn: Record<keyof FireWeather, string> = { temp: 'TEMP', rh: 'RH', ws: 'WS', prec: 'PREC' };

/** `--lat`: degrees, −90 to 90 (north positive). */
export function parseLatitude(text: string | undefined): Result<number, FwiCsvError> {
  const lat = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) return err({ row: null, field: '--lat', message: `纬度应为 -90 到 90 之间的度数（北纬为正），收到 ${text ?? '（未给出）'}` });
  return ok(lat);
}

/** `--start FFMC,DMC,DC`: yesterday's codes; absent → the DOMAIN.md §5 start-up 85/6/15. */
export function parseStart(text: string | undefined): Result<FwiCodes, FwiCsvError> {
  if (text === undefined) return ok(defaultFwiStart);
  const parts = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const [ffmc, dmc, dc] = parts;
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p)) || ffmc! < 0 || ffmc! > 101 || dmc! < 0 || dc! < 0) {
    return err({ row: null, field: '--start', message: `起算值应为 FFMC,DMC,DC 三个数（FFMC 0–101，DMC、DC 不小于 0），收到 ${text}` });
  }
  return ok({ ffmc: ffmc!, dmc: dmc!, dc: dc! });
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const number = (v: number) => v.toPrecision(6);

const isCalendarDate = (y: number, m: number, d: number) => {
  if (![y, m, d].every(Number.isInteger)) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/**
 * `linzhang fire fwi`: daily weather CSV in (header names YR,MON,DAY,TEMP,RH,WS,PREC in any case, other
 * columns kept where they are, rows in date order), the same CSV out with FFMC…DSR appended (6 significant
 * digits). The first bad row stops the run: nothing half-computed is printed.
 */
export function fwiCsv(text: string, options: { latitude: number; start: FwiCodes }): Result<string, FwiCsvError> {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) return err({ row: 1, field: '表头', message: '文件为空，缺少表头' });
  const names = header.map((h) => h.trim().toUpperCase());
  const index = Object.fromEntries(inputColumns.map((c) => [c, names.indexOf(c)])) as Record<(typeof inputColumns)[number], number>;
  const missing = inputColumns.filter((c) => index[c] < 0);
  if (missing.length) return err({ row: 1, field: missing.join(','), message: `表头缺少列 ${missing.join('、')}（需要 ${inputColumns.join(',')}，大小写不限）` });
  const clash = outputColumns.filter((c) => names.includes(c));
  if (clash.length) return err({ row: 1, field: clash.join(','), message: `表头已有输出列 ${clash.join('、')}，请先删除` });

  const lines = [[...header, ...outputColumns].map(quote).join(',')];
  let yesterday = options.start;
  let lastDate: string | null = null;
  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const row = r + 1;
    const values: Partial<Record<(typeof inputColumns)[number], number>> = {};
    for (const c of inputColumns) {
      const raw = (cells[index[c]] ?? '').trim();
      if (raw === '') return err({ row, field: c, message: `缺少 ${c} 的值` });
      const v = Number(raw);
      if (!Number.isFinite(v)) return err({ row, field: c, message: `${c} 的值“${raw}”不是数值` });
      values[c] = v;
    }
    const { YR: y, MON: m, DAY: d } = values as Record<(typeof inputColumns)[number], number>;
    if (!isCalendarDate(y, m, d)) return err({ row, field: 'YR,MON,DAY', message: `日期 ${y}-${m}-${d} 不存在` });
    const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (lastDate !== null && date <= lastDate) {
      return err({ row, field: 'YR,MON,DAY', message: date === lastDate ? `日期 ${date} 与上一行重复` : `日期 ${date} 早于上一行的 ${lastDate}，须按日期先后排列` });
    }
    lastDate = date;
    const weather: FireWeather = { temp: values.TEMP!, rh: values.RH!, ws: values.WS!, prec: values.PREC! };
    const finding = checkFireWeather(weather)[0];
    if (finding) return err({ row, field: weatherColumn[finding.field], message: finding.message });
    const today: FwiResult = fwiDay(yesterday, weather, m, options.latitude);
    lines.push([...cells.map(quote), ...outputColumns.map((c) => number(today[c.toLowerCase() as keyof FwiResult]))].join(','));
    yesterday = today;
  }
  return ok(`${lines.join('\n')}\n`);
}

/** One line for standard error. */
export const describeFwiCsvError = (e: FwiCsvError): string =>
  `${e.row === null ? '参数' : `第 ${e.row} 行`} ${e.field}：${e.message}`;

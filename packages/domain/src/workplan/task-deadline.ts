import { chineseNumeralValue, normaliseWidth } from './chinese-numerals.ts';

// Issue 8 §1: the deadline a task writes — 6月底前, 年底前, 9月30日前, 上半年, 三季度末 — as a calendar date in the
// plan's year unless the text names another year. "X月前" (before month X) reads as the last day of the month
// before. The latest date a task writes is its deadline: the task is done when its last part is.

const month = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const yearPart = '(?:(\\d{4})年)?';

const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthOf = (written: string): number | null => (/^\d/.test(written) ? Number(written) : chineseNumeralValue(written));

interface Reading {
  re: RegExp;
  date: (m: RegExpExecArray, year: number) => string | null;
}

const readings: Reading[] = [
  { re: new RegExp(`${yearPart}${month}月(\\d{1,2})日(?:前|之前|以前|止|为止)`, 'g'), date: (m, y) => dated(y, m[2]!, Number(m[3])) },
  { re: new RegExp(`${yearPart}${month}月(?:底|末)(?:前|之前|以前)?`, 'g'), date: (m, y) => endOfMonth(y, m[2]!) },
  { re: new RegExp(`${yearPart}${month}月(上旬|中旬|下旬)`, 'g'), date: (m, y) => tenDays(y, m[2]!, m[3]!) },
  { re: new RegExp(`${yearPart}${month}月(?:份)?(?:前|之前|以前)`, 'g'), date: (m, y) => beforeMonth(y, m[2]!) },
  { re: /(?:(\d{4})年)?(?:年底|年末)(?:前|之前)?/g, date: (_m, y) => iso(y, 12, 31) },
  { re: /(?<![\d一二三四五六七八九十两])年内/g, date: (_m, y) => iso(y, 12, 31) },
  { re: /(?<!每)(?:(\d{4})年)?(上|下)半年(?:前|末|底)?/g, date: (m, y) => (m[2] === '上' ? iso(y, 6, 30) : iso(y, 12, 31)) },
  { re: /(?<!每)(?:(\d{4})年)?第?([一二三四1-4])季度(?:末|底)(?:前)?/g, date: (m, y) => quarterEnd(y, m[2]!) },
];

function yearOf(m: RegExpExecArray, planYear: number | null): number | null {
  return m[1] !== undefined ? Number(m[1]) : planYear;
}

function dated(y: number, mm: string, d: number): string | null {
  const mo = monthOf(mm);
  return mo && mo <= 12 && d >= 1 && d <= lastDay(y, mo) ? iso(y, mo, d) : null;
}
function endOfMonth(y: number, mm: string): string | null {
  const mo = monthOf(mm);
  return mo && mo <= 12 ? iso(y, mo, lastDay(y, mo)) : null;
}
function tenDays(y: number, mm: string, part: string): string | null {
  const mo = monthOf(mm);
  if (!mo || mo > 12) return null;
  return iso(y, mo, part === '上旬' ? 10 : part === '中旬' ? 20 : lastDay(y, mo));
}
function beforeMonth(y: number, mm: string): string | null {
  const mo = monthOf(mm);
  if (!mo || mo > 12) return null;
  return mo === 1 ? iso(y - 1, 12, 31) : iso(y, mo - 1, lastDay(y, mo - 1));
}
function quarterEnd(y: number, q: string): string {
  const n = /\d/.test(q) ? Number(q) : chineseNumeralValue(q)!;
  return iso(y, n * 3, lastDay(y, n * 3));
}

/** The latest deadline written in a task's text, as YYYY-MM-DD, or null (none written, or no year known). */
export function taskDeadline(text: string, planYear: number | null): string | null {
  const t = normaliseWidth(text);
  let latest: string | null = null;
  for (const r of readings) {
    for (const m of t.matchAll(r.re)) {
      const y = yearOf(m, planYear);
      if (y === null) continue;
      const d = r.date(m, y);
      if (d && (latest === null || d > latest)) latest = d;
    }
  }
  return latest;
}

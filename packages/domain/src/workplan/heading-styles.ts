import { chineseNumeralChars, chineseNumeralValue, circledChars, circledValue } from './chinese-numerals.ts';

/**
 * The heading styles of Chinese official documents (党政机关公文格式 GB/T 9704: 一、 → （一） → 1. → （1）), with
 * 第一部分 above them and ① below. `rank` orders them from the outermost; a plan uses some of them, and the
 * outermost one it uses is its section level.
 */
export const headingStyles = ['part', 'chinese', 'paren-chinese', 'arabic', 'paren-arabic', 'circled'] as const;
export type HeadingStyle = (typeof headingStyles)[number];

export interface HeadingMark {
  style: HeadingStyle;
  number: number;
  /** The marker as written (一、 （一） 1. ①), shown as the task's number. */
  marker: string;
  /** The text after the marker. */
  rest: string;
}

const cn = `[${chineseNumeralChars}]+`;
const patterns: { style: HeadingStyle; re: RegExp; value: (m: string) => number | null }[] = [
  { style: 'part', re: new RegExp(`^(第(${cn})(?:部分|章|篇))[\\s、：:.．]*`), value: chineseNumeralValue },
  { style: 'chinese', re: new RegExp(`^((${cn})[、．.])\\s*`), value: chineseNumeralValue },
  { style: 'paren-chinese', re: new RegExp(`^([（(]\\s*(${cn})\\s*[）)])[、．.]?\\s*`), value: chineseNumeralValue },
  // 1. 1、 1． but not 1.5万亩 (a number at the start of a line) nor 2024年.
  { style: 'arabic', re: /^(([0-9０-９]{1,2})[.．、](?![0-9０-９]))\s*/, value: (m) => Number(m.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10))) },
  { style: 'paren-arabic', re: /^([（(]\s*([0-9０-９]{1,2})\s*[）)])[、．.]?\s*/, value: (m) => Number(m.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10))) },
  { style: 'circled', re: new RegExp(`^(([${circledChars}]))[、．.]?\\s*`), value: circledValue },
];

/** The heading marker a line starts with, or null for a line of running text. */
export function headingMark(line: string): HeadingMark | null {
  for (const p of patterns) {
    const m = p.re.exec(line);
    if (!m) continue;
    const number = p.value(m[2]!);
    if (number === null || number < 1) continue;
    const rest = line.slice(m[0].length);
    if (!rest) continue; // a bare "一、" is not a heading we can name
    return { style: p.style, number, marker: m[1]!, rest };
  }
  return null;
}

/** "一是" / "二是" … at the start of a text: the ordinal of a task written inline, or null. */
export function inlineOrdinalAt(text: string): { number: number; length: number } | null {
  const m = new RegExp(`^(${cn})是`).exec(text);
  if (!m) return null;
  const number = chineseNumeralValue(m[1]!);
  return number === null || number < 1 ? null : { number, length: m[0].length };
}

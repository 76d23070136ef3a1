import { chineseNumeralValue } from './chinese-numerals.ts';
import { headingMark } from './heading-styles.ts';
import type { PlanLine } from './plan-lines.ts';

// Issue 8 §1: the plan's title line ("2024年工作要点", "巴南区2023年林长制工作要点") gives its year; a plan issued with
// a cover letter (印发通知) has the letter above the title, which is not part of the plan.

export interface PlanHeader {
  title: string | null;
  /** The issuing body written just above the title (酉阳土家族苗族自治县林业局), if any. */
  issuer: string | null;
  year: number | null;
  /** Index of the first line of the plan's body (after the title). */
  bodyStart: number;
  /** Lines above the title (the cover letter), dropped from the plan. */
  dropped: PlanLine[];
}

const titleWords = /工作要点|工作计划|工作任务|任务清单|实施方案|行动方案|要点|计划/;
const issuerEnd = /(?:局|委员会|委|政府|办公室|办事处|中心|林场|公司|指挥部|领导小组)$/;
const sentencePunctuation = /[。，；：！？,;:]/;

/** The year a title names: 2024年 or 二〇二四年. */
export function yearOfTitle(title: string): number | null {
  const m = /(\d{4})\s*年/.exec(title) ?? /([〇零一二三四五六七八九]{4})年/.exec(title);
  if (!m) return null;
  const y = /^\d/.test(m[1]!) ? Number(m[1]) : chineseNumeralValue(m[1]!.replace(/零/g, '〇'));
  return y !== null && y >= 1990 && y <= 2100 ? y : null;
}

const isTitleLike = (text: string) => text.length <= 40 && titleWords.test(text) && !sentencePunctuation.test(text) && !/^[《“]/.test(text) && !headingMark(text);

/** Finds the title among the lines before the first heading. */
export function planHeader(lines: PlanLine[]): PlanHeader {
  const firstHeading = lines.findIndex((l) => headingMark(l.text) !== null);
  const searchEnd = firstHeading < 0 ? Math.min(lines.length, 20) : firstHeading;
  const at = lines.slice(0, searchEnd).findIndex((l) => isTitleLike(l.text));
  if (at < 0) return { title: null, issuer: null, year: null, bodyStart: 0, dropped: [] };
  const above = lines[at - 1]?.text;
  const issuer = above && above.length <= 30 && !sentencePunctuation.test(above) && issuerEnd.test(above) ? above : null;
  const title = issuer && !lines[at]!.text.startsWith(issuer) ? `${issuer}${lines[at]!.text}` : lines[at]!.text;
  return { title, issuer, year: yearOfTitle(lines[at]!.text), bodyStart: at + 1, dropped: lines.slice(0, issuer ? at - 1 : at) };
}

import { chineseNumeralChars, chineseNumeralValue, normaliseWidth } from './chinese-numerals.ts';
import { comparisonOf, type TargetOp } from './comparison.ts';
import { clauses } from './sentences.ts';
import { excludedPositions, isOrdinal } from './target-exclusions.ts';

/**
 * Units a plan counts in (DOMAIN.md §10), longest first so that 万亩 wins over 亩. A 万/亿 prefix stays in the
 * unit as written: 18.2万亩 is 18.2 of 万亩, never 182000 亩.
 */
export const targetUnits = [
  '万公顷', '平方公里', '平方米', '万立方米', '立方米', '万亩', '公顷', '公里', '千米', '延米', '万株', '亿株', '万吨', '公斤', '千克',
  '亿元', '万元', '万人次', '人次', '万人', '个百分点', '百分点', '亩', '米', '株', '棵', '吨', '元', '人', '名', '个', '套', '座', '群',
  '家', '处', '条', '次', '场', '件', '项', '户', '只', '头', '台', '架', '所', '支', '块', '款', '份', '期', '部', '辆', '间', '张', '篇',
  '宗', '起', '万', '亿', '%', '‰',
] as const;

/** Classifiers that after a lone 一 are an article ("建设一个…", "一次性"), not a count — unless a comparison says so. */
const articleClassifiers = new Set(['个', '次', '支', '座', '条', '项', '处', '件', '家', '户', '台', '套', '块', '份', '期', '场', '部', '间', '张', '篇', '宗', '起', '所', '只', '头', '名', '人', '群', '株', '棵', '款', '架', '辆']);

/** A unit followed by these is a duration or part of a word, not a count: 3个月, 5个工作日, 一次性. */
const notAfter: Partial<Record<string, RegExp>> = { 个: /^(?:月|工作日|小时|季度|星期)/, 次: /^性/, 名: /^(?:录|单)/, 期: /^(?:间|限)/, 起: /^(?:来|步)/ };

export interface Quantity {
  value: number;
  unit: string;
  op: TargetOp;
  /** The high end of a range written with the unit on both sides (5000亩至8000亩): it shares the low end's subject. */
  rangeEnd?: true;
  /** Position of the number in the text (start) and just after its unit (end). */
  start: number;
  end: number;
}

const arabic = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const chinese = `[${chineseNumeralChars}]+`;
const rangeJoin = String.raw`\s*(?:—|–|-|－|~|～|至|到)\s*`;
const numberRe = new RegExp(String.raw`百分之(${arabic}|${chinese})|(${arabic}|${chinese})(?:${rangeJoin}(${arabic}|${chinese}))?\s*([余多])?`, 'g');

const valueOf = (written: string): number | null => (/^\d/.test(written) ? Number(written.replace(/,/g, '')) : chineseNumeralValue(written));

function unitAt(text: string, at: number): string | null {
  for (const u of targetUnits) {
    if (text.startsWith(u, at)) return notAfter[u]?.test(text.slice(at + u.length)) ? null : u;
  }
  return null;
}

/**
 * Every quantitative target in a sentence: a number (Arabic or Chinese, full- or half-width) with a unit, and the
 * comparison its words give. A range 3—5万亩 gives two: at least 3 and at most 5. Numbers in quotations, titles,
 * document numbers and set phrases, ordinals (第…), and numbers without a unit (years, dates, list numbers) are not
 * targets. `skip` marks spans already read as something else (a duty rule's "1次").
 */
export function quantitiesIn(sentence: string, skip: { start: number; end: number }[] = []): Quantity[] {
  const text = normaliseWidth(sentence);
  const excluded = excludedPositions(text);
  const spans = clauses(text);
  const found: Quantity[] = [];
  for (const m of text.matchAll(numberRe)) {
    const start = m.index;
    const prev = text[start - 1] ?? '';
    // Inside a longer number or numeral ("二〇二四" read from its middle), or a Latin code (VCS2024).
    if (/[\d.A-Za-z]/.test(prev) || (m[1] === undefined && chineseNumeralChars.includes(prev))) continue;
    if (excluded[start] || isOrdinal(text.slice(Math.max(0, start - 2), start)) || skip.some((s) => start >= s.start && start < s.end)) continue;
    const percentWord = m[1] !== undefined;
    const afterNumber = start + m[0].length;
    const unit = percentWord ? '%' : unitAt(text, afterNumber);
    if (!unit) continue;
    const low = valueOf(percentWord ? m[1]! : m[2]!);
    const high = m[3] === undefined ? null : valueOf(m[3]);
    if (low === null || (m[3] !== undefined && high === null)) continue;
    const isChinese = !percentWord && !/^\d/.test(m[2]!);
    const end = percentWord ? afterNumber : afterNumber + unit.length;
    const clause = spans.find((c) => start >= c.start && start < c.end);
    const before = text.slice(clause?.start ?? 0, start);
    const after = text.slice(end, clause?.end ?? text.length);
    const op = comparisonOf(before, after, m[4] !== undefined);
    if (isChinese && m[2] === '一' && high === null && articleClassifiers.has(unit) && op === '=') continue;
    const previous = found[found.length - 1];
    if (high === null && previous && previous.unit === unit && /^\s*(?:—|–|-|－|~|～|至|到)\s*$/.test(text.slice(previous.end, start)) && low > previous.value) {
      previous.op = '>=';
      found.push({ value: low, unit, op: '<=', rangeEnd: true, start, end });
      continue;
    }
    if (high !== null && high > low) {
      found.push({ value: low, unit, op: '>=', start, end }, { value: high, unit, op: '<=', start, end });
    } else {
      found.push({ value: low, unit, op, start, end });
    }
  }
  return found;
}

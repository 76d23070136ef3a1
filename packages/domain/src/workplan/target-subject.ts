import { normaliseWidth } from './chinese-numerals.ts';
import { clauses } from './sentences.ts';

// Issue 8 §1: the subject a target counts — the noun phrase the number belongs to (营造林 18.2万亩, 生态护林员
// 3000名). Plans write it before the number ("实施营造林任务18.2万亩") and sometimes after it ("1万亩城市彩色森林
// 景观带建设"); around it stand verbs of doing, scope words and comparison words that are not the subject.

/** Words that lead into the subject without being part of it, stripped from its front repeatedly. */
const leading = [
  '全县', '全区', '全市', '全镇', '全乡', '全街道', '全年', '年内', '今年', '累计', '力争', '确保', '争取', '计划', '预计', '全面', '持续', '积极', '稳步',
  '加快', '扎实', '深入', '大力', '高质量', '科学', '实施完成', '实施', '完成', '开展', '申报', '启动', '实现', '探索开发', '开发', '选聘', '培育',
  '新建', '建成', '发展', '建设', '组建', '修建', '安装', '布设', '推进', '组织', '新增', '共', '总计', '合计', '约', '其中', '以', '和', '及', '并', '与', '的',
];
/** Comparison and linking words between the subject and its number, cut from the subject's end. */
const linking = /(?:稳定保持在|保持在|稳定在|控制在|不少于|不低于|不超过|不高于|达到|提高到|提高至|提升到|提升至|增加到|增至|降至|降到|超过|至少|突破|为|达|在|约|近|共|计)$/;
/** Anywhere in the stretch before the number, these start the comparison: what follows them is not the subject. */
const comparisonStart = /(?:稳定保持在|保持在|稳定在|控制在)/;
/** Words ending a subject that name the kind of figure rather than the thing: 营造林任务 → 营造林. */
const trailing = /(?:任务|建设|工作|目标|规模)$/;
/** A subject that is only a verb is no subject: keep the word it was stripped from. */
const bareVerbs = new Set(['建设', '实施', '完成', '开展', '新建', '改造', '新造', '培育', '申报']);
const generic = /^(?:任务|工作|目标|规模)$/;
const year = /^(?:\d{4}|[〇一二三四五六七八九]{4})年度?/;

function stripLeading(text: string): string {
  let s = text;
  for (let changed = true; changed && s; ) {
    changed = false;
    const y = year.exec(s);
    if (y) {
      s = s.slice(y[0].length);
      changed = true;
    }
    // A quotation leading the subject names a programme ("以“酉阳800”林下养蜂"): the subject follows it.
    const q = /^[“‘"][^”’"]*[”’"]/.exec(s);
    if (q && q[0].length < s.length) {
      s = s.slice(q[0].length);
      changed = true;
    }
    const ordinal = /^(?:[一二三四五六七八九十]+是|[（(]\s*[\d一二三四五六七八九十]+\s*[）)]|[①-⑳]|\d{1,2}[.、．](?!\d))\s*/.exec(s);
    if (ordinal) {
      s = s.slice(ordinal[0].length);
      changed = true;
    }
    for (const w of leading) {
      // "建设任务" stays: stripping 建设 would leave only the kind of figure.
      if (s.startsWith(w) && !generic.test(s.slice(w.length))) {
        s = s.slice(w.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

function tidy(phrase: string): string {
  let s = stripLeading(phrase.replace(/[\s，。；：、,;:]+$/g, '').trim());
  const t = trailing.exec(s);
  if (t && !bareVerbs.has(s.slice(0, t.index)) && t.index > 0) s = s.slice(0, t.index);
  return s.replace(/的$/, '');
}

/**
 * The subject of the quantity at [start, end) of a sentence: the clause text before the number without its verbs,
 * scope and comparison words; when nothing is left there (or it ends in 和/及/与), the phrase after the unit.
 * An empty string when the sentence names none.
 */
export function targetSubject(sentence: string, start: number, end: number): string {
  const text = normaliseWidth(sentence);
  const clause = clauses(text).find((c) => start >= c.start && start < c.end) ?? { start: 0, end: text.length };
  let before = text.slice(clause.start, start);
  const cmp = comparisonStart.exec(before);
  if (cmp) before = before.slice(0, cmp.index);
  for (let m = linking.exec(before); m && m.index > 0; m = linking.exec(before)) before = before.slice(0, m.index);
  const endsInConjunction = /[和及与并]$/.test(before);
  const subject = endsInConjunction ? '' : tidy(before);
  if (subject) return subject;
  // The thing follows the number: "1万亩城市彩色森林景观带建设", "100万亩林业碳汇经济".
  const after = text.slice(end, clause.end).replace(/^(?:及|或)?(?:以上|以内|以下)/, '');
  const phrase = /^[^，。；：、,;:为的]+/.exec(after)?.[0] ?? '';
  return tidy(phrase.replace(/(?:策划|包装|立项)$/, ''));
}

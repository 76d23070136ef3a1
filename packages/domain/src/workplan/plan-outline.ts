import { headingMark, headingStyles, inlineOrdinalAt, type HeadingMark, type HeadingStyle } from './heading-styles.ts';
import { nestingDepths } from './sentences.ts';
import type { PlanLine } from './plan-lines.ts';

// Issue 8 §1: a plan's outline — sections are its top-level headings (一、二、… or 第一部分 …), tasks their next
// level ((一)(二)… on their own lines, or 一是、二是… written inline); anything deeper stays in the task's text.

export interface OutlineTask {
  /** The marker as written: （一）, 1., 一是; null for a section's lead-in text. */
  number: string | null;
  title: string;
  text: string;
}

export interface OutlineSection {
  number: string | null;
  title: string;
  tasks: OutlineTask[];
}

export interface OutlineFinding {
  severity: 'warning' | 'info';
  line: number;
  message: string;
}

export interface PlanOutline {
  sections: OutlineSection[];
  findings: OutlineFinding[];
}

/** Title of a heading line: up to the first full stop, colon or semicolon outside brackets; the rest is body. */
export function splitTitle(rest: string, maxLength = 60): { title: string; body: string } {
  const depths = nestingDepths(rest);
  for (let i = 0; i < rest.length; i += 1) {
    if (depths[i] === 0 && '。：；:;！？'.includes(rest[i]!)) return { title: rest.slice(0, i).trim(), body: rest.slice(i + 1).trim() };
  }
  return rest.length <= maxLength ? { title: rest.trim(), body: '' } : { title: shortTitle(rest), body: rest };
}

/** A task without a heading of its own is named by its first clause (at most 40 characters). */
export function shortTitle(text: string): string {
  const depths = nestingDepths(text);
  let end = text.length;
  for (let i = 0; i < text.length; i += 1) {
    if (depths[i] === 0 && '。：；，,:;！？'.includes(text[i]!)) {
      end = i;
      break;
    }
  }
  const t = text.slice(0, end).trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** Inline tasks 一是…二是…: cut where the ordinals follow each other from 一, after a stop or at the start. */
export function splitInlineOrdinals(text: string): { intro: string; tasks: OutlineTask[] } | null {
  const depths = nestingDepths(text);
  const cuts: { at: number; length: number; marker: string }[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (depths[i] !== 0 || (i > 0 && !'。；;：:！？\n'.includes(text[i - 1]!))) continue;
    const o = inlineOrdinalAt(text.slice(i, i + 4));
    if (o && o.number === cuts.length + 1) cuts.push({ at: i, length: o.length, marker: text.slice(i, i + o.length) });
  }
  if (cuts.length < 2) return null;
  const tasks = cuts.map((c, k) => {
    const body = text.slice(c.at + c.length, k + 1 < cuts.length ? cuts[k + 1]!.at : text.length).trim();
    return { number: c.marker, title: shortTitle(body), text: body };
  });
  return { intro: text.slice(0, cuts[0]!.at).trim(), tasks };
}

interface Heading {
  index: number;
  mark: HeadingMark;
}

const rank = (s: HeadingStyle) => headingStyles.indexOf(s);

/** The outermost heading style that the document starts counting from 1, among styles ranked below `above`. */
function levelStyle(marks: Heading[], above: number): HeadingStyle | null {
  const candidates = marks.filter((h) => rank(h.mark.style) > above);
  const firstOf = new Map<HeadingStyle, Heading>();
  for (const h of candidates) if (!firstOf.has(h.mark.style)) firstOf.set(h.mark.style, h);
  const counted = [...firstOf.values()].filter((h) => h.mark.number === 1).map((h) => h.mark.style);
  counted.sort((a, b) => rank(a) - rank(b));
  return counted[0] ?? null;
}

/**
 * The outline of a plan's body lines (the title and cover letter already taken off). Lines before the first
 * section are the plan's preamble, returned as a leading section 总体要求 when they are not empty.
 */
export function planOutline(lines: PlanLine[]): PlanOutline {
  const findings: OutlineFinding[] = [];
  const marks: Heading[] = [];
  lines.forEach((l, index) => {
    const mark = headingMark(l.text);
    if (mark) marks.push({ index, mark });
  });
  const top = levelStyle(marks, -1);
  const sectionStarts: Heading[] = [];
  if (top) {
    let expected = 1;
    lines.forEach((l, index) => {
      const mark = marks.find((h) => h.index === index)?.mark;
      if (mark?.style === top && mark.number >= expected) {
        if (mark.number > expected) findings.push({ severity: 'warning', line: l.line, message: `标题序号跳过：应为第 ${expected} 项，写作第 ${mark.number} 项` });
        sectionStarts.push({ index, mark });
        expected = mark.number + 1;
        return;
      }
      // A section heading typed as "二是…" (it happens in real plans): the next section number, at the start of a
      // line, followed by the section's own 一是.
      const ordinal = top === 'chinese' && !mark ? inlineOrdinalAt(l.text) : null;
      if (ordinal && ordinal.number === expected && sectionStarts.length > 0 && /[。：；]一是/.test(l.text)) {
        const rest = l.text.slice(ordinal.length);
        findings.push({ severity: 'warning', line: l.line, message: `此行以“${l.text.slice(0, ordinal.length)}”开头，但其后另起“一是”，按第 ${expected} 部分标题处理` });
        sectionStarts.push({ index, mark: { style: top, number: expected, marker: `${l.text.slice(0, ordinal.length - 1)}、`, rest } });
        expected += 1;
      }
    });
  }
  const sections: OutlineSection[] = [];
  const firstSection = sectionStarts[0]?.index ?? lines.length;
  const preamble = lines.slice(0, firstSection).map((l) => l.text).join('\n').trim();
  if (preamble) sections.push({ number: null, title: '总体要求', tasks: [{ number: null, title: '总体要求', text: preamble }] });
  const taskStyle = top ? levelStyle(marks.filter((h) => h.index > firstSection), rank(top)) : null;
  sectionStarts.forEach((start, k) => {
    const end = sectionStarts[k + 1]?.index ?? lines.length;
    const { title, body: headBody } = splitTitle(start.mark.rest);
    const bodyLines = lines.slice(start.index + 1, end);
    const section: OutlineSection = { number: start.mark.marker, title, tasks: [] };
    const taskLines = taskStyle ? bodyLines.map((l, i) => ({ i, mark: headingMark(l.text) })).filter((x) => x.mark?.style === taskStyle) : [];
    if (taskLines.length) {
      const intro = [headBody, ...bodyLines.slice(0, taskLines[0]!.i).map((l) => l.text)].join('\n').trim();
      if (intro) section.tasks.push({ number: null, title, text: intro });
      taskLines.forEach((t, j) => {
        const mark = t.mark!;
        const following = bodyLines.slice(t.i + 1, taskLines[j + 1]?.i ?? bodyLines.length).map((l) => l.text);
        const text = [mark.rest, ...following].join('\n').trim();
        const heading = splitTitle(mark.rest).title;
        section.tasks.push({ number: mark.marker, title: heading && heading.length <= 30 ? heading : shortTitle(text), text });
      });
    } else {
      const body = [headBody, ...bodyLines.map((l) => l.text)].join('\n').trim();
      const inline = splitInlineOrdinals(body);
      if (inline) {
        if (inline.intro) section.tasks.push({ number: null, title, text: inline.intro });
        section.tasks.push(...inline.tasks);
      } else {
        section.tasks.push({ number: null, title, text: body || title });
      }
    }
    sections.push(section);
  });
  if (!top && lines.length) findings.push({ severity: 'warning', line: lines[0]!.line, message: '未识别出“一、二、……”等分级标题，全文作为一部分导入' });
  return { sections, findings };
}

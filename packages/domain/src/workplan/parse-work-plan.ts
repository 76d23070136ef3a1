import { planLines } from './plan-lines.ts';
import { planHeader } from './plan-header.ts';
import { planOutline, type OutlineFinding } from './plan-outline.ts';
import { sentences } from './sentences.ts';
import { quantitiesIn } from './quantities.ts';
import { targetSubject } from './target-subject.ts';
import { taskDeadline } from './task-deadline.ts';
import { dutyRuleSuggestions, type RuleAction, type RulePeriod, type RuleRole } from './duty-rule-suggestions.ts';
import type { TargetOp } from './comparison.ts';

// Issue 8 §1: a work plan (工作要点) read into sections, tasks, quantitative targets and suggested duty rules —
// a proposal that a person reviews and corrects before anything is stored.

export interface PlanTarget {
  subject: string;
  value: number;
  unit: string;
  op: TargetOp;
  /** The sentence the target came from. */
  text: string;
}

export interface PlanRule {
  text: string;
  role?: RuleRole;
  action: RuleAction;
  period: RulePeriod;
  min: number;
}

export interface PlanTask {
  number: string | null;
  title: string;
  text: string;
  deadline?: string;
  targets: PlanTarget[];
  rules: PlanRule[];
}

export interface PlanSection {
  number: string | null;
  title: string;
  tasks: PlanTask[];
}

export interface ParsedWorkPlan {
  title: string | null;
  issuer: string | null;
  year: number | null;
  sections: PlanSection[];
  findings: OutlineFinding[];
}

const listMarker = /^(?:[（(]\s*[\d一二三四五六七八九十]+\s*[）)]|[①-⑳]|\d{1,2}[.、．](?!\d))\s*/;

/** Targets and rules of one task's text. */
export function readTask(text: string): { targets: PlanTarget[]; rules: PlanRule[] } {
  const targets: PlanTarget[] = [];
  const rules: PlanRule[] = [];
  for (const span of sentences(text)) {
    // A deeper list number ("1." "(2)" "①") opening the sentence is outline, not part of what it says.
    const sentence = span.text.replace(listMarker, '');
    const found = dutyRuleSuggestions(sentence);
    for (const { start: _s, end: _e, ...rule } of found) rules.push(rule);
    let subject = '';
    for (const q of quantitiesIn(sentence, found)) {
      if (!q.rangeEnd) subject = targetSubject(sentence, q.start, q.end);
      targets.push({ subject, value: q.value, unit: q.unit, op: q.op, text: sentence });
    }
  }
  return { targets, rules };
}

/**
 * Parses a plan's text. `year` (from the command line or the page) wins over the title's year; without either,
 * deadlines are not dated and a finding says so.
 */
export function parseWorkPlan(source: string, options: { year?: number | undefined } = {}): ParsedWorkPlan {
  const lines = planLines(source);
  const header = planHeader(lines);
  const year = options.year ?? header.year;
  const outline = planOutline(lines.slice(header.bodyStart));
  const findings: OutlineFinding[] = [];
  if (header.dropped.length && header.dropped[0]) {
    findings.push({ severity: 'info', line: header.dropped[0]!.line, message: `标题“${header.title}”之前的 ${header.dropped.length} 行（印发通知等）不属于要点正文，未导入` });
  }
  if (year === null) findings.push({ severity: 'warning', line: 1, message: '未从标题读出年度，也未指定年度：期限未换算成日期' });
  findings.push(...outline.findings);
  const sections = outline.sections.map((s) => ({
    number: s.number,
    title: s.title,
    tasks: s.tasks.map((t) => {
      const deadline = taskDeadline(t.text, year);
      return { number: t.number, title: t.title, text: t.text, ...(deadline ? { deadline } : {}), ...readTask(t.text) };
    }),
  }));
  return { title: header.title, issuer: header.issuer, year, sections, findings };
}

/** The `--json` contract of issue 8 §1: `{sections:[{title, tasks:[{title, text, deadline?, targets, rules}]}]}`. */
export function workPlanContract(plan: { sections: PlanSection[] }): { sections: { title: string; tasks: Omit<PlanTask, 'number'>[] }[] } {
  return {
    sections: plan.sections.map((s) => ({
      title: s.title,
      tasks: s.tasks.map((t) => ({ title: t.title, text: t.text, ...(t.deadline ? { deadline: t.deadline } : {}), targets: t.targets, rules: t.rules })),
    })),
  };
}

import { chineseNumeralValue, normaliseWidth } from './chinese-numerals.ts';
import { clauses } from './sentences.ts';

// Issue 8 §1, DOMAIN.md §1: a plan's duty rules ("镇街级林长每季度巡林至少1次", "村级林长每周巡林不少于1次",
// "每月向镇街级林长报告工作不少于1次") become suggested patrol / report rules, reviewed by a person before they
// replace anything in the versioned duty-rule table.

export const ruleActions = ['patrol', 'report', 'meeting'] as const;
export type RuleAction = (typeof ruleActions)[number];
export const rulePeriods = ['week', 'month', 'quarter', 'half-year', 'year'] as const;
export type RulePeriod = (typeof rulePeriods)[number];
/** Roles of the forest-chief system (一长三员 and the chief levels): `<level>_chief` or the three 员. */
export const ruleRoles = ['county_chief', 'town_chief', 'village_chief', 'forest_farm_chief', 'ranger', 'supervisor', 'instructor'] as const;
export type RuleRole = (typeof ruleRoles)[number];

export interface DutyRuleSuggestion {
  text: string;
  role?: RuleRole;
  action: RuleAction;
  period: RulePeriod;
  min: number;
  /** Position in the sentence of the clause the rule was read from (its count is not a target). */
  start: number;
  end: number;
}

const roleWords: [RegExp, RuleRole][] = [
  [/(?:区县级|县级|区级|县（区）级|县区级)林长/g, 'county_chief'],
  [/(?:镇街级|镇（街）级|镇（街道）级|乡镇级|镇级|街道级|乡级|镇街)林长/g, 'town_chief'],
  [/(?:村（社区）级|村社级|村级|社区级)林长/g, 'village_chief'],
  [/(?:国有林场|林场)林长/g, 'forest_farm_chief'],
  [/护林员/g, 'ranger'],
  [/监管员/g, 'supervisor'],
  [/指导员/g, 'instructor'],
];
const periods: [string, RulePeriod][] = [['半年', 'half-year'], ['季度', 'quarter'], ['季', 'quarter'], ['周', 'week'], ['星期', 'week'], ['月', 'month'], ['年', 'year']];
const actions: [RegExp, RuleAction][] = [
  [/巡林|巡山|巡护|巡查|巡逻/, 'patrol'],
  [/报告|汇报|报送|上报/, 'report'],
  [/(?:召开|主持|组织).{0,8}(?:会议|调度会)|调度/, 'meeting'],
];
const every = /每(?:个)?(半年|季度|季|周|星期|月|年)(?:度)?/g;
const count = /(?:至少|不少于|不低于)?\s*(\d+|[一二两三四五六七八九十]+)\s*次/;

/** The role named nearest before a position in the sentence (the one the rule binds), if any. */
function roleBefore(text: string, at: number): RuleRole | undefined {
  let best: { at: number; role: RuleRole } | undefined;
  for (const [re, role] of roleWords) {
    for (const m of text.matchAll(re)) {
      if (m.index < at && (!best || m.index > best.at)) best = { at: m.index, role };
    }
  }
  return best?.role;
}

/** The duty rules a sentence states; `min` is 1 when the period is written without a count ("每月报告"). */
export function dutyRuleSuggestions(sentence: string): DutyRuleSuggestion[] {
  const text = normaliseWidth(sentence);
  const spans = clauses(text);
  const found: DutyRuleSuggestion[] = [];
  for (const m of text.matchAll(every)) {
    const clause = spans.find((c) => m.index >= c.start && m.index < c.end);
    if (!clause) continue;
    const rest = text.slice(m.index + m[0].length, clause.end);
    // The action written first after the period: "每月报送巡护记录" reports, it does not patrol.
    const action = actions
      .map(([re, a]) => ({ at: re.exec(rest)?.index ?? Infinity, a }))
      .sort((x, y) => x.at - y.at)
      .find((x) => x.at < Infinity)?.a;
    if (!action) continue;
    const period = periods.find(([w]) => w === m[1])![1];
    const c = count.exec(rest);
    const min = c ? (/^\d/.test(c[1]!) ? Number(c[1]) : chineseNumeralValue(c[1]!)) : 1;
    if (min === null || min < 1) continue;
    const role = roleBefore(text, m.index);
    found.push({ text: sentence.trim(), ...(role ? { role } : {}), action, period, min, start: clause.start, end: clause.end });
  }
  return found;
}

export const ruleActionNames: Record<RuleAction, string> = { patrol: '巡林', report: '报告', meeting: '会议' };
export const rulePeriodNames: Record<RulePeriod, string> = { week: '周', month: '月', quarter: '季度', 'half-year': '半年', year: '年' };
export const ruleRoleNames: Record<RuleRole, string> = {
  county_chief: '区县级林长', town_chief: '镇街级林长', village_chief: '村级林长', forest_farm_chief: '国有林场林长', ranger: '护林员', supervisor: '监管员', instructor: '指导员',
};

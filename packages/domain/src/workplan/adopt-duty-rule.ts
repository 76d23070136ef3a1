// Issue 8 §1–§2 (DOMAIN.md §1): a duty rule read from a plan ("镇街级林长每季度巡林至少1次") adopted into the versioned
// duty-rule table. The plan's words name a chief's level with the role (town_chief), but not a ranger's,
// supervisor's or instructor's post level: the person adopting it says which; a half year is the table's `half`.

import type { PostLevel, PostRole } from '../chiefs/post-rules.ts';
import type { DutyRule } from '../patrol/duty-rules.ts';
import type { PeriodKind } from '../time/periods.ts';
import type { RuleAction, RulePeriod, RuleRole } from './duty-rule-suggestions.ts';

const chiefLevels: Partial<Record<RuleRole, PostLevel>> = { county_chief: 'county', town_chief: 'town', village_chief: 'village', forest_farm_chief: 'forest_farm' };
const staffRoles: Partial<Record<RuleRole, PostRole>> = { ranger: 'ranger', supervisor: 'supervisor', instructor: 'instructor' };
const periodOf: Record<RulePeriod, PeriodKind> = { week: 'week', month: 'month', quarter: 'quarter', 'half-year': 'half', year: 'year' };

export interface SuggestedRule {
  text: string;
  role: RuleRole | null;
  action: RuleAction;
  period: RulePeriod;
  min: number;
}

/** What the person adds when the plan's words do not say it: the post's role and level. */
export interface AdoptAnswer {
  role?: PostRole | undefined;
  level?: PostLevel | undefined;
}

/**
 * The duty-table row a suggested rule becomes, or what is missing to make one (`field` names the answer to give).
 * A meeting is not a duty the table judges.
 */
export function dutyRuleFromSuggestion(rule: SuggestedRule, answer: AdoptAnswer, source: string): { ok: true; rule: DutyRule } | { ok: false; field: 'action' | 'role' | 'level'; message: string } {
  if (rule.action === 'meeting') return { ok: false, field: 'action', message: '会议类职责不计入巡林/报告履职规则' };
  const chiefLevel = rule.role ? chiefLevels[rule.role] : undefined;
  const role: PostRole | undefined = chiefLevel ? 'chief' : rule.role ? staffRoles[rule.role] : answer.role;
  if (!role) return { ok: false, field: 'role', message: '原文未写明岗位，请选择岗位' };
  const level = chiefLevel ?? answer.level;
  if (!level) return { ok: false, field: 'level', message: '原文未写明岗位层级，请选择层级' };
  if (chiefLevel && answer.level && answer.level !== chiefLevel) return { ok: false, field: 'level', message: `原文写明为${chiefLevel === 'county' ? '区县' : chiefLevel === 'town' ? '镇街' : chiefLevel === 'village' ? '村' : '国有林场'}级林长` };
  return { ok: true, rule: { role, level, duty: rule.action, count: rule.min, period: periodOf[rule.period], source } };
}

/** The duty table with `rule` in place of the row for the same role, level and duty (or added). */
export function withDutyRule(table: readonly DutyRule[], rule: DutyRule): DutyRule[] {
  const same = (r: DutyRule) => r.role === rule.role && r.level === rule.level && r.duty === rule.duty;
  return table.some(same) ? table.map((r) => (same(r) ? rule : r)) : [...table, rule];
}

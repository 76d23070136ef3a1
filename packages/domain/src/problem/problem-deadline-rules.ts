import { problemCategories, problemSeverities, type ProblemCategory, type ProblemSeverity } from './problem-kinds.ts';

/** How long a problem may take to be handled (处置), by category and severity; `*` matches any. */
export interface ProblemDeadlineRule {
  category: ProblemCategory | '*';
  severity: ProblemSeverity | '*';
  handleHours: number; // from the report to the handling result
  dueSoonHours: number; // remind this long before the deadline
}

export interface ProblemDeadlineRules {
  items: readonly ProblemDeadlineRule[];
  /** After an overdue problem is escalated (督办), the next level waits this long before escalating again. */
  supervisionHours: number;
  /** The escalation at which the responsible chief is called to an interview (约谈): "repeated overdue". */
  interviewAtEscalation: number;
  source: string;
}

/**
 * DOMAIN.md §2 says deadlines go by category and severity but gives no figures, so these are ours [U]:
 * a county replaces them through its versioned rule table. Fire hazards and dead wildlife (epidemic risk)
 * are the fastest; land cases need time to investigate.
 */
export const defaultProblemDeadlineRules: ProblemDeadlineRules = {
  items: [
    { category: '*', severity: 'general', handleHours: 168, dueSoonHours: 24 },
    { category: '*', severity: 'serious', handleHours: 72, dueSoonHours: 12 },
    { category: '*', severity: 'urgent', handleHours: 24, dueSoonHours: 4 },
    { category: 'fire_hazard', severity: '*', handleHours: 24, dueSoonHours: 4 },
    { category: 'fire_hazard', severity: 'urgent', handleHours: 2, dueSoonHours: 1 },
    { category: 'wildlife_death', severity: '*', handleHours: 24, dueSoonHours: 4 },
    { category: 'encroachment', severity: 'general', handleHours: 720, dueSoonHours: 72 },
    { category: 'four_chaos', severity: 'general', handleHours: 720, dueSoonHours: 72 },
  ],
  supervisionHours: 72,
  interviewAtEscalation: 2,
  source: '默认值（未确认）：DOMAIN.md §2 只规定按类别和紧急程度设期限，由区县按本地办法配置',
};

const HOUR = 3_600_000;

/** The most specific rule for a problem: exact category and severity first, then category, then severity, then `*`. */
export function deadlineRuleFor(rules: ProblemDeadlineRules, category: ProblemCategory, severity: ProblemSeverity): ProblemDeadlineRule {
  const score = (r: ProblemDeadlineRule) => (r.category === category ? 2 : r.category === '*' ? 0 : -10) + (r.severity === severity ? 1 : r.severity === '*' ? 0 : -10);
  let best: ProblemDeadlineRule | null = null;
  for (const r of rules.items) if (score(r) >= 0 && (!best || score(r) > score(best))) best = r;
  // checkProblemDeadlineRules demands a `*`/`*` row or full coverage; this fallback only guards old data.
  return best ?? { category: '*', severity: '*', handleHours: 168, dueSoonHours: 24 };
}

/** Deadline and reminder time of a problem reported at `reportedAt` (ISO). */
export function problemDeadline(rules: ProblemDeadlineRules, category: ProblemCategory, severity: ProblemSeverity, reportedAt: string): { deadlineAt: string; dueSoonAt: string; handleHours: number } {
  const rule = deadlineRuleFor(rules, category, severity);
  const deadline = Date.parse(reportedAt) + rule.handleHours * HOUR;
  return {
    deadlineAt: new Date(deadline).toISOString(),
    dueSoonAt: new Date(deadline - Math.min(rule.dueSoonHours, rule.handleHours) * HOUR).toISOString(),
    handleHours: rule.handleHours,
  };
}

export interface RuleFindingLike {
  path: string;
  message: string;
}

/** What is wrong with a proposed deadline table (empty = fine). */
export function checkProblemDeadlineRules(rules: ProblemDeadlineRules): RuleFindingLike[] {
  const out: RuleFindingLike[] = [];
  const seen = new Set<string>();
  rules.items.forEach((r, i) => {
    if (r.category !== '*' && !problemCategories.includes(r.category)) out.push({ path: `/items/${i}/category`, message: '问题类别无效' });
    if (r.severity !== '*' && !problemSeverities.includes(r.severity)) out.push({ path: `/items/${i}/severity`, message: '紧急程度无效' });
    if (!(r.handleHours > 0 && r.handleHours <= 24 * 366)) out.push({ path: `/items/${i}/handleHours`, message: '办理时限应为 0 到 8784 小时之间' });
    if (!(r.dueSoonHours >= 0 && r.dueSoonHours < r.handleHours)) out.push({ path: `/items/${i}/dueSoonHours`, message: '提前提醒时间应小于办理时限' });
    const key = `${r.category}|${r.severity}`;
    if (seen.has(key)) out.push({ path: `/items/${i}`, message: '同一类别和紧急程度只能有一条规则' });
    seen.add(key);
  });
  for (const severity of problemSeverities) {
    if (!rules.items.some((r) => (r.severity === severity || r.severity === '*') && r.category === '*')) {
      out.push({ path: '/items', message: `缺少适用于所有类别的“${severity}”期限（类别填 *）` });
    }
  }
  if (!(rules.supervisionHours > 0 && rules.supervisionHours <= 24 * 366)) out.push({ path: '/supervisionHours', message: '督办期限应为正数小时' });
  if (!(Number.isInteger(rules.interviewAtEscalation) && rules.interviewAtEscalation >= 1 && rules.interviewAtEscalation <= 10)) {
    out.push({ path: '/interviewAtEscalation', message: '约谈应在第 1–10 次督办时' });
  }
  if (!rules.source.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}

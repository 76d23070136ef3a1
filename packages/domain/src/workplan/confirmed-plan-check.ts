import { targetOps } from './comparison.ts';
import { ruleActions, rulePeriods, ruleRoles } from './duty-rule-suggestions.ts';
import type { PlanRule, PlanTarget } from './parse-work-plan.ts';

// Issue 8 §1: nothing is stored until a person has reviewed the proposal; what they confirm (after unticking
// wrong targets and correcting a value, unit or comparison) is checked here before it is written.

export interface ConfirmedTask {
  number?: string | null | undefined;
  title: string;
  text: string;
  deadline?: string | null | undefined;
  targets: PlanTarget[];
  rules: PlanRule[];
}

export interface ConfirmedPlan {
  title: string;
  year: number;
  sections: { number?: string | null | undefined; title: string; tasks: ConfirmedTask[] }[];
}

export interface PlanFieldError {
  /** JSON pointer into the confirmed plan: /sections/0/tasks/2/targets/1/value. */
  path: string;
  message: string;
}

const isCalendarDate = (d: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
};

/** Every problem with a confirmed plan, each at its path (empty = it may be stored). */
export function confirmedPlanErrors(plan: ConfirmedPlan): PlanFieldError[] {
  const errors: PlanFieldError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  if (!plan.title.trim()) add('/title', '请填写要点标题');
  if (!Number.isInteger(plan.year) || plan.year < 1990 || plan.year > 2100) add('/year', '年度应为 1990–2100 的年份');
  if (!plan.sections.length) add('/sections', '要点至少应有一个部分');
  plan.sections.forEach((s, i) => {
    const sp = `/sections/${i}`;
    if (!s.title.trim()) add(`${sp}/title`, '请填写部分标题');
    if (!s.tasks.length) add(`${sp}/tasks`, '每个部分至少应有一项任务');
    s.tasks.forEach((t, j) => {
      const tp = `${sp}/tasks/${j}`;
      if (!t.title.trim()) add(`${tp}/title`, '请填写任务标题');
      if (!t.text.trim()) add(`${tp}/text`, '任务内容不能为空');
      if (t.deadline && !isCalendarDate(t.deadline)) add(`${tp}/deadline`, '完成期限应为有效日期（YYYY-MM-DD）');
      t.targets.forEach((g, k) => {
        const gp = `${tp}/targets/${k}`;
        if (!g.subject.trim()) add(`${gp}/subject`, '请填写指标名称（数量所指的对象）');
        if (!Number.isFinite(g.value) || g.value < 0) add(`${gp}/value`, '目标值应为不小于 0 的数');
        if (!g.unit.trim()) add(`${gp}/unit`, '请填写单位');
        if (!(targetOps as readonly string[]).includes(g.op)) add(`${gp}/op`, '比较方式应为 ≥、≤ 或 =');
        if (!g.text.trim()) add(`${gp}/text`, '请保留指标所在的原文句子');
      });
      t.rules.forEach((r, k) => {
        const rp = `${tp}/rules/${k}`;
        if (r.role !== undefined && !(ruleRoles as readonly string[]).includes(r.role)) add(`${rp}/role`, '角色不在林长制岗位之列');
        if (!(ruleActions as readonly string[]).includes(r.action)) add(`${rp}/action`, '职责应为巡林、报告或会议');
        if (!(rulePeriods as readonly string[]).includes(r.period)) add(`${rp}/period`, '周期应为周、月、季度、半年或年');
        if (!Number.isInteger(r.min) || r.min < 1) add(`${rp}/min`, '次数应为不小于 1 的整数');
      });
    });
  });
  return errors;
}

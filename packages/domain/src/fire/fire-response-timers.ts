import { fireStatusNames, fireSteps, isFireOpen, type FireStatus, type FireStep } from './fire-timeline.ts';

// DOMAIN.md §5: Chongqing's "135" early-handling mechanism exists [C]; what 1, 3 and 5 measure is [U], so the
// three timers are a versioned rule table (kind `fire_response_timers`) over the fire timeline.

export interface FireResponseTimer {
  name: string;
  fromStep: FireStep;
  toStep: FireStep;
  minutes: number;
}

export interface FireResponseTimers {
  timers: FireResponseTimer[];
  source: string;
}

/**
 * Our reading of "135", unconfirmed [U]: 1 minute from discovery to the report, 3 minutes from the report to its
 * verification (the response), 5 minutes from verification to dispatching the crews. Searched for the mechanism's
 * text: the Chongqing KPI figures were found, the district plans (e.g. 綦江区森林火灾应急预案 2024, §6.1 火情早期处置)
 * have an early-handling section, but no published text defining 1/3/5 was found.
 */
export const defaultFireResponseTimers: FireResponseTimers = {
  timers: [
    { name: '1 分钟上报', fromStep: 'discovered', toStep: 'reported', minutes: 1 },
    { name: '3 分钟核实响应', fromStep: 'reported', toStep: 'verified', minutes: 3 },
    { name: '5 分钟调度出动', fromStep: 'verified', toStep: 'dispatched', minutes: 5 },
  ],
  source:
    '默认值（未确认）：重庆森林火情早期处置“135”机制确有其事（DOMAIN.md §5），但未检索到规定 1、3、5 含义的公开原文；' +
    '此处理解为“发现后 1 分钟上报、接报 3 分钟核实响应、核实后 5 分钟调度出动”，请按本地森林防灭火指挥部的规定修改',
};

export interface FireTimerFinding {
  path: string;
  message: string;
}

/** What is wrong with a proposed timer table (empty = fine). */
export function checkFireResponseTimers(rules: FireResponseTimers): FireTimerFinding[] {
  const out: FireTimerFinding[] = [];
  if (rules.timers.length < 1 || rules.timers.length > 6) out.push({ path: '/timers', message: '应有 1–6 个计时器（“135”为 3 个）' });
  const names = new Set<string>();
  rules.timers.forEach((t, i) => {
    if (!t.name.trim()) out.push({ path: `/timers/${i}/name`, message: '请填写名称' });
    if (names.has(t.name.trim())) out.push({ path: `/timers/${i}/name`, message: '计时器名称不能重复' });
    names.add(t.name.trim());
    if (!fireSteps.includes(t.fromStep)) out.push({ path: `/timers/${i}/fromStep`, message: '起点环节无效' });
    if (!fireSteps.includes(t.toStep)) out.push({ path: `/timers/${i}/toStep`, message: '终点环节无效' });
    else if (fireSteps.indexOf(t.toStep) <= fireSteps.indexOf(t.fromStep)) out.push({ path: `/timers/${i}/toStep`, message: '终点环节应在起点环节之后' });
    if (!Number.isFinite(t.minutes) || t.minutes <= 0 || t.minutes > 7 * 24 * 60) out.push({ path: `/timers/${i}/minutes`, message: '时限应为大于 0、不超过 10080 的分钟数' });
  });
  if (!rules.source.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}

export type FireTimerStatus = 'pending' | 'running' | 'met' | 'breached' | 'cancelled';
export const fireTimerStatusNames: Record<FireTimerStatus, string> = { pending: '未开始', running: '计时中', met: '达标', breached: '超时', cancelled: '已终止' };

export interface FireTimerState {
  name: string;
  fromStep: FireStep;
  toStep: FireStep;
  minutes: number;
  status: FireTimerStatus;
  startedAt: string | null;
  deadlineAt: string | null;
  stoppedAt: string | null; // when the to-step was reached
  elapsedMinutes: number | null;
  remainingMinutes: number | null; // while running
  overrunMinutes: number | null; // when breached (still running past the deadline, or reached late)
  /** A breached timer whose to-step is still awaited. */
  open: boolean;
  label: string;
}

const MIN = 60_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Each timer's state at `now` for a record with the given step times and status: not started until its from-step,
 * running until its to-step or its deadline, then met or breached; a record that ended as a false alarm (or was
 * dismissed) before the to-step cancels it.
 */
export function fireTimerStates(rules: FireResponseTimers, steps: Partial<Record<FireStep, string>>, status: FireStatus, now: string): FireTimerState[] {
  const t = Date.parse(now);
  return rules.timers.map((timer) => {
    const base = { name: timer.name, fromStep: timer.fromStep, toStep: timer.toStep, minutes: timer.minutes };
    const from = steps[timer.fromStep];
    const empty = { startedAt: null, deadlineAt: null, stoppedAt: null, elapsedMinutes: null, remainingMinutes: null, overrunMinutes: null, open: false };
    if (!from) {
      const ended = !isFireOpen(status);
      return { ...base, ...empty, status: ended ? 'cancelled' : 'pending', label: ended ? `已${fireStatusNames[status]}` : `待“${fireStatusNames[timer.fromStep]}”后开始` };
    }
    const start = Date.parse(from);
    const deadline = start + timer.minutes * MIN;
    const common = { startedAt: from, deadlineAt: new Date(deadline).toISOString() };
    const to = steps[timer.toStep];
    if (to) {
      const elapsed = (Date.parse(to) - start) / MIN;
      const late = elapsed > timer.minutes;
      return {
        ...base, ...common, stoppedAt: to, elapsedMinutes: round1(elapsed), remainingMinutes: null, overrunMinutes: late ? round1(elapsed - timer.minutes) : null, open: false,
        status: late ? 'breached' : 'met', label: late ? `超时 ${round1(elapsed - timer.minutes)} 分钟` : `用时 ${round1(elapsed)} 分钟，达标`,
      };
    }
    if (!isFireOpen(status)) {
      return { ...base, ...common, stoppedAt: null, elapsedMinutes: null, remainingMinutes: null, overrunMinutes: null, open: false, status: 'cancelled', label: `已${fireStatusNames[status]}` };
    }
    const elapsed = Math.max(0, (t - start) / MIN);
    if (elapsed <= timer.minutes) {
      return { ...base, ...common, stoppedAt: null, elapsedMinutes: round1(elapsed), remainingMinutes: round1(timer.minutes - elapsed), overrunMinutes: null, open: false, status: 'running', label: `剩余 ${round1(timer.minutes - elapsed)} 分钟` };
    }
    return { ...base, ...common, stoppedAt: null, elapsedMinutes: round1(elapsed), remainingMinutes: null, overrunMinutes: round1(elapsed - timer.minutes), open: true, status: 'breached', label: `已超时 ${round1(elapsed - timer.minutes)} 分钟` };
  });
}

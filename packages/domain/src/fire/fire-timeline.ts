import { err, ok, type Result } from '../result.ts';

// Issue 6 §6, DOMAIN.md §5: a fire record's timeline, discovered → reported → verified → dispatched → arrived →
// controlled → out; at verification it may instead end as a false alarm or be dismissed (with a reason).

export const fireSteps = ['discovered', 'reported', 'verified', 'dispatched', 'arrived', 'controlled', 'out'] as const;
export type FireStep = (typeof fireSteps)[number];
export const fireEndings = ['false_alarm', 'dismissed'] as const;
export type FireEnding = (typeof fireEndings)[number];
/** A fire record's status is the last step it reached. */
export type FireStatus = FireStep | FireEnding;
export const fireStatuses: readonly FireStatus[] = [...fireSteps, ...fireEndings];

export const fireStatusNames: Record<FireStatus, string> = {
  discovered: '发现', reported: '报告', verified: '核实', dispatched: '调度出动', arrived: '到场', controlled: '控制', out: '扑灭',
  false_alarm: '误报', dismissed: '不予处置',
};

/** Statuses in which a fire record is still being handled. */
export const openFireStatuses: readonly FireStatus[] = ['discovered', 'reported', 'verified', 'dispatched', 'arrived', 'controlled'];
export const isFireOpen = (status: FireStatus): boolean => openFireStatuses.includes(status);

/** How much a step time may lie ahead of the server clock (a phone's clock runs a little fast). */
export const fireClockSkewMs = 5 * 60_000;

export interface FireStepInput {
  step: FireStatus;
  at: string; // ISO instant
  person: string; // who did it / who reports it (a name)
  note?: string | undefined;
  reason?: string | undefined; // required to end as a false alarm or dismissed
}

export interface FireStepRefusal {
  field: 'step' | 'at' | 'person' | 'reason';
  message: string;
}

/** The steps that may follow a status (the next one in order; after 报告, also 误报 / 不予处置). */
export function nextFireSteps(status: FireStatus): FireStatus[] {
  if (!isFireOpen(status)) return [];
  const next = fireSteps[fireSteps.indexOf(status as FireStep) + 1];
  const out: FireStatus[] = next ? [next] : [];
  if (status === 'reported') out.push('false_alarm', 'dismissed');
  return out;
}

/**
 * May a record whose last step is `current` (reached at `currentAt`) take this step now? Steps go in order, each at
 * a time not in the future and not before the previous step's, with the person named.
 */
export function decideFireStep(current: { status: FireStatus; at: string }, input: FireStepInput, now: string): Result<FireStatus, FireStepRefusal> {
  const allowed = nextFireSteps(current.status);
  if (!allowed.includes(input.step)) {
    return err({
      field: 'step',
      message: allowed.length
        ? `当前为“${fireStatusNames[current.status]}”，下一步只能是${allowed.map((s) => `“${fireStatusNames[s]}”`).join('或')}`
        : `该火情已“${fireStatusNames[current.status]}”，不能再推进`,
    });
  }
  const at = Date.parse(input.at);
  if (!Number.isFinite(at)) return err({ field: 'at', message: '时间无效' });
  if (at > Date.parse(now) + fireClockSkewMs) return err({ field: 'at', message: '时间不能晚于现在' });
  if (at < Date.parse(current.at)) return err({ field: 'at', message: `时间不能早于上一步“${fireStatusNames[current.status]}”的时间` });
  if (!input.person.trim()) return err({ field: 'person', message: '请填写处置人' });
  if ((input.step === 'false_alarm' || input.step === 'dismissed') && !input.reason?.trim()) {
    return err({ field: 'reason', message: input.step === 'false_alarm' ? '请说明误报原因' : '请说明不予处置的理由' });
  }
  return ok(input.step);
}

import { unitLevelOf, isInScope, type UnitLevel } from '../units/unit-code.ts';
import type { Result } from '../result.ts';

// DOMAIN.md §2 closed loop: 发现→上报→交办→处置→核查→销号. A state machine with the actor's authority in it,
// so the server, the pages (which buttons to show) and the tests share one definition.

export const problemStatuses = ['reported', 'accepted', 'assigned', 'in_handling', 'handled', 'verified', 'closed', 'dismissed'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];
export const problemStatusNames: Record<ProblemStatus, string> = {
  reported: '已上报',
  accepted: '已受理',
  assigned: '已交办',
  in_handling: '处置中',
  handled: '已处置待核查',
  verified: '已核查待销号',
  closed: '已销号',
  dismissed: '不予受理',
};
/** Still waiting for its handling result: the deadline and escalation apply. */
export const openStatuses: readonly ProblemStatus[] = ['reported', 'accepted', 'assigned', 'in_handling'];
export const finalStatuses: readonly ProblemStatus[] = ['closed', 'dismissed'];

export const problemActions = ['accept', 'assign', 'dismiss', 'start', 'handle', 'verify', 'close', 'send_back'] as const;
export type ProblemAction = (typeof problemActions)[number];
export const problemActionNames: Record<ProblemAction, string> = {
  accept: '受理',
  assign: '交办',
  dismiss: '不予受理',
  start: '签收处置',
  handle: '提交处置结果',
  verify: '核查通过',
  close: '销号',
  send_back: '退回',
};

/** Who acts: the roles and data scope of a signed-in user. */
export interface ProblemActor {
  userId: string;
  personId: string | null;
  roles: readonly string[];
  scopeCode: string;
}

/** What the rules need to know about a problem. */
export interface ProblemFacts {
  status: ProblemStatus;
  unitCode: string;
  assigneeUnitCode: string | null;
  assigneePersonId: string | null;
  handledByUserId: string | null;
  handledByPersonId: string | null;
  /** The chief level an overdue problem was escalated to (督办), or null. */
  escalationLevel: UnitLevel | null;
  /** Satellite patches must be checked in the field: handling needs a photo taken there. */
  needsFieldCheck: boolean;
}

export interface ProblemCommand {
  action: ProblemAction;
  reason?: string; // dismiss, send_back
  note?: string; // handle: what was done
  photoCount?: number; // handle: evidence photos
  assigneeUnitCode?: string; // assign
  assigneePersonId?: string; // assign
}

export interface WorkflowRefusal {
  kind: 'forbidden' | 'state' | 'invalid';
  field?: string;
  message: string;
}

const levelRank: Record<UnitLevel, number> = { province: 0, county: 1, town: 2, village: 3 };

const manages = (actor: ProblemActor, unitCode: string) =>
  actor.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief') && isInScope(unitCode, actor.scopeCode);

/** An escalated problem is reviewed at the level it was escalated to or higher (DOMAIN.md §2). */
const reviews = (actor: ProblemActor, p: ProblemFacts) =>
  actor.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief' || r === 'supervisor') &&
  isInScope(p.unitCode, actor.scopeCode) &&
  (p.escalationLevel === null || levelRank[unitLevelOf(actor.scopeCode)] <= levelRank[p.escalationLevel]);

const handles = (actor: ProblemActor, p: ProblemFacts) =>
  (p.assigneePersonId !== null && actor.personId === p.assigneePersonId) ||
  (p.assigneeUnitCode !== null && manages(actor, p.assigneeUnitCode));

const isHandler = (actor: ProblemActor, p: ProblemFacts) =>
  actor.userId === p.handledByUserId || (actor.personId !== null && actor.personId === p.handledByPersonId);

const from: Record<ProblemAction, readonly ProblemStatus[]> = {
  accept: ['reported'],
  assign: ['reported', 'accepted', 'assigned', 'in_handling'],
  dismiss: ['reported', 'accepted'],
  start: ['assigned'],
  handle: ['assigned', 'in_handling'],
  verify: ['handled'],
  close: ['verified'],
  send_back: ['handled', 'verified'],
};

const to: Record<Exclude<ProblemAction, 'send_back'>, ProblemStatus> = {
  accept: 'accepted', assign: 'assigned', dismiss: 'dismissed', start: 'in_handling', handle: 'handled', verify: 'verified', close: 'closed',
};

/** The actions this actor may take on the problem now (for the buttons a page shows). */
export function availableProblemActions(p: ProblemFacts, actor: ProblemActor): ProblemAction[] {
  return problemActions.filter((action) => {
    const r = decideProblemTransition(p, actor, { action, reason: 'x', note: 'x', photoCount: 1, assigneeUnitCode: p.unitCode, assigneePersonId: 'x' });
    return r.ok;
  });
}

/**
 * The next status for a command, or why not. The caller checks the assignee exists and lies in scope of the
 * problem's unit; this function checks the state, the actor's authority and the evidence.
 */
export function decideProblemTransition(p: ProblemFacts, actor: ProblemActor, cmd: ProblemCommand): Result<ProblemStatus, WorkflowRefusal> {
  const refuse = (kind: WorkflowRefusal['kind'], message: string, field?: string): Result<ProblemStatus, WorkflowRefusal> => ({ ok: false, error: { kind, message, ...(field ? { field } : {}) } });
  if (!from[cmd.action].includes(p.status)) {
    return refuse('state', `问题当前为“${problemStatusNames[p.status]}”，不能${problemActionNames[cmd.action]}`);
  }
  switch (cmd.action) {
    case 'accept':
      return manages(actor, p.unitCode) ? { ok: true, value: to.accept } : refuse('forbidden', '只有本级或上级林长、工作人员可以受理');
    case 'dismiss':
      if (!manages(actor, p.unitCode)) return refuse('forbidden', '只有本级或上级林长、工作人员可以决定不予受理');
      if (!cmd.reason?.trim()) return refuse('invalid', '请填写不予受理的理由', 'reason');
      return { ok: true, value: to.dismiss };
    case 'assign':
      if (!manages(actor, p.unitCode)) return refuse('forbidden', '只有本级或上级林长、工作人员可以交办');
      if (!cmd.assigneeUnitCode) return refuse('invalid', '请选择承办单位', 'assigneeUnitCode');
      if (!isInScope(cmd.assigneeUnitCode, actor.scopeCode)) return refuse('invalid', '承办单位不在您的管辖范围内', 'assigneeUnitCode');
      if (!cmd.assigneePersonId) return refuse('invalid', '请选择承办人', 'assigneePersonId');
      return { ok: true, value: to.assign };
    case 'start':
      return handles(actor, p) ? { ok: true, value: to.start } : refuse('forbidden', '只有承办人或承办单位的林长可以签收');
    case 'handle':
      if (!handles(actor, p)) return refuse('forbidden', '只有承办人或承办单位的林长可以提交处置结果');
      if (!cmd.note?.trim()) return refuse('invalid', '请说明处置情况', 'note');
      if (p.needsFieldCheck && !(cmd.photoCount && cmd.photoCount > 0)) return refuse('invalid', '图斑须实地核实：请附现场照片', 'photos');
      return { ok: true, value: to.handle };
    case 'verify':
      if (isHandler(actor, p)) return refuse('forbidden', '处置人不能核查自己的处置结果，须由他人核查');
      if (!reviews(actor, p)) {
        return refuse('forbidden', p.escalationLevel ? '该问题已督办，须由督办层级或更高层级核查' : '只有本级或上级林长、监管员、工作人员可以核查');
      }
      return { ok: true, value: to.verify };
    case 'close':
      if (isHandler(actor, p)) return refuse('forbidden', '处置人不能为自己处置的问题销号');
      if (!manages(actor, p.unitCode) || !reviews(actor, p)) return refuse('forbidden', p.escalationLevel ? '该问题已督办，须由督办层级或更高层级销号' : '只有本级或上级林长、工作人员可以销号');
      return { ok: true, value: to.close };
    case 'send_back': {
      if (!cmd.reason?.trim()) return refuse('invalid', '请填写退回理由', 'reason');
      const mayReview = p.status === 'handled' ? reviews(actor, p) : manages(actor, p.unitCode) && reviews(actor, p);
      if (isHandler(actor, p) || !mayReview) return refuse('forbidden', '只有核查或销号的审核人可以退回');
      return { ok: true, value: 'in_handling' };
    }
  }
}

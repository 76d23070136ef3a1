import { describe, expect, it } from 'vitest';
import { availableProblemActions, decideProblemTransition, type ProblemActor, type ProblemFacts } from './problem-workflow.ts';

// DOMAIN.md §2: 发现→上报→交办→处置→核查→销号; verification by a different person, for escalated items a higher level.
const VILLAGE = '500242101200';
const TOWN = '500242101000';
const COUNTY = '500242000000';
const villageChief: ProblemActor = { userId: 'u-vc', personId: 'p-vc', roles: ['chief'], scopeCode: VILLAGE };
const ranger: ProblemActor = { userId: 'u-r', personId: 'p-r', roles: ['ranger'], scopeCode: VILLAGE };
const supervisor: ProblemActor = { userId: 'u-s', personId: 'p-s', roles: ['supervisor'], scopeCode: VILLAGE };
const townChief: ProblemActor = { userId: 'u-tc', personId: 'p-tc', roles: ['chief'], scopeCode: TOWN };
const otherTownChief: ProblemActor = { userId: 'u-oc', personId: 'p-oc', roles: ['chief'], scopeCode: '500242102000' };
const base: ProblemFacts = {
  status: 'reported', unitCode: VILLAGE, assigneeUnitCode: null, assigneePersonId: null,
  handledByUserId: null, handledByPersonId: null, escalationLevel: null, needsFieldCheck: false,
};

describe('problem workflow (DOMAIN.md §2 closed loop)', () => {
  it('runs the whole loop: accept → assign → start → handle → verify → close', () => {
    let p = { ...base };
    const step = (actor: ProblemActor, cmd: Parameters<typeof decideProblemTransition>[2]) => {
      const r = decideProblemTransition(p, actor, cmd);
      if (!r.ok) throw new Error(r.error.message);
      p = { ...p, status: r.value };
      return r.value;
    };
    expect(step(villageChief, { action: 'accept' })).toBe('accepted');
    expect(step(villageChief, { action: 'assign', assigneeUnitCode: VILLAGE, assigneePersonId: 'p-r' })).toBe('assigned');
    p.assigneeUnitCode = VILLAGE; p.assigneePersonId = 'p-r';
    expect(step(ranger, { action: 'start' })).toBe('in_handling');
    expect(step(ranger, { action: 'handle', note: '已制止并恢复植被' })).toBe('handled');
    p.handledByUserId = 'u-r'; p.handledByPersonId = 'p-r';
    expect(step(supervisor, { action: 'verify' })).toBe('verified');
    expect(step(villageChief, { action: 'close' })).toBe('closed');
  });

  it('does not let the handler verify or close their own work', () => {
    const handled: ProblemFacts = { ...base, status: 'handled', assigneeUnitCode: VILLAGE, assigneePersonId: 'p-vc', handledByUserId: 'u-vc', handledByPersonId: 'p-vc' };
    const r = decideProblemTransition(handled, villageChief, { action: 'verify' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // same person under another account is still the handler
    const alias: ProblemActor = { ...villageChief, userId: 'u-other' };
    expect(decideProblemTransition(handled, alias, { action: 'verify' }).ok).toBe(false);
    expect(decideProblemTransition({ ...handled, status: 'verified' }, villageChief, { action: 'close' }).ok).toBe(false);
    expect(decideProblemTransition(handled, townChief, { action: 'verify' }).ok).toBe(true);
  });

  it('demands review at the escalated level or higher', () => {
    const escalated: ProblemFacts = { ...base, status: 'handled', handledByUserId: 'u-r', handledByPersonId: 'p-r', escalationLevel: 'town' };
    expect(decideProblemTransition(escalated, supervisor, { action: 'verify' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(decideProblemTransition(escalated, townChief, { action: 'verify' }).ok).toBe(true);
    const county: ProblemActor = { userId: 'u-cc', personId: 'p-cc', roles: ['chief'], scopeCode: COUNTY };
    expect(decideProblemTransition(escalated, county, { action: 'verify' }).ok).toBe(true);
  });

  it('refuses actions out of scope, out of order, or without the reason or evidence', () => {
    expect(decideProblemTransition(base, otherTownChief, { action: 'accept' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(decideProblemTransition(base, ranger, { action: 'assign', assigneeUnitCode: VILLAGE, assigneePersonId: 'p-r' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(decideProblemTransition(base, villageChief, { action: 'close' })).toMatchObject({ ok: false, error: { kind: 'state' } });
    expect(decideProblemTransition(base, villageChief, { action: 'dismiss', reason: '  ' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'reason' } });
    expect(decideProblemTransition(base, villageChief, { action: 'assign', assigneeUnitCode: TOWN, assigneePersonId: 'p' })).toMatchObject({ ok: false, error: { field: 'assigneeUnitCode' } });
    const patch: ProblemFacts = { ...base, status: 'in_handling', needsFieldCheck: true, assigneeUnitCode: VILLAGE, assigneePersonId: 'p-r' };
    expect(decideProblemTransition(patch, ranger, { action: 'handle', note: '已核实' })).toMatchObject({ ok: false, error: { field: 'photos' } });
    expect(decideProblemTransition(patch, ranger, { action: 'handle', note: '已核实', photoCount: 2 }).ok).toBe(true);
  });

  it('sends back from either review step to handling, with a reason', () => {
    const handled: ProblemFacts = { ...base, status: 'handled', handledByUserId: 'u-r', handledByPersonId: 'p-r' };
    expect(decideProblemTransition(handled, supervisor, { action: 'send_back', reason: '照片不清楚' })).toEqual({ ok: true, value: 'in_handling' });
    expect(decideProblemTransition({ ...handled, status: 'verified' }, villageChief, { action: 'send_back', reason: '未恢复' })).toEqual({ ok: true, value: 'in_handling' });
    expect(decideProblemTransition(handled, supervisor, { action: 'send_back' }).ok).toBe(false);
  });

  it('lists the buttons a person may press', () => {
    expect(availableProblemActions(base, villageChief)).toEqual(['accept', 'assign', 'dismiss']);
    expect(availableProblemActions(base, ranger)).toEqual([]);
    const assigned: ProblemFacts = { ...base, status: 'assigned', assigneeUnitCode: VILLAGE, assigneePersonId: 'p-r' };
    expect(availableProblemActions(assigned, ranger)).toEqual(['start', 'handle']);
  });
});

import { describe, expect, it } from 'vitest';
import { checkFireResponseTimers, defaultFireResponseTimers, fireTimerStates } from './fire-response-timers.ts';

// DOMAIN.md §5: "135" early handling exists [C], the meaning of 1/3/5 is [U] → three configurable SLA timers
// over the fire alarm timeline. These tests fix `now` and check each timer's state.
const t0 = Date.parse('2026-03-10T05:00:00.000Z');
const at = (min: number) => new Date(t0 + min * 60_000).toISOString();

describe('fire response timers ("135")', () => {
  it('ships three timers, each from an earlier step to a later one, with its source marked unconfirmed', () => {
    expect(defaultFireResponseTimers.timers.map((t) => t.minutes)).toEqual([1, 3, 5]);
    expect(checkFireResponseTimers(defaultFireResponseTimers)).toEqual([]);
    expect(defaultFireResponseTimers.source).toContain('未确认');
  });

  it('is running with minutes remaining, then breached with the overrun once the deadline has passed', () => {
    const steps = { discovered: at(0), reported: at(0.5), verified: at(2) };
    const [one, three, five] = fireTimerStates(defaultFireResponseTimers, steps, 'verified', at(4));
    expect(one).toMatchObject({ status: 'met', elapsedMinutes: 0.5, open: false });
    expect(three).toMatchObject({ status: 'met', elapsedMinutes: 1.5 });
    expect(five).toMatchObject({ status: 'running', elapsedMinutes: 2, remainingMinutes: 3, deadlineAt: at(7) });
    const later = fireTimerStates(defaultFireResponseTimers, steps, 'verified', at(9.5))[2]!;
    expect(later).toMatchObject({ status: 'breached', overrunMinutes: 2.5, remainingMinutes: null, open: true });
  });

  it('is met exactly at the deadline and breached when the step came later', () => {
    const onTime = fireTimerStates(defaultFireResponseTimers, { discovered: at(0), reported: at(1) }, 'reported', at(1))[0]!;
    expect(onTime).toMatchObject({ status: 'met', elapsedMinutes: 1 });
    const late = fireTimerStates(defaultFireResponseTimers, { discovered: at(0), reported: at(4) }, 'reported', at(5))[0]!;
    expect(late).toMatchObject({ status: 'breached', overrunMinutes: 3, open: false });
  });

  it('has not started before its from-step and is cancelled when the record ended as a false alarm', () => {
    const states = fireTimerStates(defaultFireResponseTimers, { discovered: at(0), reported: at(0.5) }, 'reported', at(1));
    expect(states[2]).toMatchObject({ status: 'pending', startedAt: null });
    const ended = fireTimerStates(defaultFireResponseTimers, { discovered: at(0), reported: at(0.5) }, 'false_alarm', at(100));
    expect(ended.map((s) => s.status)).toEqual(['met', 'cancelled', 'cancelled']);
  });

  it('refuses a timer that ends before it starts, a non-positive duration and a missing source', () => {
    const bad = { timers: [{ name: 'x', fromStep: 'arrived' as const, toStep: 'reported' as const, minutes: 0 }], source: ' ' };
    expect(checkFireResponseTimers(bad).map((f) => f.path)).toEqual(['/timers/0/toStep', '/timers/0/minutes', '/source']);
  });
});

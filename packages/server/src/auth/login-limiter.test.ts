import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.ts';

describe('LoginLimiter (foundation issue: default 10 failures per 15 minutes per username and address)', () => {
  it('blocks after maxFailures within the window and frees the key when the window has passed', () => {
    let now = 0;
    const limiter = new LoginLimiter({ maxFailures: 10, windowMs: 15 * 60_000, now: () => now });
    for (let i = 0; i < 9; i++) limiter.recordFailure(['u:a']);
    expect(limiter.retryAfterSeconds(['u:a'])).toBe(0);
    now = 60_000;
    limiter.recordFailure(['u:a']);
    expect(limiter.retryAfterSeconds(['u:a'])).toBe(14 * 60); // the oldest failure leaves the window at 15:00
    expect(limiter.retryAfterSeconds(['u:b'])).toBe(0);
    now = 15 * 60_000 + 1;
    expect(limiter.retryAfterSeconds(['u:a'])).toBe(0);
  });
  it('reset clears a key', () => {
    const limiter = new LoginLimiter({ maxFailures: 1, windowMs: 1000, now: () => 0 });
    limiter.recordFailure(['k']);
    expect(limiter.retryAfterSeconds(['k'])).toBe(1);
    limiter.reset('k');
    expect(limiter.retryAfterSeconds(['k'])).toBe(0);
  });
});

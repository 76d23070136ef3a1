import { describe, expect, it } from 'vitest';
import { memoized, readNow, withReadMemo } from './read-memo.ts';

describe('one view read as of one instant (issue 8 §5, the dashboard)', () => {
  it('shares a read of the same key inside a view, and reads afresh outside it and in the next view', async () => {
    let reads = 0;
    const read = () => memoized('k', async () => ++reads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(2); // outside: nothing kept
    const [a, b, c] = await withReadMemo(new Date(), () => Promise.all([read(), read(), memoized('other', async () => 'x')]));
    expect([a, b, c]).toEqual([3, 3, 'x']);
    expect(await withReadMemo(new Date(), read)).toBe(4);
  });

  it('stops the clock at the view\'s instant, through awaits and parallel reads', async () => {
    const at = new Date('2026-10-01T00:00:00Z');
    const clock = () => new Date();
    const seen = await withReadMemo(at, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return Promise.all([readNow(clock), (async () => { await Promise.resolve(); return readNow(clock); })()]);
    });
    expect(seen.map((d) => d.toISOString())).toEqual([at.toISOString(), at.toISOString()]);
    expect(readNow(clock).getTime()).toBeGreaterThan(at.getTime());
  });

  it('does not keep a failed read: the next read of the key tries again', async () => {
    let calls = 0;
    const results = await withReadMemo(new Date(), async () => {
      const first = await memoized('k', async () => { calls++; throw new Error('down'); }).catch((e: Error) => e.message);
      const second = await memoized('k', async () => { calls++; return 'ok'; });
      return [first, second];
    });
    expect(results).toEqual(['down', 'ok']);
    expect(calls).toBe(2);
  });
});

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One view made of many reads (the leadership dashboard: targets, duties, the ranking …) reads the same heavy things
 * several times — a year of patrols judged against the duty table, the ledger summed per town. Inside `withReadMemo`
 * those reads share one result, and the clock stands still at the moment the view began, so every figure of the view
 * is as of one instant and equal figures stay equal. Outside it nothing is kept: each read reads afresh.
 */
interface Memo {
  now: Date;
  results: Map<string, Promise<unknown>>;
}

const storage = new AsyncLocalStorage<Memo>();

export function withReadMemo<T>(now: Date, read: () => Promise<T>): Promise<T> {
  return storage.run({ now, results: new Map() }, read);
}

/** The view's instant inside `withReadMemo`, else the clock's time. */
export function readNow(clock: () => Date): Date {
  return storage.getStore()?.now ?? clock();
}

/** The result of `read` for `key`, shared by every read of the same key inside one `withReadMemo`. */
export function memoized<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo) return read();
  let found = memo.results.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    memo.results.set(key, found);
    // A failed read is not kept: the next asks again.
    found.catch(() => memo.results.delete(key));
  }
  return found;
}

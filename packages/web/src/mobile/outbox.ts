// The phone's outbox: everything recorded in the field waits here (IndexedDB) until the server has it.
// Items belong to the account that recorded them and are only ever sent under that account; logging out
// or switching user never deletes them.

export type OutboxKind = 'start' | 'fixes' | 'observations' | 'pause' | 'resume' | 'end' | 'problem' | 'fire' | 'deadTree' | 'wildlifeReport';

export interface OutboxItem {
  seq?: number; // assigned by IndexedDB, gives the sending order
  userId: string;
  kind: OutboxKind;
  patrolId: string; // the patrol the item belongs to ('' for a problem, a fire or a daily report made outside a patrol)
  body: unknown;
  /** Photos still to upload before the body is sent (a problem report's evidence, kept as taken). */
  photos?: Blob[];
  createdAt: number;
  error?: string; // set when the server refused the item for good (kept for a person to see)
}

const DB_NAME = 'linzhang-field';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
      store.createIndex('byUser', 'userId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => { db.close(); resolve(request.result); };
        tx.onerror = () => { db.close(); reject(tx.error ?? new Error('IndexedDB transaction failed')); };
      }),
  );
}

export const outbox = {
  add(item: Omit<OutboxItem, 'seq' | 'createdAt'>): Promise<IDBValidKey> {
    return run('readwrite', (s) => s.add({ ...item, createdAt: Date.now() }));
  },
  /** This account's items in sending order. */
  async pending(userId: string): Promise<OutboxItem[]> {
    const items = await run<OutboxItem[]>('readonly', (s) => s.index('byUser').getAll(IDBKeyRange.only(userId)) as IDBRequest<OutboxItem[]>);
    return items.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  },
  async counts(userId: string): Promise<{ mine: number; failed: number; others: number }> {
    const all = await run<OutboxItem[]>('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
    const mine = all.filter((i) => i.userId === userId);
    return { mine: mine.filter((i) => !i.error).length, failed: mine.filter((i) => i.error).length, others: all.length - mine.length };
  },
  remove(seq: number): Promise<undefined> {
    return run('readwrite', (s) => s.delete(seq));
  },
  markFailed(item: OutboxItem, error: string): Promise<IDBValidKey> {
    return run('readwrite', (s) => s.put({ ...item, error }));
  },
  /** Keeps an item's progress (e.g. its photos uploaded), so a retry resumes from there. */
  replace(item: OutboxItem): Promise<IDBValidKey> {
    return run('readwrite', (s) => s.put(item));
  },
};

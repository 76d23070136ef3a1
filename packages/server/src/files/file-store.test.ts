import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileStore, MemoryFileStore, sha256Hex, type FileStore } from './file-store.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'linzhang-store-'));
  dirs.push(d);
  return d;
};

const stores: { name: string; make: () => FileStore }[] = [
  { name: 'LocalFileStore', make: () => new LocalFileStore(scratch()) },
  { name: 'MemoryFileStore', make: () => new MemoryFileStore() },
];

// DESIGN.md storage table: files are content-addressed; every FileStore keeps the same contract.
describe.each(stores)('$name', ({ make }) => {
  it('names bytes by their SHA-256 and gives them back', async () => {
    const store = make();
    const bytes = Buffer.from('松材线虫病疫木照片');
    const { id, size } = await store.put(bytes);
    expect(id).toBe(sha256Hex(bytes));
    expect(size).toBe(bytes.length);
    expect(await store.has(id)).toBe(true);
    expect(Buffer.from((await store.get(id))!).equals(bytes)).toBe(true);
  });

  it('stores the same bytes once, however often they come', async () => {
    const store = make();
    const bytes = Buffer.from('same photo');
    const results = await Promise.all([store.put(bytes), store.put(bytes), store.put(bytes)]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(Buffer.from((await store.get(results[0]!.id))!).equals(bytes)).toBe(true);
  });

  it('knows nothing of unknown or malformed ids', async () => {
    const store = make();
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(await store.get('../../etc/passwd')).toBeNull();
    expect(await store.has('')).toBe(false);
  });
});

describe('LocalFileStore on disk', () => {
  it('lays files out as <root>/ab/cd/<sha256> and leaves no temporary files behind', async () => {
    const root = scratch();
    const store = new LocalFileStore(root);
    const bytes = Buffer.from('a photo of a fire break');
    await Promise.all([store.put(bytes), store.put(bytes)]);
    const id = sha256Hex(bytes);
    const folder = join(root, id.slice(0, 2), id.slice(2, 4));
    expect(existsSync(join(folder, id))).toBe(true);
    expect(readdirSync(folder)).toEqual([id]);
  });
});

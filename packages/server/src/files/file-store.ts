import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Where file bytes live; injected, so an S3-compatible store can replace the local one (DESIGN.md storage table). */
export interface FileStore {
  /** Stores the bytes under their SHA-256 (hex); storing the same bytes again changes nothing. */
  put(bytes: Uint8Array): Promise<{ id: string; size: number }>;
  get(id: string): Promise<Uint8Array | null>;
  has(id: string): Promise<boolean>;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const isId = (id: string) => /^[0-9a-f]{64}$/.test(id);
const isMissing = (error: unknown) => error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/** `<root>/ab/cd/<sha256>`: the same bytes are stored once; a write lands whole or not at all (temp file + rename). */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private path(id: string): string {
    return join(this.root, id.slice(0, 2), id.slice(2, 4), id);
  }

  async put(bytes: Uint8Array): Promise<{ id: string; size: number }> {
    const id = sha256Hex(bytes);
    if (await this.has(id)) return { id, size: bytes.length };
    const target = this.path(id);
    await mkdir(dirname(target), { recursive: true });
    // Two writers of the same bytes each rename a complete file of equal content onto the target: either wins.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { id, size: bytes.length };
  }

  async get(id: string): Promise<Uint8Array | null> {
    if (!isId(id)) return null;
    try {
      return new Uint8Array(await readFile(this.path(id)));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error; // unreadable is an operator's problem, not "no such file"
    }
  }

  async has(id: string): Promise<boolean> {
    if (!isId(id)) return false;
    try {
      return (await stat(this.path(id))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}

/** The store the commands use: `<data>/files`, beside the SQLite database and for PostgreSQL alike. */
export const localFileStoreIn = (dataDir: string): LocalFileStore => new LocalFileStore(join(resolve(dataDir), 'files'));

/** Keeps bytes in memory: the default for tests and scripts that never pass a store; forgotten on exit. */
export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, Uint8Array>();

  async put(bytes: Uint8Array): Promise<{ id: string; size: number }> {
    const id = sha256Hex(bytes);
    if (!this.files.has(id)) this.files.set(id, new Uint8Array(bytes));
    return { id, size: bytes.length };
  }

  async get(id: string): Promise<Uint8Array | null> {
    return this.files.get(id) ?? null;
  }

  async has(id: string): Promise<boolean> {
    return this.files.has(id);
  }
}

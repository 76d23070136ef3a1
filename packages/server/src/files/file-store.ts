import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where file bytes live; injected, so an S3-compatible store can replace the local one (DESIGN.md storage table). */
export interface FileStore {
  put(bytes: Uint8Array): Promise<{ id: string; size: number }>;
  get(id: string): Promise<Uint8Array | null>;
  has(id: string): Promise<boolean>;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const isId = (id: string) => /^[0-9a-f]{64}$/.test(id);

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
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
    return { id, size: bytes.length };
  }

  async get(id: string): Promise<Uint8Array | null> {
    if (!isId(id)) return null;
    try {
      return new Uint8Array(await readFile(this.path(id)));
    } catch {
      return null;
    }
  }

  async has(id: string): Promise<boolean> {
    if (!isId(id)) return false;
    try {
      return (await stat(this.path(id))).isFile();
    } catch {
      return false;
    }
  }
}

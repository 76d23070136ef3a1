import type { Store } from '../db/connect.ts';
import { invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { isAdmin, type Viewer } from '../auth/viewer.ts';
import { sha256Hex, type FileStore } from './file-store.ts';
import { readPhotoMetadata, sniffImageType } from './photo-metadata.ts';

export interface StoredFile {
  id: string;
  mime: string;
  size: number;
  takenAt: string | null;
  lon: number | null;
  lat: number | null;
}

export const uploadTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export const maxUploadBytes = 15 * 1024 * 1024;
const typeNames: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/heic': 'HEIC' };

/** Evidence photos (issue 4 §1): stored once by content, with the EXIF time and place read on arrival. */
export class FileService {
  private readonly readChecks: ((viewer: Viewer, fileId: string) => Promise<boolean>)[] = [];

  constructor(
    private readonly store: Store,
    private readonly files: FileStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Lets a capability grant reading a file to those who may see a record that shows it. */
  addReadCheck(check: (viewer: Viewer, fileId: string) => Promise<boolean>): void {
    this.readChecks.push(check);
  }

  async upload(viewer: Viewer | null, declaredType: string, bytes: Uint8Array): Promise<ServiceResult<{ file: StoredFile; created: boolean }>> {
    const declared = declaredType.split(';')[0]!.trim().toLowerCase();
    if (!bytes.length) return invalid('/body', '文件为空');
    const actual = sniffImageType(bytes);
    if (!actual) return invalid('/body', '不是可识别的图片（支持 JPEG、PNG、WebP、HEIC）');
    if (actual !== declared) return invalid('/headers/content-type', `声明的类型 ${declared} 与文件内容（${typeNames[actual]}）不符`);
    const existing = await this.store.db.selectFrom('files').selectAll().where('id', '=', sha256Hex(bytes)).executeTakeFirst();
    if (existing && (await this.files.has(existing.id))) return success({ file: toFile(existing), created: false });
    const meta = await readPhotoMetadata(bytes);
    const { id, size } = await this.files.put(bytes);
    if (!existing) {
      await this.store.db
        .insertInto('files')
        .values({ id, mime: actual, size, taken_at: meta.takenAt, lon: meta.lon, lat: meta.lat, uploaded_by: viewer?.userId ?? null, uploaded_at: this.now().toISOString() })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    const row = await this.store.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return success({ file: toFile(row), created: !existing });
  }

  async read(viewer: Viewer, id: string): Promise<ServiceResult<{ file: StoredFile; bytes: Uint8Array }>> {
    const row = await this.store.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return notFound();
    let allowed = isAdmin(viewer) || row.uploaded_by === viewer.userId;
    for (const check of this.readChecks) if (!allowed) allowed = await check(viewer, id);
    if (!allowed) return notFound();
    const bytes = await this.files.get(id);
    return bytes ? success({ file: toFile(row), bytes }) : notFound();
  }
}

function toFile(r: { id: string; mime: string; size: number; taken_at: string | null; lon: number | null; lat: number | null }): StoredFile {
  return { id: r.id, mime: r.mime, size: r.size, takenAt: r.taken_at, lon: r.lon, lat: r.lat };
}

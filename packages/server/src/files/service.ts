import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { isAdmin, type Viewer } from '../auth/viewer.ts';
import { sha256Hex, type FileStore } from './file-store.ts';
import { readPhotoMetadata, sniffImageType } from './photo-metadata.ts';
import { FileRepository, type FileRecord, type StoredFile } from './repository.ts';

export type { StoredFile };

// PDF for documents: a target's tick-off evidence (issue 8 §2) is often a scanned or exported report.
export const uploadTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const;
export const maxUploadBytes = 15 * 1024 * 1024;
const typeNames: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/heic': 'HEIC', 'application/pdf': 'PDF' };
const isPdf = (b: Uint8Array) => b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-';

/** May this viewer read this file? Added by capabilities whose records show files (a problem's photos). */
export type FileReadCheck = (viewer: Viewer, fileId: string) => Promise<boolean>;

/** Evidence photos (issue 4 §1): stored once by content, with the EXIF time and place read on arrival. */
export class FileService {
  private readonly readChecks: FileReadCheck[] = [];

  constructor(
    private readonly store: Store,
    private readonly files: FileStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Lets a capability grant reading a file to those who may see a record that shows it. */
  addReadCheck(check: FileReadCheck): void {
    this.readChecks.push(check);
  }

  /**
   * Stores an uploaded image (`viewer` null: the public report page). The declared type must be what the bytes
   * are. Uploading the same bytes again stores nothing new and answers `created: false` (a retry from the phone).
   */
  async upload(viewer: Viewer | null, declaredType: string, bytes: Uint8Array): Promise<ServiceResult<{ file: StoredFile; created: boolean }>> {
    const declared = declaredType.split(';')[0]!.trim().toLowerCase();
    if (!bytes.length) return invalid('/body', '文件为空');
    const actual = isPdf(bytes) ? 'application/pdf' : sniffImageType(bytes);
    if (!actual) return invalid('/body', '不是可识别的图片或 PDF（支持 JPEG、PNG、WebP、HEIC、PDF）');
    if (actual !== declared) return invalid('/headers/content-type', `声明的类型 ${declared || '（空）'} 与文件内容（${typeNames[actual]}）不符`);
    const id = sha256Hex(bytes);
    const existing = await new FileRepository(this.store.db).get(id);
    if (existing && (await this.files.has(id))) return success({ file: stored(existing), created: false });
    const meta = actual === 'application/pdf' ? { takenAt: null, lon: null, lat: null } : await readPhotoMetadata(bytes);
    // Bytes first, then the row: a row never names bytes that are not there (a lost row is re-made by a retry).
    const { size } = await this.files.put(bytes);
    const at = this.now().toISOString();
    const record: FileRecord = { id, mime: actual, size, ...meta, uploadedBy: viewer?.userId ?? null, uploadedAt: at };
    const created = await this.store.db.transaction().execute(async (trx) => {
      const inserted = await new FileRepository(trx).insertIfAbsent(record);
      if (inserted) {
        await recordAudit(trx, { userId: record.uploadedBy, action: 'create', entity: 'file', entityId: id, after: stored(record) }, at);
      }
      return inserted;
    });
    const row = created ? record : await new FileRepository(this.store.db).get(id);
    return success({ file: stored(row ?? record), created });
  }

  /** The bytes, for the uploader, an admin, or whoever a read check lets in; anyone else is told it does not exist. */
  async read(viewer: Viewer, id: string): Promise<ServiceResult<{ file: StoredFile; bytes: Uint8Array }>> {
    const row = await new FileRepository(this.store.db).get(id);
    if (!row || !(await this.mayRead(viewer, row))) return notFound();
    const bytes = await this.files.get(id);
    return bytes ? success({ file: stored(row), bytes }) : notFound();
  }

  private async mayRead(viewer: Viewer, row: FileRecord): Promise<boolean> {
    if (isAdmin(viewer) || (row.uploadedBy !== null && row.uploadedBy === viewer.userId)) return true;
    for (const check of this.readChecks) if (await check(viewer, row.id)) return true;
    return false;
  }
}

const stored = (r: StoredFile): StoredFile => ({ id: r.id, mime: r.mime, size: r.size, takenAt: r.takenAt, lon: r.lon, lat: r.lat });

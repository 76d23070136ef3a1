import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** What is kept about a stored file; the bytes themselves live in the FileStore. */
export interface StoredFile {
  id: string; // SHA-256 of the bytes, hex
  mime: string;
  size: number;
  takenAt: string | null; // EXIF, UTC
  lon: number | null;
  lat: number | null;
}

export interface FileRecord extends StoredFile {
  uploadedBy: string | null; // null: the public report page
  uploadedAt: string;
}

export class FileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<FileRecord | null> {
    const r = await this.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
    return r
      ? { id: r.id, mime: r.mime, size: r.size, takenAt: r.taken_at, lon: r.lon, lat: r.lat, uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at }
      : null;
  }

  /** The records of those ids that exist (for checking the photos a record names). */
  async many(ids: readonly string[]): Promise<Map<string, FileRecord>> {
    const out = new Map<string, FileRecord>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom('files').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, { id: r.id, mime: r.mime, size: r.size, takenAt: r.taken_at, lon: r.lon, lat: r.lat, uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at });
    }
    return out;
  }

  /** Inserts the row unless the same content is already recorded; true when this call inserted it. */
  async insertIfAbsent(f: FileRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('files')
      .values({ id: f.id, mime: f.mime, size: f.size, taken_at: f.takenAt, lon: f.lon, lat: f.lat, uploaded_by: f.uploadedBy, uploaded_at: f.uploadedAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { roles as knownRoles, type Role } from './viewer.ts';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  personId: string | null;
  passwordHash: string;
  roles: Role[];
  disabled: boolean;
  scopeUnit: { code: string; name: string; level: string };
}

export interface NewUser {
  id: string;
  username: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  scopeUnitCode: string;
  personId?: string | null;
  createdAt: string;
}

const parseRoles = (json: string): Role[] =>
  (JSON.parse(json) as string[]).filter((r): r is Role => (knownRoles as readonly string[]).includes(r));

export class AuthRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private userQuery(db: Kysely<Database>) {
    return db
      .selectFrom('users')
      .innerJoin('units', 'units.code', 'users.scope_unit_code')
      .select([
        'users.id',
        'users.username',
        'users.name',
        'users.person_id',
        'users.password_hash',
        'users.roles',
        'users.disabled',
        'units.code as unit_code',
        'units.short_name as unit_name',
        'units.level as unit_level',
      ]);
  }

  private toRecord(row: {
    id: string; username: string; name: string; person_id: string | null; password_hash: string; roles: string; disabled: number;
    unit_code: string; unit_name: string; unit_level: string;
  }): UserRecord {
    return {
      id: row.id,
      username: row.username,
      name: row.name,
      personId: row.person_id,
      passwordHash: row.password_hash,
      roles: parseRoles(row.roles),
      disabled: row.disabled !== 0,
      scopeUnit: { code: row.unit_code, name: row.unit_name, level: row.unit_level },
    };
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const row = await this.userQuery(this.db).where('users.username', '=', username).executeTakeFirst();
    return row ? this.toRecord(row) : null;
  }

  async findBySession(sessionId: string, nowIso: string): Promise<UserRecord | null> {
    const row = await this.userQuery(this.db)
      .innerJoin('sessions', 'sessions.user_id', 'users.id')
      .where('sessions.id', '=', sessionId)
      .where('sessions.expires_at', '>', nowIso)
      .executeTakeFirst();
    return row ? this.toRecord(row) : null;
  }

  async createSession(s: { id: string; userId: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id: s.id, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  async deleteExpiredSessions(nowIso: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
  }

  async usernameTaken(username: string): Promise<boolean> {
    return !!(await this.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
  }

  /** Inserts in batches (the demo county has ~4,000 accounts). */
  static async insertUsers(db: Kysely<Database>, users: NewUser[]): Promise<void> {
    for (let i = 0; i < users.length; i += 500) {
      await db
        .insertInto('users')
        .values(
          users.slice(i, i + 500).map((u) => ({
            id: u.id,
            username: u.username,
            name: u.name,
            password_hash: u.passwordHash,
            roles: JSON.stringify(u.roles),
            scope_unit_code: u.scopeUnitCode,
            person_id: u.personId ?? null,
            disabled: 0,
            created_at: u.createdAt,
          })),
        )
        .execute();
    }
  }

  static async listUsernames(db: Kysely<Database>): Promise<{ username: string; name: string; roles: string }[]> {
    return db.selectFrom('users').select(['username', 'name', 'roles']).orderBy('username').execute();
  }
}

import type { Kysely } from 'kysely';
import type { InboxNotification, NotificationKind } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import { paginate, type PageOf, type PageRequest } from '../db/paginate.ts';

export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertMany(rows: { id: string; userId: string; kind: NotificationKind; problemId: string | null; title: string; body: string }[], at: string): Promise<void> {
    if (!rows.length) return;
    await this.db
      .insertInto('notifications')
      .values(rows.map((r) => ({ id: r.id, user_id: r.userId, kind: r.kind, problem_id: r.problemId, title: r.title, body: r.body, created_at: at, read_at: null })))
      .execute();
  }

  async list(userId: string, filter: { unreadOnly?: boolean }, page: PageRequest): Promise<PageOf<InboxNotification> & { unread: number }> {
    let q = this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (filter.unreadOnly) q = q.where('read_at', 'is', null);
    const { rows, total } = await paginate(q.orderBy('created_at', 'desc').orderBy('id', 'desc'), page);
    const unread = await this.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return {
      total,
      unread: Number(unread?.n ?? 0),
      items: rows.map((r) => ({ id: r.id, kind: r.kind as NotificationKind, problemId: r.problem_id, title: r.title, body: r.body, createdAt: r.created_at, readAt: r.read_at })),
    };
  }

  /** Marks the user's notifications read (all, or the given ids); returns how many changed. */
  async markRead(userId: string, ids: string[] | null, at: string): Promise<number> {
    let q = this.db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (ids) {
      if (!ids.length) return 0;
      q = q.where('id', 'in', ids);
    }
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }

  /** Active users whose scope root is one of `unitCodes` and who hold one of `roles`. */
  async usersAt(unitCodes: string[], roles: string[]): Promise<{ id: string; username: string; name: string; personId: string | null; scopeUnitCode: string }[]> {
    if (!unitCodes.length) return [];
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'username', 'name', 'person_id', 'roles', 'scope_unit_code'])
      .where('scope_unit_code', 'in', unitCodes)
      .where('disabled', '=', 0)
      .execute();
    return rows
      .filter((r) => (JSON.parse(r.roles) as string[]).some((role) => roles.includes(role)))
      .map((r) => ({ id: r.id, username: r.username, name: r.name, personId: r.person_id, scopeUnitCode: r.scope_unit_code }));
  }

  async usersOfPeople(personIds: string[]): Promise<{ id: string; username: string; name: string; personId: string | null; scopeUnitCode: string }[]> {
    if (!personIds.length) return [];
    const rows = await this.db.selectFrom('users').select(['id', 'username', 'name', 'person_id', 'scope_unit_code']).where('person_id', 'in', personIds).where('disabled', '=', 0).execute();
    return rows.map((r) => ({ id: r.id, username: r.username, name: r.name, personId: r.person_id, scopeUnitCode: r.scope_unit_code }));
  }

  async usersById(ids: string[]): Promise<{ id: string; username: string; name: string; personId: string | null; scopeUnitCode: string }[]> {
    if (!ids.length) return [];
    const rows = await this.db.selectFrom('users').select(['id', 'username', 'name', 'person_id', 'scope_unit_code']).where('id', 'in', ids).where('disabled', '=', 0).execute();
    return rows.map((r) => ({ id: r.id, username: r.username, name: r.name, personId: r.person_id, scopeUnitCode: r.scope_unit_code }));
  }
}

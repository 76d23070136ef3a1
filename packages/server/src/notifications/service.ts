import type { InboxNotification } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { NotificationRepository } from './repository.ts';

/** The in-app inbox (issue 4 §5): each user sees only their own notifications. */
export class InboxService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(viewer: Viewer, query: PageRequest & { unread?: boolean }): Promise<ServiceResult<PageOf<InboxNotification> & { unread: number }>> {
    return success(await new NotificationRepository(this.store.db).list(viewer.userId, { unreadOnly: query.unread ?? false }, query));
  }

  async markRead(viewer: Viewer, ids: string[] | null): Promise<ServiceResult<{ marked: number }>> {
    return success({ marked: await new NotificationRepository(this.store.db).markRead(viewer.userId, ids, this.now().toISOString()) });
  }
}

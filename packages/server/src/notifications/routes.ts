import { Type } from '@sinclair/typebox';
import { notificationKinds } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { PageQuery, Strict, lit } from '../http/schemas.ts';
import type { InboxService } from './service.ts';

const NotificationSchema = Type.Object({
  id: Type.String(), kind: lit(notificationKinds), problemId: Type.Union([Type.String(), Type.Null()]), title: Type.String(), body: Type.String(),
  createdAt: Type.String(), readAt: Type.Union([Type.String(), Type.Null()]),
});

export async function inboxRoutes(app: TypedApp, inbox: InboxService): Promise<void> {
  app.get(
    '/api/inbox',
    {
      schema: {
        tags: ['inbox'], summary: '我的消息（交办、即将到期、督办、退回、约谈、职责提醒）',
        querystring: Strict({ ...PageQuery, unread: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ items: Type.Array(NotificationSchema), total: Type.Integer(), unread: Type.Integer() }) },
      },
    },
    async (request) => unwrap(await inbox.list(viewer(request), request.query)),
  );
  app.post(
    '/api/inbox/read',
    {
      schema: {
        tags: ['inbox'], summary: '标记已读（不传 ids 则全部已读）',
        body: Strict({ ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })) }),
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (request) => unwrap(await inbox.markRead(viewer(request), request.body.ids ?? null)),
  );
}

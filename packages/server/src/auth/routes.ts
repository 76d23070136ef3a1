import { Type } from '@sinclair/typebox';
import type { TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Strict } from '../http/schemas.ts';
import type { AuthService } from './service.ts';
import { roles } from './viewer.ts';

export const SESSION_COOKIE = 'lz_session';

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  personId: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.Union(roles.map((r) => Type.Literal(r)))),
  scopeUnit: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
});

export async function authRoutes(app: TypedApp, auth: AuthService, opts: { secureCookie: boolean }): Promise<void> {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      bodyLimit: 4096,
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: Strict({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Object({ user: UserSchema }) },
      },
    },
    async (request, reply) => {
      const { user, token, expiresAt } = unwrap(await auth.login(request.body.username, request.body.password, request.ip));
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookie,
        path: '/',
        expires: expiresAt,
      });
      return { user };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: Type.Object({ user: UserSchema }) } } },
    async (request) => ({ user: request.user! }),
  );

  app.post(
    '/api/auth/logout',
    { config: { public: true }, bodyLimit: 1024, schema: { tags: ['auth'], summary: '退出登录（请求体可为空）' } },
    async (request, reply) => {
      await auth.logout(request.cookies[SESSION_COOKIE]);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
}

import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../../http/app.ts';
import { problems, unwrap } from '../../http/problem.ts';
import { IdParams, IsoDate, Page, PageQuery, Strict, UnitCode, checkCalendarDates, lit } from '../../http/schemas.ts';
import { LoginLimiter } from '../../auth/login-limiter.ts';
import { FireOrderSchema } from '../bans/routes.ts';
import type { ForestEntryService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Point = Type.Object({
  id: Type.String(), code: Type.String({ description: '二维码中的短码（/entry/:code）' }), name: Type.String(), unitCode: Type.String(), unitName: Type.String(),
  lon: Type.Number(), lat: Type.Number(), active: Type.Boolean(), note: Nullable(Type.String()), inside: Type.Integer({ description: '当前在林人数' }), updatedAt: Type.String(),
});
const PointBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 100 }), lon: Type.Number({ minimum: 73, maximum: 136 }), lat: Type.Number({ minimum: 3, maximum: 54 }),
  active: Type.Optional(Type.Boolean()), note: Type.Optional(Type.String({ maxLength: 500 })),
});
const Visitor = Type.Object({
  id: Type.String(), pointId: Type.String(), pointName: Type.String(), unitCode: Type.String(), unitName: Type.String(),
  name: Nullable(Type.String({ description: '保存期满后删除（null）' })), phone: Nullable(Type.String({ description: '护林员看到的为部分隐藏的号码' })), phoneMasked: Type.Boolean(),
  idTail: Nullable(Type.String()), purpose: Type.String(), fireSource: Type.Boolean(), enteredAt: Type.String(), exitedAt: Nullable(Type.String()), purgedAt: Nullable(Type.String()),
  overstay: Type.Union([Type.Literal('after_dark'), Type.Literal('too_long'), Type.Null()]),
});
const Code = Strict({ code: Type.String({ pattern: '^[a-z0-9]{4,16}$' }) });
const Token = Type.String({ pattern: '^[A-Za-z0-9_-]{20,64}$', description: '登记时返回的出林凭证' });

/** Public registrations per source address and hour: a family or a tour group, not a flood. */
export const publicEntriesPerHour = 30;

export async function forestEntryRoutes(app: TypedApp, entry: ForestEntryService): Promise<void> {
  app.get('/api/fire/entry/points', { schema: { tags: ['fire'], summary: '入林点（含当前在林人数）', querystring: Strict({ unit: Type.Optional(UnitCode), q: Type.Optional(Type.String({ maxLength: 50 })) }), response: { 200: Type.Array(Point) } } },
    async (request) => unwrap(await entry.points(viewer(request), request.query)));
  app.post('/api/fire/entry/points', { schema: { tags: ['fire'], summary: '新增入林点：按位置确定所属村，生成二维码短码', body: PointBody, response: { 201: Point } } },
    async (request, reply) => reply.code(201).send(unwrap(await entry.createPoint(viewer(request), request.body))));
  app.put('/api/fire/entry/points/:id', { schema: { tags: ['fire'], summary: '修改入林点（停用后二维码不再受理登记）', params: IdParams, body: PointBody, response: { 200: Point } } },
    async (request) => unwrap(await entry.updatePoint(viewer(request), request.params.id, request.body)));
  app.get('/api/fire/entry/points/:id/poster.pdf', { schema: { tags: ['fire'], summary: '入林点二维码海报（A4 PDF）', params: IdParams } }, async (request, reply) => {
    const { pdf, filename } = unwrap(await entry.poster(viewer(request), request.params.id, `${request.protocol}://${request.host}`));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(pdf);
  });
  app.get('/api/fire/entry/inside', { schema: { tags: ['fire'], summary: '当前在林人员（按区域、入林时间；滞留标记）', querystring: Strict({ unit: Type.Optional(UnitCode) }), response: { 200: Type.Array(Visitor) } } },
    async (request) => unwrap(await entry.inside(viewer(request), request.query)));
  app.get('/api/fire/entry/registrations', {
    schema: {
      tags: ['fire'], summary: '入林登记记录', response: { 200: Page(Visitor) },
      querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), point: Type.Optional(Type.String({ maxLength: 64 })), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), state: Type.Optional(lit(['inside', 'out'] as const)), q: Type.Optional(Type.String({ maxLength: 50 })) }),
    },
  }, async (request) => {
    checkCalendarDates(request.query, ['from', 'to'], 'querystring');
    const { state, ...rest } = request.query;
    return unwrap(await entry.registrations(viewer(request), { ...rest, inside: state === undefined ? undefined : state === 'inside' }));
  });

  app.get('/api/public/entry/:code', {
    config: { public: true },
    schema: {
      tags: ['public'], summary: '扫码入林：入林点、防火须知与正在生效的禁火令（无需登录）', security: [], params: Code,
      response: { 200: Type.Object({ code: Type.String(), name: Type.String(), unitPath: Type.Array(Type.String()), notice: Type.String(), ban: Type.Union([FireOrderSchema, Type.Null()]) }) },
    },
  }, async (request) => unwrap(await entry.publicPoint(request.params.code)));
  const limiter = new LoginLimiter({ maxFailures: publicEntriesPerHour, windowMs: 60 * 60_000 });
  app.post('/api/public/entry/:code', {
    config: { public: true },
    bodyLimit: 16 * 1024,
    schema: {
      tags: ['public'], summary: '扫码入林登记（无需登录，按来源地址限流；禁火令期间拒绝并返回命令内容，403）', security: [], params: Code,
      body: Strict({
        name: Type.String({ minLength: 1, maxLength: 50 }), phone: Type.String({ pattern: '^1[3-9]\\d{9}$', description: '中国大陆手机号' }),
        idTail: Type.Optional(Type.String({ pattern: '^\\d{3}[\\dXx]$', description: '身份证号后四位（选填）' })), purpose: Type.String({ minLength: 1, maxLength: 100 }),
        fireSource: Type.Boolean({ description: '是否携带火种' }), pledge: Type.Boolean({ description: '已阅读防火须知并承诺遵守' }),
      }),
      response: { 201: Type.Object({ entryId: Type.String(), token: Type.String(), enteredAt: Type.String(), pointName: Type.String() }) },
    },
  }, async (request, reply) => {
    const key = `public-entry:${request.ip}`;
    const wait = limiter.retryAfterSeconds([key]);
    if (wait > 0) throw problems.tooManyRequests(wait);
    const result = unwrap(await entry.register(request.params.code, { ...request.body, idTail: request.body.idTail?.toUpperCase() }));
    limiter.recordFailure([key]);
    return reply.code(201).send(result);
  });
  app.post('/api/public/entry-checkout', {
    config: { public: true },
    schema: { tags: ['public'], summary: '扫码出林（凭登记时返回的凭证）', security: [], body: Strict({ token: Token }), response: { 200: Type.Object({ entryId: Type.String(), enteredAt: Type.String(), exitedAt: Type.String() }) } },
  }, async (request) => unwrap(await entry.checkOut(request.body.token)));
}

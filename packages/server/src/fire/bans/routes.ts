import { Type } from '@sinclair/typebox';
import { fireOrderKinds, fireOrderStatuses } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { unwrap } from '../../http/problem.ts';
import { IdParams, IsoDate, Strict, UnitCode, checkCalendarDates, lit } from '../../http/schemas.ts';
import type { FireBanService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Season = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), startsOn: Type.String(), endsOn: Type.String(),
  note: Nullable(Type.String()), updatedAt: Type.String(), inherited: Type.Optional(Type.Boolean({ description: '上级（区县）设定、本级沿用' })),
});
export const FireOrderSchema = Type.Object({
  id: Type.String(), countyCode: Type.String(), kind: lit(fireOrderKinds), docNo: Type.String(), title: Type.String(), body: Type.String(),
  startsAt: Type.String(), endsAt: Type.String({ description: '结束时刻（不含）' }), areas: Type.Array(Type.String()), areaNames: Type.Array(Type.String()), issuer: Type.String(),
  status: lit(fireOrderStatuses), inForce: Type.Boolean(), suggestionId: Nullable(Type.String()), issuedAt: Nullable(Type.String()), liftedAt: Nullable(Type.String()),
  liftReason: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
const Day = Type.Object({ date: Type.String(), level: Type.Integer(), areas: Type.Integer(), forecast: Type.Boolean() });
const Suggestion = Type.Object({
  id: Type.String(), countyCode: Type.String(), startsOn: Type.String(), endsOn: Type.String(), areas: Type.Array(Type.String()), areaNames: Type.Array(Type.String()),
  days: Type.Array(Day), peakLevel: Type.Integer(), ruleMinLevel: Type.Integer(), ruleMinDays: Type.Integer(), status: lit(['pending', 'converted', 'dismissed'] as const),
  orderId: Nullable(Type.String()), dismissReason: Nullable(Type.String()), decidedAt: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
const PeriodEnd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2})?$', description: '北京时间的日期（YYYY-MM-DD，整天）或时刻（YYYY-MM-DDTHH:mm）' });
const OrderBody = Strict({
  kind: lit(fireOrderKinds), docNo: Type.String({ minLength: 1, maxLength: 60, description: '文号，县内唯一' }), title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20_000, description: '命令全文' }), from: PeriodEnd, to: PeriodEnd,
  areas: Type.Array(UnitCode, { minItems: 1, maxItems: 500, description: '区域（区划代码）；乡镇的命令覆盖其下各村' }), issuer: Type.String({ minLength: 1, maxLength: 100, description: '发布机关' }),
});

export async function fireBanRoutes(app: TypedApp, bans: FireBanService): Promise<void> {
  app.get('/api/fire/seasons', { schema: { tags: ['fire'], summary: '防火期（区县设定，乡镇未单独设定的沿用区县）', querystring: Strict({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }), response: { 200: Type.Array(Season) } } },
    async (request) => unwrap(await bans.seasons(viewer(request), request.query.year)));
  app.put('/api/fire/seasons', {
    schema: { tags: ['fire'], summary: '设定某区县或乡镇某年度的防火期（已有则修改）', body: Strict({ unitCode: UnitCode, year: Type.Integer({ minimum: 2000, maximum: 2100 }), startsOn: IsoDate, endsOn: IsoDate, note: Type.Optional(Type.String({ maxLength: 500 })) }), response: { 200: Season } },
  }, async (request) => {
    checkCalendarDates(request.body, ['startsOn', 'endsOn']);
    return unwrap(await bans.saveSeason(viewer(request), request.body));
  });
  app.get('/api/fire/orders', { schema: { tags: ['fire'], summary: '防火令、禁火令', querystring: Strict({ status: Type.Optional(lit(fireOrderStatuses)) }), response: { 200: Type.Array(FireOrderSchema) } } },
    async (request) => unwrap(await bans.orders(viewer(request), request.query)));
  app.post('/api/fire/orders', { bodyLimit: 128 * 1024, schema: { tags: ['fire'], summary: '起草防火令或禁火令（草稿，发布后生效）', body: OrderBody, response: { 201: FireOrderSchema } } },
    async (request, reply) => reply.code(201).send(unwrap(await bans.createOrder(viewer(request), request.body))));
  app.get('/api/fire/orders/:id', { schema: { tags: ['fire'], summary: '命令详情', params: IdParams, response: { 200: FireOrderSchema } } },
    async (request) => unwrap(await bans.order(viewer(request), request.params.id)));
  app.put('/api/fire/orders/:id', { bodyLimit: 128 * 1024, schema: { tags: ['fire'], summary: '修改草稿', params: IdParams, body: OrderBody, response: { 200: FireOrderSchema } } },
    async (request) => unwrap(await bans.updateOrder(viewer(request), request.params.id, request.body)));
  app.post('/api/fire/orders/:id/issue', { schema: { tags: ['fire'], summary: '发布命令：期限内公开发布，覆盖区域内的扫码入林登记被拒绝', params: IdParams, response: { 200: FireOrderSchema } } },
    async (request) => unwrap(await bans.issueOrder(viewer(request), request.params.id)));
  app.post('/api/fire/orders/:id/lift', { schema: { tags: ['fire'], summary: '提前解除命令', params: IdParams, body: Strict({ reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: FireOrderSchema } } },
    async (request) => unwrap(await bans.liftOrder(viewer(request), request.params.id, request.body.reason)));
  app.get('/api/fire/ban-suggestions', { schema: { tags: ['fire'], summary: '禁火令建议（火险等级连续达到阈值的天数，规则 fire_ban_rules）', response: { 200: Type.Array(Suggestion) } } },
    async (request) => unwrap(await bans.suggestions(viewer(request))));
  app.post('/api/fire/ban-suggestions/:id/convert', {
    schema: { tags: ['fire'], summary: '按建议起草禁火令（区域与期限取自建议）', params: IdParams, body: Strict({ docNo: Type.String({ minLength: 1, maxLength: 60 }), issuer: Type.String({ minLength: 1, maxLength: 100 }) }), response: { 201: FireOrderSchema } },
  }, async (request, reply) => reply.code(201).send(unwrap(await bans.convertSuggestion(viewer(request), request.params.id, request.body))));
  app.post('/api/fire/ban-suggestions/:id/dismiss', { schema: { tags: ['fire'], summary: '不采纳建议（须说明理由）', params: IdParams, body: Strict({ reason: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: Suggestion } } },
    async (request) => unwrap(await bans.dismissSuggestion(viewer(request), request.params.id, request.body.reason)));
  app.get('/api/public/fire-orders', {
    config: { public: true },
    schema: { tags: ['public'], summary: '正在生效的防火令、禁火令（公开，无需登录）', security: [], querystring: Strict({ unit: Type.Optional(UnitCode) }), response: { 200: Type.Array(FireOrderSchema) } },
  }, async (request) => bans.inForce(request.query.unit));
}

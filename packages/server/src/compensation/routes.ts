import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Id, IdParams, Strict, UnitCode, sendWorkbook } from '../http/schemas.ts';
import type { CompensationService } from './service.ts';

const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '补偿年度' });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Rates = Type.Record(Type.String({ pattern: '^\\d{2}$' }), Type.Integer(), { description: '森林类别代码 → 标准（分/亩/年）' });
const RatesAnswer = Type.Object({ year: Type.Integer(), rates: Rates, isDefault: Type.Boolean() });
const Batch = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), ledgerYear: Type.Integer(), title: Type.String(),
  status: Type.String(), postingFrom: Nullable(Type.String()), postingTo: Nullable(Type.String()), createdAt: Type.String(), approvedAt: Nullable(Type.String()),
  paidAt: Nullable(Type.String()), cancelledAt: Nullable(Type.String()), version: Type.Integer(), lineCount: Type.Integer(), payees: Type.Integer(),
  areaM2: Type.Number(), amountFen: Type.Integer(), openObjections: Type.Integer(), linesWithoutAccount: Type.Integer(),
});
const Line = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), parcelNo: Type.String(), forestCategory: Type.String(), payee: Type.String(),
  idNumber: Nullable(Type.String()), bankAccount: Nullable(Type.String()), areaM2: Type.Number(), rateFen: Type.Integer(), amountFen: Type.Integer(),
  active: Type.Boolean(), note: Nullable(Type.String()),
});
const Detail = Type.Intersect([Batch, Type.Object({
  lines: Type.Array(Line),
  objections: Type.Array(Type.Object({
    id: Type.String(), lineId: Nullable(Type.String()), raisedBy: Type.String(), content: Type.String(), raisedAt: Type.String(),
    status: Type.String(), resolution: Nullable(Type.String()), resolvedAt: Nullable(Type.String()),
  })),
  refusals: Type.Record(Type.String(), Nullable(Type.String()), { description: '每个操作现在不能做的原因（null 为可以）' }),
})]);

export async function compensationRoutes(app: TypedApp, service: CompensationService): Promise<void> {
  app.get('/api/compensation/rates/:year', {
    schema: { tags: ['compensation'], summary: '某年度的补偿标准（未设置时为默认 16 元/亩/年）', params: Strict({ year: Year }), response: { 200: RatesAnswer } },
  }, async (request) => unwrap(await service.rates(viewer(request), request.params.year)));
  app.put('/api/compensation/rates/:year', {
    schema: { tags: ['compensation'], summary: '设置某年度各森林类别的补偿标准（分/亩/年）', params: Strict({ year: Year }), body: Strict({ rates: Rates }), response: { 200: RatesAnswer } },
  }, async (request) => unwrap(await service.setRates(viewer(request), request.params.year, request.body.rates)));
  app.get('/api/compensation/preview', {
    schema: {
      tags: ['compensation'], summary: '补偿名册预览：区划内公益林小班按经营者汇总（不写入）', querystring: Strict({ unitCode: UnitCode, year: Year }),
    },
  }, async (request) => unwrap(await service.preview(viewer(request), request.query)));
  app.get('/api/compensation/batches', {
    schema: { tags: ['compensation'], summary: '补偿发放批次', querystring: Strict({ year: Type.Optional(Year) }), response: { 200: Type.Array(Batch) } },
  }, async (request) => unwrap(await service.batches(viewer(request), request.query)));
  app.post('/api/compensation/batches', {
    schema: {
      tags: ['compensation'], summary: '生成补偿批次（草稿）：同一小班同一年度只能列入一个有效批次',
      body: Strict({ unitCode: UnitCode, year: Year, title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }), response: { 201: Detail },
    },
  }, async (request, reply) => reply.code(201).send(unwrap(await service.createBatch(viewer(request), request.body))));
  app.get('/api/compensation/batches/:id', {
    schema: { tags: ['compensation'], summary: '补偿批次详情：名册、异议与可执行的操作', params: IdParams, response: { 200: Detail } },
  }, async (request) => unwrap(await service.batch(viewer(request), request.params.id)));
  for (const action of ['post', 'approve', 'pay', 'cancel'] as const) {
    const names = { post: '公示（默认 7 天）', approve: '审定（公示期满且异议处理完毕后）', pay: '标记已发放', cancel: '作废（释放其中的小班）' } as const;
    app.post(`/api/compensation/batches/:id/${action}`, {
      schema: {
        tags: ['compensation'], summary: `补偿批次：${names[action]}`, params: IdParams,
        body: action === 'post' ? Strict({ postingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })) }) : Strict({}),
        response: { 200: Detail },
      },
    }, async (request) => unwrap(await service.act(viewer(request), request.params.id, action, (request.body ?? {}) as { postingDays?: number })));
  }
  app.patch('/api/compensation/batches/:id/lines/:lineId', {
    schema: {
      tags: ['compensation'], summary: '补全户名的身份证号、银行账号（同一户名的各行一并更新）', params: Strict({ id: Id, lineId: Id }),
      body: Strict({ bankAccount: Type.Optional(Type.String({ maxLength: 30 })), idNumber: Type.Optional(Type.String({ maxLength: 18 })) }), response: { 200: Detail },
    },
  }, async (request) => unwrap(await service.updateLine(viewer(request), request.params.id, request.params.lineId, request.body)));
  app.post('/api/compensation/batches/:id/objections', {
    schema: {
      tags: ['compensation'], summary: '登记公示期内的异议', params: IdParams,
      body: Strict({ lineId: Type.Optional(Id), raisedBy: Type.String({ minLength: 1, maxLength: 50 }), content: Type.String({ minLength: 1, maxLength: 1000 }) }),
      response: { 201: Detail },
    },
  }, async (request, reply) => reply.code(201).send(unwrap(await service.object(viewer(request), request.params.id, request.body))));
  app.post('/api/compensation/batches/:id/objections/:objectionId/resolution', {
    schema: {
      tags: ['compensation'], summary: '处理异议：成立（可移出该行或更正面积）或不成立', params: Strict({ id: Id, objectionId: Id }),
      body: Strict({
        upheld: Type.Boolean(), resolution: Type.String({ minLength: 1, maxLength: 1000 }), removeLine: Type.Optional(Type.Boolean()),
        areaMu: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 })),
      }),
      response: { 200: Detail },
    },
  }, async (request) => unwrap(await service.resolve(viewer(request), request.params.id, request.params.objectionId, request.body)));
  app.get('/api/compensation/batches/:id/bank.xlsx', {
    schema: { tags: ['compensation'], summary: '银行代发清单（Excel，按户汇总）', params: IdParams },
  }, async (request, reply) => sendWorkbook(reply, unwrap(await service.workbook(viewer(request), request.params.id, 'bank'))));
  app.get('/api/compensation/batches/:id/posting.xlsx', {
    schema: { tags: ['compensation'], summary: '公示表（Excel，按小班列出，身份证号打码）', params: IdParams },
  }, async (request, reply) => sendWorkbook(reply, unwrap(await service.workbook(viewer(request), request.params.id, 'posting'))));
}

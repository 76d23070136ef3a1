import { Type } from '@sinclair/typebox';
import { otherPests, pestSeverities } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { unwrap } from '../../http/problem.ts';
import { Id, IdParams, IsoDate, Page, PageQuery, Strict, UnitCode, checkCalendarDates, lit } from '../../http/schemas.ts';
import type { PestOccurrenceService } from './service.ts';
import type { DisasterRateService } from './disaster-rate-service.ts';

const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '年度' });
const Mu = (description: string) => Type.Number({ minimum: 0, maximum: 10_000_000, description });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

const Occurrence = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), parcelId: Nullable(Type.String()), parcelNo: Nullable(Type.String()), parcelAreaM2: Nullable(Type.Number()),
  pest: lit(otherPests), pestName: Type.String(), host: Nullable(Type.String()), observedOn: Type.String(), year: Type.Integer(), areaM2: Type.Number(),
  disasterAreaM2: Type.Number(), severity: lit(pestSeverities), hostDeath: Type.Boolean(), controlledAreaM2: Nullable(Type.Number()), surveyor: Nullable(Type.String()),
  note: Nullable(Type.String()), createdAt: Type.String(),
});
const RateRow = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), forestAreaM2: Type.Number({ description: '有林地面积（平方米）' }), unforestedAreaM2: Type.Number({ description: '未成林造林地面积（平方米）' }),
  baseAreaM2: Type.Number(), disasterAreaM2: Type.Number({ description: '成灾面积（平方米）' }), ratePerMille: Nullable(Type.Number({ description: '成灾率（‰）；无林地时为空' })),
  hostDeathParcels: Type.Integer({ description: '寄主死亡、整体计入成灾面积的小班数' }), meetsTarget: Type.Union([Type.Boolean(), Type.Null()]),
});
const RateYear = Type.Object({
  year: Type.Integer(), unitCode: Type.String(), unitName: Type.String(), ledgerYear: Type.Union([Type.Integer(), Type.Null()], { description: '面积所取的一本账年度' }),
  targetPerMille: Type.Number({ description: '成灾率控制目标（‰，规则 pest_rules）' }), total: RateRow, children: Type.Array(RateRow),
  deadTreesWithoutParcel: Type.Integer({ description: '当年阳性死亡松树中未关联小班、无法计入的株数' }), occurrences: Type.Integer(),
});

export async function pestOccurrenceRoutes(app: TypedApp, occurrences: PestOccurrenceService, rates: DisasterRateService): Promise<void> {
  app.get('/api/pests/occurrences', {
    schema: {
      tags: ['pests'], summary: '其他林业有害生物（松毛虫、蜀柏毒蛾等）发生记录列表',
      querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), year: Type.Optional(Year), pest: Type.Optional(lit(otherPests)) }), response: { 200: Page(Occurrence) },
    },
  }, async (request) => unwrap(await occurrences.list(viewer(request), request.query)));
  app.get('/api/pests/occurrences/:id', { schema: { tags: ['pests'], summary: '病虫害发生记录详情', params: IdParams, response: { 200: Occurrence } } },
    async (request) => unwrap(await occurrences.get(viewer(request), request.params.id)));
  app.post('/api/pests/occurrences', {
    schema: {
      tags: ['pests'], summary: '登记其他林业有害生物发生情况（发生面积、程度、成灾面积；寄主死亡时整个小班计为成灾面积）',
      body: Strict({
        unitCode: Type.Optional(UnitCode), parcelId: Type.Optional(Id), pest: lit(otherPests), pestName: Type.Optional(Type.String({ maxLength: 50, description: '选“其他”时的名称' })),
        host: Type.Optional(Type.String({ maxLength: 50, description: '寄主树种' })), observedOn: IsoDate, areaMu: Mu('发生面积（亩）'), disasterAreaMu: Mu('成灾面积（亩）'),
        severity: lit(pestSeverities), hostDeath: Type.Optional(Type.Boolean({ description: '造成寄主死亡' })), controlledAreaMu: Type.Optional(Mu('防治面积（亩）')),
        surveyor: Type.Optional(Type.String({ maxLength: 50 })), note: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
      response: { 201: Occurrence },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['observedOn']);
    return reply.code(201).send(unwrap(await occurrences.create(viewer(request), request.body)));
  });
  app.get('/api/pests/disaster-rate', {
    schema: {
      tags: ['pests'], summary: '林业有害生物成灾率（‰）：本级与下一级各单位，成灾面积 ÷（有林地 + 未成林造林地）× 1000，对照控制目标',
      querystring: Strict({ year: Year, unit: Type.Optional(UnitCode) }), response: { 200: RateYear },
    },
  }, async (request) => unwrap(await rates.rate(viewer(request), request.query)));
  app.get('/api/pests/disaster-rate/series', {
    schema: {
      tags: ['pests'], summary: '成灾率逐年序列（最多 10 年，供图表）', querystring: Strict({ from: Year, to: Year, unit: Type.Optional(UnitCode) }),
      response: { 200: Type.Object({ unitCode: Type.String(), years: Type.Array(RateYear) }) },
    },
  }, async (request) => unwrap(await rates.series(viewer(request), request.query)));
}

import { Type } from '@sinclair/typebox';
import { cuttingMethods, cuttingTypes, quotaForestClasses, quotaOrigins, replantingStateNames } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Id, IdParams, IsoDate, Page, PageQuery, Strict, UnitCode, lit, sendWorkbook, checkCalendarDates } from '../http/schemas.ts';
import type { LoggingService } from './logging-service.ts';

const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '年度' });
const Volume = Type.Number({ minimum: 0, maximum: 10_000_000, description: '立方米（m³）' });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const replantingStates = Object.keys(replantingStateNames) as (keyof typeof replantingStateNames)[];

const Cell = Strict({ forestClass: lit(quotaForestClasses), origin: lit(quotaOrigins), cuttingType: lit(cuttingTypes), volumeM3: Volume });
const QuotaDetail = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), totalM3: Type.Number(), usedM3: Type.Number(), note: Nullable(Type.String()), updatedAt: Type.String(),
  items: Type.Array(Type.Object({ forestClass: lit(quotaForestClasses), origin: lit(quotaOrigins), cuttingType: lit(cuttingTypes), volumeM3: Type.Number(), usedM3: Type.Number(), permits: Type.Integer() })),
});
const PermitSchema = Type.Object({
  id: Type.String(), permitNo: Type.String(), year: Type.Integer(), quotaUnitCode: Type.String(), parcelId: Type.String(), unitCode: Type.String(), unitName: Type.String(),
  parcelNo: Type.String(), applicant: Type.String(), applicantPhone: Nullable(Type.String()), forestClass: lit(quotaForestClasses), origin: lit(quotaOrigins),
  cuttingType: lit(cuttingTypes), cuttingMethod: lit(cuttingMethods), species: Type.String(), treeCount: Nullable(Type.Integer()), areaM2: Type.Number(),
  volumeM3: Type.Number(), outputM3: Nullable(Type.Number()), cuttingFrom: Type.String(), cuttingTo: Type.String(), replantDeadline: Type.String(),
  pestApproval: Nullable(Type.String()), status: lit(['issued', 'revoked'] as const), issuedAt: Type.String(), revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()), replantProblemId: Nullable(Type.String()), plantedM2: Type.Number(), replanting: lit(replantingStates),
});
const PermitBody = Strict({
  parcelId: Id,
  applicant: Type.String({ minLength: 1, maxLength: 100, description: '申请人（单位或个人）' }),
  applicantPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
  cuttingType: lit(cuttingTypes),
  cuttingMethod: lit(cuttingMethods),
  species: Type.String({ minLength: 1, maxLength: 50, description: '树种' }),
  treeCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000, description: '株数' })),
  areaMu: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: '采伐面积（亩）' }),
  volumeM3: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: '采伐蓄积（m³），消耗限额' }),
  outputM3: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000, description: '出材量（m³）' })),
  cuttingFrom: IsoDate,
  cuttingTo: IsoDate,
  replantDeadline: Type.Optional(IsoDate),
  pestApproval: Type.Optional(Type.String({ maxLength: 100, description: '疫点内采伐的有害生物防治检疫审批文号' })),
});
const Refusal = Type.Object({ code: Type.String(), field: Type.String(), message: Type.String() });

export async function loggingRoutes(app: TypedApp, logging: LoggingService): Promise<void> {
  app.get(
    '/api/ledger/logging/quotas',
    {
      schema: {
        tags: ['ledger'], summary: '采伐限额：某年度各限额单位的总限额与已用蓄积',
        querystring: Strict({ year: Year, unit: Type.Optional(UnitCode) }),
        response: { 200: Type.Object({ year: Type.Integer(), items: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), totalM3: Type.Number(), usedM3: Type.Number(), updatedAt: Type.String() })) }) },
      },
    },
    async (request) => unwrap(await logging.quotas(viewer(request), request.query)),
  );
  app.get(
    '/api/ledger/logging/quotas/:unitCode/:year',
    {
      schema: {
        tags: ['ledger'], summary: '一个限额单位某年度的采伐限额表（总限额、分项限额及已用）',
        params: Strict({ unitCode: UnitCode, year: Year }),
        response: { 200: QuotaDetail },
      },
    },
    async (request) => unwrap(await logging.quota(viewer(request), request.params.unitCode, request.params.year)),
  );
  app.put(
    '/api/ledger/logging/quotas/:unitCode/:year',
    {
      schema: {
        tags: ['ledger'], summary: '下达（替换）采伐限额：总限额与按森林类别 × 起源 × 采伐类型的分项限额（DOMAIN.md §4）',
        params: Strict({ unitCode: UnitCode, year: Year }),
        body: Strict({ totalM3: Volume, note: Type.Optional(Type.String({ maxLength: 500 })), items: Type.Array(Cell, { maxItems: 40 }) }),
        response: { 200: QuotaDetail },
      },
    },
    async (request) => unwrap(await logging.setQuota(viewer(request), request.params.unitCode, request.params.year, request.body)),
  );
  app.get(
    '/api/ledger/logging/permits',
    {
      schema: {
        tags: ['ledger'], summary: '林木采伐许可证列表',
        querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), year: Type.Optional(Year), status: Type.Optional(lit(['issued', 'revoked'] as const)), q: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: Page(PermitSchema) },
      },
    },
    async (request) => unwrap(await logging.permits(viewer(request), request.query)),
  );
  app.get(
    '/api/ledger/logging/permits.xlsx',
    {
      schema: {
        tags: ['ledger'], summary: '采伐许可证台账（Excel）',
        querystring: Strict({ unit: Type.Optional(UnitCode), year: Type.Optional(Year), status: Type.Optional(lit(['issued', 'revoked'] as const)), q: Type.Optional(Type.String({ maxLength: 50 })) }),
      },
    },
    async (request, reply) => sendWorkbook(reply, unwrap(await logging.permitsWorkbook(viewer(request), request.query))),
  );
  app.post(
    '/api/ledger/logging/permits/check',
    {
      schema: {
        tags: ['ledger'], summary: '办证前检查：所属限额分项、剩余限额、疫点和拒绝理由（不写入）',
        body: PermitBody,
        response: {
          200: Type.Object({
            year: Type.Integer(), quotaUnitCode: Nullable(Type.String()), quotaUnitName: Type.String(),
            cell: Type.Object({ forestClass: Type.String(), origin: Type.String(), cuttingType: Type.String(), label: Type.String(), capM3: Nullable(Type.Number()), usedM3: Type.Number(), leftM3: Nullable(Type.Number()) }),
            totalCapM3: Nullable(Type.Number()), totalUsedM3: Type.Number(), epidemicPoint: Nullable(Type.String()), refusals: Type.Array(Refusal),
          }),
        },
      },
    },
    async (request) => {
      checkCalendarDates(request.body, ['cuttingFrom', 'cuttingTo', 'replantDeadline']);
      return unwrap(await logging.checkPermit(viewer(request), request.body));
    },
  );
  app.post(
    '/api/ledger/logging/permits',
    {
      schema: {
        tags: ['ledger'], summary: '发放林木采伐许可证：超出限额分项或总限额、天然林商业性采伐、疫点内无检疫审批的一律拒绝',
        body: PermitBody,
        response: { 201: PermitSchema },
      },
    },
    async (request, reply) => {
      checkCalendarDates(request.body, ['cuttingFrom', 'cuttingTo', 'replantDeadline']);
      return reply.code(201).send(unwrap(await logging.issuePermit(viewer(request), request.body)));
    },
  );
  app.get(
    '/api/ledger/logging/permits/:id',
    {
      schema: {
        tags: ['ledger'], summary: '采伐许可证详情（含更新造林记录）', params: IdParams,
        response: {
          200: Type.Intersect([PermitSchema, Type.Object({
            replantings: Type.Array(Type.Object({ id: Type.String(), plantedOn: Type.String(), areaM2: Type.Number(), species: Type.String(), treeCount: Nullable(Type.Integer()), note: Nullable(Type.String()), createdAt: Type.String() })),
          })]),
        },
      },
    },
    async (request) => unwrap(await logging.permit(viewer(request), request.params.id)),
  );
  app.post(
    '/api/ledger/logging/permits/:id/revoke',
    {
      schema: {
        tags: ['ledger'], summary: '注销采伐许可证（蓄积退回限额）', params: IdParams,
        body: Strict({ reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 200: PermitSchema },
      },
    },
    async (request) => unwrap(await logging.revokePermit(viewer(request), request.params.id, request.body.reason)),
  );
  app.post(
    '/api/ledger/logging/permits/:id/replantings',
    {
      schema: {
        tags: ['ledger'], summary: '登记更新造林（更新面积不得少于采伐面积）', params: IdParams,
        body: Strict({
          plantedOn: IsoDate, areaMu: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }), species: Type.String({ minLength: 1, maxLength: 50 }),
          treeCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })), note: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 201: PermitSchema },
      },
    },
    async (request, reply) => {
      checkCalendarDates(request.body, ['plantedOn']);
      return reply.code(201).send(unwrap(await logging.recordReplanting(viewer(request), request.params.id, request.body)));
    },
  );
  app.get(
    '/api/pests/epidemic-points',
    {
      schema: {
        tags: ['pests'], summary: '松材线虫病疫点（乡镇）及其认定、撤销日期',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), unitCode: Type.String(), unitName: Type.String(), declaredOn: Type.String(), removedOn: Nullable(Type.String()), documentNo: Nullable(Type.String()), note: Nullable(Type.String()) })) },
      },
    },
    async (request) => unwrap(await logging.epidemicPoints(viewer(request))),
  );
  app.post(
    '/api/pests/epidemic-points',
    {
      schema: {
        tags: ['pests'], summary: '登记疫点（乡镇）',
        body: Strict({ unitCode: UnitCode, declaredOn: IsoDate, documentNo: Type.Optional(Type.String({ maxLength: 100 })), note: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (request, reply) => {
      checkCalendarDates(request.body, ['declaredOn']);
      return reply.code(201).send(unwrap(await logging.declareEpidemicPoint(viewer(request), request.body)));
    },
  );
  app.post(
    '/api/pests/epidemic-points/:id/removal',
    {
      schema: {
        tags: ['pests'], summary: '撤销疫点（拔除）', params: IdParams,
        body: Strict({ removedOn: IsoDate }),
        response: { 200: Type.Object({ id: Type.String() }) },
      },
    },
    async (request) => {
      checkCalendarDates(request.body, ['removedOn']);
      return unwrap(await logging.removeEpidemicPoint(viewer(request), request.params.id, request.body.removedOn));
    },
  );
}

import { Type } from '@sinclair/typebox';
import { checkStages, landUseStatuses, landUseTypes } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IdParams, IsoDate, Page, PageQuery, PolygonalGeometry, Strict, UnitCode, lit, sendWorkbook, checkCalendarDates } from '../http/schemas.ts';
import type { LandUseService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const LandUse = Type.Object({
  id: Type.String(), project: Type.String(), applicant: Type.String(), approvalNo: Nullable(Type.String()), useType: lit(landUseTypes),
  status: lit(landUseStatuses), state: lit([...landUseStatuses, 'expired'] as const), unitCode: Type.String(), unitName: Type.String(), areaM2: Type.Number(),
  geometry: Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Array(Type.Number())))) }),
  appliedOn: Type.String(), startsOn: Nullable(Type.String()), endsOn: Nullable(Type.String()), restoreBy: Nullable(Type.String()), decidedOn: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()), overlapAcknowledged: Type.Boolean(), overlapNote: Nullable(Type.String()), restoredOn: Nullable(Type.String()), version: Type.Integer(),
});
const ListQuery = { unit: Type.Optional(UnitCode), status: Type.Optional(lit(landUseStatuses)), q: Type.Optional(Type.String({ maxLength: 50 })) };

export async function landUseRoutes(app: TypedApp, service: LandUseService): Promise<void> {
  app.get('/api/land-use', { schema: { tags: ['ledger'], summary: '使用林地审核审批台账', querystring: Strict({ ...PageQuery, ...ListQuery }), response: { 200: Page(LandUse) } } },
    async (request) => unwrap(await service.list(viewer(request), request.query)));
  app.get('/api/land-use.xlsx', { schema: { tags: ['ledger'], summary: '使用林地审核审批台账（Excel）', querystring: Strict(ListQuery) } },
    async (request, reply) => sendWorkbook(reply, unwrap(await service.workbook(viewer(request), request.query))));
  app.post('/api/land-use', {
    schema: {
      tags: ['ledger'], summary: '登记使用林地申请：用地范围为绘制的多边形（CGCS2000 经纬度）或所占小班，按椭球计算面积，按位置确定所属区划',
      body: Strict({
        project: Type.String({ minLength: 1, maxLength: 200 }), applicant: Type.String({ minLength: 1, maxLength: 100 }), useType: lit(landUseTypes),
        geometry: Type.Optional(PolygonalGeometry), parcelIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500, description: '所占小班（与 geometry 二选一）' })),
        appliedOn: IsoDate, startsOn: Type.Optional(IsoDate), endsOn: Type.Optional(IsoDate), restoreBy: Type.Optional(IsoDate),
      }),
      response: { 201: LandUse },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['appliedOn', 'startsOn', 'endsOn', 'restoreBy']);
    return reply.code(201).send(unwrap(await service.create(viewer(request), request.body)));
  });
  app.get('/api/land-use/:id', {
    schema: {
      tags: ['ledger'], summary: '使用林地申请详情（含事前、事中、事后检查）', params: IdParams,
      response: { 200: Type.Intersect([LandUse, Type.Object({ checks: Type.Array(Type.Object({ id: Type.String(), stage: lit(checkStages), checkedOn: Type.String(), inspector: Type.String(), finding: Type.String() })) })]) },
    },
  }, async (request) => unwrap(await service.get(viewer(request), request.params.id)));
  app.get('/api/land-use/:id/overlap', {
    schema: {
      tags: ['ledger'], summary: '用地范围与公益林、天然林小班的重叠（最新台账年度，椭球面积）', params: IdParams,
      response: {
        200: Type.Object({
          landM2: Type.Number(), keyPublicWelfareM2: Type.Number(), publicWelfareM2: Type.Number(), naturalM2: Type.Number(), ledgerYear: Type.Union([Type.Integer(), Type.Null()]),
          parcels: Type.Array(Type.Object({ id: Type.String(), parcelNo: Type.String(), unitCode: Type.String(), forestCategory: Nullable(Type.String()), origin: Nullable(Type.String()), overlapM2: Type.Number() })),
          unitNames: Type.Record(Type.String(), Type.String()), unchecked: Type.Array(Type.String()),
        }),
      },
    },
  }, async (request) => unwrap(await service.overlap(viewer(request), request.params.id)));
  app.post('/api/land-use/:id/decision', {
    schema: {
      tags: ['ledger'], summary: '审批：批准（须填文号；占用重点公益林须确认并说明）或不予批准', params: IdParams,
      body: Strict({
        approve: Type.Boolean(), approvalNo: Type.Optional(Type.String({ maxLength: 100 })), note: Type.String({ minLength: 1, maxLength: 1000 }),
        overlapAcknowledged: Type.Optional(Type.Boolean()), overlapNote: Type.Optional(Type.String({ maxLength: 1000 })), version: Type.Integer({ minimum: 1 }),
      }),
      response: { 200: LandUse },
    },
  }, async (request) => unwrap(await service.decide(viewer(request), request.params.id, request.body)));
  app.post('/api/land-use/:id/restoration', {
    schema: { tags: ['ledger'], summary: '临时用地登记恢复', params: IdParams, body: Strict({ restoredOn: IsoDate }), response: { 200: LandUse } },
  }, async (request) => {
    checkCalendarDates(request.body, ['restoredOn']);
    return unwrap(await service.restore(viewer(request), request.params.id, request.body.restoredOn));
  });
  app.post('/api/land-use/:id/checks', {
    schema: {
      tags: ['ledger'], summary: '登记事前、事中或事后检查', params: IdParams,
      body: Strict({ stage: lit(checkStages), checkedOn: IsoDate, inspector: Type.String({ minLength: 1, maxLength: 50 }), finding: Type.String({ minLength: 1, maxLength: 1000 }) }),
      response: { 201: Type.Object({ id: Type.String() }) },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['checkedOn']);
    return reply.code(201).send(unwrap(await service.addCheck(viewer(request), request.params.id, request.body)));
  });
}

import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Id, IdParams, Name, Page, PageQuery, PolygonalGeometry, Strict, UnitCode } from '../http/schemas.ts';
import type { AreaService } from './service.ts';
import { areaKinds } from './repository.ts';

const Kind = Type.Union(areaKinds.map((k) => Type.Literal(k)), { description: 'post 林长责任区 | grid 护林员网格' });
const AreaSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Kind,
  unitCode: Type.String(),
  postId: Type.Union([Type.String(), Type.Null()]),
  areaM2: Type.Number(),
});
const AreaDetail = Type.Composite([AreaSchema, Type.Object({ geometry: Type.Unknown() })]);
const ReportSchema = Type.Object({
  unitCode: Type.String(),
  overlaps: Type.Array(Type.Object({ aId: Type.String(), aName: Type.String(), bId: Type.String(), bName: Type.String(), areaM2: Type.Number() })),
  uncovered: Type.Array(
    Type.Object({ unitCode: Type.String(), unitName: Type.String(), unitAreaM2: Type.Number(), uncoveredM2: Type.Number(), uncoveredShare: Type.Number() }),
  ),
  unchecked: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), reason: Type.String() }), {
    description: '几何计算失败、未能检查的村或网格对',
  }),
});
const geometryBodyLimit = 8 * 1024 * 1024;

export async function areaRoutes(app: TypedApp, service: AreaService): Promise<void> {
  app.get(
    '/api/areas',
    {
      schema: {
        tags: ['areas'],
        summary: '责任区与护林网格列表',
        querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), kind: Type.Optional(Kind), q: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: Page(AreaSchema) },
      },
    },
    async (request) => unwrap(await service.list(viewer(request), request.query)),
  );
  app.get(
    '/api/areas/report',
    {
      schema: {
        tags: ['areas'],
        summary: '网格重叠与村域未覆盖检查',
        querystring: Strict({ unit: UnitCode }),
        response: { 200: ReportSchema },
      },
    },
    async (request) => unwrap(await service.coverageReport(viewer(request), request.query.unit)),
  );
  app.get(
    '/api/areas/:id',
    { schema: { tags: ['areas'], summary: '责任区详情（含边界）', params: IdParams, response: { 200: AreaDetail } } },
    async (request) => unwrap(await service.get(viewer(request), request.params.id)),
  );
  app.post(
    '/api/areas',
    {
      bodyLimit: geometryBodyLimit,
      schema: {
        tags: ['areas'],
        summary: '新建责任区或网格',
        body: Strict({ name: Name, kind: Kind, unitCode: UnitCode, postId: Type.Optional(Type.Union([Id, Type.Null()])), geometry: PolygonalGeometry }),
        response: { 201: AreaDetail },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await service.create(viewer(request), request.body))),
  );
  app.patch(
    '/api/areas/:id',
    {
      bodyLimit: geometryBodyLimit,
      schema: {
        tags: ['areas'],
        summary: '修改责任区或网格',
        params: IdParams,
        body: Strict({
          name: Type.Optional(Name), kind: Type.Optional(Kind), unitCode: Type.Optional(UnitCode),
          postId: Type.Optional(Type.Union([Id, Type.Null()])), geometry: Type.Optional(PolygonalGeometry),
        }),
        response: { 200: AreaDetail },
      },
    },
    async (request) => unwrap(await service.update(viewer(request), request.params.id, request.body)),
  );
}

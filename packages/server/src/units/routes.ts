import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Name, Page, PageQuery, PolygonalGeometry, Strict, UnitCode, UnitCodeLoose } from '../http/schemas.ts';
import type { UnitService } from './service.ts';

const Level = Type.Union([Type.Literal('province'), Type.Literal('county'), Type.Literal('town'), Type.Literal('village')]);

export const UnitSchema = Type.Object({
  code: Type.String(),
  name: Type.String({ description: '统计局正式名称' }),
  shortName: Type.String({ description: '界面显示的简称' }),
  level: Level,
  kind: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  areaM2: Type.Union([Type.Number(), Type.Null()]),
});
const UnitDetail = Type.Composite([UnitSchema, Type.Object({
  geometry: Type.Union([Type.Unknown(), Type.Null()]),
  extent: Type.Optional(Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()], {
    description: '地图范围 [minx, miny, maxx, maxy]：本级边界的外包框；本级无边界时为下级各有边界单位的外包框',
  })),
})]);
const CodeParams = Strict({ code: UnitCode });
const geometryBodyLimit = 8 * 1024 * 1024;

export async function unitRoutes(app: TypedApp, units: UnitService): Promise<void> {
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: '行政区划列表（仅本人数据范围内）',
        querystring: Strict({ ...PageQuery, parent: Type.Optional(UnitCode), level: Type.Optional(Level), q: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: Page(UnitSchema) },
      },
    },
    async (request) => unwrap(await units.list(viewer(request), request.query)),
  );

  app.get(
    '/api/units/:code',
    { schema: { tags: ['units'], summary: '行政区划详情（含边界）', params: CodeParams, response: { 200: UnitDetail } } },
    async (request) => unwrap(await units.get(viewer(request), request.params.code)),
  );

  app.post(
    '/api/units',
    {
      bodyLimit: geometryBodyLimit,
      schema: {
        tags: ['units'],
        summary: '新建行政区划',
        body: Strict({ code: UnitCodeLoose, name: Name, level: Level, parentCode: UnitCodeLoose, geometry: Type.Optional(PolygonalGeometry) }),
        response: { 201: UnitDetail },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await units.create(viewer(request), request.body))),
  );

  app.patch(
    '/api/units/:code',
    {
      bodyLimit: geometryBodyLimit,
      schema: {
        tags: ['units'],
        summary: '修改行政区划',
        params: CodeParams,
        body: Strict({ name: Type.Optional(Name), geometry: Type.Optional(Type.Union([PolygonalGeometry, Type.Null()])) }),
        response: { 200: UnitDetail },
      },
    },
    async (request) => unwrap(await units.update(viewer(request), request.params.code, request.body)),
  );
}

import { Type } from '@sinclair/typebox';
import { postLevels, postRoles } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Id, IdParams, IsoDate, Page, PageQuery, Strict, UnitCode } from '../http/schemas.ts';
import type { PostService } from './service.ts';

const Role = Type.Union(postRoles.map((r) => Type.Literal(r)), { description: 'chief 林长 | ranger 护林员 | supervisor 监管员 | instructor 指导员' });
const Level = Type.Union(postLevels.map((l) => Type.Literal(l)), { description: 'county 区县级 | town 镇街级 | village 村级 | forest_farm 国有林场' });
const PostSchema = Type.Object({
  id: Type.String(),
  role: Role,
  level: Level,
  unitCode: Type.String(),
  unitName: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  termStart: Type.String(),
  termEnd: Type.Union([Type.String(), Type.Null()]),
});
const fields = {
  role: Role,
  level: Level,
  unitCode: UnitCode,
  personId: Id,
  organisationId: Type.Optional(Type.Union([Id, Type.Null()])),
  termStart: IsoDate,
  termEnd: Type.Optional(Type.Union([IsoDate, Type.Null()])),
};

export async function postRoutes(app: TypedApp, service: PostService): Promise<void> {
  app.get(
    '/api/posts',
    {
      schema: {
        tags: ['posts'],
        summary: '林长与三员岗位列表',
        querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), role: Type.Optional(Role), level: Type.Optional(Level), q: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: Page(PostSchema) },
      },
    },
    async (request) => unwrap(await service.list(viewer(request), request.query)),
  );
  app.get(
    '/api/posts/:id',
    { schema: { tags: ['posts'], summary: '岗位详情', params: IdParams, response: { 200: PostSchema } } },
    async (request) => unwrap(await service.get(viewer(request), request.params.id)),
  );
  app.post(
    '/api/posts',
    { bodyLimit: 16 * 1024, schema: { tags: ['posts'], summary: '设立岗位', body: Strict(fields), response: { 201: PostSchema } } },
    async (request, reply) => reply.status(201).send(unwrap(await service.create(viewer(request), request.body))),
  );
  app.patch(
    '/api/posts/:id',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['posts'],
        summary: '修改岗位',
        params: IdParams,
        body: Strict({
          role: Type.Optional(Role), level: Type.Optional(Level), unitCode: Type.Optional(UnitCode), personId: Type.Optional(Id),
          organisationId: fields.organisationId, termStart: Type.Optional(IsoDate), termEnd: fields.termEnd,
        }),
        response: { 200: PostSchema },
      },
    },
    async (request) => unwrap(await service.update(viewer(request), request.params.id, request.body)),
  );
}

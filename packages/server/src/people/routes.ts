import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Id, IdParams, Name, Page, PageQuery, Strict, UnitCode } from '../http/schemas.ts';
import type { PersonService } from './service.ts';

const Phone = Type.String({ pattern: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$', description: '手机号或固定电话' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const PersonSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  unitCode: Type.String(),
  organisationId: Type.Union([Type.String(), Type.Null()]),
});

export async function personRoutes(app: TypedApp, service: PersonService): Promise<void> {
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: '人员列表',
        querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), q: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: Page(PersonSchema) },
      },
    },
    async (request) => unwrap(await service.list(viewer(request), request.query)),
  );
  app.get(
    '/api/people/:id',
    { schema: { tags: ['people'], summary: '人员详情', params: IdParams, response: { 200: PersonSchema } } },
    async (request) => unwrap(await service.get(viewer(request), request.params.id)),
  );
  app.post(
    '/api/people',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['people'],
        summary: '新建人员',
        body: Strict({ name: Name, phone: Type.Optional(Nullable(Phone)), unitCode: UnitCode, organisationId: Type.Optional(Nullable(Id)) }),
        response: { 201: PersonSchema },
      },
    },
    async (request, reply) => reply.status(201).send(unwrap(await service.create(viewer(request), request.body))),
  );
  app.patch(
    '/api/people/:id',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['people'],
        summary: '修改人员',
        params: IdParams,
        body: Strict({ name: Type.Optional(Name), phone: Type.Optional(Nullable(Phone)), unitCode: Type.Optional(UnitCode), organisationId: Type.Optional(Nullable(Id)) }),
        response: { 200: PersonSchema },
      },
    },
    async (request) => unwrap(await service.update(viewer(request), request.params.id, request.body)),
  );
}

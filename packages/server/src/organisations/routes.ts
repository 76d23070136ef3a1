import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IdParams, Name, Page, PageQuery, Strict, UnitCode } from '../http/schemas.ts';
import type { OrganisationService } from './service.ts';
import { organisationKinds } from './repository.ts';

const Kind = Type.Union(organisationKinds.map((k) => Type.Literal(k)), { description: 'bureau 林业局 | department 科室 | forest_farm 国有林场 | town_office 镇街林业站 | other' });
const OrganisationSchema = Type.Object({ id: Type.String(), name: Type.String(), kind: Kind, unitCode: Type.String() });

export async function organisationRoutes(app: TypedApp, service: OrganisationService): Promise<void> {
  app.get(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: '组织机构列表',
        querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), kind: Type.Optional(Kind), q: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: Page(OrganisationSchema) },
      },
    },
    async (request) => unwrap(await service.list(viewer(request), request.query)),
  );
  app.get(
    '/api/organisations/:id',
    { schema: { tags: ['organisations'], summary: '组织机构详情', params: IdParams, response: { 200: OrganisationSchema } } },
    async (request) => unwrap(await service.get(viewer(request), request.params.id)),
  );
  app.post(
    '/api/organisations',
    {
      bodyLimit: 16 * 1024,
      schema: { tags: ['organisations'], summary: '新建组织机构', body: Strict({ name: Name, kind: Kind, unitCode: UnitCode }), response: { 201: OrganisationSchema } },
    },
    async (request, reply) => reply.status(201).send(unwrap(await service.create(viewer(request), request.body))),
  );
  app.patch(
    '/api/organisations/:id',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['organisations'],
        summary: '修改组织机构',
        params: IdParams,
        body: Strict({ name: Type.Optional(Name), kind: Type.Optional(Kind), unitCode: Type.Optional(UnitCode) }),
        response: { 200: OrganisationSchema },
      },
    },
    async (request) => unwrap(await service.update(viewer(request), request.params.id, request.body)),
  );
}

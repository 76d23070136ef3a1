import { Type } from '@sinclair/typebox';
import { treeGrades, treeHealth } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Id, IdParams, IsoDate, Page, PageQuery, Strict, UnitCode, checkCalendarDates, lit, sendWorkbook } from '../http/schemas.ts';
import type { AncientTreeService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const Tree = Type.Object({
  id: Type.String(), registerNo: Type.String(), unitCode: Type.String(), unitName: Type.String(), lon: Type.Number(), lat: Type.Number(), species: Type.String(),
  latinName: Nullable(Type.String()), estimatedAge: Nullable(Type.Integer()), famous: Type.Boolean(), grade: lit(treeGrades), girthCm: Nullable(Type.Number()),
  heightM: Nullable(Type.Number()), crownM: Nullable(Type.Number()), owner: Nullable(Type.String()), caretakerPersonId: Nullable(Type.String()),
  caretakerName: Nullable(Type.String()), caretakerPhone: Nullable(Type.String()), health: lit(treeHealth), photos: Type.Array(Type.String()), note: Nullable(Type.String()),
  updatedAt: Type.String(),
});
const TreeBody = Strict({
  registerNo: Type.String({ minLength: 1, maxLength: 40, description: '古树名木编号（县内唯一）' }),
  lon: Type.Number({ minimum: 73, maximum: 136 }), lat: Type.Number({ minimum: 3, maximum: 54 }),
  species: Type.String({ minLength: 1, maxLength: 50 }), latinName: Type.Optional(Type.String({ maxLength: 100 })),
  estimatedAge: Type.Optional(Type.Integer({ minimum: 1, maximum: 6000, description: '估测树龄（年）' })), famous: Type.Optional(Type.Boolean({ description: '名木' })),
  girthCm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 5000 })), heightM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 150 })),
  crownM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200 })), owner: Type.Optional(Type.String({ maxLength: 100 })),
  caretakerPersonId: Type.Optional(Id), caretakerName: Type.Optional(Type.String({ maxLength: 50 })),
  caretakerPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })), health: Type.Optional(lit(treeHealth)),
  photos: Type.Optional(Type.Array(Id, { maxItems: 9 })), note: Type.Optional(Type.String({ maxLength: 1000 })),
});
const ListQuery = { unit: Type.Optional(UnitCode), grade: Type.Optional(lit(treeGrades)), q: Type.Optional(Type.String({ maxLength: 50 })) };

export async function ancientTreeRoutes(app: TypedApp, service: AncientTreeService): Promise<void> {
  app.get('/api/trees', { schema: { tags: ['ledger'], summary: '古树名木名录', querystring: Strict({ ...PageQuery, ...ListQuery }), response: { 200: Page(Tree) } } },
    async (request) => unwrap(await service.list(viewer(request), request.query)));
  app.get('/api/trees.xlsx', { schema: { tags: ['ledger'], summary: '古树名木名录（Excel）', querystring: Strict(ListQuery) } },
    async (request, reply) => sendWorkbook(reply, unwrap(await service.workbook(viewer(request), request.query))));
  app.post('/api/trees', { schema: { tags: ['ledger'], summary: '登记古树名木：按位置确定所属村，按树龄定级（一级 ≥500 年、二级 300–499 年、三级 100–299 年，名木不论树龄）', body: TreeBody, response: { 201: Tree } } },
    async (request, reply) => reply.code(201).send(unwrap(await service.create(viewer(request), request.body))));
  app.get('/api/trees/:id', {
    schema: {
      tags: ['ledger'], summary: '古树名木详情（含巡查记录）', params: IdParams,
      response: { 200: Type.Intersect([Tree, Type.Object({ inspections: Type.Array(Type.Object({ id: Type.String(), inspectedOn: Type.String(), inspector: Type.String(), health: lit(treeHealth), finding: Type.String(), photos: Type.Array(Type.String()) })) })]) },
    },
  }, async (request) => unwrap(await service.get(viewer(request), request.params.id)));
  app.put('/api/trees/:id', { schema: { tags: ['ledger'], summary: '修改古树名木档案', params: IdParams, body: TreeBody, response: { 200: Tree } } },
    async (request) => unwrap(await service.update(viewer(request), request.params.id, request.body)));
  app.post('/api/trees/:id/inspections', {
    schema: {
      tags: ['ledger'], summary: '登记古树巡查（生长状况随之更新）', params: IdParams,
      body: Strict({ inspectedOn: IsoDate, inspector: Type.String({ minLength: 1, maxLength: 50 }), health: lit(treeHealth), finding: Type.String({ minLength: 1, maxLength: 1000 }), photos: Type.Optional(Type.Array(Id, { maxItems: 9 })) }),
      response: { 201: Type.Object({ id: Type.String() }) },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['inspectedOn']);
    return reply.code(201).send(unwrap(await service.inspect(viewer(request), request.params.id, request.body)));
  });
}

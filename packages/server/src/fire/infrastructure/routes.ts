import { Type } from '@sinclair/typebox';
import { infrastructureConditions, infrastructureKinds, infrastructureStatuses, infrastructureTargetKinds } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { problems as httpProblems, unwrap } from '../../http/problem.ts';
import { Id, IdParams, Page, PageQuery, Strict, UnitCode, lit, sendWorkbook } from '../../http/schemas.ts';
import type { FireInfrastructureService } from './service.ts';
import type { TenHouseholdGroupService } from './groups-service.ts';
import type { InfrastructureTargetService } from './targets-service.ts';
import type { InfrastructureImportService } from './import-service.ts';
import type { InfrastructureExportService } from './export-service.ts';

export interface InfrastructureServices {
  works: FireInfrastructureService;
  groups: TenHouseholdGroupService;
  targets: InfrastructureTargetService;
  imports: InfrastructureImportService;
  exports: InfrastructureExportService;
}

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Line = Type.Array(Position, { minItems: 2, maxItems: 50_000 });
const WorkGeometry = Type.Union([
  Strict({ type: Type.Literal('Point'), coordinates: Position }),
  Strict({ type: Type.Literal('LineString'), coordinates: Line }),
  Strict({ type: Type.Literal('MultiLineString'), coordinates: Type.Array(Line, { minItems: 1, maxItems: 1000 }) }),
], { description: 'GeoJSON Point（点状设施）或 LineString/MultiLineString（隔离带、防火通道），CGCS2000 经纬度' });
const Year = Type.Integer({ minimum: 1950, maximum: 2100 });

const Work = Type.Object({
  id: Type.String(), kind: lit(infrastructureKinds), name: Type.String(), unitCode: Type.String(), unitName: Type.String(), geometry: WorkGeometry,
  lengthM: Nullable(Type.Number()), anchor: Type.Array(Type.Number()), builtYear: Nullable(Type.Integer()), condition: Type.Union([lit(infrastructureConditions), Type.Null()]),
  status: lit(infrastructureStatuses), capacityM3: Nullable(Type.Number()), photos: Type.Array(Type.String()), note: Nullable(Type.String()), updatedAt: Type.String(),
});
const WorkBody = Strict({
  kind: lit(infrastructureKinds), name: Type.String({ minLength: 1, maxLength: 100 }), geometry: WorkGeometry, status: lit(infrastructureStatuses),
  builtYear: Type.Optional(Year), condition: Type.Optional(lit(infrastructureConditions)),
  capacityM3: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: '蓄水池容量（立方米）' })),
  photos: Type.Optional(Type.Array(Id, { maxItems: 9 })), note: Type.Optional(Type.String({ maxLength: 1000 })),
});
const WorkFilter = { unit: Type.Optional(UnitCode), kind: Type.Optional(lit(infrastructureKinds)), status: Type.Optional(lit(infrastructureStatuses)), q: Type.Optional(Type.String({ maxLength: 50 })) };

const Group = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), name: Type.String(), headName: Type.String(), headPhone: Type.String(),
  householdCount: Type.Integer(), members: Type.Array(Type.String()), formedYear: Nullable(Type.Integer()), note: Nullable(Type.String()), updatedAt: Type.String(),
});
const GroupBody = Strict({
  unitCode: UnitCode, name: Type.String({ minLength: 1, maxLength: 50 }), headName: Type.String({ minLength: 1, maxLength: 50, description: '联防组长' }),
  headPhone: Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }), householdCount: Type.Integer({ minimum: 1, maximum: 50, description: '联防户数（通常约 10 户）' }),
  members: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50, description: '成员户（户主姓名），可不填' })),
  formedYear: Type.Optional(Year), note: Type.Optional(Type.String({ maxLength: 500 })),
});

const Target = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), kind: lit(infrastructureTargetKinds), year: Type.Integer(), value: Type.Number(),
  basis: lit(['new', 'total'] as const), source: Nullable(Type.String()), updatedAt: Type.String(),
});
const Progress = Type.Object({
  unitCode: Type.String(), kind: lit(infrastructureTargetKinds), actual: Type.Number(), building: Type.Number(), target: Nullable(Type.Number()),
  targetFrom: Type.Union([lit(['own', 'descendants'] as const), Type.Null()]), basis: Type.Union([lit(['new', 'total'] as const), Type.Null()]),
  expected: Nullable(Type.Number()), status: Type.Union([lit(['met', 'ahead', 'behind'] as const), Type.Null()]), sources: Type.Array(Type.String()),
});
const Finding = Type.Object({ severity: lit(['error', 'warning'] as const), message: Type.String(), field: Type.Optional(Type.String()) });
const ImportReport = Type.Object({
  fileName: Type.String(), crs: Type.String(), fileFindings: Type.Array(Finding),
  rows: Type.Array(Type.Object({ row: Type.Integer(), ok: Type.Boolean(), findings: Type.Array(Finding), kind: Type.Union([lit(infrastructureKinds), Type.Null()]), name: Nullable(Type.String()), unitCode: Nullable(Type.String()), unitName: Nullable(Type.String()), lengthM: Nullable(Type.Number()) })),
  accepted: Type.Integer(), rejected: Type.Integer(), committed: Type.Boolean(), created: Type.Integer(), batchId: Nullable(Type.String()),
});
const Removed = Type.Object({ id: Type.String() });

export async function fireInfrastructureRoutes(app: TypedApp, s: InfrastructureServices): Promise<void> {
  const tags = ['fire'];
  app.get('/api/fire/infrastructure', { schema: { tags, summary: '防火设施台账（隔离带、防火通道、蓄水池、检查站、智能卡口、瞭望塔、视频监控点位）', querystring: Strict({ ...PageQuery, ...WorkFilter }), response: { 200: Page(Work) } } },
    async (request) => unwrap(await s.works.list(viewer(request), request.query)));
  app.get('/api/fire/infrastructure.xlsx', { schema: { tags, summary: '防火设施台账（Excel：设施、十户联防、当年目标完成）', querystring: Strict({ ...WorkFilter, year: Type.Optional(Year) }) } },
    async (request, reply) => sendWorkbook(reply, unwrap(await s.exports.workbook(viewer(request), request.query))));
  app.get('/api/fire/infrastructure/summary', {
    schema: {
      tags, summary: '防火设施目标完成情况：本级及下一级各区划按类型的数量、长度与目标（镇含所辖村）', querystring: Strict({ unit: Type.Optional(UnitCode), year: Type.Optional(Year) }),
      response: { 200: Type.Object({ unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), asOf: Type.String(), units: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), level: Type.String(), progress: Type.Array(Progress) })) }) },
    },
  }, async (request) => unwrap(await s.targets.summary(viewer(request), request.query)));
  app.post('/api/fire/infrastructure', { schema: { tags, summary: '登记防火设施：线按椭球计算长度，所属区划按点位（线取按长度的中点）确定', body: WorkBody, response: { 201: Work } } },
    async (request, reply) => reply.code(201).send(unwrap(await s.works.create(viewer(request), request.body))));
  app.post('/api/fire/infrastructure/imports', {
    bodyLimit: 40 * 1024 * 1024,
    schema: {
      tags, summary: '导入防火设施（GeoJSON 或 Shapefile 压缩包，线或点，高斯-克吕格坐标自动转换）：逐行校验，commit=true 时才写入',
      body: Strict({
        fileName: Type.String({ minLength: 1, maxLength: 200 }), contentBase64: Type.String({ minLength: 1, maxLength: 40 * 1024 * 1024, description: '文件内容（Base64）' }),
        kind: Type.Optional(lit(infrastructureKinds)), status: Type.Optional(lit(infrastructureStatuses)),
        commit: Type.Optional(Type.Boolean({ default: false, description: '确认写入；默认只校验' })),
      }),
      response: { 200: ImportReport },
    },
  }, async (request) => {
    const b = request.body;
    if (!/^[A-Za-z0-9+/=\r\n]+$/.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
    return unwrap(await s.imports.run(viewer(request), { fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), kind: b.kind, status: b.status, commit: b.commit ?? false }));
  });
  app.get('/api/fire/infrastructure/:id', { schema: { tags, summary: '防火设施详情', params: IdParams, response: { 200: Work } } },
    async (request) => unwrap(await s.works.get(viewer(request), request.params.id)));
  app.put('/api/fire/infrastructure/:id', { schema: { tags, summary: '修改防火设施（长度与所属区划随之重算）', params: IdParams, body: WorkBody, response: { 200: Work } } },
    async (request) => unwrap(await s.works.update(viewer(request), request.params.id, request.body)));
  app.delete('/api/fire/infrastructure/:id', { schema: { tags, summary: '删除防火设施', params: IdParams, response: { 200: Removed } } },
    async (request) => unwrap(await s.works.remove(viewer(request), request.params.id)));

  app.get('/api/fire/ten-household-groups', { schema: { tags, summary: '十户联防组', querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), q: Type.Optional(Type.String({ maxLength: 50 })) }), response: { 200: Page(Group) } } },
    async (request) => unwrap(await s.groups.list(viewer(request), request.query)));
  app.post('/api/fire/ten-household-groups', { schema: { tags, summary: '登记十户联防组（到村）', body: GroupBody, response: { 201: Group } } },
    async (request, reply) => reply.code(201).send(unwrap(await s.groups.create(viewer(request), request.body))));
  app.put('/api/fire/ten-household-groups/:id', { schema: { tags, summary: '修改十户联防组', params: IdParams, body: GroupBody, response: { 200: Group } } },
    async (request) => unwrap(await s.groups.update(viewer(request), request.params.id, request.body)));
  app.delete('/api/fire/ten-household-groups/:id', { schema: { tags, summary: '删除十户联防组', params: IdParams, response: { 200: Removed } } },
    async (request) => unwrap(await s.groups.remove(viewer(request), request.params.id)));

  app.get('/api/fire/infrastructure-targets', { schema: { tags, summary: '防火设施建设目标（按区划、类型、年度）', querystring: Strict({ unit: Type.Optional(UnitCode), year: Type.Optional(Year) }), response: { 200: Type.Array(Target) } } },
    async (request) => unwrap(await s.targets.list(viewer(request), request.query)));
  app.put('/api/fire/infrastructure-targets', {
    schema: {
      tags, summary: '设定防火设施目标（同一区划、类型、年度只有一个，再次设定即替换）',
      body: Strict({
        unitCode: UnitCode, kind: lit(infrastructureTargetKinds), year: Year, value: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: '目标值（隔离带、通道为公里，其余为个数）' }),
        basis: Type.Optional(lit(['new', 'total'] as const)), source: Type.Optional(Type.String({ maxLength: 1000, description: '目标出处（如工作要点原文）' })),
      }),
      response: { 200: Target },
    },
  }, async (request) => unwrap(await s.targets.set(viewer(request), request.body)));
  app.delete('/api/fire/infrastructure-targets/:id', { schema: { tags, summary: '删除防火设施目标', params: IdParams, response: { 200: Removed } } },
    async (request) => unwrap(await s.targets.remove(viewer(request), request.params.id)));
}

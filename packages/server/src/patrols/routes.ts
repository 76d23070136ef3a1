import { Type } from '@sinclair/typebox';
import { observationKindNames, observationKinds, trackFlagNames, trackFlags } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Id, IdParams, Page, PageQuery, Strict, UnitCode, sendWorkbook } from '../http/schemas.ts';
import type { PatrolService } from './service.ts';
import type { ComplianceService } from './compliance-service.ts';
import type { EffortService } from './effort-service.ts';
import type { CoverageService } from './coverage-service.ts';

const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 时间，带时区' });
const Flag = Type.Union(trackFlags.map((f) => Type.Literal(f)), { description: Object.entries(trackFlagNames).map(([k, v]) => `${k} ${v}`).join(' | ') });
const PatrolSchema = Type.Object({
  id: Type.String(), userId: Type.String(), personId: Type.Union([Type.String(), Type.Null()]), personName: Type.Union([Type.String(), Type.Null()]),
  unitCode: Type.String(), unitName: Type.String(), status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('ended')]),
  startedAt: Type.String(), endedAt: Type.Union([Type.String(), Type.Null()]),
  distanceM: Type.Union([Type.Number(), Type.Null()]), durationS: Type.Union([Type.Number(), Type.Null()]), movingS: Type.Union([Type.Number(), Type.Null()]),
  inAreaShare: Type.Union([Type.Number(), Type.Null()]), fixesKept: Type.Union([Type.Integer(), Type.Null()]),
  flags: Type.Array(Type.String()), valid: Type.Union([Type.Boolean(), Type.Null()]), invalidReasons: Type.Array(Type.String()),
});
const PatrolDetail = Type.Composite([
  PatrolSchema,
  Type.Object({
    track: Type.Unknown(),
    pauses: Type.Array(Type.Object({ startedAt: Type.String(), endedAt: Type.Union([Type.String(), Type.Null()]) })),
    observations: Type.Array(Type.Object({ id: Type.String(), t: Type.Number(), lon: Type.Number(), lat: Type.Number(), kind: Type.String(), note: Type.String(), photos: Type.Optional(Type.Array(Type.String())) })),
  }),
]);
const FixSchema = Strict({
  t: Type.Integer({ minimum: 946684800000, maximum: 4102444800000, description: '定位时间，毫秒时间戳' }),
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  accuracy: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
});
const DutyStatus = Type.Union([Type.Literal('met'), Type.Literal('behind'), Type.Literal('missed')]);

export async function patrolRoutes(
  app: TypedApp,
  patrols: PatrolService,
  compliance: ComplianceService,
  effort: EffortService,
  coverage: CoverageService,
): Promise<void> {
  app.get(
    '/api/patrols',
    {
      schema: {
        tags: ['patrols'], summary: '巡林记录列表',
        querystring: Strict({
          ...PageQuery, unit: Type.Optional(UnitCode), person: Type.Optional(Id), from: Type.Optional(Instant), to: Type.Optional(Instant),
          valid: Type.Optional(Type.Boolean()), flag: Type.Optional(Flag),
        }),
        response: { 200: Page(PatrolSchema) },
      },
    },
    async (request) => unwrap(await patrols.list(viewer(request), request.query)),
  );
  app.get(
    '/api/patrols/:id',
    { schema: { tags: ['patrols'], summary: '巡林详情（含轨迹）', params: IdParams, response: { 200: PatrolDetail } } },
    async (request) => unwrap(await patrols.get(viewer(request), request.params.id)),
  );
  app.post(
    '/api/patrols',
    {
      bodyLimit: 4096,
      schema: {
        tags: ['patrols'], summary: '开始巡林（编号由客户端生成；重复提交返回同一记录）',
        body: Strict({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }), startedAt: Instant }),
        response: { 200: PatrolSchema, 201: PatrolSchema },
      },
    },
    async (request, reply) => {
      const { patrol, created } = unwrap(await patrols.start(viewer(request), request.body));
      return reply.status(created ? 201 : 200).send(patrol);
    },
  );
  app.post(
    '/api/patrols/:id/fixes',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['patrols'], summary: '上传定位点（每次至多 10,000 个；重复的点被忽略）',
        params: IdParams,
        body: Strict({ fixes: Type.Array(FixSchema, { minItems: 1, maxItems: 10_000 }) }),
        response: { 200: Type.Object({ received: Type.Integer(), added: Type.Integer() }) },
      },
    },
    async (request) => unwrap(await patrols.addFixes(viewer(request), request.params.id, request.body.fixes)),
  );
  const ObservationSchema = Strict({
    id: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    t: FixSchema.properties.t,
    lon: FixSchema.properties.lon,
    lat: FixSchema.properties.lat,
    kind: Type.Union(observationKinds.map((k) => Type.Literal(k)), { description: Object.entries(observationKindNames).map(([k, v]) => `${k} ${v}`).join(' | ') }),
    note: Type.String({ maxLength: 2000 }),
    photos: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { maxItems: 9, description: '已上传照片的编号（POST /api/files）' })),
  });
  app.post(
    '/api/patrols/:id/observations',
    {
      bodyLimit: 256 * 1024,
      schema: {
        tags: ['patrols'], summary: '记录巡林发现（轨迹上某点；重复提交被忽略）',
        params: IdParams, body: Strict({ observations: Type.Array(ObservationSchema, { minItems: 1, maxItems: 100 }) }),
        response: { 200: Type.Object({ received: Type.Integer(), added: Type.Integer() }) },
      },
    },
    async (request) => unwrap(await patrols.addObservations(viewer(request), request.params.id, request.body.observations)),
  );
  for (const [path, resume, summary] of [['pause', false, '暂停巡林'], ['resume', true, '继续巡林']] as const) {
    app.post(
      `/api/patrols/:id/${path}`,
      { bodyLimit: 1024, schema: { tags: ['patrols'], summary, params: IdParams, body: Strict({ at: Instant }), response: { 200: PatrolSchema } } },
      async (request) => unwrap(await patrols.pause(viewer(request), request.params.id, request.body.at, resume)),
    );
  }
  app.post(
    '/api/patrols/:id/end',
    {
      bodyLimit: 1024,
      schema: { tags: ['patrols'], summary: '结束巡林并评估轨迹', params: IdParams, body: Strict({ endedAt: Instant }), response: { 200: PatrolSchema } },
    },
    async (request) => unwrap(await patrols.end(viewer(request), request.params.id, request.body.endedAt)),
  );
  const EffortQuery = Strict({
    unit: Type.Optional(UnitCode), from: Type.Optional(Instant), to: Type.Optional(Instant),
    groupBy: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('village'), Type.Literal('town')])),
  });
  app.get(
    '/api/effort/patrols',
    { schema: { tags: ['patrols'], summary: '巡林成效：按人员、村或镇街统计次数、里程、时长（默认本月）', querystring: EffortQuery } },
    async (request) => unwrap(await effort.report(viewer(request), request.query)),
  );
  app.get(
    '/api/effort/patrols.xlsx',
    { schema: { tags: ['patrols'], summary: '巡林成效导出为 Excel', querystring: EffortQuery } },
    async (request, reply) => {
      return sendWorkbook(reply, unwrap(await effort.workbook(viewer(request), request.query)));
    },
  );
  app.get(
    '/api/coverage/patrols',
    {
      schema: {
        tags: ['patrols'], summary: '护林网格巡护覆盖率（默认本月），含热力图网格',
        querystring: Strict({ unit: UnitCode, from: Type.Optional(Instant), to: Type.Optional(Instant) }),
      },
    },
    async (request) => unwrap(await coverage.gridCoverage(viewer(request), request.query)),
  );
  app.get(
    '/api/compliance/mine',
    { schema: { tags: ['patrols'], summary: '本人当前周期的巡林与报告职责（提醒用）', querystring: Strict({ asOf: Type.Optional(Instant) }) } },
    async (request) => unwrap(await compliance.mine(viewer(request), request.query)),
  );
  // One board per duty: patrols (valid patrols count) and chiefs' reports (filed reports count).
  const boards = [
    ['patrols', 'patrol', '巡林履职情况（按岗位与周期）'],
    ['reports', 'report', '林长报告履职情况（村级每月向镇街、镇街每半年向区县报告）'],
  ] as const;
  for (const [path, duty, summary] of boards) {
    app.get(
      `/api/compliance/${path}`,
      {
        schema: {
          tags: ['patrols'], summary,
          querystring: Strict({ unit: Type.Optional(UnitCode), asOf: Type.Optional(Instant), status: Type.Optional(DutyStatus) }),
        },
      },
      async (request) => unwrap(await compliance.compliance(viewer(request), { ...request.query, duty })),
    );
  }
}

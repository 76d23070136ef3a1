import { Type, type TSchema } from '@sinclair/typebox';
import {
  problemActions, problemCategories, problemSeverities, problemSources, problemStatuses,
} from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { problems as httpProblems, unwrap, type ServiceResult } from '../http/problem.ts';
import { IdParams, IsoDate, Page, PageQuery, PolygonalGeometry, Strict, UnitCode, lit, sendWorkbook } from '../http/schemas.ts';
import type { ProblemService } from './service.ts';
import type { ProblemStatisticsService } from './statistics-service.ts';
import type { ProblemImportService } from './import-service.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: '客户端生成的编号（重复提交返回同一条）' });
const FileId = Type.String({ pattern: '^[0-9a-f]{64}$', description: '已上传照片的编号（SHA-256）' });
const Lon = Type.Number({ minimum: 73, maximum: 136, description: '经度（CGCS2000）' });
const Lat = Type.Number({ minimum: 3, maximum: 54, description: '纬度（CGCS2000）' });
const Str = (max: number) => Type.String({ maxLength: max });
const Instant = Type.String({ format: 'date-time' });

export const ProblemSchema = Type.Object({
  id: Type.String(), category: lit(problemCategories), source: lit(problemSources), severity: lit(problemSeverities),
  title: Type.String(), description: Type.String(), lon: Type.Number(), lat: Type.Number(), geometry: Nullable(Type.Unknown()),
  unitCode: Type.String(), unitName: Type.String(), status: lit(problemStatuses), version: Type.Integer(),
  reportedAt: Type.String(), deadlineAt: Type.String(), overdue: Type.Boolean(), escalationCount: Type.Integer(),
  escalationLevel: Nullable(Type.String()), supervisionDueAt: Nullable(Type.String()),
  reporterUserId: Nullable(Type.String()), reporterName: Nullable(Type.String()), reporterPhone: Nullable(Type.String()),
  assigneeUnitCode: Nullable(Type.String()), assigneeUnitName: Nullable(Type.String()), assigneePersonId: Nullable(Type.String()),
  assigneePersonName: Nullable(Type.String()), assignedAt: Nullable(Type.String()), handledAt: Nullable(Type.String()),
  handledByUserId: Nullable(Type.String()), handledByPersonId: Nullable(Type.String()), closedAt: Nullable(Type.String()),
  needsFieldCheck: Type.Boolean(), patrolId: Nullable(Type.String()), parcelRef: Nullable(Type.String()), fireRef: Nullable(Type.String()),
  pestRef: Nullable(Type.String()), externalRef: Nullable(Type.String()), photoCount: Type.Integer(), photoFlagged: Type.Boolean(),
});
const Finding = Type.Object({ code: Type.String(), message: Type.String() });
const DetailSchema = Type.Intersect([
  ProblemSchema,
  Type.Object({
    events: Type.Array(Type.Object({
      id: Type.String(), at: Type.String(), action: Type.String(), fromStatus: Nullable(Type.String()), toStatus: Nullable(Type.String()),
      userId: Nullable(Type.String()), userName: Nullable(Type.String()), note: Nullable(Type.String()), data: Nullable(Type.Unknown()),
    })),
    photos: Type.Array(Type.Object({
      fileId: Type.String(), eventId: Type.String(), takenAt: Nullable(Type.String()), lon: Nullable(Type.Number()), lat: Nullable(Type.Number()),
      findings: Type.Array(Finding),
    })),
    actions: Type.Array(lit(problemActions)),
  }),
]);
const Photos = Type.Optional(Type.Array(FileId, { maxItems: 9 }));

const ListQuery = Strict({
  ...PageQuery,
  unit: Type.Optional(UnitCode),
  status: Type.Optional(Type.Array(lit(problemStatuses), { maxItems: 8 })),
  category: Type.Optional(lit(problemCategories)),
  source: Type.Optional(lit(problemSources)),
  mine: Type.Optional(Type.Boolean({ description: '只看交办给我的' })),
  todo: Type.Optional(Type.Boolean({ description: '只看等我处理的（按角色：受理交办、处置、核查、销号）' })),
  overdue: Type.Optional(Type.Boolean()),
  escalated: Type.Optional(Type.Boolean({ description: '只看已督办的' })),
  q: Type.Optional(Str(100)),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
const StatsQuery = Strict({ unit: Type.Optional(UnitCode), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) });
const StatsRow = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), reported: Type.Integer(), open: Type.Integer(), closed: Type.Integer(), dismissed: Type.Integer(),
  overdue: Type.Integer(), escalated: Type.Integer(), onTimeRate: Nullable(Type.Number()), meanHoursToClose: Nullable(Type.Number()),
  cases: Type.Integer(), casesClosed: Type.Integer(), caseInvestigationRate: Nullable(Type.Number()),
});

/** The webhook body (issue 4 §5), documented under `webhooks` in the OpenAPI document. */
export const WebhookPayloadSchema = Type.Object({
  id: Type.String({ description: '投递编号：接收方据此去重（至少投递一次）' }),
  event: lit(['problem.assigned', 'problem.due_soon', 'problem.overdue', 'problem.sent_back'] as const),
  occurredAt: Type.String({ format: 'date-time' }),
  problem: Type.Object({
    id: Type.String(), title: Type.String(), category: lit(problemCategories), severity: lit(problemSeverities), status: lit(problemStatuses),
    unitCode: Type.String(), deadlineAt: Type.String({ format: 'date-time' }), escalationLevel: Nullable(Type.String()),
  }),
  recipients: Type.Array(Type.Object({ userId: Type.String(), username: Type.String(), name: Type.String() })),
  note: Nullable(Type.String({ description: '退回理由等' })),
}, { description: 'POST 到 LINZHANG_WEBHOOK_URL；设置 LINZHANG_WEBHOOK_SECRET 时带 X-Linzhang-Signature: sha256=<HMAC-SHA256(body)>' });

const ImportFinding = Type.Object({ severity: lit(['error', 'warning'] as const), message: Type.String(), field: Type.Optional(Type.String()) });
const ImportReportSchema = Type.Object({
  kind: lit(['patches', 'ledger'] as const), source: lit(problemSources), fileName: Type.String(), fileFindings: Type.Array(ImportFinding),
  rows: Type.Array(Type.Object({
    row: Type.Integer(), ok: Type.Boolean(), findings: Type.Array(ImportFinding), externalRef: Nullable(Type.String()), title: Nullable(Type.String()),
    category: Nullable(lit(problemCategories)), unitCode: Nullable(Type.String()), unitName: Nullable(Type.String()), lon: Nullable(Type.Number()),
    lat: Nullable(Type.Number()), areaMu: Nullable(Type.Number()),
  })),
  accepted: Type.Integer(), rejected: Type.Integer(), committed: Type.Boolean(), created: Type.Integer(), batchId: Nullable(Type.String()),
});

/** Where the public page's 火情 kind goes (the fire records, issue 6 §6); declared here so problems need not know fires. */
export interface PublicFireSink {
  reportPublic(input: { id: string; description: string; lon: number; lat: number; name?: string | undefined; phone?: string | undefined }): Promise<ServiceResult<{ id: string; created: boolean; unitName: string }>>;
}

export async function problemRoutes(app: TypedApp, problems: ProblemService, statistics: ProblemStatisticsService, imports: ProblemImportService, publicFires?: PublicFireSink): Promise<void> {
  app.post(
    '/api/problems/imports',
    {
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags: ['problems'],
        summary: '导入卫片图斑（GeoJSON 或 Shapefile 压缩包，每个图斑一个问题，须实地核实）或督察反馈台账（Excel）：逐行校验，commit=true 时才写入',
        body: Strict({
          kind: lit(['patches', 'ledger'] as const),
          source: Type.Optional(lit(['inspection', 'reserve_ledger'] as const)),
          fileName: Type.String({ minLength: 1, maxLength: 200 }),
          contentBase64: Type.String({ minLength: 1, maxLength: 40 * 1024 * 1024, description: '文件内容（Base64）' }),
          commit: Type.Optional(Type.Boolean({ default: false, description: '确认写入；默认只校验' })),
        }),
        response: { 200: ImportReportSchema },
      },
    },
    async (request) => {
      const b = request.body;
      if (!/^[A-Za-z0-9+/=\r\n]+$/.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
      return unwrap(await imports.run(viewer(request), {
        kind: b.kind, ...(b.source ? { source: b.source } : {}), fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), commit: b.commit ?? false,
      }));
    },
  );
  app.post(
    '/api/problems',
    {
      bodyLimit: 256 * 1024,
      schema: {
        tags: ['problems'], summary: '上报问题（位置决定所属区划；编号由客户端生成，重复提交返回同一条）',
        body: Strict({
          id: ClientId, category: lit(problemCategories), severity: Type.Optional(lit(problemSeverities)), source: Type.Optional(lit(problemSources)),
          title: Type.Optional(Str(100)), description: Type.String({ minLength: 1, maxLength: 5000 }), lon: Lon, lat: Lat,
          geometry: Type.Optional(PolygonalGeometry), observedAt: Type.Optional(Instant), photos: Photos,
          patrolId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), parcelRef: Type.Optional(Str(64)), fireRef: Type.Optional(Str(64)),
          pestRef: Type.Optional(Str(64)), externalRef: Type.Optional(Str(64)),
        }),
        response: { 200: ProblemSchema, 201: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { problem, created } = unwrap(await problems.report(viewer(request), request.body));
      return reply.status(created ? 201 : 200).send(problem);
    },
  );
  app.get(
    '/api/problems',
    { schema: { tags: ['problems'], summary: '问题列表（按区划、状态、类别、来源、逾期、督办筛选）', querystring: ListQuery, response: { 200: Page(ProblemSchema) } } },
    async (request) => unwrap(await problems.list(viewer(request), request.query)),
  );
  app.get(
    '/api/problems/points',
    {
      schema: {
        tags: ['problems'], summary: '问题分布点（地图聚合用，最多 20000 个）', querystring: ListQuery,
        response: { 200: Type.Object({ truncated: Type.Boolean(), items: Type.Array(Type.Object({ id: Type.String(), lon: Type.Number(), lat: Type.Number(), status: Type.String(), category: Type.String(), severity: Type.String(), deadlineAt: Type.String(), title: Type.String() })) }) },
      },
    },
    async (request) => unwrap(await problems.points(viewer(request), request.query)),
  );
  app.get(
    '/api/problems/statistics',
    { schema: { tags: ['problems'], summary: '问题办理统计：按下级区划的数量、按期办结率、平均办结时长、涉林案件查处率（默认本年）', querystring: StatsQuery, response: { 200: Type.Object({ unitCode: Type.String(), from: Type.String(), to: Type.String(), asOf: Type.String(), rows: Type.Array(StatsRow), total: StatsRow }) } } },
    async (request) => unwrap(await statistics.report(viewer(request), request.query)),
  );
  app.get(
    '/api/problems/statistics.xlsx',
    { schema: { tags: ['problems'], summary: '问题办理统计导出为 Excel', querystring: StatsQuery } },
    async (request, reply) => {
      return sendWorkbook(reply, unwrap(await statistics.workbook(viewer(request), request.query)));
    },
  );
  app.get(
    '/api/problems/:id',
    { schema: { tags: ['problems'], summary: '问题详情：完整办理过程、照片与我可执行的操作', params: IdParams, response: { 200: DetailSchema } } },
    async (request) => unwrap(await problems.get(viewer(request), request.params.id)),
  );
  app.post(
    '/api/problems/:id/transitions',
    {
      schema: {
        tags: ['problems'], summary: '办理操作：受理、交办、不予受理、签收、提交处置结果、核查、销号、退回（须带当前版本号）',
        params: IdParams,
        body: Strict({
          action: lit(problemActions), version: Type.Integer({ minimum: 1 }), reason: Type.Optional(Str(2000)), note: Type.Optional(Str(5000)),
          photos: Photos, assigneePersonId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), assigneeUnitCode: Type.Optional(UnitCode),
          category: Type.Optional(lit(problemCategories)), severity: Type.Optional(lit(problemSeverities)),
        }),
        response: { 200: DetailSchema },
      },
    },
    async (request) => unwrap(await problems.transition(viewer(request), request.params.id, request.body)),
  );
  app.post(
    '/api/problems/bulk-assign',
    {
      schema: {
        tags: ['problems'], summary: '批量交办：逐条检查，返回每条的结果',
        body: Strict({
          items: Type.Array(Strict({ id: Type.String({ minLength: 1, maxLength: 64 }), version: Type.Integer({ minimum: 1 }) }), { minItems: 1, maxItems: 200 }),
          assigneePersonId: Type.String({ minLength: 1, maxLength: 64 }), assigneeUnitCode: Type.Optional(UnitCode),
        }),
        response: { 200: Type.Object({ results: Type.Array(Type.Object({ id: Type.String(), ok: Type.Boolean(), message: Nullable(Type.String()) })) }) },
      },
    },
    async (request) => {
      const v = viewer(request);
      const results = [];
      for (const item of request.body.items) {
        const r = await problems.transition(v, item.id, { action: 'assign', version: item.version, assigneePersonId: request.body.assigneePersonId, ...(request.body.assigneeUnitCode ? { assigneeUnitCode: request.body.assigneeUnitCode } : {}) });
        results.push({ id: item.id, ok: r.ok, message: r.ok ? null : messageOf(r.error) });
      }
      return { results };
    },
  );
  app.get(
    '/api/interviews',
    {
      schema: {
        tags: ['problems'], summary: '约谈记录（问题经多次督办仍逾期）', querystring: Strict({ ...PageQuery }),
        response: { 200: Page(Type.Object({ id: Type.String(), problemId: Type.String(), problemTitle: Type.String(), unitCode: Type.String(), unitName: Type.String(), personId: Nullable(Type.String()), personName: Nullable(Type.String()), reason: Type.String(), dueAt: Type.String(), heldAt: Nullable(Type.String()), outcome: Nullable(Type.String()) })) },
      },
    },
    async (request) => unwrap(await problems.interviews(viewer(request), request.query)),
  );

  // The public report page: no login; limited per address so it cannot be used to flood the loop.
  const limiter = new LoginLimiter({ maxFailures: 10, windowMs: 60 * 60_000 });
  app.post(
    '/api/public/problems',
    {
      config: { public: true },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['public'], summary: '群众举报（无需登录，按来源地址限流；手机号选填）；kind=fire 为火情报告，开立火情记录（来源：群众报告）', security: [],
        body: Strict({
          id: ClientId, kind: Type.Optional(lit(['problem', 'fire'] as const)), category: lit(problemCategories), description: Type.String({ minLength: 4, maxLength: 2000 }), lon: Lon, lat: Lat,
          name: Type.Optional(Str(50)), phone: Type.Optional(Type.String({ pattern: '^(1\\d{10}|0\\d{2,3}-?\\d{7,8})?$', description: '手机或固定电话，选填' })),
          photos: Type.Optional(Type.Array(FileId, { maxItems: 3 })),
        }),
        response: { 200: Type.Object({ id: Type.String(), created: Type.Boolean(), unitName: Type.String() }), 201: Type.Object({ id: Type.String(), created: Type.Boolean(), unitName: Type.String() }) },
      },
    },
    async (request, reply) => {
      const key = `public-report:${request.ip}`;
      const wait = limiter.retryAfterSeconds([key]);
      if (wait > 0) throw httpProblems.tooManyRequests(wait);
      const { kind, ...body } = request.body;
      if (kind === 'fire' && !publicFires) throw httpProblems.invalid([{ field: '/body/kind', message: '本平台未开通火情报告' }]);
      const result = unwrap(kind === 'fire' ? await publicFires!.reportPublic(body) : await problems.reportPublic(body));
      if (result.created) limiter.recordFailure([key]);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );
}

function messageOf(error: { kind: string; message?: string; errors?: { message: string }[] }): string {
  if (error.message) return error.message;
  if (error.errors?.length) return error.errors.map((e) => e.message).join('；');
  return error.kind === 'not_found' ? '记录不存在' : error.kind === 'forbidden' ? '没有权限' : '操作失败';
}

import { Type } from '@sinclair/typebox';
import { fireSizeClasses, fireSources, fireStatuses, fireSteps, fireTimerStatusNames, type FireTimerStatus } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { problems as httpProblems, unwrap } from '../../http/problem.ts';
import { IdParams, Page, PageQuery, Strict, UnitCode, lit } from '../../http/schemas.ts';
import type { FireAlarmService } from './service.ts';
import type { HotspotImportService } from './hotspot-import-service.ts';
import type { FireStatisticsService } from './statistics-service.ts';

const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: '客户端生成的编号（重复提交返回同一条）' });
const Lon = Type.Number({ minimum: 73, maximum: 136, description: '经度（CGCS2000）' });
const Lat = Type.Number({ minimum: 3, maximum: 54, description: '纬度（CGCS2000）' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 时间（含时区）' });
const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const OptionalNullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.String>>(t: T) => Type.Optional(Nullable(t));

const Steps = Type.Partial(Type.Object(Object.fromEntries(fireSteps.map((s) => [s, Type.String()])) as Record<(typeof fireSteps)[number], ReturnType<typeof Type.String>>));
const Fire = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), lon: Type.Number(), lat: Type.Number(), source: lit(fireSources), title: Type.String(),
  description: Type.String(), status: lit(fireStatuses), version: Type.Integer(), discoveredAt: Type.String(), steps: Steps, endedAt: Nullable(Type.String()),
  endReason: Nullable(Type.String()), burnedHa: Nullable(Type.Number()), forestBurnedHa: Nullable(Type.Number()), sizeClass: Type.Union([lit(fireSizeClasses), Type.Null()]),
  deaths: Nullable(Type.Integer()), injuries: Nullable(Type.Integer()), economicLossYuan: Nullable(Type.Number()), lossNote: Nullable(Type.String()), cause: Nullable(Type.String()),
  problemId: Nullable(Type.String()), reporterName: Nullable(Type.String()), breachedTimers: Type.Integer({ description: '已超时且仍在等待的“135”计时器个数' }), updatedAt: Type.String(),
});
const Timer = Type.Object({
  name: Type.String(), fromStep: lit(fireSteps), toStep: lit(fireSteps), minutes: Type.Number(),
  status: lit(Object.keys(fireTimerStatusNames) as FireTimerStatus[]), startedAt: Nullable(Type.String()), deadlineAt: Nullable(Type.String()), stoppedAt: Nullable(Type.String()),
  elapsedMinutes: Nullable(Type.Number()), remainingMinutes: Nullable(Type.Number()), overrunMinutes: Nullable(Type.Number()), open: Type.Boolean(), label: Type.String(),
});
const FireDetail = Type.Intersect([Fire, Type.Object({
  reporterPhone: Nullable(Type.String()), sourceData: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  events: Type.Array(Type.Object({
    id: Type.String(), kind: lit(['step', 'alarm', 'losses'] as const), step: Type.Union([lit(fireStatuses), Type.Null()]), at: Type.String(), person: Nullable(Type.String()),
    userName: Nullable(Type.String()), note: Nullable(Type.String()), data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  })),
  timers: Type.Array(Timer),
  timerRules: Type.Object({ timers: Type.Array(Type.Object({ name: Type.String(), fromStep: lit(fireSteps), toStep: lit(fireSteps), minutes: Type.Number() })), source: Type.String() }),
  nextSteps: Type.Array(lit(fireStatuses)), canHandle: Type.Boolean(),
  problem: Type.Union([Type.Object({ id: Type.String(), status: Type.String(), title: Type.String() }), Type.Null()]),
})]);
const ListQuery = {
  unit: Type.Optional(UnitCode), status: Type.Optional(Type.Array(lit(fireStatuses), { maxItems: 9 })), open: Type.Optional(Type.Boolean({ description: '只看处置中的火情' })),
  source: Type.Optional(lit(fireSources)), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), q: Type.Optional(Type.String({ maxLength: 50 })),
};
const Version = Type.Integer({ minimum: 1, description: '读取时的版本号（乐观锁）' });

export async function fireAlarmRoutes(app: TypedApp, fires: FireAlarmService, imports: HotspotImportService, statistics: FireStatisticsService): Promise<void> {
  app.get('/api/fires', { schema: { tags: ['fire'], summary: '火情列表（按发现时间倒序，含“135”超时个数与火灾等级）', querystring: Strict({ ...PageQuery, ...ListQuery }), response: { 200: Page(Fire) } } },
    async (request) => unwrap(await fires.list(viewer(request), request.query)));
  app.get('/api/fires/map', { schema: { tags: ['fire'], summary: '火情点位（GeoJSON，最多 5000 个）', querystring: Strict(ListQuery) } },
    async (request) => unwrap(await fires.map(viewer(request), request.query)));
  app.get('/api/fires/statistics', {
    schema: {
      tags: ['fire'], summary: '火情统计：各单位逐年按火灾等级的起数，一般火灾 24 小时扑灭率（目标 >95%）与森林火灾受害率（目标 ≤0.3‰）',
      querystring: Strict({
        year: Type.Integer({ minimum: 2000, maximum: 2100 }), unit: Type.Optional(UnitCode),
        forestAreaHa: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: '森林面积（公顷）；不填时取一本账的森林面积' })),
      }),
    },
  }, async (request) => unwrap(await statistics.statistics(viewer(request), request.query)));
  app.get('/api/fires/:id', { schema: { tags: ['fire'], summary: '火情详情：时间线、“135”计时器状态、损失、关联问题', params: IdParams, response: { 200: FireDetail } } },
    async (request) => unwrap(await fires.get(viewer(request), request.params.id)));
  app.post('/api/fires', {
    schema: {
      tags: ['fire'], summary: '报告火情（发现时间 + 现在报告；位置决定所属区划；同时在问题闭环中立一件“火灾隐患”问题）',
      body: Strict({
        id: ClientId, source: lit(['patrol', 'camera', 'checkpoint', 'satellite', 'other'] as const), lon: Lon, lat: Lat, discoveredAt: Instant,
        person: Type.String({ minLength: 1, maxLength: 50, description: '报告人' }), description: Type.String({ minLength: 1, maxLength: 2000 }),
        title: Type.Optional(Type.String({ maxLength: 100 })), phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })), note: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
      response: { 200: FireDetail, 201: FireDetail },
    },
  }, async (request, reply) => {
    const r = unwrap(await fires.report(viewer(request), request.body));
    return reply.code(r.created ? 201 : 200).send(r.fire);
  });
  app.post('/api/fires/:id/steps', {
    schema: {
      tags: ['fire'], summary: '推进火情时间线（下一环节；报告后可判为误报或不予处置，须写理由）', params: IdParams,
      body: Strict({
        version: Version, step: lit(fireStatuses), at: Instant, person: Type.String({ minLength: 1, maxLength: 50, description: '处置人' }),
        note: Type.Optional(Type.String({ maxLength: 1000 })), reason: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
      response: { 200: FireDetail },
    },
  }, async (request) => unwrap(await fires.advance(viewer(request), request.params.id, request.body)));
  app.put('/api/fires/:id/losses', {
    schema: {
      tags: ['fire'], summary: '登记过火面积、受害森林面积、伤亡、经济损失与起火原因（火灾等级按受害森林面积）', params: IdParams,
      body: Strict({
        version: Version, burnedHa: OptionalNullable(Type.Number({ minimum: 0, maximum: 1_000_000, description: '过火面积（公顷）' })),
        forestBurnedHa: OptionalNullable(Type.Number({ minimum: 0, maximum: 1_000_000, description: '受害森林面积（公顷）' })),
        deaths: OptionalNullable(Type.Integer({ minimum: 0, maximum: 10_000 })), injuries: OptionalNullable(Type.Integer({ minimum: 0, maximum: 10_000 })),
        economicLossYuan: OptionalNullable(Type.Number({ minimum: 0, maximum: 1e12, description: '经济损失（元）' })),
        lossNote: OptionalNullable(Type.String({ maxLength: 1000 })), cause: OptionalNullable(Type.String({ maxLength: 200 })),
      }),
      response: { 200: FireDetail },
    },
  }, async (request) => unwrap(await fires.setLosses(viewer(request), request.params.id, request.body)));
  app.post('/api/fires/hotspots', {
    bodyLimit: 12 * 1024 * 1024,
    schema: {
      tags: ['fire'], summary: '导入卫星热点 CSV（FIRMS 列名或中文列名）：逐行校验（县外、数值错误、与已有火情 1 公里 1 小时内重复），commit=true 时才写入',
      body: Strict({
        fileName: Type.String({ minLength: 1, maxLength: 200 }), contentBase64: Type.String({ minLength: 1, maxLength: 12 * 1024 * 1024, description: '文件内容（Base64）' }),
        commit: Type.Optional(Type.Boolean({ default: false, description: '确认写入；默认只校验' })),
      }),
    },
  }, async (request) => {
    const b = request.body;
    if (!/^[A-Za-z0-9+/=\r\n]+$/.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
    return unwrap(await imports.run(viewer(request), { fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), commit: b.commit ?? false }));
  });
}

import { Type } from '@sinclair/typebox';
import { boarClaimActions, boarClaimStatuses } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { checkCalendarDates, IdParams, IsoDate, Page, PageQuery, Strict, UnitCode, lit } from '../http/schemas.ts';
import { wildlifeStationLevels, type WildlifeStationService } from './station-service.ts';
import type { WildlifeReportService } from './report-service.ts';
import type { BoarDamageService } from './boar-damage-service.ts';

export interface WildlifeServices {
  stations: WildlifeStationService;
  reports: WildlifeReportService;
  boar: BoarDamageService;
}

const tags = ['wildlife'];
const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: '客户端生成的编号（重复提交返回同一条）' });
const Lon = Type.Number({ minimum: 73, maximum: 136, description: '经度（CGCS2000）' });
const Lat = Type.Number({ minimum: 3, maximum: 54, description: '纬度（CGCS2000）' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' });
const Version = Type.Integer({ minimum: 1, description: '读取时的版本号（乐观锁）' });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const dayStates = ['reported', 'late', 'missing', 'pending', 'future', 'inactive'] as const;

const Station = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), name: Type.String(), level: lit(wildlifeStationLevels), lon: Type.Number(), lat: Type.Number(),
  supervisor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  reporters: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), username: Type.String() })),
  activeFrom: Type.String(), activeTo: Nullable(Type.String()), note: Nullable(Type.String()), version: Type.Integer(), canReport: Type.Boolean(), canEdit: Type.Boolean(),
});
const StationBody = {
  name: Type.String({ minLength: 1, maxLength: 100, description: '站点名称' }), unitCode: UnitCode,
  level: lit(wildlifeStationLevels), lon: Lon, lat: Lat,
  supervisorUserId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: '监管员（接收缺报提醒）的用户编号' }))),
  reporterUserIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, description: '报告人用户编号' })),
  activeFrom: IsoDate, activeTo: Type.Optional(Nullable(IsoDate)), note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};
const Observation = Strict({
  species: Type.String({ minLength: 1, maxLength: 50, description: '物种' }), count: Type.Integer({ minimum: 1, maximum: 1_000_000, description: '数量（只）' }),
  dead: Type.Integer({ minimum: 0, maximum: 1_000_000, description: '其中异常死亡（只）' }), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
});
const Report = Type.Object({
  id: Type.String(), stationId: Type.String(), date: Type.String(), zero: Type.Boolean(),
  observations: Type.Array(Type.Object({ species: Type.String(), count: Type.Integer(), dead: Type.Integer(), note: Type.Optional(Nullable(Type.String())) })),
  deadTotal: Type.Integer(), note: Nullable(Type.String()), reporterName: Type.String(), submittedAt: Type.String(), updatedAt: Type.String(), cutoffAt: Type.String(),
  late: Type.Boolean({ description: '是否在截止时间后报送（迟报）' }), version: Type.Integer(), problemId: Nullable(Type.String()),
});
const Calendar = Type.Object({
  stationId: Type.String(), month: Type.String(), cutoff: Type.String({ description: '截止时间（北京时间 HH:MM）' }),
  days: Type.Array(Type.Object({
    date: Type.String(), state: lit(dayStates), zero: Type.Union([Type.Boolean(), Type.Null()]), reportId: Nullable(Type.String()), deadTotal: Type.Integer(),
    flagged: Type.Boolean({ description: '缺报已通知监管员' }),
  })),
  gaps: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), days: Type.Integer() })),
  counts: Type.Object(Object.fromEntries(dayStates.map((s) => [s, Type.Integer()])) as Record<(typeof dayStates)[number], ReturnType<typeof Type.Integer>>),
});
const Missing = Type.Object({
  stationId: Type.String(), stationName: Type.String(), unitCode: Type.String(), unitName: Type.String(), supervisorName: Nullable(Type.String()),
  date: Type.String(), cutoffAt: Type.String(), flaggedAt: Nullable(Type.String()),
});
const BoarDamage = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), stationId: Nullable(Type.String()), stationName: Nullable(Type.String()), occurredOn: Type.String(),
  lon: Type.Number(), lat: Type.Number(), household: Type.String(), householdPhone: Nullable(Type.String()), crop: Type.String(), areaMu: Type.Number(), description: Type.String(),
  claim: Type.Union([Type.Object({
    status: lit(boarClaimStatuses), claimedFen: Type.Integer(), assessedFen: Nullable(Type.Integer()), note: Nullable(Type.String()), assessedAt: Nullable(Type.String()),
    decidedAt: Nullable(Type.String()), actions: Type.Array(lit(boarClaimActions)),
  }), Type.Null()]),
  problemId: Nullable(Type.String()), version: Type.Integer(), createdAt: Type.String(),
});

export async function wildlifeRoutes(app: TypedApp, s: WildlifeServices): Promise<void> {
  app.get('/api/wildlife/stations', { schema: { tags, summary: '疫源疫病监测站点列表（管辖范围内的，及本人任报告人或监管员的）', querystring: Strict({ unit: Type.Optional(UnitCode) }), response: { 200: Type.Array(Station) } } },
    async (request) => unwrap(await s.stations.list(viewer(request), request.query)));
  app.get('/api/wildlife/candidates', {
    schema: {
      tags, summary: '可设为报告人或监管员的账号（管辖范围内，按姓名或用户名查找）', querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 50 })) }),
      response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), username: Type.String(), roles: Type.Array(Type.String()) })) },
    },
  }, async (request) => unwrap(await s.stations.candidates(viewer(request), request.query.q)));
  app.get('/api/wildlife/stations/:id', { schema: { tags, summary: '监测站点详情', params: IdParams, response: { 200: Station } } },
    async (request) => unwrap(await s.stations.get(viewer(request), request.params.id)));
  app.post('/api/wildlife/stations', { schema: { tags, summary: '新建监测站点（报告人、监管员须为管辖范围内的账号）', body: Strict(StationBody), response: { 201: Station } } }, async (request, reply) => {
    checkCalendarDates(request.body, ['activeFrom', 'activeTo']);
    return reply.code(201).send(unwrap(await s.stations.create(viewer(request), request.body)));
  });
  app.put('/api/wildlife/stations/:id', { schema: { tags, summary: '修改监测站点（带版本号）', params: IdParams, body: Strict({ ...StationBody, version: Version }), response: { 200: Station } } }, async (request) => {
    checkCalendarDates(request.body, ['activeFrom', 'activeTo']);
    return unwrap(await s.stations.update(viewer(request), request.params.id, request.body));
  });
  app.delete('/api/wildlife/stations/:id', { schema: { tags, summary: '删除从未报送日报的监测站点（已有日报的请填写停用日期）', params: IdParams, response: { 200: Type.Object({ deleted: Type.Literal(true) }) } } },
    async (request) => unwrap(await s.stations.remove(viewer(request), request.params.id)));

  app.post('/api/wildlife/reports', {
    schema: {
      tags, summary: '报送日报（零报告或观测记录二选一；同一编号重复提交返回原日报；同站同日已有日报时须带版本号更正；异常死亡转为问题）',
      body: Strict({
        id: ClientId, stationId: Type.String({ minLength: 1, maxLength: 64 }), date: IsoDate, zero: Type.Boolean({ description: '零报告：未发现异常' }),
        observations: Type.Array(Observation, { maxItems: 100 }), note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
        reporterName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), lon: Type.Optional(Lon), lat: Type.Optional(Lat), version: Type.Optional(Version),
        madeAt: Type.Optional(Type.String({ format: 'date-time', description: '手机上填写日报的时间（离线填写、联网后补传时迟报按此判断；不早于报告日 0 时）' })),
      }),
      response: { 200: Report, 201: Report },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['date']);
    const r = unwrap(await s.reports.submit(viewer(request), request.body));
    return reply.code(r.created ? 201 : 200).send(r.report);
  });
  app.get('/api/wildlife/stations/:id/reports', { schema: { tags, summary: '站点某月的日报', params: IdParams, querystring: Strict({ month: Month }), response: { 200: Type.Array(Report) } } },
    async (request) => unwrap(await s.reports.month(viewer(request), request.params.id, request.query.month)));
  app.get('/api/wildlife/stations/:id/calendar', { schema: { tags, summary: '站点报送日历：每日状态（已报、迟报、缺报、待报）与连续缺报', params: IdParams, querystring: Strict({ month: Month }), response: { 200: Calendar } } },
    async (request) => unwrap(await s.reports.calendar(viewer(request), request.params.id, request.query.month)));
  app.get('/api/wildlife/missing', { schema: { tags, summary: '缺报清单：截止时间已过仍无日报的站点和日期', querystring: Strict({ from: IsoDate, to: IsoDate, unit: Type.Optional(UnitCode) }), response: { 200: Type.Array(Missing) } } }, async (request) => {
    checkCalendarDates(request.query, ['from', 'to'], 'querystring');
    return unwrap(await s.reports.missing(viewer(request), request.query));
  });

  app.get('/api/wildlife/boar-damages', {
    schema: {
      tags, summary: '野猪致害报告列表（含补偿申请状态）',
      querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), claimStatus: Type.Optional(lit(boarClaimStatuses)), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
      response: { 200: Page(BoarDamage) },
    },
  }, async (request) => unwrap(await s.boar.list(viewer(request), request.query)));
  app.get('/api/wildlife/boar-damages/:id', { schema: { tags, summary: '野猪致害报告详情', params: IdParams, response: { 200: BoarDamage } } },
    async (request) => unwrap(await s.boar.get(viewer(request), request.params.id)));
  app.post('/api/wildlife/boar-damages', {
    schema: {
      tags, summary: '报告野猪致害（位置决定所属区划；同时在问题闭环中立一件“野猪致害”问题；填写申请金额即提出补偿申请）',
      body: Strict({
        id: ClientId, stationId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))), occurredOn: IsoDate, lon: Lon, lat: Lat,
        household: Type.String({ minLength: 1, maxLength: 50, description: '受损农户' }), householdPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
        crop: Type.String({ minLength: 1, maxLength: 50, description: '受损作物' }), areaMu: Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: '受损面积（亩）' }),
        description: Type.String({ minLength: 1, maxLength: 2000 }),
        claimedFen: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000, description: '申请补偿金额（分）；不填即不申请' }))),
      }),
      response: { 200: BoarDamage, 201: BoarDamage },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['occurredOn']);
    const r = unwrap(await s.boar.report(viewer(request), request.body));
    return reply.code(r.created ? 201 : 200).send(r.damage);
  });
  app.post('/api/wildlife/boar-damages/:id/claim', {
    schema: {
      tags, summary: '补偿申请下一步：核定（金额不超过申请）、兑付（须先核定）或不予补偿（须写理由）', params: IdParams,
      body: Strict({
        version: Version, action: lit(boarClaimActions), assessedFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: '核定金额（分）' })),
        reason: Type.Optional(Type.String({ maxLength: 1000 })), note: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
      response: { 200: BoarDamage },
    },
  }, async (request) => unwrap(await s.boar.claimStep(viewer(request), request.params.id, request.body)));
}

import { Type, type TSchema } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../../http/app.ts';
import { problems as httpProblems, unwrap } from '../../http/problem.ts';
import { Id, IdParams, IsoDate, Strict, UnitCode, lit, sendWorkbook } from '../../http/schemas.ts';
import type { FireWeatherService } from './service.ts';
import type { FireDangerService } from './danger-service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Level = Type.Union([1, 2, 3, 4, 5].map((n) => Type.Literal(n)));
const Station = Type.Object({
  id: Type.String(), code: Type.String(), name: Type.String(), lon: Type.Number(), lat: Type.Number(), elevationM: Nullable(Type.Number()),
  units: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })), startFfmc: Type.Number(), startDmc: Type.Number(), startDc: Type.Number(),
  seasonStart: Type.String(), note: Nullable(Type.String()),
  latest: Nullable(Type.Object({ date: Type.String(), forecast: Type.Boolean(), fwi: Nullable(Type.Number()) })),
});
const StationBody = Strict({
  code: Type.String({ minLength: 1, maxLength: 20, description: '站号（唯一）' }), name: Type.String({ minLength: 1, maxLength: 50 }),
  lon: Type.Number({ minimum: 73, maximum: 136, description: '经度（CGCS2000, EPSG:4490）' }), lat: Type.Number({ minimum: 3, maximum: 54 }),
  elevationM: Type.Optional(Type.Number({ minimum: -500, maximum: 9000 })),
  unitCodes: Type.Array(UnitCode, { maxItems: 200, description: '该站代表的乡镇或村（可多个；一个区划也可由多站服务）' }),
  startFfmc: Type.Optional(Type.Number({ description: 'FFMC 起始值，默认 85' })), startDmc: Type.Optional(Type.Number({ description: 'DMC 起始值，默认 6' })),
  startDc: Type.Optional(Type.Number({ description: 'DC 起始值，默认 15' })),
  seasonStart: Type.Optional(Type.String({ description: '防火季起算日 MM-DD（每年此日从起始值重新起算），默认 01-01' })), note: Type.Optional(Type.String({ maxLength: 500 })),
});
const ObservationBody = Strict({
  temp: Type.Number({ description: '正午气温 ℃' }), rh: Type.Number({ description: '正午相对湿度 %' }), ws: Type.Number({ description: '正午 10 米风速 km/h' }),
  prec: Type.Number({ description: '24 小时降水量 mm' }), maxTemp: Type.Optional(Nullable(Type.Number({ description: '日最高气温 ℃（LY/T 1172 方法用）' }))),
  rh14: Type.Optional(Nullable(Type.Number({ description: '14 时相对湿度 %' }))), windForce: Type.Optional(Nullable(Type.Integer({ description: '风力（级）' }))),
  forecast: Type.Optional(Type.Boolean({ description: '预报值（未来日期）' })),
});
const Indices = Type.Object({ ffmc: Type.Number(), dmc: Type.Number(), dc: Type.Number(), isi: Type.Number(), bui: Type.Number(), fwi: Type.Number(), dsr: Type.Number(), restarted: Type.Boolean() });
const StationDay = Type.Object({
  date: Type.String(), temp: Type.Number(), rh: Type.Number(), ws: Type.Number(), prec: Type.Number(), maxTemp: Nullable(Type.Number()), rh14: Nullable(Type.Number()),
  windForce: Nullable(Type.Integer()), forecast: Type.Boolean(), source: lit(['manual', 'csv', 'pull'] as const), enteredAt: Type.String(), indices: Nullable(Indices),
});
const Range = Strict({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) });
const Finding = Type.Object({ severity: lit(['error', 'warning'] as const), field: Type.Optional(Type.String()), message: Type.String() });
const ImportReport = Type.Object({
  fileName: Type.String(), encoding: Nullable(Type.String()), fileFindings: Type.Array(Finding),
  rows: Type.Array(Type.Object({
    row: Type.Integer(), ok: Type.Boolean(), stationCode: Nullable(Type.String()), date: Nullable(Type.String()), findings: Type.Array(Finding),
    values: Nullable(Type.Object({ temp: Type.Number(), rh: Type.Number(), ws: Type.Number(), prec: Type.Number(), maxTemp: Type.Optional(Nullable(Type.Number())), rh14: Type.Optional(Nullable(Type.Number())), windForce: Type.Optional(Nullable(Type.Number())), forecast: Type.Optional(Type.Boolean()) })),
  })),
  accepted: Type.Integer(), rejected: Type.Integer(), committed: Type.Boolean(), written: Type.Integer(),
});
const Pull = Type.Object({
  id: Type.String(), startedAt: Type.String(), ok: Type.Boolean(), trigger: lit(['schedule', 'manual'] as const), received: Type.Integer(), saved: Type.Integer(),
  summary: Type.String(), findings: Type.Array(Type.String()),
});
const DailyLevel = Type.Object({ unitCode: Type.String(), date: Type.String(), level: Level, forecast: Type.Boolean(), method: Type.String() });
const UnitDanger = Type.Intersect([DailyLevel, Type.Object({
  unitName: Type.String(), unitLevel: Type.String(), levelName: Type.String(), colour: Type.String(), warning: Type.Boolean(), value: Type.Number(), explanation: Type.String(),
  stationId: Type.String(), stationCode: Type.String(), stationName: Type.String(),
})]);

const isCalendarDate = (v: string): boolean => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** Refuses dates that match the pattern but do not exist (2026-02-30), naming the parameter. */
function checkDates(where: 'querystring' | 'params', values: Record<string, string | undefined>): void {
  const errors = Object.entries(values).filter(([, v]) => v !== undefined && !isCalendarDate(v)).map(([f]) => ({ field: `/${where}/${f}`, message: '日期无效' }));
  if (errors.length) throw httpProblems.invalid(errors);
}

export async function fireWeatherRoutes(app: TypedApp, weather: FireWeatherService, danger: FireDangerService): Promise<void> {
  app.get('/api/fire/stations', { schema: { tags: ['fire'], summary: '气象站（服务您管辖区划的）', response: { 200: Type.Array(Station) } } },
    async (request) => unwrap(await weather.listStations(viewer(request))));
  app.post('/api/fire/stations', { schema: { tags: ['fire'], summary: '新建气象站：位置、海拔、服务的乡镇/村、FWI 起始值与防火季起算日', body: StationBody, response: { 201: Station } } },
    async (request, reply) => reply.code(201).send(unwrap(await weather.createStation(viewer(request), request.body))));
  app.get('/api/fire/stations/:id', { schema: { tags: ['fire'], summary: '气象站详情', params: IdParams, response: { 200: Station } } },
    async (request) => unwrap(await weather.getStation(viewer(request), request.params.id)));
  app.put('/api/fire/stations/:id', { schema: { tags: ['fire'], summary: '修改气象站（指数链与所服务区划的火险等级随之重算）', params: IdParams, body: StationBody, response: { 200: Station } } },
    async (request) => unwrap(await weather.updateStation(viewer(request), request.params.id, request.body)));
  app.delete('/api/fire/stations/:id', { schema: { tags: ['fire'], summary: '删除气象站（仅限尚无观测记录的）', params: IdParams, response: { 200: Type.Object({ id: Type.String() }) } } },
    async (request) => unwrap(await weather.deleteStation(viewer(request), request.params.id)));
  app.put('/api/fire/stations/:id/observations/:date', {
    schema: {
      tags: ['fire'], summary: '录入或更正某站某日的火险气象（同站同日再次提交即覆盖，留审计记录）；随后从该日起重算 FWI 与火险等级',
      params: Strict({ id: Id, date: IsoDate }), body: ObservationBody, response: { 200: StationDay },
    },
  }, async (request) => {
    checkDates('params', { date: request.params.date });
    return unwrap(await weather.enterObservation(viewer(request), request.params.id, request.params.date, request.body));
  });
  app.get('/api/fire/stations/:id/days', { schema: { tags: ['fire'], summary: '某站逐日观测与 FWI 各指数（默认近 60 天及预报）', params: IdParams, querystring: Range, response: { 200: Type.Array(StationDay) } } },
    async (request) => { checkDates('querystring', request.query); return unwrap(await weather.stationData(viewer(request), request.params.id, request.query)); });
  app.get('/api/fire/stations/:id/days.xlsx', { schema: { tags: ['fire'], summary: '某站逐日观测与 FWI 各指数（Excel）', params: IdParams, querystring: Range } },
    async (request, reply) => { checkDates('querystring', request.query); return sendWorkbook(reply, unwrap(await weather.stationWorkbook(viewer(request), request.params.id, request.query))); });
  app.post('/api/fire/weather/imports', {
    bodyLimit: 12 * 1024 * 1024,
    schema: {
      tags: ['fire'], summary: '导入气象观测（CSV：UTF-8 或 GBK；或 Excel）：逐行校验，commit=true 时才写入',
      body: Strict({
        fileName: Type.String({ minLength: 1, maxLength: 200 }), contentBase64: Type.String({ minLength: 1, maxLength: 12 * 1024 * 1024, description: '文件内容（Base64）' }),
        commit: Type.Optional(Type.Boolean({ default: false, description: '确认写入；默认只校验' })),
      }),
      response: { 200: ImportReport },
    },
  }, async (request) => {
    const b = request.body;
    if (!/^[A-Za-z0-9+/=\r\n]+$/.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
    return unwrap(await weather.importFile(viewer(request), { fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), commit: b.commit ?? false }));
  });
  app.post('/api/fire/weather/pull', { schema: { tags: ['fire'], summary: '立即从配置的气象数据源（LINZHANG_WEATHER_URL）拉取', response: { 200: Pull } } },
    async (request) => unwrap(await weather.pull(viewer(request), 'manual')));
  app.get('/api/fire/weather/pulls', { schema: { tags: ['fire'], summary: '气象数据源拉取状态（最近 10 次）', response: { 200: Type.Object({ configured: Type.Boolean(), recent: Type.Array(Pull) }) } } },
    async () => unwrap(await weather.pullStatus()));
  app.get('/api/fire/danger', {
    schema: {
      tags: ['fire'], summary: '某日（默认今天）各乡镇/村的森林火险等级（QX/T 77-2007 配色），含依据的方法与气象站',
      querystring: Strict({ date: Type.Optional(IsoDate), unit: Type.Optional(UnitCode) }),
      response: { 200: Type.Object({ date: Type.String(), today: Type.String(), dates: Type.Array(Type.Object({ date: Type.String(), forecast: Type.Boolean() })), units: Type.Array(UnitDanger) }) },
    },
  }, async (request) => { checkDates('querystring', { date: request.query.date }); return unwrap(await danger.onDate(viewer(request), request.query)); });
  app.get('/api/fire/danger/levels', {
    schema: { tags: ['fire'], summary: '各区划逐日火险等级（起止日期含）', querystring: Strict({ from: IsoDate, to: IsoDate }), response: { 200: Type.Array(DailyLevel) } },
  }, async (request) => {
    checkDates('querystring', request.query);
    return danger.dailyLevels(viewer(request).scopePrefix, request.query.from, request.query.to);
  });
}

import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../../http/app.ts';
import { unwrap } from '../../http/problem.ts';
import { IdParams, IsoDate, Strict, UnitCode, checkCalendarDates, lit } from '../../http/schemas.ts';
import { epidemicTargetKinds, type EpidemicService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const Period = Type.Object({ unitCode: Type.String(), declaredOn: Type.String(), removedOn: Nullable(Type.String()) });
const TownStatus = {
  townCode: Type.String(), isPoint: Type.Boolean(), period: Type.Union([Period, Type.Null()]), lastDetectionYear: Nullable(Type.Integer()),
  clearYears: Type.Integer({ description: '连续无疫情年数（最近一年起）' }), clearYearList: Type.Array(Type.Integer()),
  removal: lit(['not_a_point', 'may_apply', 'not_yet'] as const), yearsToGo: Type.Integer(), label: Type.String(),
};
const Town = Type.Object({
  ...TownStatus, townName: Type.String(),
  periods: Type.Array(Type.Object({ id: Type.String(), declaredOn: Type.String(), removedOn: Nullable(Type.String()), documentNo: Nullable(Type.String()), note: Nullable(Type.String()) })),
  history: Type.Array(Type.Object({
    year: Type.Integer(), autumnShare: Nullable(Type.Number()), autumnComplete: Type.Boolean(), positives: Type.Integer(), infectedParcels: Type.Integer(),
    record: lit(['detected', 'clear', 'none'] as const),
  })),
});
const Board = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), asOf: Type.String(), year: Type.Integer(), clearYearsForRemoval: Type.Integer(), rulesSource: Type.String(),
  county: Type.Union([Type.Object({
    countyCode: Type.String(), isEpidemicArea: Type.Boolean(), points: Type.Array(Type.Object(TownStatus)), mayApplyTowns: Type.Array(Type.String()),
    allPointsMayApply: Type.Boolean(), label: Type.String(),
  }), Type.Null()]),
  towns: Type.Array(Town),
  targets: Type.Array(Type.Object({
    id: Type.String(), unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), source: Nullable(Type.String()),
    target: Type.Object({ kind: lit(epidemicTargetKinds), count: Type.Integer() }), achieved: Type.Integer(), met: Type.Boolean(), towns: Type.Array(Type.String()),
    relapsed: Type.Array(Type.String()), label: Type.String(),
  })),
});

export async function epidemicRoutes(app: TypedApp, epidemic: EpidemicService): Promise<void> {
  app.get('/api/pests/epidemic/board', {
    schema: {
      tags: ['pests'], summary: '疫点疫区看板：各乡镇疫点状态、逐年检测与普查、连续无疫情年数、可否申请拔除（摘牌），区县疫区状态与目标完成',
      querystring: Strict({ unit: Type.Optional(UnitCode), asOf: Type.Optional(IsoDate), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '目标年度（默认 asOf 所在年）' })) }),
      response: { 200: Board },
    },
  }, async (request) => {
    checkCalendarDates(request.query, ['asOf'], 'querystring');
    return unwrap(await epidemic.board(viewer(request), request.query));
  });
  app.put('/api/pests/epidemic/targets', {
    schema: {
      tags: ['pests'], summary: '设定年度疫点目标（拔除疫点 N 个 / 巩固已拔除疫点 N 个；同一单位、年度、类型只一条，再次提交即修改）',
      body: Strict({
        unitCode: UnitCode, year: Type.Integer({ minimum: 2000, maximum: 2100 }), kind: lit(epidemicTargetKinds), count: Type.Integer({ minimum: 0, maximum: 1000 }),
        source: Type.Optional(Type.String({ maxLength: 200, description: '目标来源，如工作要点条目' })),
      }),
      response: { 200: Type.Object({ id: Type.String(), created: Type.Boolean() }) },
    },
  }, async (request) => unwrap(await epidemic.setTarget(viewer(request), request.body)));
  app.delete('/api/pests/epidemic/targets/:id', {
    schema: { tags: ['pests'], summary: '删除疫点目标', params: IdParams, response: { 200: Type.Object({ id: Type.String() }) } },
  }, async (request) => unwrap(await epidemic.deleteTarget(viewer(request), request.params.id)));
}

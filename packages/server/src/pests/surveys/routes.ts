import { Type } from '@sinclair/typebox';
import { surveySeasons } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { unwrap } from '../../http/problem.ts';
import { IdParams, Id, IsoDate, Page, PageQuery, Strict, UnitCode, checkCalendarDates, lit, sendWorkbook } from '../../http/schemas.ts';
import type { SurveyService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String> | ReturnType<typeof Type.Boolean>>(t: T) => Type.Union([t, Type.Null()]);
const Progress = {
  unitCode: Type.String(), gridParcels: Type.Integer({ description: '松林小班数（普查网格）' }), gridAreaM2: Type.Number(), surveyedParcels: Type.Integer(),
  surveyedAreaM2: Type.Number(), extraParcels: Type.Integer({ description: '网格外另行调查的小班数' }), outstandingParcels: Type.Integer(),
  share: Type.Number({ description: '已调查小班占网格比例（0–1）' }), complete: Type.Boolean(),
};
const NamedProgress = Type.Object({ ...Progress, unitName: Type.String() });
const Campaign = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), season: lit(surveySeasons), seasonName: Type.String(), name: Type.String(),
  startsOn: Type.String(), endsOn: Type.String(), ledgerYear: Type.Integer(), pineSpecies: Type.Array(Type.String()), note: Nullable(Type.String()),
  phase: lit(['not_started', 'open', 'closed'] as const), progress: Type.Object(Progress),
});
const CampaignDetail = Type.Intersect([Campaign, Type.Object({ towns: Type.Array(NamedProgress), villages: Type.Array(NamedProgress) })]);
const SurveyParcel = Type.Object({
  parcelId: Type.String(), parcelNo: Type.String(), unitCode: Type.String(), unitName: Type.String(), dominantSpecies: Nullable(Type.String()), areaM2: Type.Number(),
  onGrid: Type.Boolean(), surveyed: Type.Boolean(), surveyedOn: Nullable(Type.String()), surveyor: Nullable(Type.String()), pineAreaM2: Nullable(Type.Number()),
  infected: Nullable(Type.Boolean()), occurrenceAreaM2: Nullable(Type.Number()), note: Nullable(Type.String()),
});
const SummaryRow = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), pineAreaM2: Type.Number(), infectedParcels: Type.Integer(), occurrenceAreaM2: Type.Number(), clearParcels: Type.Integer(),
  clearAreaM2: Type.Number(), deadPines: Type.Integer(), deadDiseased: Type.Integer(), deadOther: Type.Integer(),
});
const Level = Strict({ level: Type.Optional(lit(['town', 'village'] as const)) });
const RecordParams = Strict({ id: Id, parcelId: Id });

export async function pestSurveyRoutes(app: TypedApp, surveys: SurveyService): Promise<void> {
  app.get('/api/pests/surveys/campaigns', {
    schema: {
      tags: ['pests'], summary: '松材线虫病普查（春季普查、秋季专项普查）列表，含按松林小班的完成进度',
      querystring: Strict({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), season: Type.Optional(lit(surveySeasons)) }), response: { 200: Type.Array(Campaign) },
    },
  }, async (request) => unwrap(await surveys.list(viewer(request), request.query)));
  app.post('/api/pests/surveys/campaigns', {
    schema: {
      tags: ['pests'], summary: '部署普查（区县或乡镇；秋季专项普查须在规则规定的月份内；以不晚于该年度的小班台账中的松林小班为网格）',
      body: Strict({
        unitCode: UnitCode, year: Type.Integer({ minimum: 2000, maximum: 2100 }), season: lit(surveySeasons), name: Type.Optional(Type.String({ maxLength: 100 })),
        startsOn: IsoDate, endsOn: IsoDate, pineSpecies: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { minItems: 1, maxItems: 30, description: '计为松林的优势树种' })),
        note: Type.Optional(Type.String({ maxLength: 500 })),
      }),
      response: { 201: Campaign },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['startsOn', 'endsOn']);
    return reply.code(201).send(unwrap(await surveys.create(viewer(request), request.body)));
  });
  app.get('/api/pests/surveys/campaigns/:id', {
    schema: { tags: ['pests'], summary: '普查详情：各乡镇、各村的调查进度', params: IdParams, response: { 200: CampaignDetail } },
  }, async (request) => unwrap(await surveys.get(viewer(request), request.params.id)));
  app.get('/api/pests/surveys/campaigns/:id/parcels', {
    schema: {
      tags: ['pests'], summary: '普查小班：松林小班网格及另行调查的小班，含调查记录', params: IdParams,
      querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode), status: Type.Optional(lit(['surveyed', 'outstanding'] as const)), q: Type.Optional(Type.String({ maxLength: 50 })) }),
      response: { 200: Page(SurveyParcel) },
    },
  }, async (request) => unwrap(await surveys.parcels(viewer(request), request.params.id, request.query)));
  app.post('/api/pests/surveys/campaigns/:id/records', {
    schema: {
      tags: ['pests'], summary: '登记小班已调查（可一次多个；再次提交即更正；全部成功或全部不写入）', params: IdParams,
      body: Strict({
        records: Type.Array(Strict({
          parcelId: Id, surveyedOn: IsoDate, pineAreaM2: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: '松林面积（平方米）；松林小班默认为小班面积' })),
          infected: Type.Optional(Type.Boolean({ description: '按检测报告判为疫情小班（除枯死松树登记中的阳性外）' })),
          occurrenceAreaM2: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e9, description: '发生面积（平方米）；疫情小班默认为松林面积' }))),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        }), { minItems: 1, maxItems: 500 }),
      }),
      response: { 200: Type.Object({ recorded: Type.Integer() }) },
    },
  }, async (request) => {
    const bad = request.body.records.flatMap((r, i) => {
      const d = new Date(`${r.surveyedOn}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== r.surveyedOn ? [{ field: `/body/records/${i}/surveyedOn`, message: '日期无效' }] : [];
    });
    if (bad.length) return unwrap({ ok: false, error: { kind: 'invalid', errors: bad } });
    return unwrap(await surveys.record(viewer(request), request.params.id, request.body.records));
  });
  app.delete('/api/pests/surveys/campaigns/:id/records/:parcelId', {
    schema: { tags: ['pests'], summary: '撤销小班调查记录（误登记时）', params: RecordParams, response: { 200: Type.Object({ removed: Type.Boolean() }) } },
  }, async (request) => unwrap(await surveys.unrecord(viewer(request), request.params.id, request.params.parcelId)));
  app.get('/api/pests/surveys/campaigns/:id/summary', {
    schema: {
      tags: ['pests'], summary: '松材线虫病疫情普查汇总表（行政区划代码、松林面积、疫情小班数、发生面积、无疫情小班数/面积、死亡松树总数/病死/其他原因）',
      params: IdParams, querystring: Level,
      response: { 200: Type.Object({ campaign: Campaign, level: Type.String(), rows: Type.Array(SummaryRow), total: SummaryRow }) },
    },
  }, async (request) => unwrap(await surveys.summary(viewer(request), request.params.id, request.query.level)));
  app.get('/api/pests/surveys/campaigns/:id/summary.xlsx', {
    schema: { tags: ['pests'], summary: '导出普查汇总表（Excel，面积单位亩）', params: IdParams, querystring: Level },
  }, async (request, reply) => sendWorkbook(reply, unwrap(await surveys.workbook(viewer(request), request.params.id, request.query.level))));
}

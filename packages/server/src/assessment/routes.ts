import { Type } from '@sinclair/typebox';
import { indicatorKeys } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IdParams, Strict, UnitCode, lit, sendWorkbook } from '../http/schemas.ts';
import type { AssessmentService } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Rule = Type.Union([
  Strict({ kind: Type.Literal('linear'), full: Type.Number({ description: '满分值' }), zero: Type.Number({ description: '零分值' }) }),
  Strict({ kind: Type.Literal('threshold'), op: lit(['>=', '<='] as const), value: Type.Number() }),
  Strict({ kind: Type.Literal('deduct'), per: Type.Number({ description: '每单位扣分' }) }),
  Strict({ kind: Type.Literal('manual') }),
]);
const Item = Strict({
  key: Type.String({ minLength: 1, maxLength: 40 }), name: Type.String({ minLength: 1, maxLength: 100 }), weight: Type.Number({ description: '分值（合计 100）' }),
  indicator: Nullable(Type.String({ description: `系统指标：${indicatorKeys.join('、')}；人工评分为空` })), rule: Rule, noData: lit(['full', 'zero'] as const),
});
const SchemeBody = { title: Type.String({ minLength: 1, maxLength: 200 }), items: Type.Array(Item, { minItems: 1, maxItems: 50 }) };
const Scheme = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), version: Type.Integer(), createdAt: Type.String(),
  canEdit: Type.Boolean({ description: '本人可修改方案、评分、定稿（方案所在区县为本人范围）；乡镇用户只读本镇得分' }), ...SchemeBody,
});
const Evidence = Type.Object({ value: Nullable(Type.Number()), numerator: Nullable(Type.Number()), denominator: Nullable(Type.Number()), note: Nullable(Type.String()), link: Type.String() });
const Scores = Type.Object({
  scheme: Type.Object({ id: Type.String(), title: Type.String(), year: Type.Integer(), version: Type.Integer(), unitCode: Type.String(), unitName: Type.String() }),
  period: Type.String(), from: Type.String(), to: Type.String(), level: lit(['town', 'chief'] as const), provisional: Type.Boolean(),
  ranked: Type.Integer({ description: '参与排名的乡镇（或林长）数；乡镇用户只见本镇，名次为其中排名' }), asOf: Type.String(),
  finalized: Nullable(Type.Object({ at: Type.String(), by: Nullable(Type.String()) })), finalizedQuarters: Type.Array(Type.String()),
  items: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), weight: Type.Number(), indicator: Nullable(Type.String()), unit: Nullable(Type.String()) })),
  rows: Type.Array(Type.Object({
    subjectId: Type.String(), subjectName: Type.String(), unitCode: Type.String(), unitName: Type.String(), personName: Nullable(Type.String()), total: Type.Number(), rank: Type.Integer(),
    items: Type.Array(Type.Object({ key: Type.String(), value: Nullable(Type.Number()), points: Type.Number(), explanation: Type.String(), evidence: Nullable(Evidence) })),
    quarters: Type.Array(Type.Object({ period: Type.String(), total: Type.Number() })),
  })),
});
const ScoresQuery = Strict({
  period: Type.String({ pattern: '^\\d{4}(-Q[1-4])?$', description: '季度（2024-Q1）或全年（2024，各季度平均）' }),
  level: Type.Optional(lit(['town', 'chief'] as const)),
});
const tags = ['assessment'];

export async function assessmentRoutes(app: TypedApp, assessment: AssessmentService): Promise<void> {
  app.get('/api/assessment/template', {
    schema: { tags, summary: '考核方案模板（11 类、100 分；分值为待调整的占位值）', response: { 200: Type.Object(SchemeBody) } },
  }, async () => assessment.template());
  app.get('/api/assessment/schemes', {
    schema: { tags, summary: '考核方案（各年度、各版本）', querystring: Strict({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }), response: { 200: Type.Array(Scheme) } },
  }, async (request) => unwrap(await assessment.list(viewer(request), request.query)));
  app.post('/api/assessment/schemes', {
    schema: {
      tags, summary: '保存考核方案（同一区县、年度再次保存即为新版本）；各项分值合计须为 100',
      body: Strict({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), unitCode: Type.Optional(UnitCode), ...SchemeBody }), response: { 201: Scheme },
    },
  }, // The indicator keys are checked by the domain's scheme check (400 on /body/items/N/indicator).
  async (request, reply) => reply.code(201).send(unwrap(await assessment.create(viewer(request), request.body as Parameters<AssessmentService['create']>[1]))));
  app.get('/api/assessment/schemes/:id', { schema: { tags, summary: '一个考核方案', params: IdParams, response: { 200: Scheme } } },
    async (request) => unwrap(await assessment.get(viewer(request), request.params.id)));
  app.put('/api/assessment/schemes/:id/manual', {
    schema: {
      tags, summary: '人工评分项目的得分（按季度、乡镇）', params: IdParams,
      body: Strict({ period: Type.String({ maxLength: 10 }), unitCode: UnitCode, itemKey: Type.String({ maxLength: 40 }), points: Type.Number(), note: Type.String({ minLength: 1, maxLength: 2000, description: '评分依据' }) }),
      response: { 200: Type.Object({ saved: Type.Literal(true) }) },
    },
  }, async (request) => unwrap(await assessment.setManual(viewer(request), request.params.id, request.body)));
  app.get('/api/assessment/schemes/:id/scores', {
    schema: { tags, summary: '考核得分：每个乡镇（或镇级林长）各项得分、计分说明与取值依据（附记录链接）及排名', params: IdParams, querystring: ScoresQuery, response: { 200: Scores } },
  }, async (request) => unwrap(await assessment.scores(viewer(request), request.params.id, { period: request.query.period, level: request.query.level ?? 'town' })));
  app.post('/api/assessment/schemes/:id/finalize', {
    schema: {
      tags, summary: '季度考核结果定稿：保存此刻的乡镇与镇级林长得分，此后该季度按定稿结果显示，人工评分不再可改（季度结束后）', params: IdParams,
      body: Strict({ period: Type.String({ maxLength: 10, description: '季度，如 2024-Q1' }) }),
      response: { 201: Type.Object({ period: Type.String(), finalizedAt: Type.String(), asOf: Type.String() }) },
    },
  }, async (request, reply) => reply.code(201).send(unwrap(await assessment.finalize(viewer(request), request.params.id, request.body))));
  app.delete('/api/assessment/schemes/:id/finalize/:period', {
    schema: {
      tags, summary: '撤销季度定稿：该季度重新按记录计算，人工评分可再修改',
      params: Strict({ id: IdParams.properties.id, period: Type.String({ maxLength: 10 }) }),
      response: { 200: Type.Object({ period: Type.String(), withdrawn: Type.Literal(true) }) },
    },
  }, async (request) => unwrap(await assessment.unfinalize(viewer(request), request.params.id, request.params.period)));
  app.get('/api/assessment/schemes/:id/scores.xlsx', { schema: { tags, summary: '考核得分导出 Excel（得分表与得分依据）', params: IdParams, querystring: ScoresQuery } },
    async (request, reply) => sendWorkbook(reply, unwrap(await assessment.workbook(viewer(request), request.params.id, { period: request.query.period, level: request.query.level ?? 'town' }))));
  app.get('/api/assessment/schemes/:id/scores.pdf', { schema: { tags, summary: '考核得分报告 PDF（中文）', params: IdParams, querystring: ScoresQuery } },
    async (request, reply) => {
      const pdf = unwrap(await assessment.pdf(viewer(request), request.params.id, { period: request.query.period, level: request.query.level ?? 'town' }));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(pdf.filename)}`).send(pdf.buffer);
    });
}

import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IdParams, Page, PageQuery, Strict, UnitCode } from '../http/schemas.ts';
import type { DutyReportService } from './service.ts';

const ReportSchema = Type.Object({
  id: Type.String(), userId: Type.String(), personId: Type.Union([Type.String(), Type.Null()]), personName: Type.Union([Type.String(), Type.Null()]),
  unitCode: Type.String(), unitName: Type.String(), title: Type.String(), content: Type.String(), submittedAt: Type.String(),
});

export async function dutyReportRoutes(app: TypedApp, reports: DutyReportService): Promise<void> {
  app.post(
    '/api/duty-reports',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['patrols'], summary: '林长提交履职报告（编号由客户端生成；重复提交返回同一份）',
        body: Strict({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }), title: Type.String({ minLength: 1, maxLength: 100 }), content: Type.String({ minLength: 1, maxLength: 20_000 }) }),
        response: { 200: ReportSchema, 201: ReportSchema },
      },
    },
    async (request, reply) => {
      const { report, created } = unwrap(await reports.submit(viewer(request), request.body));
      return reply.status(created ? 201 : 200).send(report);
    },
  );
  app.get(
    '/api/duty-reports',
    { schema: { tags: ['patrols'], summary: '履职报告列表', querystring: Strict({ ...PageQuery, unit: Type.Optional(UnitCode) }), response: { 200: Page(ReportSchema) } } },
    async (request) => unwrap(await reports.list(viewer(request), request.query)),
  );
  app.get(
    '/api/duty-reports/:id',
    { schema: { tags: ['patrols'], summary: '履职报告详情', params: IdParams, response: { 200: ReportSchema } } },
    async (request) => unwrap(await reports.get(viewer(request), request.params.id)),
  );
}

import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Strict, UnitCode } from '../http/schemas.ts';
import type { DashboardService } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Figure = Type.Object({
  key: Type.String(), label: Type.String(), value: Nullable(Type.Number()), unit: Type.String(), note: Nullable(Type.String()),
  link: Type.String({ description: '列出所计记录的页面' }),
});
const Ranked = Type.Object({ name: Type.String(), total: Type.Number(), rank: Type.Integer() });
const Section = Type.Object({
  key: Type.String(), title: Type.String(), figures: Type.Array(Figure),
  ranking: Type.Optional(Nullable(Type.Object({ title: Type.String(), period: Type.String(), top: Type.Array(Ranked), bottom: Type.Array(Ranked),
    own: Type.Boolean({ description: '乡镇看自己：top 只有本镇' }), ranked: Type.Integer({ description: '参与排名的乡镇数' }) }))),
});

export async function dashboardRoutes(app: TypedApp, dashboard: DashboardService): Promise<void> {
  app.get('/api/dashboard', {
    schema: {
      tags: ['dashboard'], summary: '领导驾驶舱：目标任务、林长履职、问题处置、今日火险与火情、有害生物、资源与考核排名，每项附记录页面',
      querystring: Strict({ unit: Type.Optional(UnitCode) }),
      response: { 200: Type.Object({ unitCode: Type.String(), unitName: Type.String(), today: Type.String(), asOf: Type.String(), sections: Type.Array(Section) }) },
    },
  }, async (request) => unwrap(await dashboard.dashboard(viewer(request), request.query)));
}

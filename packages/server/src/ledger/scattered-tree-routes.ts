import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { Strict, UnitCode } from '../http/schemas.ts';
import type { ScatteredTreeService } from './scattered-trees.ts';

const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '台账年度' });
const Row = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), crownAreaM2: Type.Number(), shelterbeltM2: Type.Number(),
  treeCount: Type.Union([Type.Integer(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.String(),
});

export async function scatteredTreeRoutes(app: TypedApp, service: ScatteredTreeService): Promise<void> {
  app.get(
    '/api/ledger/scattered-trees',
    {
      schema: {
        tags: ['ledger'], summary: '四旁树与农田林网占地（冠幅）面积登记，计入森林覆盖率',
        querystring: Strict({ unit: Type.Optional(UnitCode), year: Year }),
        response: { 200: Type.Array(Row) },
      },
    },
    async (request) => unwrap(await service.list(viewer(request), request.query)),
  );
  app.put(
    '/api/ledger/scattered-trees/:unitCode/:year',
    {
      schema: {
        tags: ['ledger'], summary: '登记（替换）一个村或乡镇某年度的四旁树与农田林网面积',
        params: Strict({ unitCode: UnitCode, year: Year }),
        body: Strict({
          crownAreaM2: Type.Number({ minimum: 0, maximum: 1e10, description: '四旁树占地（冠幅投影）面积，平方米' }),
          shelterbeltM2: Type.Optional(Type.Number({ minimum: 0, maximum: 1e10, description: '农田林网占地面积，平方米' })),
          treeCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e9, description: '四旁树株数' })),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: Row },
      },
    },
    async (request) => unwrap(await service.set(viewer(request), request.params.unitCode, request.params.year, request.body)),
  );
}

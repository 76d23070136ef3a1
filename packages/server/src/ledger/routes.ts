import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { problems as httpProblems, unwrap } from '../http/problem.ts';
import { Strict, lit, sendWorkbook } from '../http/schemas.ts';
import { forestCategories, origins } from '@linzhang/domain';
import type { ParcelImportService } from './parcel-import-service.ts';
import type { LedgerService } from './statistics-service.ts';
import { PageQuery, UnitCode } from '../http/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Finding = Type.Object({ severity: lit(['error', 'warning'] as const), message: Type.String(), field: Type.Optional(Type.String()) });

const AreaRow = Type.Object({ key: Nullable(Type.String()), areaM2: Type.Number(), parcels: Type.Integer() });
const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '台账年度' });
const ParcelFilters = {
  unit: Type.Optional(UnitCode), year: Year, landClass: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
  forestCategory: Type.Optional(Type.Union([lit(Object.keys(forestCategories)), Type.Literal('none')], { description: '森林类别；none = 未填' })),
  origin: Type.Optional(Type.Union([lit(Object.keys(origins)), Type.Literal('none')], { description: '起源；none = 未填' })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
};

export async function ledgerRoutes(app: TypedApp, imports: ParcelImportService, ledger: LedgerService): Promise<void> {
  app.get(
    '/api/ledger/statistics',
    {
      schema: {
        tags: ['ledger'], summary: '林草湿一本账统计：按地类、森林类别、起源、树种的面积，森林覆盖率（按下级区划）',
        querystring: Strict({ unit: Type.Optional(UnitCode), year: Year }),
        response: {
          200: Type.Object({
            unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), parcels: Type.Integer(), areaM2: Type.Number(), volumeM3: Type.Number(),
            coverage: Type.Object({
              forestAreaM2: Type.Number(), treeStandM2: Type.Number(), bambooM2: Type.Number(), specialShrubM2: Type.Number(), scatteredTreesM2: Type.Number(),
              landAreaM2: Type.Number(), coverage: Nullable(Type.Number()), unknownCanopyM2: Type.Number(),
            }),
            byLandClass: Type.Array(AreaRow), byForestCategory: Type.Array(AreaRow), byOrigin: Type.Array(AreaRow), bySpecies: Type.Array(AreaRow),
            children: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), parcels: Type.Integer(), areaM2: Type.Number(), coverage: Nullable(Type.Number()) })),
          }),
        },
      },
    },
    async (request) => unwrap(await ledger.statistics(viewer(request), request.query)),
  );
  app.get(
    '/api/ledger/responsibility',
    {
      schema: {
        tags: ['ledger'], summary: '管护责任覆盖：林地小班落入护林员管护网格的面积比例（按下级区划），以及未落实管护责任的小班（最多列 200 个）',
        querystring: Strict({ unit: Type.Optional(UnitCode), year: Year }),
        response: {
          200: Type.Object({
            unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), grids: Type.Integer(), parcels: Type.Integer(),
            forestM2: Type.Number(), coveredM2: Type.Number(), share: Nullable(Type.Number()),
            children: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), forestM2: Type.Number(), coveredM2: Type.Number(), share: Nullable(Type.Number()) })),
            gaps: Type.Array(Type.Object({ id: Type.String(), parcelNo: Type.String(), unitCode: Type.String(), unitName: Type.String(), areaM2: Type.Number(), uncoveredM2: Type.Number() })),
            gapCount: Type.Integer(),
            unchecked: Type.Array(Type.Object({ id: Type.String(), parcelNo: Type.String(), reason: Type.String() })),
          }),
        },
      },
    },
    async (request) => unwrap(await ledger.responsibility(viewer(request), request.query)),
  );
  app.get(
    '/api/ledger/changes',
    {
      schema: {
        tags: ['ledger'], summary: '年度更新：两个年度之间各地类面积的增减，以及新增、消失、变化的小班（最多列 2000 个）',
        querystring: Strict({ unit: Type.Optional(UnitCode), from: Year, to: Year }),
      },
    },
    async (request) => unwrap(await ledger.changes(viewer(request), request.query)),
  );
  app.get(
    '/api/ledger/years',
    { schema: { tags: ['ledger'], summary: '本人数据范围内有小班的台账年度（最新在前）', response: { 200: Type.Object({ years: Type.Array(Type.Integer()) }) } } },
    async (request) => unwrap(await ledger.years(viewer(request))),
  );
  app.get(
    '/api/ledger/parcels',
    {
      schema: {
        tags: ['ledger'], summary: '小班列表',
        querystring: Strict({ ...PageQuery, ...ParcelFilters }),
      },
    },
    async (request) => unwrap(await ledger.parcels(viewer(request), request.query)),
  );
  app.get(
    '/api/ledger/parcels.xlsx',
    { schema: { tags: ['ledger'], summary: '按筛选条件导出小班（Excel，最多 150000 个）', querystring: Strict(ParcelFilters) } },
    async (request, reply) => sendWorkbook(reply, unwrap(await ledger.parcelWorkbook(viewer(request), request.query))),
  );
  app.post(
    '/api/ledger/parcels/imports',
    {
      bodyLimit: 200 * 1024 * 1024,
      schema: {
        tags: ['ledger'], summary: '导入小班（GeoJSON 或 Shapefile 压缩包）：逐行校验地类等代码、计算椭球面积、按位置确定所属村；commit=true 时才写入',
        body: Strict({
          fileName: Type.String({ minLength: 1, maxLength: 200 }),
          contentBase64: Type.String({ minLength: 1, maxLength: 280 * 1024 * 1024 }),
          year: Type.Integer({ minimum: 1990, maximum: 2100, description: '台账年度' }),
          commit: Type.Optional(Type.Boolean({ default: false })),
          attributes: Type.Optional(Strict({
            fileName: Type.String({ minLength: 1, maxLength: 200, description: '小班属性表（.xlsx 或 .csv），按小班号（及村代码）与图形连接' }),
            contentBase64: Type.String({ minLength: 1, maxLength: 140 * 1024 * 1024 }),
          })),
        }),
        response: {
          200: Type.Object({
            fileName: Type.String(), year: Type.Integer(), crs: Type.String(), accepted: Type.Integer(), rejected: Type.Integer(), committed: Type.Boolean(), created: Type.Integer(),
            attributes: Type.Union([Type.Object({ fileName: Type.String(), rows: Type.Integer(), matched: Type.Integer(), unmatched: Type.Array(Type.Integer()) }), Type.Null()]),
            fileFindings: Type.Array(Type.Object({ severity: Type.String(), code: Type.String(), message: Type.String() })),
            rows: Type.Array(Type.Object({
              row: Type.Integer(), ok: Type.Boolean(), parcelNo: Nullable(Type.String()), landClass: Nullable(Type.String()), unitCode: Nullable(Type.String()),
              unitName: Nullable(Type.String()), areaMu: Nullable(Type.Number()), findings: Type.Array(Finding),
            })),
          }),
        },
      },
    },
    async (request) => {
      const b = request.body;
      const base64 = /^[A-Za-z0-9+/=\r\n]+$/;
      if (!base64.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
      if (b.attributes && !base64.test(b.attributes.contentBase64)) throw httpProblems.invalid([{ field: '/body/attributes/contentBase64', message: '属性表内容不是有效的 Base64' }]);
      return unwrap(await imports.run(viewer(request), {
        fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), year: b.year, commit: b.commit ?? false,
        attributes: b.attributes ? { fileName: b.attributes.fileName, content: new Uint8Array(Buffer.from(b.attributes.contentBase64, 'base64')) } : undefined,
      }));
    },
  );
}

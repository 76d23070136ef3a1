import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { problems as httpProblems, unwrap } from '../http/problem.ts';
import { Strict, lit } from '../http/schemas.ts';
import type { ParcelImportService } from './parcel-import-service.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Finding = Type.Object({ severity: lit(['error', 'warning'] as const), message: Type.String(), field: Type.Optional(Type.String()) });

export async function ledgerRoutes(app: TypedApp, imports: ParcelImportService): Promise<void> {
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
        }),
        response: {
          200: Type.Object({
            fileName: Type.String(), year: Type.Integer(), crs: Type.String(), accepted: Type.Integer(), rejected: Type.Integer(), committed: Type.Boolean(), created: Type.Integer(),
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
      if (!/^[A-Za-z0-9+/=\r\n]+$/.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
      return unwrap(await imports.run(viewer(request), { fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), year: b.year, commit: b.commit ?? false }));
    },
  );
}

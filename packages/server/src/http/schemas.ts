import { problems as httpProblems } from './problem.ts';
import { Type, type TProperties, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';

/** An object schema that rejects unknown fields. */
export const Strict = <T extends TProperties>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

export const UnitCode = Type.String({ pattern: '^[0-9]{12}$', description: '12 位统计用区划代码' });
export const UnitCodeLoose = Type.String({ pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$', description: '6、9 或 12 位区划代码' });
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
};

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4, maxItems: 100_000 });
export const PolygonGeometry = Strict({
  type: Type.Literal('Polygon'),
  coordinates: Type.Array(Ring, { minItems: 1, maxItems: 1000 }),
});
export const MultiPolygonGeometry = Strict({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(Ring, { minItems: 1, maxItems: 1000 }), { minItems: 1, maxItems: 10_000 }),
});
export const PolygonalGeometry = Type.Union([PolygonGeometry, MultiPolygonGeometry], {
  description: 'GeoJSON Polygon 或 MultiPolygon（CGCS2000 经纬度）',
});

export const IdParams = Strict({ id: Id });
export const ProblemSchema = Type.Object({
  type: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  message: Type.String(),
  messageEn: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});

/** One of a list of string values (an enum of the domain). */
export const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** Sends an Excel workbook as a download with its Chinese file name. */
export const sendWorkbook = (reply: FastifyReply, book: { buffer: Buffer; filename: string }) =>
  reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(book.filename)}`)
    .send(book.buffer);

/**
 * Refuses (400, naming each field) dates of the body that match IsoDate's pattern but do not exist, such as
 * 2026-02-30; the pattern alone lets them through.
 */
export function checkCalendarDates(body: Record<string, unknown>, fields: string[], where: 'body' | 'querystring' = 'body'): void {
  const errors = fields
    .filter((f) => typeof body[f] === 'string')
    .filter((f) => {
      const v = body[f] as string;
      const d = new Date(`${v}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v;
    })
    .map((f) => ({ field: `/${where}/${f}`, message: '日期无效' }));
  if (errors.length) throw httpProblems.invalid(errors);
}

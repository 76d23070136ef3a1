import { Type } from '@sinclair/typebox';
import { indicatorKeys, type IndicatorKey } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IsoDate, Strict, UnitCode } from '../http/schemas.ts';
import type { IndicatorService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Info = {
  name: Type.String(), unit: Type.String({ description: '取值单位（%、‰、个、公里、亩、名、起、套）' }),
  better: Type.Union([Type.Literal('higher'), Type.Literal('lower')], { description: '越高越好或越低越好' }),
  basis: Type.String({ description: '计算口径' }),
};
const Reading = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number({ description: '比率的分子（如已办结案件数）' })), denominator: Nullable(Type.Number({ description: '比率的分母' })),
  note: Nullable(Type.String({ description: '取值依据或为空的原因' })), link: Type.String({ description: '列出所计记录的页面' }),
});

export async function indicatorRoutes(app: TypedApp, indicators: IndicatorService): Promise<void> {
  app.get('/api/indicators', {
    schema: {
      tags: ['indicators'], summary: '系统可计算的指标目录（目标关联、考核与领导驾驶舱所用）',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ key: Type.String(), ...Info, span: Type.Union([Type.Literal('range'), Type.Literal('year'), Type.Literal('at_end')]) })) }) },
    },
  }, async () => ({ items: indicators.catalogue() }));
  app.get('/api/indicators/:key', {
    schema: {
      tags: ['indicators'], summary: '一个指标在本级及下一级各单位的取值，附分子分母与记录链接',
      params: Type.Object({ key: Type.String({ description: `指标：${indicatorKeys.join('、')}` }) }),
      querystring: Strict({ unit: Type.Optional(UnitCode), from: Type.String({ ...IsoDate, description: '开始日期（含）' }), to: Type.String({ ...IsoDate, description: '结束日期（含）' }) }),
      response: { 200: Type.Object({ key: Type.String(), ...Info, from: Type.String(), to: Type.String(), asOf: Type.String(), total: Reading, children: Type.Array(Reading) }) },
    },
  }, async (request) => unwrap(await indicators.read(viewer(request), { key: request.params.key as IndicatorKey, unit: request.query.unit, from: request.query.from, to: request.query.to })));
}

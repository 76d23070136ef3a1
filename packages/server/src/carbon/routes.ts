import { Type } from '@sinclair/typebox';
import { townCarbonStatusNames, type TownCarbonStatus } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IdParams, IsoDate, Strict, UnitCode, lit } from '../http/schemas.ts';
import type { CarbonService } from './service.ts';

const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: '一本账年度' });
const AsOf = Type.Optional(Type.String({ ...IsoDate, description: '采用此日现行的树种参数（默认今天）' }));
const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Amount = { parcels: Type.Integer(), volumeM3: Type.Number({ description: '蓄积（m³）' }), carbonT: Type.Number({ description: '碳储量（tC）' }), co2eT: Type.Number({ description: '折合 tCO₂e' }) };
const Row = Type.Object({
  species: Type.String(), aliases: Type.Array(Type.String()), woodDensity: Type.Number(), bef: Type.Number(), rootShootRatio: Type.Number(), carbonFraction: Type.Number(), source: Type.String(),
});
const Stock = Type.Object({
  unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), asOf: Type.String(), ...Amount, fallbackParcels: Type.Integer({ description: '有蓄积、使用默认/其他参数的小班数' }),
  noVolumeParcels: Type.Integer({ description: '无蓄积的小班数（竹林、灌木林等，蓄积法不计其碳储量）' }),
  children: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), ...Amount })),
  bySpecies: Type.Array(Type.Object({ species: Nullable(Type.String()), row: Type.String({ description: '所用参数行' }), fallback: Type.Boolean(), ...Amount })),
  parameters: Type.Object({ rows: Type.Array(Row), fallbackSpecies: Type.String(), source: Type.String() }),
});
const UnitSink = {
  unitCode: Type.String(), unitName: Type.String(), fromCarbonT: Type.Number(), toCarbonT: Type.Number(),
  sinkT: Type.Number({ description: '年碳汇（tC/年，负值为碳储量减少）' }), sinkCo2eT: Type.Number({ description: '年碳汇（tCO₂e/年）' }),
};
const Sink = Type.Object({ ...UnitSink, from: Type.Integer(), to: Type.Integer(), years: Type.Integer(), asOf: Type.String(), children: Type.Array(Type.Object(UnitSink)) });
const Tonnes = (description: string) => Type.Number({ minimum: 0, maximum: 1e9, description: `${description}（tCO₂e/年）` });
const FiguresBody = Strict({
  residentsEmission: Tonnes('居民生活排放'), farmMachineryEmission: Tonnes('农机排放'), transportEmission: Tonnes('交通排放'),
  waterAbsorption: Tonnes('水域吸收'), grassAbsorption: Tonnes('草地吸收'), cropsAbsorption: Tonnes('农作物吸收'),
  source: Type.String({ minLength: 1, maxLength: 500, description: '数据来源' }), note: Type.Optional(Type.String({ maxLength: 1000 })),
});
const Figures = Type.Object({
  residentsEmission: Type.Number(), farmMachineryEmission: Type.Number(), transportEmission: Type.Number(), waterAbsorption: Type.Number(), grassAbsorption: Type.Number(),
  cropsAbsorption: Type.Number(), source: Type.String(), note: Nullable(Type.String()), updatedBy: Nullable(Type.String()), updatedAt: Type.String(),
});
const statuses = Object.keys(townCarbonStatusNames) as TownCarbonStatus[];
const Balances = Type.Object({
  unitCode: Type.String(), year: Type.Integer(), sinkFrom: Type.Union([Type.Integer(), Type.Null()]), sinkNote: Nullable(Type.String({ description: '森林碳汇无法计算的原因' })),
  towns: Type.Array(Type.Object({
    unitCode: Type.String(), unitName: Type.String(), forestSinkT: Nullable(Type.Number({ description: '森林年碳汇（tCO₂e/年）' })),
    figures: Type.Union([Figures, Type.Null()]),
    balance: Type.Union([Type.Object({ absorptionT: Nullable(Type.Number()), emissionT: Type.Number(), netT: Nullable(Type.Number()), status: lit(statuses) }), Type.Null()]),
  })),
});

export async function carbonRoutes(app: TypedApp, carbon: CarbonService): Promise<void> {
  app.get('/api/carbon/years', {
    schema: { tags: ['carbon'], summary: '有一本账小班数据的年度', querystring: Strict({ unit: Type.Optional(UnitCode) }), response: { 200: Type.Object({ unitCode: Type.String(), years: Type.Array(Type.Integer()) }) } },
  }, async (request) => unwrap(await carbon.years(viewer(request), request.query.unit)));
  app.get('/api/carbon/stock', {
    schema: {
      tags: ['carbon'], summary: '森林碳储量：按一本账蓄积与树种参数（C = V×WD×BEF×(1+R)×CF），本级、下一级与各树种',
      querystring: Strict({ unit: Type.Optional(UnitCode), year: Year, asOf: AsOf }), response: { 200: Stock },
    },
  }, async (request) => unwrap(await carbon.stock(viewer(request), request.query)));
  app.get('/api/carbon/sink', {
    schema: {
      tags: ['carbon'], summary: '两个一本账年度之间的年碳汇（ΔC/Δt）；任一年度没有数据时返回 400 并指明字段',
      querystring: Strict({ unit: Type.Optional(UnitCode), from: Year, to: Year, asOf: AsOf }), response: { 200: Sink },
    },
  }, async (request) => unwrap(await carbon.sink(viewer(request), request.query)));
  app.get('/api/carbon/parcels/:id', {
    schema: {
      tags: ['carbon'], summary: '一个小班的碳储量与所用参数', params: IdParams, querystring: Strict({ asOf: AsOf }),
      response: {
        200: Type.Object({
          id: Type.String(), parcelNo: Type.String(), year: Type.Integer(), unitCode: Type.String(), unitName: Type.String(), landClass: Type.String(), species: Nullable(Type.String()),
          volumeM3: Nullable(Type.Number()), areaM2: Type.Number(), carbonT: Type.Number(), co2eT: Type.Number(), fallback: Type.Boolean(), row: Row, asOf: Type.String(),
        }),
      },
    },
  }, async (request) => unwrap(await carbon.parcel(viewer(request), request.params.id, request.query.asOf)));
  app.get('/api/carbon/towns', {
    schema: {
      tags: ['carbon'], summary: '各乡镇碳收支：森林碳汇 + 水域、草地、农作物吸收 − 居民、农机、交通排放 → 净碳汇或净排放',
      querystring: Strict({ unit: Type.Optional(UnitCode), year: Year }), response: { 200: Balances },
    },
  }, async (request) => unwrap(await carbon.townBalances(viewer(request), request.query)));
  app.put('/api/carbon/towns/:code/:year', {
    bodyLimit: 16 * 1024,
    schema: {
      tags: ['carbon'], summary: '填报（或更正）乡镇某年的排放与其他吸收（tCO₂e，管理员与业务人员）',
      params: Strict({ code: UnitCode, year: Year }), body: FiguresBody, response: { 200: Figures },
    },
  }, async (request) => unwrap(await carbon.saveTownFigures(viewer(request), request.params.code, request.params.year, request.body)));
}

import { Type } from '@sinclair/typebox';
import { deadTreeCauses, deadTreeSteps, disposalMethods, samplingStatusNames, type SamplingStatus } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { problems as httpProblems, unwrap } from '../../http/problem.ts';
import { IdParams, IsoDate, Page, PageQuery, Strict, UnitCode, lit } from '../../http/schemas.ts';
import { deadTreeSources, type DeadTreeService } from './service.ts';
import type { DeadTreeImportService } from './import-service.ts';

const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: '客户端生成的编号（重复提交返回同一条）' });
const Lon = Type.Number({ minimum: 73, maximum: 136, description: '经度（CGCS2000）' });
const Lat = Type.Number({ minimum: 3, maximum: 54, description: '纬度（CGCS2000）' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 时间（含时区）' });
const Person = Type.String({ minLength: 1, maxLength: 50, description: '操作人' });
const FileId = Type.String({ pattern: '^[0-9a-f]{64}$', description: '已上传照片的编号（/api/files）' });
const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String> | ReturnType<typeof Type.Boolean>>(t: T) => Type.Union([t, Type.Null()]);
const Version = Type.Integer({ minimum: 1, description: '读取时的版本号（乐观锁）' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const samplingStatuses = Object.keys(samplingStatusNames) as SamplingStatus[];

const Tree = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), parcelId: Nullable(Type.String()), parcelNo: Nullable(Type.String()), lon: Type.Number(), lat: Type.Number(),
  species: Nullable(Type.String()), dbhCm: Nullable(Type.Number()), condition: lit(['dead', 'dying'] as const), source: lit(deadTreeSources), sourceRef: Nullable(Type.String()),
  foundAt: Type.String(), foundBy: Type.String(), state: lit(deadTreeSteps), cause: lit(deadTreeCauses), done: Type.Boolean(), sampleNo: Nullable(Type.String()),
  sampledAt: Nullable(Type.String()), labReceivedAt: Nullable(Type.String()), resultAt: Nullable(Type.String()), outcome: Type.Union([lit(['positive', 'negative'] as const), Type.Null()]),
  firstInCounty: Type.Boolean(), phoneReportedAt: Nullable(Type.String()), writtenReportAt: Nullable(Type.String()), felledAt: Nullable(Type.String()), disposedAt: Nullable(Type.String()),
  disposalMethod: Type.Union([lit(disposalMethods), Type.Null()]), stumpTreatedAt: Nullable(Type.String()), version: Type.Integer(), updatedAt: Type.String(),
});
const Detail = Type.Intersect([Tree, Type.Object({
  steps: Type.Array(Type.Object({
    id: Type.String(), step: lit(deadTreeSteps), at: Type.String(), person: Type.String(), userName: Nullable(Type.String()), lon: Nullable(Type.Number()), lat: Nullable(Type.Number()),
    photoFileId: Nullable(Type.String()), data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]), note: Nullable(Type.String()),
  })),
  outstanding: Type.Array(lit(deadTreeSteps)), allowedNext: Type.Array(lit(deadTreeSteps)),
  deadlines: Type.Object({
    writtenResultDue: Nullable(Type.String()), calendarCovered: Type.Boolean(), phoneReportDue: Nullable(Type.String()), writtenReportDue: Nullable(Type.String()),
    clearing: Type.Union([Type.Object({ mode: lit(['centralised', 'same_day'] as const), disposeBy: Type.String() }), Type.Null()]),
  }),
  overdue: Type.Array(Type.Object({ duty: lit(['written_result', 'phone_report', 'written_report', 'disposal'] as const), dueAt: Type.String(), problemId: Type.String() })),
  parcelSampling: Type.Union([Type.Object({ status: lit(samplingStatuses), nextBatch: Type.Integer(), explanation: Type.String() }, { description: '未取样、未处理的疫木所在小班的取样方案' }), Type.Null()]),
  canRecord: Type.Boolean(),
})]);
const ListQuery = {
  unit: Type.Optional(UnitCode), parcel: Type.Optional(Type.String({ maxLength: 64, description: '小班编号（一本账中的 id）' })),
  state: Type.Optional(Type.Array(lit(deadTreeSteps), { maxItems: 6 })), cause: Type.Optional(Type.Array(lit(deadTreeCauses), { maxItems: 4 })),
  open: Type.Optional(Type.Boolean({ description: 'true 只看未完成除治的，false 只看已完成的' })), source: Type.Optional(lit(deadTreeSources)),
  year: Type.Optional(Year), q: Type.Optional(Type.String({ maxLength: 50 })),
};
const Cm = (description: string) => Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1000, description })));
const Disposal = Strict({
  method: lit(disposalMethods), stumpHeightCm: Cm('伐桩高度（厘米）'), chipSizeCm: Cm('粉碎粒径（厘米）'), chipThicknessCm: Cm('削片厚度（厘米）'),
  peelThicknessCm: Cm('剥皮（旋切）厚度（厘米）'), fumigated: Type.Optional(Nullable(Type.Boolean({ description: '钢丝网罩内已施药熏蒸' }))),
  branchesTreated: Type.Boolean({ description: '直径 1 厘米以上枝丫已一并处理' }),
});
const SamplingPlanSchema = Type.Object({
  status: lit(samplingStatuses), stage: lit(['first', 'all_remaining', 'follow_up', 'done'] as const), required: Type.Integer(), nextBatch: Type.Integer(),
  pending: Type.Integer(), done: Type.Boolean(), explanation: Type.String(),
});
const ParcelSampling = Type.Object({
  parcelId: Type.String(), parcelNo: Nullable(Type.String()), unitCode: Type.String(), unitName: Type.String(), deadTrees: Type.Integer(), sampled: Type.Integer(),
  negatives: Type.Integer(), positives: Type.Integer(), plan: SamplingPlanSchema,
});

export async function deadTreeRoutes(app: TypedApp, trees: DeadTreeService, imports: DeadTreeImportService): Promise<void> {
  app.get('/api/pests/dead-trees', {
    schema: {
      tags: ['pests'], summary: '疫木（死亡、濒死松树）列表：按发现时间倒序，含各环节与按状态、原因的株数', querystring: Strict({ ...PageQuery, ...ListQuery }),
      response: { 200: Type.Intersect([Page(Tree), Type.Object({ counts: Type.Array(Type.Object({ state: Type.String(), cause: Type.String(), done: Type.Boolean(), n: Type.Integer() })) })]) },
    },
  }, async (request) => unwrap(await trees.list(viewer(request), request.query)));
  app.get('/api/pests/dead-trees/map', { schema: { tags: ['pests'], summary: '疫木点位（GeoJSON，按除治环节着色，最多 20000 株）', querystring: Strict(ListQuery) } },
    async (request) => unwrap(await trees.map(viewer(request), request.query)));
  app.get('/api/pests/sampling', {
    schema: {
      tags: ['pests'], summary: '小班取样：各小班死亡松树数、已取样与检测结果，以及按技术方案还需取样的株数',
      querystring: Strict({ year: Year, unit: Type.Optional(UnitCode), status: Type.Optional(lit(samplingStatuses)) }),
      response: {
        200: Type.Object({
          year: Type.Integer(), parcels: Type.Array(ParcelSampling), outsideParcels: Type.Integer({ description: '不在任何小班内的疫木株数' }),
          totals: Type.Record(Type.String(), Type.Integer()), statusNames: Type.Record(Type.String(), Type.String()),
        }),
      },
    },
  }, async (request) => unwrap(await trees.sampling(viewer(request), request.query)));
  app.get('/api/pests/sampling/:id', {
    schema: {
      tags: ['pests'], summary: '一个小班的取样方案与其中的疫木', params: IdParams, querystring: Strict({ year: Year }),
      response: { 200: Type.Object({ year: Type.Integer(), parcel: ParcelSampling, trees: Type.Array(Tree) }) },
    },
  }, async (request) => unwrap(await trees.parcelSampling(viewer(request), request.params.id, request.query.year)));
  app.get('/api/pests/dead-trees/:id', { schema: { tags: ['pests'], summary: '疫木详情：各环节（时间、人员、照片、位置）、检测与除治期限、逾期转办的问题', params: IdParams, response: { 200: Detail } } },
    async (request) => unwrap(await trees.get(viewer(request), request.params.id)));
  app.post('/api/pests/dead-trees', {
    schema: {
      tags: ['pests'], summary: '登记一株死亡或濒死松树（位置决定所属村与小班）',
      body: Strict({
        id: ClientId, lon: Lon, lat: Lat, condition: Type.Optional(lit(['dead', 'dying'] as const)), species: Type.Optional(Type.String({ maxLength: 20 })),
        dbhCm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 300, description: '胸径（厘米）' })), source: lit(deadTreeSources), foundAt: Instant, person: Person,
        photoFileId: Type.Optional(FileId), note: Type.Optional(Type.String({ maxLength: 1000 })),
        problemId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '由“松树异常死亡”问题登记时的问题编号（问题随即关联该疫木）' })),
      }),
      response: { 200: Detail, 201: Detail },
    },
  }, async (request, reply) => {
    const r = unwrap(await trees.register(viewer(request), request.body));
    return reply.code(r.created ? 201 : 200).send(r.tree);
  });
  app.post('/api/pests/dead-trees/:id/steps', {
    schema: {
      tags: ['pests'], summary: '记录疫木的下一环节：取样、检测结果、伐除、除害处理（校验伐桩高度、粉碎粒径、即死即清）、伐桩处理', params: IdParams,
      body: Strict({
        version: Version, step: lit(deadTreeSteps.filter((s) => s !== 'found')), at: Instant, person: Person, lon: Type.Optional(Lon), lat: Type.Optional(Lat),
        photoFileId: Type.Optional(FileId), note: Type.Optional(Type.String({ maxLength: 1000 })), sampleNo: Type.Optional(Type.String({ maxLength: 40, description: '样品编号' })),
        labReceivedAt: Type.Optional(Instant), outcome: Type.Optional(lit(['positive', 'negative'] as const)), disposal: Type.Optional(Disposal),
      }),
      response: { 200: Detail },
    },
  }, async (request) => unwrap(await trees.step(viewer(request), request.params.id, request.body)));
  app.post('/api/pests/dead-trees/:id/reports', {
    schema: {
      tags: ['pests'], summary: '登记新发疫情（本县首次检出）的电话报告或书面报告时间', params: IdParams,
      body: Strict({ version: Version, kind: lit(['phone', 'written'] as const), at: Instant }), response: { 200: Detail },
    },
  }, async (request) => unwrap(await trees.report(viewer(request), request.params.id, request.body)));
  app.post('/api/pests/dead-trees/import', {
    bodyLimit: 24 * 1024 * 1024,
    schema: {
      tags: ['pests'], summary: '导入疫木清单（CSV、Excel 或 GeoJSON 点）：逐行校验（辖区外、数值错误、编号重复），commit=true 时才写入',
      body: Strict({
        fileName: Type.String({ minLength: 1, maxLength: 200 }), contentBase64: Type.String({ minLength: 1, maxLength: 24 * 1024 * 1024, description: '文件内容（Base64）' }),
        source: lit(deadTreeSources), foundOn: Type.Optional(IsoDate), person: Type.Optional(Type.String({ maxLength: 50 })),
        commit: Type.Optional(Type.Boolean({ default: false, description: '确认写入；默认只校验' })),
      }),
    },
  }, async (request) => {
    const b = request.body;
    if (!/^[A-Za-z0-9+/=\r\n]+$/.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
    return unwrap(await imports.run(viewer(request), { fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), commit: b.commit ?? false, source: b.source, foundOn: b.foundOn, person: b.person }));
  });
}

import { Type } from '@sinclair/typebox';
import { postLevels, postRoles, ruleActions, rulePeriods, ruleRoles, targetOps } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { problems as httpProblems, unwrap } from '../http/problem.ts';
import { IdParams, IsoDate, Strict, UnitCode, lit } from '../http/schemas.ts';
import type { WorkPlanService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

const Target = Strict({
  subject: Type.String({ minLength: 1, maxLength: 100, description: '指标名称：数量所指的对象，如 营造林' }),
  value: Type.Number({ minimum: 0, description: '目标值（按原文，18.2万亩 记 18.2）' }),
  unit: Type.String({ minLength: 1, maxLength: 20, description: '单位（按原文，万亩 仍为 万亩）' }),
  op: lit(targetOps),
  text: Type.String({ minLength: 1, maxLength: 2000, description: '指标所在的原文句子' }),
});
const Rule = Strict({
  text: Type.String({ minLength: 1, maxLength: 2000 }),
  role: Type.Optional(lit(ruleRoles)),
  action: lit(ruleActions),
  period: lit(rulePeriods),
  min: Type.Integer({ minimum: 1, maximum: 1000, description: '每周期至少次数' }),
});
const Task = Strict({
  number: Type.Optional(Nullable(Text(20))), title: Type.String({ minLength: 1, maxLength: 200 }), text: Type.String({ minLength: 1, maxLength: 20_000 }),
  deadline: Type.Optional(Nullable(IsoDate)), targets: Type.Array(Target, { maxItems: 200 }), rules: Type.Array(Rule, { maxItems: 100 }),
});
const Section = Strict({ number: Type.Optional(Nullable(Text(20))), title: Type.String({ minLength: 1, maxLength: 200 }), tasks: Type.Array(Task, { maxItems: 200 }) });
const Finding = Type.Object({ severity: Type.String(), line: Type.Integer(), message: Type.String() });
const Preview = Type.Object({
  fileName: Type.String(), title: Nullable(Type.String()), issuer: Nullable(Type.String()), year: Nullable(Type.Integer()),
  sections: Type.Array(Section), findings: Type.Array(Finding), fileFindings: Type.Array(Type.String()),
});
const Summary = Type.Object({
  id: Type.String(), unitCode: Type.String(), unitName: Type.String(), year: Type.Integer(), title: Type.String(), issuer: Nullable(Type.String()), version: Type.Integer(),
  sourceFile: Type.String(), importedBy: Nullable(Type.String()), importedAt: Type.String(), sections: Type.Integer(), tasks: Type.Integer(), targets: Type.Integer(), rules: Type.Integer(),
});
const StoredTarget = Type.Object({ id: Type.String(), subject: Type.String(), value: Type.Number(), unit: Type.String(), op: lit(targetOps), text: Type.String() });
const StoredRule = Type.Object({ id: Type.String(), text: Type.String(), role: Type.Union([lit(ruleRoles), Type.Null()]), action: lit(ruleActions), period: lit(rulePeriods), min: Type.Integer() });
const Stored = Type.Intersect([Summary, Type.Object({
  outline: Type.Array(Type.Object({
    id: Type.String(), number: Nullable(Type.String()), title: Type.String(),
    tasks: Type.Array(Type.Object({ id: Type.String(), number: Nullable(Type.String()), title: Type.String(), text: Type.String(), deadline: Nullable(Type.String()), targets: Type.Array(StoredTarget), rules: Type.Array(StoredRule) })),
  })),
})]);

export async function workPlanRoutes(app: TypedApp, service: WorkPlanService): Promise<void> {
  app.post('/api/workplans/preview', {
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags: ['workplans'], summary: '工作要点导入预览（.txt / .docx）：拆分部分与任务，提取量化指标、期限和巡林/报告职责建议；不写入任何数据',
      body: Strict({
        fileName: Type.String({ minLength: 1, maxLength: 200, description: '文件名，按扩展名 .txt / .docx 读取' }),
        contentBase64: Type.String({ minLength: 1, maxLength: 16 * 1024 * 1024 }),
        year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: '要点年度（不填则从标题读取）' })),
      }),
      response: { 200: Preview },
    },
  }, async (request) => {
    const b = request.body;
    if (!/^[A-Za-z0-9+/=\r\n]+$/.test(b.contentBase64)) throw httpProblems.invalid([{ field: '/body/contentBase64', message: '文件内容不是有效的 Base64' }]);
    return unwrap(service.preview(viewer(request), { fileName: b.fileName, content: new Uint8Array(Buffer.from(b.contentBase64, 'base64')), year: b.year }));
  });
  app.post('/api/workplans', {
    bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags: ['workplans'], summary: '确认导入工作要点：写入经人工核对（可删除、修改指标与职责）后的内容；同一单位、年度、标题再次导入时另存为新版本',
      body: Strict({
        fileName: Type.String({ minLength: 1, maxLength: 200, description: '来源文件名' }),
        title: Type.String({ minLength: 1, maxLength: 200 }), year: Type.Integer({ minimum: 1990, maximum: 2100 }),
        issuer: Type.Optional(Nullable(Text(100))), unitCode: Type.Optional(UnitCode),
        sections: Type.Array(Section, { minItems: 1, maxItems: 100 }),
      }),
      response: { 201: Stored },
    },
  }, async (request, reply) => reply.code(201).send(unwrap(await service.confirm(viewer(request), request.body))));
  app.get('/api/workplans', {
    schema: { tags: ['workplans'], summary: '已导入的工作要点（本辖区，按年度倒序，含各版本）', querystring: Strict({ year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })) }), response: { 200: Type.Array(Summary) } },
  }, async (request) => unwrap(await service.list(viewer(request), request.query)));
  app.post('/api/workplans/rules/:id/adopt', {
    schema: {
      tags: ['workplans'], summary: '把工作要点中的一条巡林/报告职责采用为职责规则（新版本，自生效日起；原文未写明的岗位或层级须选择；仅管理员）',
      params: IdParams,
      body: Strict({
        effectiveFrom: IsoDate, role: Type.Optional(lit(postRoles)), level: Type.Optional(lit(postLevels)),
      }),
    },
  }, async (request, reply) => reply.code(201).send(unwrap(await service.adoptRule(viewer(request), request.params.id, request.body))));
  app.get('/api/workplans/:id', {
    schema: { tags: ['workplans'], summary: '一份工作要点：部分、任务、量化指标与职责建议', params: IdParams, response: { 200: Stored } },
  }, async (request) => unwrap(await service.get(viewer(request), request.params.id)));
}

import { Type } from '@sinclair/typebox';
import { indicatorKeys, targetOps } from '@linzhang/domain';
import { viewer, type TypedApp } from '../http/app.ts';
import { unwrap } from '../http/problem.ts';
import { IdParams, IsoDate, Strict, UnitCode, lit } from '../http/schemas.ts';
import { reportSchedules } from '@linzhang/domain';
import type { WorkPlanTargetService } from './target-service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const FileId = Type.String({ minLength: 1, maxLength: 100, description: '已上传文件的 id（POST /api/files）' });
const statuses = ['met', 'on_track', 'behind', 'not_met', 'unknown', 'incompatible'] as const;
const Tracking = Type.Object({
  ownerUnitCodes: Type.Array(Type.String()), ownerUnitNames: Type.Array(Type.String()), ownerPersonId: Nullable(Type.String()), ownerPersonName: Nullable(Type.String()),
  measure: lit(['manual', 'indicator'] as const), indicatorKey: Nullable(Type.String()), indicatorUnitCode: Nullable(Type.String()),
  reportEvery: Nullable(lit(reportSchedules)), dueOn: Nullable(Type.String()), closedAt: Nullable(Type.String()), closedBy: Nullable(Type.String()), closeNote: Nullable(Type.String()),
  version: Type.Integer(), updatedAt: Type.String(),
});
const Tracked = Type.Object({
  id: Type.String(), planId: Type.String(), planTitle: Type.String(), planYear: Type.Integer(), taskId: Type.String(), taskNumber: Nullable(Type.String()), taskTitle: Type.String(),
  subject: Type.String(), value: Type.Number(), unit: Type.String(), op: lit(targetOps), text: Type.String(), dueOn: Type.String(),
  tracking: Nullable(Tracking),
  reading: Type.Object({ value: Nullable(Type.Number()), unit: Type.String(), source: Nullable(lit(['indicator', 'report'] as const)), note: Nullable(Type.String()), link: Nullable(Type.String()) }),
  progress: Type.Object({ current: Nullable(Type.Number({ description: '按目标单位折算的完成量' })), share: Nullable(Type.Number()), expected: Nullable(Type.Number({ description: '按时间进度应完成量' })), status: lit(statuses) }),
  reports: Type.Array(Type.Object({
    id: Type.String(), periodKey: Type.String(), value: Nullable(Type.Number()), unit: Nullable(Type.String()), note: Type.String(), reportedBy: Nullable(Type.String()),
    reporterName: Nullable(Type.String()), reportedAt: Type.String(), version: Type.Integer(), fileIds: Type.Array(Type.String()),
  })),
  evidence: Type.Array(Type.String({ description: '销号佐证文件 id' })),
  missingReports: Type.Array(Type.Object({ periodKey: Type.String(), urgedAt: Nullable(Type.String({ description: '督办时间；未督办为空' })) })),
});
const tags = ['workplans'];

export async function workPlanTargetRoutes(app: TypedApp, targets: WorkPlanTargetService): Promise<void> {
  app.get('/api/workplans/:id/targets', {
    schema: { tags, summary: '工作要点各目标的责任、度量与进度（关联指标的按系统记录实时计算）', params: IdParams, response: { 200: Type.Object({ planId: Type.String(), asOf: Type.String(), items: Type.Array(Tracked) }) } },
  }, async (request) => unwrap(await targets.listForPlan(viewer(request), request.params.id)));
  app.get('/api/workplans/targets/mine', {
    schema: { tags, summary: '我负责的目标（我是责任人，或我所在单位是责任单位；未销号）', response: { 200: Type.Object({ asOf: Type.String(), items: Type.Array(Tracked) }) } },
  }, async (request) => unwrap(await targets.mine(viewer(request))));
  app.get('/api/workplans/targets/:id', {
    schema: { tags, summary: '一个目标的责任、进度报告、督办与销号佐证', params: IdParams, response: { 200: Tracked } },
  }, async (request) => unwrap(await targets.get(viewer(request), request.params.id)));
  app.put('/api/workplans/targets/:id/tracking', {
    schema: {
      tags, summary: '设置目标的责任单位、责任人、度量（进度报告或系统指标）、报告频次与完成期限（林业局工作人员）', params: IdParams,
      body: Strict({
        ownerUnitCodes: Type.Array(UnitCode, { minItems: 1, maxItems: 50, description: '责任单位' }),
        ownerPersonId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
        measure: lit(['manual', 'indicator'] as const),
        indicatorKey: Type.Optional(Nullable(Type.String({ description: `系统指标：${indicatorKeys.join('、')}` }))),
        indicatorUnitCode: Type.Optional(Nullable(UnitCode)),
        reportEvery: Type.Optional(Nullable(lit(reportSchedules))),
        dueOn: Type.Optional(Nullable(IsoDate)),
        version: Type.Optional(Type.Integer({ minimum: 1, description: '所读版本（并发修改检查）' })),
      }),
      response: { 200: Tracked },
    },
  }, async (request) => unwrap(await targets.setTracking(viewer(request), request.params.id, request.body)));
  app.post('/api/workplans/targets/:id/reports', {
    schema: {
      tags, summary: '报告进度（同一报告期再次报告即更正）：截至本期累计完成量与情况说明', params: IdParams,
      body: Strict({
        periodKey: Type.Optional(Type.String({ maxLength: 20, description: '报告期：2024-05、2024-Q2、2024-H1；默认当前期' })),
        value: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
        unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: '所填数量的单位（默认目标单位，可填可换算的单位如 亩）' })),
        note: Type.String({ minLength: 1, maxLength: 5000, description: '进展情况' }),
        fileIds: Type.Optional(Type.Array(FileId, { maxItems: 20 })),
      }),
      response: { 200: Tracked },
    },
  }, async (request) => unwrap(await targets.report(viewer(request), request.params.id, request.body)));
  app.post('/api/workplans/targets/:id/close', {
    schema: {
      tags, summary: '销号：须附至少一个佐证文件', params: IdParams,
      body: Strict({ note: Type.String({ minLength: 1, maxLength: 5000, description: '销号说明' }), fileIds: Type.Array(FileId, { maxItems: 20 }), version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: { 200: Tracked },
    },
  }, async (request) => unwrap(await targets.close(viewer(request), request.params.id, request.body)));
  app.post('/api/workplans/targets/:id/reopen', {
    schema: { tags, summary: '撤销销号（原因记入审计日志）', params: IdParams, body: Strict({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }), response: { 200: Tracked } },
  }, async (request) => unwrap(await targets.reopen(viewer(request), request.params.id, request.body)));
}

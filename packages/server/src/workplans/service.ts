import {
  confirmedPlanErrors, dutyRuleFromSuggestion, isInScope, parseWorkPlan, withDutyRule,
  type AdoptAnswer, type ConfirmedPlan, type ParsedWorkPlan, type RuleAction, type RulePeriod, type RuleRole,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { failure, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { readPlanFile } from './read-plan-file.ts';
import { WorkPlanRepository, type PlanSummary, type StoredPlan } from './repository.ts';
import type { RuleService } from '../rules/service.ts';

export interface WorkPlanPreview extends ParsedWorkPlan {
  fileName: string;
  /** What reading the file itself noticed (encoding, Word numbering). */
  fileFindings: string[];
}

export interface ConfirmInput extends ConfirmedPlan {
  fileName: string;
  issuer?: string | null | undefined;
  /** The unit the plan is the bureau's plan for; the importer's own scope unit when left out. */
  unitCode?: string | undefined;
}

/** A plan file read and parsed: what the page previews and the command line prints (no store involved). */
export function previewPlanFile(input: { fileName: string; content: Uint8Array; year?: number | undefined }): ServiceResult<WorkPlanPreview> {
  const file = readPlanFile(input.fileName, input.content);
  if (!file.ok) return failure({ kind: 'invalid', errors: [{ field: '/body/fileName', message: file.error }] });
  return success({ fileName: input.fileName, fileFindings: file.value.findings, ...parseWorkPlan(file.value.text, { year: input.year }) });
}

const canImport = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');

/**
 * Work-plan import (issue 8 §1): a file becomes a proposal (sections, tasks, targets, suggested duty rules) that
 * nothing stores; the plan a person confirms after review is stored in one transaction with an audit entry.
 * Importing the same plan (unit, year, title) again stores a new version beside the earlier ones.
 */
export class WorkPlanService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules?: RuleService,
  ) {}

  /**
   * Adopts one of a stored plan's suggested duty rules into the versioned duty-rule table (administrators): the
   * table in force on `effectiveFrom` with this rule in place of the same role, level and duty, as a new version
   * from that date. The post's role or level, when the plan's words do not say them, come from `answer`.
   */
  async adoptRule(viewer: Viewer, ruleId: string, input: AdoptAnswer & { effectiveFrom: string }) {
    if (!this.rules) throw new Error('WorkPlanService.adoptRule needs the rule service');
    const row = await new WorkPlanRepository(this.store.db).rule(ruleId);
    if (!row || !isInScope(row.unitCode, viewer.scopeCode)) return notFound();
    const made = dutyRuleFromSuggestion({ text: row.text, role: row.role as RuleRole | null, action: row.action as RuleAction, period: row.period as RulePeriod, min: row.min }, input, `《${row.planTitle}》：${row.text}`);
    if (!made.ok) return failure({ kind: 'invalid', errors: [{ field: `/body/${made.field}`, message: made.message }] });
    // A version already set to start later would not carry the rule: adopt it from that version's date instead.
    const later = (await this.rules.overview('duty_rules'));
    const next = later.ok ? later.value.versions.map((v) => v.effectiveFrom).filter((d) => d > input.effectiveFrom).sort()[0] : undefined;
    if (next) return failure({ kind: 'conflict', field: '/body/effectiveFrom', message: `已有自 ${next} 起生效的职责规则版本，请以该日或之后的日期采用` });
    const table = await this.rules.dutyRulesAt(input.effectiveFrom);
    return this.rules.addVersion(viewer, 'duty_rules', { effectiveFrom: input.effectiveFrom, body: withDutyRule(table, made.rule), note: `采用工作要点职责：${row.text}` });
  }

  preview(viewer: Viewer, input: { fileName: string; content: Uint8Array; year?: number | undefined }): ServiceResult<WorkPlanPreview> {
    if (!canImport(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以导入工作要点' });
    return previewPlanFile(input);
  }

  async confirm(viewer: Viewer, input: ConfirmInput): Promise<ServiceResult<StoredPlan>> {
    if (!canImport(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以导入工作要点' });
    const unitCode = input.unitCode ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return failure({ kind: 'invalid', errors: [{ field: '/body/unitCode', message: '所选单位不在您的管辖范围内' }] });
    const errors = confirmedPlanErrors(input);
    if (errors.length) return failure({ kind: 'invalid', errors: errors.map((e) => ({ field: `/body${e.path}`, message: e.message })) });
    const unit = await this.store.db.selectFrom('units').select('code').where('code', '=', unitCode).executeTakeFirst();
    if (!unit) return failure({ kind: 'invalid', errors: [{ field: '/body/unitCode', message: '单位不存在' }] });
    const at = this.now().toISOString();
    const title = input.title.trim();
    const id = await this.store.db.transaction().execute(async (trx) => {
      const repo = new WorkPlanRepository(trx);
      const version = await repo.nextVersion(unitCode, input.year, title);
      const planId = await repo.insert({ ...input, title, unitCode, issuer: input.issuer?.trim() || null, sourceFile: input.fileName }, version, viewer.userId, at);
      const targets = input.sections.reduce((n, s) => n + s.tasks.reduce((m, t) => m + t.targets.length, 0), 0);
      const rules = input.sections.reduce((n, s) => n + s.tasks.reduce((m, t) => m + t.rules.length, 0), 0);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'workplan', entityId: planId, after: { unitCode, year: input.year, title, version, sourceFile: input.fileName, sections: input.sections.length, targets, rules } }, at);
      return planId;
    });
    const plan = await new WorkPlanRepository(this.store.db).get(id);
    return success(plan!);
  }

  /** The command line's import: the file read and, with `commit`, stored as read (the operator reviewed the preview). */
  async importFile(viewer: Viewer, input: { fileName: string; content: Uint8Array; year?: number | undefined; commit: boolean; unitCode?: string | undefined }): Promise<ServiceResult<{ preview: WorkPlanPreview; stored: PlanSummary | null }>> {
    const preview = this.preview(viewer, input);
    if (!preview.ok) return preview;
    if (!input.commit) return success({ preview: preview.value, stored: null });
    const p = preview.value;
    if (p.year === null) return failure({ kind: 'invalid', errors: [{ field: '--year', message: '未能从标题读出年度，请用 --year 指定' }] });
    const stored = await this.confirm(viewer, { unitCode: input.unitCode, fileName: p.fileName, title: p.title ?? p.fileName.replace(/\.[^.]+$/, ''), issuer: p.issuer, year: p.year, sections: p.sections });
    return stored.ok ? success({ preview: p, stored: stored.value }) : stored;
  }

  async list(viewer: Viewer, input: { year?: number | undefined }): Promise<ServiceResult<PlanSummary[]>> {
    return success(await new WorkPlanRepository(this.store.db).list(viewer.scopePrefix, input.year));
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<StoredPlan>> {
    const plan = await new WorkPlanRepository(this.store.db).get(id);
    if (!plan || !isInScope(plan.unitCode, viewer.scopeCode)) return notFound();
    return success(plan);
  }
}

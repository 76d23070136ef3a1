import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ConfirmedPlan, RuleAction, RulePeriod, RuleRole, TargetOp } from '@linzhang/domain';
import type { Database } from '../db/schema.ts';
import { codePrefix } from '../db/paginate.ts';

export interface PlanSummary {
  id: string;
  unitCode: string;
  unitName: string;
  year: number;
  title: string;
  issuer: string | null;
  version: number;
  sourceFile: string;
  importedBy: string | null;
  importedAt: string;
  sections: number;
  tasks: number;
  targets: number;
  rules: number;
}

export interface StoredTarget {
  id: string;
  subject: string;
  value: number;
  unit: string;
  op: TargetOp;
  text: string;
}

export interface StoredRule {
  id: string;
  text: string;
  role: RuleRole | null;
  action: RuleAction;
  period: RulePeriod;
  min: number;
}

export interface StoredPlan extends PlanSummary {
  outline: {
    id: string;
    number: string | null;
    title: string;
    tasks: { id: string; number: string | null; title: string; text: string; deadline: string | null; targets: StoredTarget[]; rules: StoredRule[] }[];
  }[];
}

const countOf = (table: 'workplan_sections' | 'workplan_tasks' | 'workplan_targets' | 'workplan_rules') =>
  sql<number>`(select count(*) from ${sql.table(table)} x where x.plan_id = p.id)`;

/** SQL of imported work plans (issue 8 §1). */
export class WorkPlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The version a new import of this plan gets: one more than the last stored for the same unit, year and title. */
  async nextVersion(unitCode: string, year: number, title: string): Promise<number> {
    const row = await this.db.selectFrom('workplans').select((eb) => eb.fn.max('version').as('v')).where('unit_code', '=', unitCode).where('year', '=', year).where('title', '=', title).executeTakeFirst();
    return Number(row?.v ?? 0) + 1;
  }

  async insert(plan: ConfirmedPlan & { unitCode: string; issuer: string | null; sourceFile: string }, version: number, userId: string | null, at: string): Promise<string> {
    const planId = randomUUID();
    await this.db.insertInto('workplans').values({
      id: planId, unit_code: plan.unitCode, year: plan.year, title: plan.title.trim(), issuer: plan.issuer, version, source_file: plan.sourceFile, imported_by: userId, imported_at: at,
    }).execute();
    let taskPosition = 0;
    let targetPosition = 0;
    let rulePosition = 0;
    for (const [i, s] of plan.sections.entries()) {
      const sectionId = randomUUID();
      await this.db.insertInto('workplan_sections').values({ id: sectionId, plan_id: planId, position: i, number: s.number ?? null, title: s.title.trim() }).execute();
      for (const t of s.tasks) {
        const taskId = randomUUID();
        await this.db.insertInto('workplan_tasks').values({
          id: taskId, plan_id: planId, section_id: sectionId, position: taskPosition++, number: t.number ?? null, title: t.title.trim(), text: t.text, deadline: t.deadline ?? null,
        }).execute();
        const targets = t.targets.map((g) => ({ id: randomUUID(), plan_id: planId, task_id: taskId, position: targetPosition++, subject: g.subject.trim(), value: g.value, unit: g.unit.trim(), op: g.op, text: g.text }));
        if (targets.length) await this.db.insertInto('workplan_targets').values(targets).execute();
        const rules = t.rules.map((r) => ({ id: randomUUID(), plan_id: planId, task_id: taskId, position: rulePosition++, text: r.text, role: r.role ?? null, action: r.action, period: r.period, min_count: r.min }));
        if (rules.length) await this.db.insertInto('workplan_rules').values(rules).execute();
      }
    }
    return planId;
  }

  private summaries() {
    return this.db.selectFrom('workplans as p').innerJoin('units as u', 'u.code', 'p.unit_code').selectAll('p').select([
      'u.short_name', countOf('workplan_sections').as('sections'), countOf('workplan_tasks').as('tasks'), countOf('workplan_targets').as('targets'), countOf('workplan_rules').as('rules'),
    ]);
  }

  private static toSummary(r: Awaited<ReturnType<ReturnType<WorkPlanRepository['summaries']>['execute']>>[number]): PlanSummary {
    return {
      id: r.id, unitCode: r.unit_code, unitName: r.short_name, year: r.year, title: r.title, issuer: r.issuer, version: r.version, sourceFile: r.source_file,
      importedBy: r.imported_by, importedAt: r.imported_at, sections: Number(r.sections), tasks: Number(r.tasks), targets: Number(r.targets), rules: Number(r.rules),
    };
  }

  async list(scopePrefix: string, year?: number): Promise<PlanSummary[]> {
    let q = this.summaries().where('p.unit_code', 'like', codePrefix(scopePrefix));
    if (year !== undefined) q = q.where('p.year', '=', year);
    const rows = await q.orderBy('p.year', 'desc').orderBy('p.title').orderBy('p.version', 'desc').execute();
    return rows.map(WorkPlanRepository.toSummary);
  }

  /** A unit's own latest plan (the latest year, then the latest version and import). */
  async latestOf(unitCode: string): Promise<{ id: string; title: string; year: number } | undefined> {
    return this.db.selectFrom('workplans').select(['id', 'title', 'year']).where('unit_code', '=', unitCode)
      .orderBy('year', 'desc').orderBy('version', 'desc').orderBy('imported_at', 'desc').executeTakeFirst();
  }

  /** One suggested duty rule with its plan's unit and title. */
  async rule(id: string): Promise<{ id: string; text: string; role: string | null; action: string; period: string; min: number; unitCode: string; planTitle: string } | null> {
    const r = await this.db.selectFrom('workplan_rules as r').innerJoin('workplans as p', 'p.id', 'r.plan_id')
      .select(['r.id', 'r.text', 'r.role', 'r.action', 'r.period', 'r.min_count', 'p.unit_code', 'p.title']).where('r.id', '=', id).executeTakeFirst();
    return r ? { id: r.id, text: r.text, role: r.role, action: r.action, period: r.period, min: r.min_count, unitCode: r.unit_code, planTitle: r.title } : null;
  }

  async get(id: string): Promise<StoredPlan | null> {
    const row = await this.summaries().where('p.id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [sections, tasks, targets, rules] = await Promise.all([
      this.db.selectFrom('workplan_sections').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
      this.db.selectFrom('workplan_tasks').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
      this.db.selectFrom('workplan_targets').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
      this.db.selectFrom('workplan_rules').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
    ]);
    return {
      ...WorkPlanRepository.toSummary(row),
      outline: sections.map((s) => ({
        id: s.id, number: s.number, title: s.title,
        tasks: tasks.filter((t) => t.section_id === s.id).map((t) => ({
          id: t.id, number: t.number, title: t.title, text: t.text, deadline: t.deadline,
          targets: targets.filter((g) => g.task_id === t.id).map((g) => ({ id: g.id, subject: g.subject, value: Number(g.value), unit: g.unit, op: g.op as TargetOp, text: g.text })),
          rules: rules.filter((r) => r.task_id === t.id).map((r) => ({ id: r.id, text: r.text, role: r.role as RuleRole | null, action: r.action as RuleAction, period: r.period as RulePeriod, min: r.min_count })),
        })),
      })),
    };
  }
}

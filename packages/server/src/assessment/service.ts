import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  assessmentSchemeErrors, assessmentTemplate, indicatorCatalogue, isInScope, parseAssessmentPeriod, quarterEnded, quarterRange, quartersBegun, rankByTotal, scopePrefix,
  scoreItem, unitLevelOf, yearOfQuarters, type AssessmentItem, type AssessmentSchemeInput,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Viewer } from '../auth/viewer.ts';
import { ancestorAt } from '../problems/notify.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import { shanghaiDate } from '../rules/service.ts';
import { PostRepository } from '../posts/repository.ts';
import type { ComplianceService } from '../patrols/compliance-service.ts';
import type { IndicatorReading, IndicatorSource } from '../indicators/indicator-types.ts';
import { linkOf } from '../indicators/service.ts';
import { chinesePdf } from '../fire/entry/poster.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { AssessmentRepository, type SchemeRow } from './repository.ts';

export interface AssessmentScheme extends AssessmentSchemeInput {
  id: string;
  unitCode: string;
  unitName: string;
  year: number;
  version: number;
  createdAt: string;
  /**
   * The viewer assesses with this scheme (staff whose scope holds its county): may revise it, score and finalise. A town's
   * own users read the county's scheme for their town only.
   */
  canEdit: boolean;
}

export interface ScoredItem {
  key: string;
  /** The indicator's value for the subject (its unit in the scheme's item list); null for a manual item or no data. */
  value: number | null;
  points: number;
  explanation: string;
  /** The reading the points rest on: numerator, denominator, note and the page of the records. */
  evidence: Pick<IndicatorReading, 'value' | 'numerator' | 'denominator' | 'note' | 'link'> | null;
}

export interface ScoreRow {
  /** A town's code, or a chief's post id. */
  subjectId: string;
  subjectName: string;
  unitCode: string;
  unitName: string;
  personName: string | null;
  total: number;
  rank: number;
  items: ScoredItem[];
  /** For a year: each quarter scored and its total. */
  quarters: { period: string; total: number }[];
}

export interface AssessmentScores {
  scheme: { id: string; title: string; year: number; version: number; unitCode: string; unitName: string };
  period: string;
  from: string;
  to: string;
  level: 'town' | 'chief';
  /** A period still running: its scores move as records come in. */
  provisional: boolean;
  /** How many towns (or chiefs) the scheme ranks: a town's own users see their rows only, ranked among them all. */
  ranked: number;
  /** The instant the scores are as of: now, or for a finalised quarter the moment it was finalised. */
  asOf: string;
  /** A quarter finalised (定稿): its scores as they were then, whatever came in since; null while open. */
  finalized: { at: string; by: string | null } | null;
  /** For a year: the quarters it averages that are finalised. */
  finalizedQuarters: string[];
  items: { key: string; name: string; weight: number; indicator: string | null; unit: string | null }[];
  rows: ScoreRow[];
}

const canManage = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const round2 = (v: number) => Math.round(v * 100) / 100;
/** Thrown inside a transaction to undo it: the quarter is finalised (or was, a moment ago). */
class Finalized extends Error {}
/** Thrown inside a transaction to undo it: a manual score came in while the quarter was being finalised. */
class ChangedMeanwhile extends Error {}

/** The scheme's county is in the viewer's scope: the viewer's side assesses (the rest only read their own results). */
const assesses = (viewer: Viewer, unitCode: string): boolean => isInScope(unitCode, viewer.scopeCode);
/** A town's users (its office, its chief) read the county's schemes for their town. */
const assessedTown = (viewer: Viewer): string | null => (unitLevelOf(viewer.scopeCode) === 'town' ? viewer.scopeCode : null);

const toScheme = (r: SchemeRow, viewer: Viewer): AssessmentScheme => ({
  id: r.id, unitCode: r.unit_code, unitName: r.short_name, year: r.year, version: r.version, title: r.title, items: JSON.parse(r.items_json) as AssessmentItem[], createdAt: r.created_at,
  canEdit: canManage(viewer) && assesses(viewer, r.unit_code),
});

/**
 * Issue 8 §3: the county's assessment of its towns and their chiefs. A scheme per year (versioned) lists items on
 * 100 points, each computed from an indicator by a rule or entered by the assessor; a quarter's scores read every
 * indicator for the county's towns once (IndicatorService), so each point carries the reading it rests on and a link
 * to its records. A chief's duty items (patrol and report compliance) are the chief's own; the rest are the town's.
 * The year is the mean of its quarters.
 */
export class AssessmentService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly indicators: IndicatorSource,
    private readonly compliance: ComplianceService,
  ) {}

  template(): AssessmentSchemeInput {
    return assessmentTemplate;
  }

  /** A unit's latest scheme (latest year, then version): what the dashboard ranks by. */
  async latestScheme(unitCode: string): Promise<{ id: string; year: number; title: string } | undefined> {
    const row = await new AssessmentRepository(this.store.db).latestOf(unitCode);
    return row && { id: row.id, year: row.year, title: row.title };
  }

  async list(viewer: Viewer, input: { year?: number | undefined }): Promise<ServiceResult<AssessmentScheme[]>> {
    const repo = new AssessmentRepository(this.store.db);
    const town = assessedTown(viewer);
    // A town has no schemes of its own (a county's assess its towns): it lists its county's.
    const rows = await repo.schemesIn(scopePrefix(town ? ancestorAt(town, 'county') : viewer.scopeCode), input.year);
    return success(rows.map((r) => toScheme(r, viewer)));
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<AssessmentScheme>> {
    const row = await new AssessmentRepository(this.store.db).scheme(id);
    const town = assessedTown(viewer);
    if (!row || !(assesses(viewer, row.unit_code) || (town && isInScope(town, row.unit_code)))) return notFound();
    return success(toScheme(row, viewer));
  }

  /** Saves a scheme as the next version for its unit and year; what is wrong comes back as 400s naming the item. */
  async create(viewer: Viewer, input: AssessmentSchemeInput & { year: number; unitCode?: string | undefined }): Promise<ServiceResult<AssessmentScheme>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以制定考核方案' });
    const unitCode = input.unitCode ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '该区划不在您的数据范围内');
    const unit = await new AssessmentRepository(this.store.db).unit(unitCode);
    if (!unit) return invalid('/body/unitCode', `没有这个区划：${unitCode}`);
    if (unit.level !== 'county') return invalid('/body/unitCode', '考核方案由区县制定，考核其下各乡镇（街道）');
    const errors = assessmentSchemeErrors(input);
    if (errors.length) return failure({ kind: 'invalid', errors: errors.map((e) => ({ field: `/body${e.path}`, message: e.message })) });
    const at = this.now().toISOString();
    const id = randomUUID();
    try {
      await this.store.db.transaction().execute(async (trx) => {
        const repo = new AssessmentRepository(trx);
        const last = await repo.lastVersion(unitCode, input.year);
        const version = (last?.version ?? 0) + 1;
        const row = { id, unit_code: unitCode, year: input.year, version, title: input.title.trim(), items_json: JSON.stringify(input.items), created_by: viewer.userId, created_at: at };
        await repo.insertScheme(row);
        // The assessor's points carry over to the new version for the manual items it keeps (capped at the new weight).
        if (last) {
          const kept = new Map(input.items.filter((i) => i.rule.kind === 'manual').map((i) => [i.key, i.weight]));
          const earlier = await repo.manualScores(last.id);
          const carried = earlier.filter((m) => kept.has(m.item_key)).map((m) => ({ ...m, scheme_id: id, points: Math.min(Number(m.points), kept.get(m.item_key)!) }));
          await repo.insertManual(carried);
        }
        await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'assessment_scheme', entityId: id, before: null, after: { ...row, items_json: undefined, items: input.items } }, at);
      });
    } catch (error) {
      if (isUniqueViolation(error)) return failure({ kind: 'conflict', message: '同时有人保存了该年度的考核方案，请刷新后重试' });
      throw error;
    }
    return this.get(viewer, id);
  }

  /** The assessor's points for a manual item, a quarter and a town; the same again replaces them. */
  async setManual(viewer: Viewer, schemeId: string, input: { period: string; unitCode: string; itemKey: string; points: number; note: string }): Promise<ServiceResult<{ saved: true }>> {
    const scheme = await this.get(viewer, schemeId);
    if (!scheme.ok) return scheme;
    if (!scheme.value.canEdit) return failure({ kind: 'forbidden', message: '只有制定方案的区县林业局工作人员可以评分' });
    const s = scheme.value;
    const item = s.items.find((i) => i.key === input.itemKey);
    if (!item) return invalid('/body/itemKey', '方案中没有这个项目');
    if (item.rule.kind !== 'manual') return invalid('/body/itemKey', `“${item.name}”按系统指标计分，不能人工评分`);
    const period = parseAssessmentPeriod(input.period);
    if (period?.kind !== 'quarter' || period.year !== s.year) return invalid('/body/period', `请填写 ${s.year} 年的季度（如 ${s.year}-Q1）`);
    const towns = await new AssessmentRepository(this.store.db).towns(s.unitCode);
    if (!towns.some((t) => t.code === input.unitCode)) return invalid('/body/unitCode', '请选择本方案考核的乡镇（街道）');
    if (!(input.points >= 0 && input.points <= item.weight)) return invalid('/body/points', `得分应在 0 至 ${item.weight} 分之间`);
    const at = this.now().toISOString();
    const row = { scheme_id: schemeId, period_key: input.period, unit_code: input.unitCode, item_key: input.itemKey, points: input.points, note: input.note, entered_by: viewer.userId, entered_at: at };
    try {
      await this.store.db.transaction().execute(async (trx) => {
        const repo = new AssessmentRepository(trx);
        await repo.lockScheme(schemeId);
        if ((await repo.results(schemeId, { period: input.period })).length) throw new Finalized();
        const before = await repo.manualScore(row);
        if (before) await repo.updateManual(row);
        else await repo.insertManual([row]);
        await recordAudit(trx, { userId: viewer.userId, action: before ? 'update' : 'create', entity: 'assessment_manual_score', entityId: `${schemeId}|${input.period}|${input.unitCode}|${input.itemKey}`, before: before ?? null, after: row }, at);
      });
    } catch (error) {
      if (error instanceof Finalized) return failure({ kind: 'conflict', field: '/body/period', message: `${input.period} 的得分已定稿，如需修改请先撤销定稿` });
      if (isUniqueViolation(error)) return failure({ kind: 'conflict', message: '同时有人录入了该项得分，请刷新后重试' });
      throw error;
    }
    return success({ saved: true });
  }

  /**
   * Scores of a quarter (`2024-Q1`) or a year (`2024`, the mean of its quarters begun by today), per town or per town
   * chief. A finalised quarter gives the scores stored when it was finalised.
   */
  async scores(viewer: Viewer, schemeId: string, input: { period: string; level: 'town' | 'chief' }): Promise<ServiceResult<AssessmentScores>> {
    const scheme = await this.get(viewer, schemeId);
    if (!scheme.ok) return scheme;
    const s = scheme.value;
    const now = this.now().toISOString();
    const today = shanghaiDate(Date.parse(now));
    const period = parseAssessmentPeriod(input.period);
    if (!period || period.year !== s.year) return invalid('/querystring/period', `请选择 ${s.year} 年的季度（如 ${s.year}-Q1）或全年（${s.year}）`);
    const quarters = period.kind === 'quarter' ? [period.quarter] : quartersBegun(s.year, today);
    if (!quarters.length || quarterRange(s.year, quarters[0]!).from > today) return invalid('/querystring/period', '该季度尚未开始');
    const stored = new Map((await new AssessmentRepository(this.store.db).results(s.id, { level: input.level })).map((r) => [r.period_key, r]));
    // A town's users read the county's scheme: every town is scored as the county scores it (their rank is among all),
    // and only their own rows leave here.
    const reader: Viewer = s.canEdit ? viewer : { ...viewer, scopeCode: s.unitCode, scopePrefix: scopePrefix(s.unitCode) };
    const perQuarter: { period: string; rows: ScoreRow[] }[] = [];
    for (const q of quarters) {
      const key = `${s.year}-Q${q}`;
      const kept = stored.get(key);
      if (kept) { perQuarter.push({ period: key, rows: JSON.parse(kept.rows_json) as ScoreRow[] }); continue; }
      const r = await this.quarter(reader, s, q, input.level);
      if (!r.ok) return r;
      perQuarter.push({ period: key, rows: r.value });
    }
    const from = quarterRange(s.year, quarters[0]!).from;
    const to = quarterRange(s.year, quarters[quarters.length - 1]!).to;
    const rows = period.kind === 'quarter' ? perQuarter[0]!.rows : yearOfQuarters(perQuarter);
    const finalizedQuarters = perQuarter.map((q) => q.period).filter((k) => stored.has(k));
    const kept = period.kind === 'quarter' ? stored.get(input.period) : undefined;
    return success({
      scheme: { id: s.id, title: s.title, year: s.year, version: s.version, unitCode: s.unitCode, unitName: s.unitName },
      period: input.period, from, to, level: input.level, provisional: !kept && to >= today, asOf: kept?.as_of ?? now,
      finalized: kept ? { at: kept.finalized_at, by: kept.finalized_by } : null, finalizedQuarters,
      items: s.items.map((i) => ({ key: i.key, name: i.name, weight: i.weight, indicator: i.indicator, unit: i.indicator ? indicatorCatalogue[i.indicator].unit : null })),
      ranked: rows.length,
      rows: rankByTotal(rows).filter((r) => s.canEdit || isInScope(r.unitCode, viewer.scopeCode)),
    });
  }

  /**
   * Finalises (定稿) an ended quarter: its scores for the towns and for the chiefs are stored as computed now, and read
   * so from then on — late records no longer move them, and its manual points can no longer be changed.
   */
  async finalize(viewer: Viewer, schemeId: string, input: { period: string }): Promise<ServiceResult<{ period: string; finalizedAt: string; asOf: string }>> {
    const scheme = await this.get(viewer, schemeId);
    if (!scheme.ok) return scheme;
    if (!scheme.value.canEdit) return failure({ kind: 'forbidden', message: '只有制定方案的区县林业局工作人员可以定稿考核结果' });
    const s = scheme.value;
    const period = parseAssessmentPeriod(input.period);
    if (period?.kind !== 'quarter' || period.year !== s.year) return invalid('/body/period', `请选择 ${s.year} 年的季度（如 ${s.year}-Q1）；全年得分为各季度平均，不单独定稿`);
    const asOf = this.now().toISOString();
    if (!quarterEnded(s.year, period.quarter, shanghaiDate(Date.parse(asOf)))) return invalid('/body/period', `${input.period} 尚未结束，结束后才能定稿`);
    const repo = new AssessmentRepository(this.store.db);
    if ((await repo.results(s.id, { period: input.period })).length) return failure({ kind: 'conflict', field: '/body/period', message: `${input.period} 已定稿` });
    // Every manual score of the quarter as read before computing (unit, item, points, note, when): any score saved,
    // changed or removed since shows as a difference, whatever the clocks of the requests that saved them.
    const manualOf = async (r: AssessmentRepository) => JSON.stringify((await r.manualScores(s.id, input.period))
      .map((m) => [m.unit_code, m.item_key, Number(m.points), m.note, m.entered_at, m.entered_by]).sort());
    const manualBefore = await manualOf(repo);
    const rows: { level: 'town' | 'chief'; rows: ScoreRow[] }[] = [];
    for (const level of ['town', 'chief'] as const) {
      const r = await this.quarter(viewer, s, period.quarter, level);
      if (!r.ok) return r;
      rows.push({ level, rows: rankByTotal(r.value) });
    }
    try {
      await this.store.db.transaction().execute(async (trx) => {
        const inTrx = new AssessmentRepository(trx);
        await inTrx.lockScheme(s.id);
        // The points read must be the points stored: an assessor's change during the computing undoes the finalising.
        if ((await manualOf(inTrx)) !== manualBefore) throw new ChangedMeanwhile();
        await inTrx.insertResults(rows.map((r) => ({ scheme_id: s.id, period_key: input.period, level: r.level, rows_json: JSON.stringify(r.rows), as_of: asOf, finalized_by: viewer.userId, finalized_at: asOf })));
        await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'assessment_result', entityId: `${s.id}|${input.period}`, before: null, after: { period: input.period, asOf, towns: rows[0]!.rows.map((r) => ({ unit: r.unitCode, total: r.total, rank: r.rank })) } }, asOf);
      });
    } catch (error) {
      if (error instanceof ChangedMeanwhile) return failure({ kind: 'conflict', message: '定稿期间有人修改了人工评分，请核对后重新定稿' });
      if (isUniqueViolation(error)) return failure({ kind: 'conflict', field: '/body/period', message: `${input.period} 已定稿` });
      throw error;
    }
    return success({ period: input.period, finalizedAt: asOf, asOf });
  }

  /** Withdraws a quarter's finalisation (撤销定稿): its scores are computed afresh again and its manual points open. */
  async unfinalize(viewer: Viewer, schemeId: string, period: string): Promise<ServiceResult<{ period: string; withdrawn: true }>> {
    const scheme = await this.get(viewer, schemeId);
    if (!scheme.ok) return scheme;
    if (!scheme.value.canEdit) return failure({ kind: 'forbidden', message: '只有制定方案的区县林业局工作人员可以撤销定稿' });
    const at = this.now().toISOString();
    const gone = await this.store.db.transaction().execute(async (trx) => {
      const repo = new AssessmentRepository(trx);
      const before = await repo.results(schemeId, { period });
      const n = await repo.deleteResults(schemeId, period);
      if (n > 0) {
        await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'assessment_result', entityId: `${schemeId}|${period}`, before: before.map((r) => ({ level: r.level, asOf: r.as_of, finalizedAt: r.finalized_at, finalizedBy: r.finalized_by })), after: null }, at);
      }
      return n;
    });
    if (gone === 0) return notFound(); // not finalised, or withdrawn by someone a moment ago
    return success({ period, withdrawn: true });
  }

  private async quarter(viewer: Viewer, s: AssessmentScheme, q: number, level: 'town' | 'chief'): Promise<ServiceResult<ScoreRow[]>> {
    const { from, to } = quarterRange(s.year, q);
    const period = `${s.year}-Q${q}`;
    const repo = new AssessmentRepository(this.store.db);
    const towns = await repo.towns(s.unitCode);
    // One read per indicator gives every town's value (the indicator's children of the county).
    const readings = new Map<string, Map<string, IndicatorReading>>();
    // An indicator that cannot be read for this unit (a bad request of its own) leaves its items without data; the
    // explanation says why, rather than the whole assessment failing.
    const unreadable = new Map<string, string>();
    for (const item of s.items) {
      if (!item.indicator || readings.has(item.indicator)) continue;
      const r = await this.indicators.read(viewer, { key: item.indicator, unit: s.unitCode, from, to });
      if (!r.ok) {
        if (r.error.kind !== 'invalid') return r;
        unreadable.set(item.indicator, r.error.errors.map((e) => e.message).join('；'));
        readings.set(item.indicator, new Map());
        continue;
      }
      readings.set(item.indicator, new Map(r.value.children.map((c) => [c.unitCode, c])));
    }
    const manual = await repo.manualScores(s.id, period);
    const manualOf = (unit: string, key: string) => {
      const m = manual.find((x) => x.unit_code === unit && x.item_key === key);
      return m ? { points: Number(m.points), note: m.note } : null;
    };
    // A chief's duty items are the chief's own (`own`, null without a duty period); the others are the town's.
    const personal = new Set<string>(['patrol_compliance', 'report_compliance']);
    const score = (unit: string, own?: Map<string, IndicatorReading>): { total: number; items: ScoredItem[] } => {
      const items = s.items.map((item): ScoredItem => {
        const reading = !item.indicator ? null : own && personal.has(item.indicator) ? own.get(item.indicator) ?? null : readings.get(item.indicator)?.get(unit) ?? null;
        const scored = scoreItem(item, reading?.value ?? null, manualOf(unit, item.key));
        const points = scored.points;
        const why = item.indicator ? unreadable.get(item.indicator) : undefined;
        const explanation = why ? `${scored.explanation}（指标无法读取：${why}）` : scored.explanation;
        return { key: item.key, value: reading?.value ?? null, points, explanation, evidence: reading && { value: reading.value, numerator: reading.numerator, denominator: reading.denominator, note: reading.note, link: reading.link } };
      });
      return { total: round2(items.reduce((sum, i) => sum + i.points, 0)), items };
    };
    if (level === 'town') {
      return success(towns.map((t) => ({ subjectId: t.code, subjectName: t.short_name, unitCode: t.code, unitName: t.short_name, personName: null, rank: 0, quarters: [], ...score(t.code) })));
    }
    // The town chiefs in office at the quarter's end (or today): their own patrol and report duty, the town's results.
    const today = shanghaiDate(this.now().getTime());
    const on = to < today ? to : today;
    const chiefs = (await new PostRepository(this.store.db).inOffice(scopePrefix(s.unitCode), on)).filter((p) => p.role === 'chief' && p.level === 'town');
    const own = new Map<string, Map<string, IndicatorReading>>();
    for (const duty of ['patrol', 'report'] as const) {
      const key = duty === 'patrol' ? 'patrol_compliance' : 'report_compliance';
      if (!s.items.some((i) => i.indicator === key)) continue;
      const r = await this.compliance.rangeCompliance(viewer, { unit: s.unitCode, from, to, duty });
      if (!r.ok) return r;
      for (const row of r.value.rows.filter((x) => x.role === 'chief' && x.level === 'town')) {
        const m = own.get(row.postId) ?? new Map<string, IndicatorReading>();
        m.set(key, {
          unitCode: row.unitCode, unitName: row.unitName, value: row.judged ? Math.round((row.met / row.judged) * 10_000) / 100 : null, numerator: row.met, denominator: row.judged,
          note: row.judged ? `本人${duty === 'patrol' ? '巡林' : '报告'}周期 ${row.met}/${row.judged} 达标` : '区间内没有已结束的履职周期',
          // The compliance page as of the quarter's last day, as the town's reading links it.
          link: linkOf(key, row.unitCode, from, to),
        });
        own.set(row.postId, m);
      }
    }
    const townName = new Map(towns.map((t) => [t.code, t.short_name]));
    return success(chiefs.filter((c) => townName.has(c.unitCode)).map((c) => ({
      subjectId: c.id, subjectName: `${c.personName}（${townName.get(c.unitCode)}）`, unitCode: c.unitCode, unitName: townName.get(c.unitCode)!, personName: c.personName,
      rank: 0, quarters: [], ...score(c.unitCode, own.get(c.id) ?? new Map()),
    })));
  }

  async workbook(viewer: Viewer, schemeId: string, input: { period: string; level: 'town' | 'chief' }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const r = await this.scores(viewer, schemeId, input);
    if (!r.ok) return r;
    const a = r.value;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('考核得分');
    const title = `${a.scheme.unitName}${a.scheme.title}（第 ${a.scheme.version} 版）  ${a.period}${a.level === 'town' ? '乡镇' : '镇级林长'}得分${a.provisional ? '（期间未结束，暂定）' : ''}`;
    sheet.addRow([title]).font = { bold: true, size: 14 };
    sheet.mergeCells(1, 1, 1, 3 + a.items.length);
    sheet.addRow(['排名', a.level === 'town' ? '乡镇（街道）' : '林长', '总分', ...a.items.map((i) => `${i.name}（${i.weight}分）`)]).font = { bold: true };
    for (const row of a.rows) sheet.addRow([row.rank, row.subjectName, row.total, ...row.items.map((i) => i.points)]);
    sheet.columns.forEach((c, i) => { c.width = i === 0 ? 6 : i === 1 ? 22 : i === 2 ? 8 : 14; });
    const detail = book.addWorksheet('得分依据');
    detail.addRow([a.level === 'town' ? '乡镇（街道）' : '林长', '项目', '分值', '得分', '取值', '分子', '分母', '计分说明', '取值依据', '记录页面']).font = { bold: true };
    for (const row of a.rows) {
      for (const it of row.items) {
        const info = a.items.find((x) => x.key === it.key)!;
        detail.addRow([row.subjectName, info.name, info.weight, it.points, it.value ?? '—', it.evidence?.numerator ?? '', it.evidence?.denominator ?? '', it.explanation, it.evidence?.note ?? '', it.evidence?.link ?? '']);
      }
    }
    detail.columns.forEach((c, i) => { c.width = [22, 22, 6, 6, 10, 8, 8, 40, 30, 50][i]; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: `考核得分-${a.scheme.unitName}-${a.period}-${a.level === 'town' ? '乡镇' : '林长'}.xlsx` });
  }

  /** The same report as an A4 PDF in Chinese (Noto Sans CJK): the ranking, then each subject's points and their basis. */
  async pdf(viewer: Viewer, schemeId: string, input: { period: string; level: 'town' | 'chief' }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const r = await this.scores(viewer, schemeId, input);
    if (!r.ok) return r;
    const a = r.value;
    const buffer = await chinesePdf({ margin: 40, title: `考核得分 ${a.scheme.unitName} ${a.period}` }, (doc) => {
    const width = doc.page.width - 80;
    doc.fontSize(16).text(`${a.scheme.unitName}${a.scheme.title}`, { width, align: 'center' });
    doc.fontSize(11).fillColor('#555555').text(`第 ${a.scheme.version} 版 · ${a.period}（${a.from} 至 ${a.to}）· ${a.level === 'town' ? '乡镇（街道）' : '镇级林长'}${a.provisional ? ' · 期间未结束，得分暂定' : ''} · 生成于 ${shanghaiDate(a.asOf)}`, { width, align: 'center' });
    doc.moveDown();
    doc.fillColor('#1f1f1f').fontSize(13).text('排名');
    doc.fontSize(10);
    for (const row of a.rows) doc.text(`${row.rank}. ${row.subjectName}    ${row.total} 分`);
    for (const row of a.rows) {
      doc.addPage();
      doc.fontSize(13).fillColor('#1f1f1f').text(`${row.rank}. ${row.subjectName}  总分 ${row.total}`);
      doc.moveDown(0.5);
      for (const it of row.items) {
        const info = a.items.find((x) => x.key === it.key)!;
        doc.fontSize(10).fillColor('#1f1f1f').text(`${info.name}（${info.weight} 分）：${it.points} 分`, { continued: false });
        doc.fontSize(9).fillColor('#555555').text(`${it.explanation}${it.evidence?.note ? `；${it.evidence.note}` : ''}${it.evidence?.numerator !== null && it.evidence?.numerator !== undefined ? `（${it.evidence.numerator}/${it.evidence.denominator}）` : ''}`, { width });
        doc.moveDown(0.3);
      }
    }
    });
    return success({ buffer, filename: `考核得分-${a.scheme.unitName}-${a.period}-${a.level === 'town' ? '乡镇' : '林长'}.pdf` });
  }
}

import { randomUUID } from 'node:crypto';
import {
  countyEpidemicStatus, epidemicTargetProgress, isInScope, scopePrefix, townEpidemicStatus, unitLevelOf, type CountyEpidemicStatus, type EpidemicPointPeriod,
  type EpidemicTargetProgress, type TownEpidemicStatus,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { LoggingRepository } from '../../ledger/logging-repository.ts';
import type { SurveyService } from '../surveys/service.ts';
import { EpidemicRepository } from './repository.ts';

export const epidemicTargetKinds = ['remove_points', 'keep_free'] as const;
export type EpidemicTargetKind = (typeof epidemicTargetKinds)[number];
export const epidemicTargetKindNames: Record<EpidemicTargetKind, string> = { remove_points: '拔除疫点', keep_free: '巩固已拔除疫点' };

const canManage = (viewer: Viewer) => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const HISTORY_YEARS = 10;

export interface TownYear {
  year: number;
  autumnShare: number | null; // the share of the pine 小班 grid the year's autumn survey covered (null: no autumn campaign)
  autumnComplete: boolean;
  positives: number; // positive dead pines found that year
  infectedParcels: number; // 小班 surveys marked infected that year
  record: 'detected' | 'clear' | 'none'; // what the year counts as for removal
}

export interface TownBoardRow extends TownEpidemicStatus {
  townName: string;
  periods: { id: string; declaredOn: string; removedOn: string | null; documentNo: string | null; note: string | null }[];
  history: TownYear[];
}

export interface EpidemicBoard {
  unitCode: string;
  unitName: string;
  asOf: string;
  year: number;
  clearYearsForRemoval: number;
  rulesSource: string;
  county: CountyEpidemicStatus | null; // 疫区 standing, when the board is a county's
  towns: TownBoardRow[];
  targets: (EpidemicTargetProgress & { id: string; unitCode: string; unitName: string; year: number; source: string | null })[];
}

/**
 * The epidemic point board (issue 7 §4): each town's 疫点 standing, its detections and surveys by year, the run of
 * clear years and whether removal (拔除/摘牌) may be applied for under the `pest_rules` in force; the county's 疫区
 * standing; progress on the plan's targets. The points are the table the logging permit rule also reads.
 */
export class EpidemicService {
  constructor(private readonly store: Store, private readonly now: () => Date, private readonly rules: RuleSource, private readonly surveys: SurveyService) {}

  async board(viewer: Viewer, q: { unit?: string | undefined; asOf?: string | undefined; year?: number | undefined }): Promise<ServiceResult<EpidemicBoard>> {
    const unitCode = q.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const level = unitLevelOf(unitCode);
    if (level !== 'county' && level !== 'town') return invalid('/querystring/unit', '疫点以乡镇为单位、疫区以区县为单位，请选择区县或乡镇');
    const unit = await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', '=', unitCode).executeTakeFirst();
    if (!unit) return notFound();
    const asOf = q.asOf ?? shanghaiDate(this.now().toISOString());
    const asOfYear = Number(asOf.slice(0, 4));
    const year = q.year ?? asOfYear;
    const rules = await this.rules.pestRulesAt(asOf);
    const prefix = scopePrefix(unitCode);
    const points = (await new LoggingRepository(this.store.db).epidemicPoints(prefix)).filter((p) => p.declaredOn <= asOf);
    const periods: EpidemicPointPeriod[] = points.map((p) => ({ unitCode: p.unitCode, declaredOn: p.declaredOn, removedOn: p.removedOn !== null && p.removedOn <= asOf ? p.removedOn : null }));
    const { years, autumn, detections } = await this.surveys.townYears(prefix);
    const surveyed = years.filter((y) => y.year <= asOfYear);
    const repo = new EpidemicRepository(this.store.db);
    const towns: TownBoardRow[] = (await repo.towns(prefix)).map((t) => {
      const status = townEpidemicStatus(t.code, periods, surveyed, asOf, rules.epidemic);
      const history: TownYear[] = [];
      for (let y = asOfYear; y > asOfYear - HISTORY_YEARS; y--) {
        const a = autumn.filter((x) => x.townCode === t.code && x.year === y);
        const d = detections.find((x) => x.townCode === t.code && x.year === y);
        const declared = points.some((p) => p.unitCode === t.code && Number(p.declaredOn.slice(0, 4)) <= y && (p.removedOn === null || Number(p.removedOn.slice(0, 4)) >= y));
        if (!a.length && !d && !declared) continue;
        const rec = surveyed.find((x) => x.townCode === t.code && x.year === y);
        history.push({
          year: y, autumnShare: a.length ? Math.max(...a.map((x) => x.share)) : null, autumnComplete: a.some((x) => x.complete), positives: d?.positives ?? 0,
          infectedParcels: d?.infectedParcels ?? 0, record: rec ? (rec.detected ? 'detected' : 'clear') : 'none',
        });
      }
      const own = points.filter((p) => p.unitCode === t.code).map((p) => ({ id: p.id, declaredOn: p.declaredOn, removedOn: p.removedOn, documentNo: p.documentNo, note: p.note }));
      return { ...status, townName: t.short_name, periods: own, history };
    });
    const order = (r: TownBoardRow) => (r.isPoint ? 0 : r.periods.length ? 1 : 2);
    towns.sort((a, b) => order(a) - order(b) || a.townCode.localeCompare(b.townCode));
    const targets = (await repo.targets(prefix, year)).map((t) => ({
      ...epidemicTargetProgress({ kind: t.kind as EpidemicTargetKind, count: t.count }, t.unit_code, year, periods, surveyed, asOf),
      id: t.id, unitCode: t.unit_code, unitName: t.unit_name, year: t.year, source: t.source,
    }));
    return success({
      unitCode, unitName: unit.short_name, asOf, year, clearYearsForRemoval: rules.epidemic.clearYearsForRemoval, rulesSource: rules.source,
      county: level === 'county' ? countyEpidemicStatus(unitCode, periods, surveyed, asOf, rules.epidemic) : null, towns, targets,
    });
  }

  /** Sets the plan's target of a unit and year (one per kind): the count and where it comes from. */
  async setTarget(viewer: Viewer, input: { unitCode: string; year: number; kind: EpidemicTargetKind; count: number; source?: string | undefined }): Promise<ServiceResult<{ id: string; created: boolean }>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以设定疫点目标' });
    if (!isInScope(input.unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '区划不在您的管辖范围内');
    const level = unitLevelOf(input.unitCode);
    if (level !== 'county' && level !== 'town') return invalid('/body/unitCode', '目标以区县或乡镇为单位');
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new EpidemicRepository(trx);
      const unit = await trx.selectFrom('units').select('code').where('code', '=', input.unitCode).executeTakeFirst();
      if (!unit) return invalid('/body/unitCode', '区划不存在');
      const source = input.source?.trim() || null;
      const before = await repo.targetOf(input.unitCode, input.year, input.kind);
      if (before) {
        await repo.updateTarget(before.id, { count: input.count, source, updated_at: at });
        await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'epidemic_target', entityId: before.id, before: { count: before.count, source: before.source }, after: { count: input.count, source } }, at);
        return success({ id: before.id, created: false });
      }
      const id = randomUUID();
      await repo.insertTarget({ id, unit_code: input.unitCode, year: input.year, kind: input.kind, count: input.count, source, created_by: viewer.userId, created_at: at, updated_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'epidemic_target', entityId: id, after: input }, at);
      return success({ id, created: true });
    });
  }

  async deleteTarget(viewer: Viewer, id: string): Promise<ServiceResult<{ id: string }>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以删除疫点目标' });
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new EpidemicRepository(trx);
      const t = await repo.target(id);
      if (!t || !isInScope(t.unit_code, viewer.scopeCode)) return notFound();
      await repo.deleteTarget(id);
      await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'epidemic_target', entityId: id, before: t }, at);
      return success({ id });
    });
  }
}

import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  campaignPhase, checkSurveyCampaign, defaultPineSpecies, isInScope, isPineStand, parentCodeOf, scopePrefix, squareMetresToMu, summaryUnitCode, surveyProgress,
  surveySeasonNames, surveySummary, townSurveyYears, unitLevelOf, type CampaignPhase, type ParcelSurveyRecord, type SurveyProgressRow, type SurveySeason,
  type SurveySummaryRow, type TownAutumnSurvey, type TownDetection, type TownSurveyYear,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { codePrefix, type PageOf, type PageRequest } from '../../db/paginate.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type FieldError, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { SurveyRepository, type CampaignRow } from './repository.ts';

/** Campaigns are set up by the bureau; the 小班 are marked surveyed by whoever surveys them, in their scope. */
const canManage = (viewer: Viewer) => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const canSurvey = (viewer: Viewer) => viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief' || r === 'ranger');

export interface Campaign {
  id: string; unitCode: string; unitName: string; year: number; season: SurveySeason; seasonName: string; name: string; startsOn: string; endsOn: string;
  ledgerYear: number; pineSpecies: string[]; note: string | null; phase: CampaignPhase; progress: SurveyProgressRow;
}

export interface CampaignInput {
  unitCode: string; year: number; season: SurveySeason; name?: string | undefined; startsOn: string; endsOn: string; pineSpecies?: string[] | undefined; note?: string | undefined;
}

export interface SurveyRecordInput {
  parcelId: string; surveyedOn: string; pineAreaM2?: number | undefined; infected?: boolean | undefined; occurrenceAreaM2?: number | null | undefined; note?: string | undefined;
}

type Named<T> = T & { unitName: string };
export type SummaryRow = Named<SurveySummaryRow>;

/** Instants bounding the Shanghai days [from, to]. */
const dayBounds = (from: string, to: string) => {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: new Date(`${from}T00:00:00+08:00`).toISOString(), to: new Date(`${next}T00:00:00+08:00`).toISOString() };
};
const ancestorsOf = (code: string): string[] => {
  const out: string[] = [];
  for (let c = parentCodeOf(code); c; c = parentCodeOf(c)) out.push(c);
  return out;
};

/**
 * Pine wilt surveys (issue 7 §3): spring and autumn campaigns over the ledger's pine 小班 grid, progress per town, the
 * national summary table (松材线虫病疫情普查汇总表) from the surveyed 小班 and the dead-tree register, and the town-year
 * detected / clear record the epidemic board reads (town-survey-years.ts).
 */
export class SurveyService {
  constructor(private readonly store: Store, private readonly now: () => Date, private readonly rules: RuleSource) {}

  private today = () => shanghaiDate(this.now().toISOString());

  /** The part of a campaign a viewer sees: its own units when the campaign is above them, else the whole campaign. */
  private static visiblePrefix(c: { unit_code: string }, viewer: Viewer): string | null {
    if (isInScope(c.unit_code, viewer.scopeCode)) return scopePrefix(c.unit_code);
    if (isInScope(viewer.scopeCode, c.unit_code)) return viewer.scopePrefix;
    return null;
  }

  private async toCampaign(repo: SurveyRepository, c: CampaignRow, prefix: string): Promise<Campaign> {
    const pineSpecies = JSON.parse(c.pine_species) as string[];
    const villages = await repo.villageCounts(c.id, { unitPrefix: prefix, ledgerYear: c.ledger_year, pineSpecies });
    return {
      id: c.id, unitCode: c.unit_code, unitName: c.unit_name, year: c.year, season: c.season as SurveySeason, seasonName: surveySeasonNames[c.season as SurveySeason], name: c.name,
      startsOn: c.starts_on, endsOn: c.ends_on, ledgerYear: c.ledger_year, pineSpecies, note: c.note, phase: campaignPhase(c.starts_on, c.ends_on, this.today()),
      progress: surveyProgress(villages, 'county').total,
    };
  }

  private async visible(viewer: Viewer, id: string): Promise<{ repo: SurveyRepository; c: CampaignRow; prefix: string } | null> {
    const repo = new SurveyRepository(this.store.db);
    const c = await repo.campaign(id);
    const prefix = c ? SurveyService.visiblePrefix(c, viewer) : null;
    return c && prefix !== null ? { repo, c, prefix } : null;
  }

  async list(viewer: Viewer, q: { year?: number | undefined; season?: SurveySeason | undefined }): Promise<ServiceResult<Campaign[]>> {
    const repo = new SurveyRepository(this.store.db);
    const rows = await repo.campaigns(viewer.scopePrefix, ancestorsOf(viewer.scopeCode), q);
    const out: Campaign[] = [];
    for (const c of rows) out.push(await this.toCampaign(repo, c, SurveyService.visiblePrefix(c, viewer)!));
    return success(out);
  }

  async create(viewer: Viewer, input: CampaignInput): Promise<ServiceResult<Campaign>> {
    if (!canManage(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以部署普查' });
    if (!isInScope(input.unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '区划不在您的管辖范围内');
    const level = unitLevelOf(input.unitCode);
    if (level !== 'county' && level !== 'town') return invalid('/body/unitCode', '普查以区县或乡镇为单位');
    const rules = await this.rules.pestRulesAt(input.startsOn);
    const findings = checkSurveyCampaign(input, rules.monitoring);
    if (findings.length) return failure({ kind: 'invalid', errors: findings.map((f) => ({ field: `/body/${f.field}`, message: f.message })) });
    const pineSpecies = [...new Set((input.pineSpecies ?? defaultPineSpecies).map((s) => s.trim()).filter(Boolean))];
    if (!pineSpecies.length) return invalid('/body/pineSpecies', '请至少填写一个松树树种');
    const at = this.now().toISOString();
    const id = randomUUID();
    const result = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new SurveyRepository(trx);
      const unit = await trx.selectFrom('units').select(['code', 'short_name']).where('code', '=', input.unitCode).executeTakeFirst();
      if (!unit) return invalid('/body/unitCode', '区划不存在');
      if (await repo.campaignAt(input.unitCode, input.year, input.season)) return failure({ kind: 'conflict', field: '/body/season', message: `${unit.short_name}${input.year}年${surveySeasonNames[input.season]}已部署` });
      const ledgerYear = await repo.ledgerYearFor(scopePrefix(input.unitCode), input.year);
      if (ledgerYear === null) return invalid('/body/unitCode', `${unit.short_name}没有小班台账，无法按小班部署普查`);
      const name = input.name?.trim() || `${unit.short_name}${input.year}年松材线虫病${surveySeasonNames[input.season]}`;
      await repo.insertCampaign({
        id, unit_code: input.unitCode, year: input.year, season: input.season, name, starts_on: input.startsOn, ends_on: input.endsOn, ledger_year: ledgerYear,
        pine_species: JSON.stringify(pineSpecies), note: input.note?.trim() || null, created_by: viewer.userId, created_at: at, updated_at: at,
      });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'pest_survey_campaign', entityId: id, after: { ...input, ledgerYear, pineSpecies } }, at);
      return success(null);
    });
    if (!result.ok) return result;
    const v = (await this.visible(viewer, id))!;
    return success(await this.toCampaign(v.repo, v.c, v.prefix));
  }

  /** A campaign with its progress per town (and per village of one town when `town` is given). */
  async get(viewer: Viewer, id: string): Promise<ServiceResult<Campaign & { towns: Named<SurveyProgressRow>[]; villages: Named<SurveyProgressRow>[] }>> {
    const v = await this.visible(viewer, id);
    if (!v) return notFound();
    const campaign = await this.toCampaign(v.repo, v.c, v.prefix);
    const villages = await v.repo.villageCounts(id, { unitPrefix: v.prefix, ledgerYear: v.c.ledger_year, pineSpecies: campaign.pineSpecies });
    const names = await this.unitNames(v.prefix);
    const named = (rows: SurveyProgressRow[]) => rows.map((r) => ({ ...r, unitName: names.get(r.unitCode) ?? r.unitCode }));
    return success({ ...campaign, towns: named(surveyProgress(villages, 'town').rows), villages: named(surveyProgress(villages, 'village').rows) });
  }

  private async unitNames(prefix: string): Promise<Map<string, string>> {
    const rows = await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', 'like', codePrefix(prefix)).execute();
    return new Map(rows.map((r) => [r.code, r.short_name]));
  }

  async parcels(viewer: Viewer, id: string, q: PageRequest & { unit?: string | undefined; status?: 'surveyed' | 'outstanding' | undefined; q?: string | undefined }) {
    const v = await this.visible(viewer, id);
    if (!v) return notFound();
    let prefix = v.prefix;
    if (q.unit) {
      if (!q.unit.startsWith(v.prefix)) return notFound();
      prefix = scopePrefix(q.unit);
    }
    const pineSpecies = JSON.parse(v.c.pine_species) as string[];
    const { rows, total } = await v.repo.parcels(id, { unitPrefix: prefix, ledgerYear: v.c.ledger_year, pineSpecies, status: q.status, text: q.q?.trim() || undefined }, q);
    const items = rows.map((r) => ({
      parcelId: r.id, parcelNo: r.parcel_no, unitCode: r.unit_code, unitName: r.unit_name, dominantSpecies: r.dominant_species, areaM2: r.area_m2,
      onGrid: isPineStand(r.dominant_species, pineSpecies), surveyed: r.surveyed_parcel !== null, surveyedOn: r.surveyed_on ?? null, surveyor: r.surveyor ?? null,
      pineAreaM2: r.pine_area_m2 ?? null, infected: r.surveyed_parcel === null ? null : r.infected === 1, occurrenceAreaM2: r.occurrence_m2 ?? null, note: r.note ?? null,
    }));
    return success({ items, total } satisfies PageOf<(typeof items)[number]>);
  }

  /** Marks 小班 surveyed (or corrects their record): all of them or none. */
  async record(viewer: Viewer, id: string, records: SurveyRecordInput[]): Promise<ServiceResult<{ recorded: number }>> {
    if (!canSurvey(viewer)) return forbidden();
    const v = await this.visible(viewer, id);
    if (!v) return notFound();
    const today = this.today();
    const pineSpecies = JSON.parse(v.c.pine_species) as string[];
    const parcels = new Map((await v.repo.ledgerParcels(records.map((r) => r.parcelId))).map((p) => [p.id, p]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const rows = records.map((r, i) => {
      const at = (f: string) => `/body/records/${i}/${f}`;
      const p = parcels.get(r.parcelId);
      if (!p || p.year !== v.c.ledger_year || !p.unit_code.startsWith(v.prefix)) {
        errors.push({ field: at('parcelId'), message: `小班不在本次普查范围（${v.c.ledger_year} 年台账）内` });
        return null;
      }
      if (seen.has(r.parcelId)) errors.push({ field: at('parcelId'), message: `小班 ${p.parcel_no} 重复` });
      seen.add(r.parcelId);
      if (r.surveyedOn < v.c.starts_on || r.surveyedOn > v.c.ends_on) errors.push({ field: at('surveyedOn'), message: `调查日期应在普查期 ${v.c.starts_on} 至 ${v.c.ends_on} 内` });
      else if (r.surveyedOn > today) errors.push({ field: at('surveyedOn'), message: '调查日期不能晚于今天' });
      const pine = r.pineAreaM2 ?? (isPineStand(p.dominant_species, pineSpecies) ? p.area_m2 : null);
      if (pine === null) errors.push({ field: at('pineAreaM2'), message: `小班 ${p.parcel_no} 优势树种不是松树，请填写其中的松林面积` });
      else if (pine > p.area_m2 * 1.000001) errors.push({ field: at('pineAreaM2'), message: `松林面积不能大于小班面积（${squareMetresToMu(p.area_m2).toFixed(2)} 亩）` });
      const occurrence = r.occurrenceAreaM2 ?? null;
      if (occurrence !== null && pine !== null && occurrence > pine * 1.000001) errors.push({ field: at('occurrenceAreaM2'), message: '发生面积不能大于松林面积' });
      return { p, r, pine: pine ?? 0, occurrence };
    });
    if (errors.length) return failure({ kind: 'invalid', errors });
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new SurveyRepository(trx);
      for (const x of rows) {
        const { p, r, pine, occurrence } = x!;
        const before = await repo.record(id, p.id);
        const row = {
          campaign_id: id, parcel_id: p.id, unit_code: p.unit_code, parcel_no: p.parcel_no, pine_area_m2: pine, infected: r.infected ? 1 : 0, occurrence_m2: occurrence,
          surveyed_on: r.surveyedOn, surveyed_by: viewer.userId, note: r.note?.trim() || null, created_at: before?.created_at ?? at, updated_at: at,
        };
        await repo.upsertRecord(row);
        await recordAudit(trx, { userId: viewer.userId, action: before ? 'update' : 'create', entity: 'pest_survey_parcel', entityId: `${id}/${p.id}`, before: before ?? null, after: row }, at);
      }
      return success({ recorded: rows.length });
    });
  }

  async unrecord(viewer: Viewer, id: string, parcelId: string): Promise<ServiceResult<{ removed: boolean }>> {
    if (!canSurvey(viewer)) return forbidden();
    const v = await this.visible(viewer, id);
    if (!v) return notFound();
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new SurveyRepository(trx);
      const before = await repo.record(id, parcelId);
      if (!before || !before.unit_code.startsWith(v.prefix)) return notFound();
      await repo.deleteRecord(id, parcelId);
      await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'pest_survey_parcel', entityId: `${id}/${parcelId}`, before }, at);
      return success({ removed: true });
    });
  }

  /**
   * The national summary table of a campaign, one row per unit at `level` (town by default) and the total. A
   * surveyed 小班 is a 疫情小班 when a positive dead pine of the register was found in it during the campaign, or
   * when the surveyor marked it so; its 发生面积 is its pine area unless entered smaller. 死亡松树 are the register's
   * dead and dying pines found in the 小班 during the campaign; 病死 tested positive, 其他原因 tested negative.
   */
  async summary(viewer: Viewer, id: string, level: 'town' | 'village' = 'town'): Promise<ServiceResult<{ campaign: Campaign; level: string; rows: SummaryRow[]; total: SummaryRow }>> {
    const v = await this.visible(viewer, id);
    if (!v) return notFound();
    const campaign = await this.toCampaign(v.repo, v.c, v.prefix);
    const window = dayBounds(v.c.starts_on, v.c.ends_on);
    const dead = new Map((await v.repo.deadTreeCounts(v.prefix, window.from, window.to)).map((d) => [`${d.unitCode}|${d.parcelNo}`, d]));
    const records: ParcelSurveyRecord[] = (await v.repo.records(id, v.prefix)).map((r) => {
      const d = dead.get(`${r.unit_code}|${r.parcel_no}`);
      const infected = r.infected === 1 || (d?.positive ?? 0) > 0;
      return {
        parcelCode: `${r.unit_code}-${r.parcel_no}`, unitCode: r.unit_code, pineAreaM2: r.pine_area_m2, infected,
        occurrenceAreaM2: infected ? Math.min(r.occurrence_m2 ?? r.pine_area_m2, r.pine_area_m2) : 0, deadPines: d?.total ?? 0, deadDiseased: d?.positive ?? 0, deadOther: d?.negative ?? 0,
      };
    });
    const s = surveySummary(records, level);
    if (!s.ok) return failure({ kind: 'conflict', message: s.error.map((f) => f.message).join('；') });
    const names = await this.unitNames(v.prefix);
    const topCode = v.prefix.padEnd(12, '0');
    return success({
      campaign, level, rows: s.value.rows.map((r) => ({ ...r, unitName: names.get(r.unitCode) ?? r.unitCode })),
      total: { ...s.value.total, unitCode: topCode, unitName: names.get(topCode) ?? '合计' },
    });
  }

  async workbook(viewer: Viewer, id: string, level: 'town' | 'village' = 'town'): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const s = await this.summary(viewer, id, level);
    if (!s.ok) return s;
    const { campaign, rows, total } = s.value;
    const mu = (m2: number) => Math.round(squareMetresToMu(m2) * 100) / 100;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('普查汇总表');
    sheet.addRow([`松材线虫病疫情普查汇总表（${campaign.name}）`]).font = { bold: true, size: 14 };
    sheet.mergeCells(1, 1, 1, 10);
    sheet.addRow([`普查期：${campaign.startsOn} 至 ${campaign.endsOn}；小班台账：${campaign.ledgerYear} 年；面积单位：亩；株数单位：株`]);
    sheet.mergeCells(2, 1, 2, 10);
    sheet.addRow(['行政区划代码', '单位名称', '松林面积', '疫情小班数', '发生面积', '无疫情小班数', '无疫情小班面积', '死亡松树总数', '其中：病死', '其中：其他原因']).font = { bold: true };
    const line = (r: SummaryRow) => [r.unitCode, r.unitName, mu(r.pineAreaM2), r.infectedParcels, mu(r.occurrenceAreaM2), r.clearParcels, mu(r.clearAreaM2), r.deadPines, r.deadDiseased, r.deadOther];
    for (const r of rows) sheet.addRow(line(r));
    sheet.addRow(line({ ...total, unitName: `合计（${total.unitName}）` })).font = { bold: true };
    sheet.columns.forEach((c, i) => { c.width = [16, 14, 12, 11, 12, 12, 14, 13, 11, 13][i]; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: `松材线虫病疫情普查汇总表-${campaign.name}.xlsx` });
  }

  /**
   * The yearly record of the towns under `prefix` (town-survey-years.ts), with what it was made from: each town's
   * autumn campaigns (complete or not) and its detection years.
   */
  async townYears(prefix: string): Promise<{ years: TownSurveyYear[]; autumn: (TownAutumnSurvey & { share: number })[]; detections: (TownDetection & { positives: number; infectedParcels: number })[] }> {
    const repo = new SurveyRepository(this.store.db);
    const autumn: (TownAutumnSurvey & { share: number })[] = [];
    for (const c of await repo.campaigns(prefix, ancestorsOf(prefix.padEnd(12, '0')), { season: 'autumn' })) {
      const unitPrefix = c.unit_code.startsWith(prefix) ? scopePrefix(c.unit_code) : prefix;
      const villages = await repo.villageCounts(c.id, { unitPrefix, ledgerYear: c.ledger_year, pineSpecies: JSON.parse(c.pine_species) as string[] });
      for (const t of surveyProgress(villages, 'town').rows) autumn.push({ townCode: t.unitCode, year: c.year, complete: t.complete, share: t.share });
    }
    const found = new Map<string, TownDetection & { positives: number; infectedParcels: number }>();
    const hit = (unitCode: string, year: number) => {
      const townCode = summaryUnitCode(unitCode, 'town');
      const k = `${townCode}|${year}`;
      const d = found.get(k) ?? { townCode, year, positives: 0, infectedParcels: 0 };
      found.set(k, d);
      return d;
    };
    for (const p of await repo.positives(prefix)) hit(p.unit_code, Number(shanghaiDate(p.found_at).slice(0, 4))).positives++;
    for (const r of await repo.infectedRecords(prefix)) hit(r.unit_code, r.year).infectedParcels++;
    const detections = [...found.values()];
    return { years: townSurveyYears(autumn, detections), autumn, detections };
  }
}

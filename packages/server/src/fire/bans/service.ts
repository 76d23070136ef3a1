import { randomUUID } from 'node:crypto';
import {
  addDays, fireOrderCovers, fireOrderInForce, fireOrderKindNames, fireOrderStatus, fireSeasonFor, isInScope, shanghaiPeriod, suggestFireBans,
  type FireOrderKind, type FireOrderStatus,
} from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { unitInScope } from '../../db/register-service.ts';
import { NotificationRepository } from '../../notifications/repository.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import { FireBanRepository, type FireBanSuggestionRow, type FireOrderRow, type FireSeasonRow } from './repository.ts';

/** Contract B: one row per unit and day that has a fire danger level (FireDangerService.dailyLevels of fire-weather). */
export interface DailyDangerLevel { unitCode: string; date: string; level: 1 | 2 | 3 | 4 | 5; forecast: boolean; method: string }
export interface DailyDangerSource {
  dailyLevels(scopePrefix: string, from: string, to: string): Promise<DailyDangerLevel[]>;
}

export interface FireOrder extends Omit<FireOrderRow, 'status'> {
  status: FireOrderStatus;
  inForce: boolean;
  areaNames: string[];
}
export interface FireBanSuggestion extends FireBanSuggestionRow { areaNames: string[] }

export interface FireOrderInput {
  kind: FireOrderKind;
  docNo: string;
  title: string;
  body: string;
  from: string; // Shanghai day YYYY-MM-DD or time YYYY-MM-DDTHH:mm
  to: string;
  areas: string[];
  issuer: string;
}

/** How far back and ahead the daily job looks for runs of high danger (days). */
const LOOK_BACK_DAYS = 13;
const LOOK_AHEAD_DAYS = 7;

const canWrite = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
/** An order is seen by everyone whose scope it touches: above it, inside it, or the same unit. */
const touches = (viewer: Viewer, areas: readonly string[]): boolean => areas.some((a) => isInScope(a, viewer.scopeCode) || isInScope(viewer.scopeCode, a));
const countyOf = (code: string): string => `${code.slice(0, 6)}000000`;

/**
 * Issue 6 §4: fire seasons (防火期) per unit and year, fire orders (防火令/禁火令) from draft to issued to lifted or
 * expired, and the suggestions the daily job makes from runs of high fire danger (rule kind `fire_ban_rules`).
 */
export class FireBanService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: RuleSource,
    /** The daily fire danger levels (contract B); null until the fire-weather part is wired: the job then says so. */
    private readonly danger: DailyDangerSource | null,
  ) {}

  private repo(db = this.store.db) {
    return new FireBanRepository(db);
  }

  async seasons(viewer: Viewer, year: number | undefined): Promise<ServiceResult<(FireSeasonRow & { inherited: boolean })[]>> {
    // A town sees the county's season it inherits, as well as its own and its villages'.
    const county = countyOf(viewer.scopeCode);
    const own = await this.repo().seasons(viewer.scopePrefix, year);
    const above = viewer.scopeCode === county ? [] : (await this.repo().seasons(county.slice(0, 6), year)).filter((s) => isInScope(viewer.scopeCode, s.unitCode) && !own.some((o) => o.id === s.id));
    return success([...above.map((s) => ({ ...s, inherited: true })), ...own.map((s) => ({ ...s, inherited: false }))]);
  }

  /** The fire season a unit keeps in a year: its own or its nearest ancestor's. */
  async seasonOf(unitCode: string, year: number): Promise<FireSeasonRow | null> {
    const all = await this.repo().seasons(unitCode.slice(0, 6), year);
    const hit = fireSeasonFor(unitCode, year, all);
    return hit ? all.find((s) => s.unitCode === hit.unitCode) ?? null : null;
  }

  async saveSeason(viewer: Viewer, input: { unitCode: string; year: number; startsOn: string; endsOn: string; note?: string | undefined }): Promise<ServiceResult<FireSeasonRow>> {
    if (!canWrite(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以设定防火期' });
    const unit = await unitInScope(this.store.db, viewer, input.unitCode, '/body/unitCode');
    if (!unit.ok) return unit;
    if (unit.value.level === 'village' || unit.value.level === 'province') return invalid('/body/unitCode', '防火期按区县或乡镇设定');
    if (input.endsOn < input.startsOn) return invalid('/body/endsOn', '结束日期不能早于开始日期');
    if (Number(input.startsOn.slice(0, 4)) !== input.year) return invalid('/body/startsOn', '开始日期应在所设年度内');
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const existing = await repo.seasonOf(input.unitCode, input.year);
      const row = { id: existing?.id ?? randomUUID(), unit_code: input.unitCode, year: input.year, starts_on: input.startsOn, ends_on: input.endsOn, note: input.note?.trim() || null, updated_at: at };
      await repo.saveSeason(row, !!existing, viewer.userId, at);
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'fire_season', entityId: row.id, before: existing, after: row }, at);
    });
    return success((await this.seasonOf(input.unitCode, input.year))!);
  }

  private async present(rows: FireOrderRow[]): Promise<FireOrder[]> {
    const names = await this.repo().unitNames(rows.flatMap((r) => r.areas));
    const now = this.now().toISOString();
    return rows.map((r) => ({ ...r, status: fireOrderStatus(r, now), inForce: fireOrderInForce(r, now), areaNames: r.areas.map((a) => names.get(a) ?? a) }));
  }

  async orders(viewer: Viewer, filter: { status?: FireOrderStatus | undefined }): Promise<ServiceResult<FireOrder[]>> {
    const rows = (await this.repo().orders(viewer.scopePrefix.slice(0, 6))).filter((o) => touches(viewer, o.areas));
    const out = await this.present(rows);
    return success(filter.status ? out.filter((o) => o.status === filter.status) : out);
  }

  async order(viewer: Viewer, id: string): Promise<ServiceResult<FireOrder>> {
    const row = await this.repo().order(id);
    if (!row || !touches(viewer, row.areas)) return notFound();
    return success((await this.present([row]))[0]!);
  }

  private async checkOrder(viewer: Viewer, input: FireOrderInput, exceptId: string | null): Promise<ServiceResult<{ countyCode: string; areas: string[]; startsAt: string; endsAt: string }>> {
    const period = shanghaiPeriod(input.from, input.to);
    if (!period) return invalid('/body/to', '期限无效：请填写北京时间的日期或时刻，结束须晚于开始');
    const areas = [...new Set(input.areas)];
    if (!areas.length) return invalid('/body/areas', '请选择禁火区域');
    for (const [i, code] of areas.entries()) {
      const unit = await unitInScope(this.store.db, viewer, code, `/body/areas/${i}`);
      if (!unit.ok) return unit;
    }
    const county = countyOf(areas[0]!);
    if (areas.some((a) => countyOf(a) !== county)) return invalid('/body/areas', '一份命令的区域应在同一区县内');
    if (await this.repo().docNoTaken(county, input.docNo.trim(), exceptId)) return failure({ kind: 'conflict', field: '/body/docNo', message: `本县已有文号为 ${input.docNo.trim()} 的命令` });
    return success({ countyCode: county, areas, ...period });
  }

  private async draft(viewer: Viewer, input: FireOrderInput, suggestionId: string | null): Promise<ServiceResult<FireOrderRow>> {
    if (!canWrite(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以起草防火令' });
    const checked = await this.checkOrder(viewer, input, null);
    if (!checked.ok) return checked;
    const at = this.now().toISOString();
    return success({
      id: randomUUID(), countyCode: checked.value.countyCode, kind: input.kind, docNo: input.docNo.trim(), title: input.title.trim(), body: input.body.trim(),
      startsAt: checked.value.startsAt, endsAt: checked.value.endsAt, areas: checked.value.areas, issuer: input.issuer.trim(), status: 'draft', suggestionId,
      issuedAt: null, liftedAt: null, liftReason: null, createdAt: at, updatedAt: at,
    });
  }

  /** A new order, kept as a draft until issued. */
  async createOrder(viewer: Viewer, input: FireOrderInput): Promise<ServiceResult<FireOrder>> {
    const order = await this.draft(viewer, input, null);
    if (!order.ok) return order;
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo(trx).insertOrder(order.value, viewer.userId);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'fire_order', entityId: order.value.id, after: order.value }, order.value.createdAt);
    });
    return success((await this.present([order.value]))[0]!);
  }

  async updateOrder(viewer: Viewer, id: string, input: FireOrderInput): Promise<ServiceResult<FireOrder>> {
    return this.change(viewer, id, async (before) => {
      if (before.status !== 'draft') return failure({ kind: 'conflict', message: '只有草稿可以修改；已发布的命令请解除后另发' });
      const checked = await this.checkOrder(viewer, input, id);
      if (!checked.ok) return checked;
      return success({ ...before, kind: input.kind, docNo: input.docNo.trim(), title: input.title.trim(), body: input.body.trim(), issuer: input.issuer.trim(), ...checked.value });
    });
  }

  /** draft → issued: published from then on (public page, forest entry refusal) while its period lasts. */
  async issueOrder(viewer: Viewer, id: string): Promise<ServiceResult<FireOrder>> {
    const at = this.now().toISOString();
    return this.change(viewer, id, async (before) => {
      if (before.status !== 'draft') return failure({ kind: 'conflict', message: '该命令已发布或已解除' });
      if (Date.parse(before.endsAt) <= Date.parse(at)) return invalid('/body', '命令期限已过，不能发布');
      return success({ ...before, status: 'issued', issuedAt: at });
    });
  }

  /** issued → lifted before its end, with the reason (e.g. rain). */
  async liftOrder(viewer: Viewer, id: string, reason: string): Promise<ServiceResult<FireOrder>> {
    const at = this.now().toISOString();
    return this.change(viewer, id, async (before) => {
      if (before.status !== 'issued' || fireOrderStatus(before, at) === 'expired') return failure({ kind: 'conflict', message: '只有生效中或待生效的命令可以解除' });
      return success({ ...before, status: 'lifted', liftedAt: at, liftReason: reason.trim() });
    });
  }

  private async change(viewer: Viewer, id: string, next: (before: FireOrderRow) => Promise<ServiceResult<FireOrderRow>>): Promise<ServiceResult<FireOrder>> {
    if (!canWrite(viewer)) return forbidden();
    const before = await this.repo().order(id);
    if (!before || !touches(viewer, before.areas)) return notFound();
    const after = await next(before);
    if (!after.ok) return after;
    const at = this.now().toISOString();
    const row = { ...after.value, updatedAt: at };
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo(trx).updateOrder(row);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'fire_order', entityId: id, before, after: row }, at);
    });
    return success((await this.present([row]))[0]!);
  }

  /** Orders issued and in force now (the public list, no login), optionally those covering one unit. */
  async inForce(unitCode?: string): Promise<FireOrder[]> {
    const at = this.now().toISOString();
    const rows = (await this.repo().issuedNotEnded(at)).filter((o) => fireOrderInForce(o, at) && (!unitCode || fireOrderCovers(o.areas, unitCode)));
    return this.present(rows);
  }

  /** The first 禁火令 (else 防火令) in force covering a unit, or null. */
  async banCovering(unitCode: string): Promise<FireOrder | null> {
    const orders = await this.inForce(unitCode);
    return orders.find((o) => o.kind === 'fire_ban') ?? orders[0] ?? null;
  }

  private async presentSuggestions(rows: FireBanSuggestionRow[]): Promise<FireBanSuggestion[]> {
    const names = await this.repo().unitNames(rows.flatMap((r) => r.areas));
    return rows.map((r) => ({ ...r, areaNames: r.areas.map((a) => names.get(a) ?? a) }));
  }

  async suggestions(viewer: Viewer): Promise<ServiceResult<FireBanSuggestion[]>> {
    return success(await this.presentSuggestions((await this.repo().suggestions(viewer.scopePrefix.slice(0, 6))).filter((s) => touches(viewer, s.areas))));
  }

  /**
   * The daily job: every county's runs of high danger from the last two weeks through the forecast, recorded once
   * per spell (a run that grows updates its pending suggestion; a decided one is left alone). The county's staff
   * get an inbox message for each new suggestion.
   */
  async runSuggestions(asOf: string): Promise<{ created: number; updated: number; skipped: string | null }> {
    if (!this.danger) return { created: 0, updated: 0, skipped: '火险等级数据源未接入' };
    const today = shanghaiDate(asOf);
    const rules = await this.rules.fireBanRulesAt(today);
    let created = 0;
    let updated = 0;
    for (const county of await this.repo().counties()) {
      const levels = await this.danger.dailyLevels(county.slice(0, 6), addDays(today, -LOOK_BACK_DAYS), addDays(today, LOOK_AHEAD_DAYS));
      for (const s of suggestFireBans(levels, rules)) {
        const outcome = await this.store.db.transaction().execute(async (trx) => {
          const repo = this.repo(trx);
          const existing = await repo.suggestionTouching(county, addDays(s.startsOn, -1), addDays(s.endsOn, 1));
          if (existing) {
            if (existing.status !== 'pending') return 'kept';
            const startsOn = existing.startsOn < s.startsOn ? existing.startsOn : s.startsOn;
            const days = [...existing.days.filter((d) => d.date < s.startsOn), ...s.days];
            const next = { ...existing, startsOn, endsOn: s.endsOn > existing.endsOn ? s.endsOn : existing.endsOn, areas: [...new Set([...existing.areas, ...s.unitCodes])].sort(), days, peakLevel: Math.max(...days.map((d) => d.level)) };
            if (JSON.stringify(next) === JSON.stringify(existing)) return 'kept';
            await repo.updateSuggestion({ ...next, updatedAt: asOf }, null);
            await recordAudit(trx, { userId: null, action: 'update', entity: 'fire_ban_suggestion', entityId: existing.id, before: existing, after: next }, asOf);
            return 'updated';
          }
          const row: FireBanSuggestionRow = {
            id: randomUUID(), countyCode: county, startsOn: s.startsOn, endsOn: s.endsOn, areas: s.unitCodes, days: s.days, peakLevel: s.peakLevel, ruleMinLevel: rules.minLevel,
            ruleMinDays: rules.minDays, status: 'pending', orderId: null, dismissReason: null, decidedAt: null, createdAt: asOf, updatedAt: asOf,
          };
          await repo.insertSuggestion(row);
          await recordAudit(trx, { userId: null, action: 'create', entity: 'fire_ban_suggestion', entityId: row.id, after: row }, asOf);
          const notes = new NotificationRepository(trx);
          const staff = await notes.usersAt([county], ['staff', 'admin']);
          const names = await repo.unitNames(s.unitCodes);
          await notes.insertMany(staff.map((u) => ({
            id: randomUUID(), userId: u.id, kind: 'fire_ban_suggested' as const, problemId: null, title: `建议发布禁火令 ${s.startsOn} 至 ${s.endsOn}`,
            body: `${s.unitCodes.map((c) => names.get(c) ?? c).join('、')}火险等级连续 ${s.days.length} 天达到 ${rules.minLevel} 级及以上（最高 ${s.peakLevel} 级），请在“防火期与禁火令”中处理。`,
          })), asOf);
          return 'created';
        });
        if (outcome === 'created') created++;
        if (outcome === 'updated') updated++;
      }
    }
    return { created, updated, skipped: null };
  }

  private async decide(viewer: Viewer, id: string): Promise<ServiceResult<FireBanSuggestionRow>> {
    if (!canWrite(viewer)) return forbidden();
    const s = await this.repo().suggestion(id);
    if (!s || !touches(viewer, s.areas)) return notFound();
    if (s.status !== 'pending') return failure({ kind: 'conflict', message: '该建议已处理' });
    return success(s);
  }

  /** One click: a draft 禁火令 for the suggestion's areas and run of days; the suggestion is marked converted. */
  async convertSuggestion(viewer: Viewer, id: string, input: { docNo: string; issuer: string }): Promise<ServiceResult<FireOrder>> {
    const s = await this.decide(viewer, id);
    if (!s.ok) return s;
    const names = await this.repo().unitNames(s.value.areas);
    const areaText = s.value.areas.map((a) => names.get(a) ?? a).join('、');
    const order = await this.draft(viewer, {
      kind: 'fire_ban', docNo: input.docNo, issuer: input.issuer, areas: s.value.areas, from: s.value.startsOn, to: s.value.endsOn,
      title: `关于在${areaText}实施野外禁火的命令`,
      body: `鉴于${areaText}森林火险等级连续 ${s.value.days.length} 天达到 ${s.value.ruleMinLevel} 级及以上（最高 ${s.value.peakLevel} 级），自 ${s.value.startsOn} 至 ${s.value.endsOn}，` +
        `上述区域内严禁一切野外用火：严禁烧荒、烧灰积肥、烧田坎、炼山，严禁吸烟、野炊、烧烤、焚香烧纸、燃放烟花爆竹。违者依照《森林防火条例》严肃处理。`,
    }, id);
    if (!order.ok) return order;
    const at = order.value.createdAt;
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo(trx).insertOrder(order.value, viewer.userId);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'fire_order', entityId: order.value.id, after: order.value }, at);
      const next = { ...s.value, status: 'converted' as const, orderId: order.value.id, decidedAt: at, updatedAt: at };
      await this.repo(trx).updateSuggestion(next, viewer.userId);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'fire_ban_suggestion', entityId: id, before: s.value, after: next }, at);
    });
    return success((await this.present([order.value]))[0]!);
  }

  async dismissSuggestion(viewer: Viewer, id: string, reason: string): Promise<ServiceResult<FireBanSuggestion>> {
    const s = await this.decide(viewer, id);
    if (!s.ok) return s;
    if (!reason.trim()) return invalid('/body/reason', '请填写不采纳的理由');
    const at = this.now().toISOString();
    const next = { ...s.value, status: 'dismissed' as const, dismissReason: reason.trim(), decidedAt: at, updatedAt: at };
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo(trx).updateSuggestion(next, viewer.userId);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'fire_ban_suggestion', entityId: id, before: s.value, after: next }, at);
    });
    return success((await this.presentSuggestions([next]))[0]!);
  }
}

export const orderHeading = (o: Pick<FireOrder, 'kind' | 'docNo' | 'title'>): string => `${fireOrderKindNames[o.kind]}（${o.docNo}）${o.title}`;

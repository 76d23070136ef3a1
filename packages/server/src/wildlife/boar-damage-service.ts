import { randomUUID } from 'node:crypto';
import { boarClaimActionsFrom, boarClaimStatusNames, decideBoarClaimStep, fenToYuan, isInScope, scopePrefix, type BoarClaimAction, type BoarClaimStatus } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { shanghaiDate } from '../rules/service.ts';
import { unitAtPoint } from '../problems/locate.ts';
import type { ProblemService } from '../problems/service.ts';
import { WildlifeRepository, type BoarRow } from './repository.ts';
import { canManageStations, WildlifeStationService } from './station-service.ts';

export interface BoarDamageRecord {
  id: string;
  unitCode: string;
  unitName: string;
  stationId: string | null;
  stationName: string | null;
  occurredOn: string;
  lon: number;
  lat: number;
  household: string;
  householdPhone: string | null; // for the bureau only
  crop: string;
  areaMu: number;
  description: string;
  claim: {
    status: BoarClaimStatus;
    claimedFen: number;
    assessedFen: number | null;
    note: string | null;
    assessedAt: string | null;
    decidedAt: string | null;
    actions: BoarClaimAction[]; // what the viewer may do now
  } | null;
  problemId: string | null;
  version: number;
  createdAt: string;
}

export interface BoarDamageInput {
  id: string; // client-generated
  stationId?: string | null | undefined;
  occurredOn: string;
  lon: number;
  lat: number;
  household: string;
  householdPhone?: string | undefined;
  crop: string;
  areaMu: number;
  description: string;
  claimedFen?: number | null | undefined; // 申请补偿金额（分）; none = no claim
}

/**
 * Wild boar damage reports (野猪致害, DOMAIN.md §7): each is a problem of the closed loop (category 野猪致害) and may carry
 * the household's compensation claim, which the bureau assesses and pays or refuses. The claim lives here rather than
 * in compensation/: that module pays ecological benefit compensation per 小班 at a rate table, a claim is one
 * household's assessed loss.
 */
export class BoarDamageService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly problems: ProblemService,
  ) {}

  private static record(viewer: Viewer, r: BoarRow): BoarDamageRecord {
    const manages = canManageStations(viewer);
    const status = r.claim_status as BoarClaimStatus | null;
    return {
      id: r.id, unitCode: r.unit_code, unitName: r.unit_name, stationId: r.station_id, stationName: r.station_name, occurredOn: r.occurred_on, lon: r.lon, lat: r.lat,
      household: r.household, householdPhone: manages ? r.household_phone : null, crop: r.crop, areaMu: r.area_mu, description: r.description,
      claim: status ? {
        status, claimedFen: r.claimed_fen!, assessedFen: r.assessed_fen, note: r.claim_note, assessedAt: r.assessed_at, decidedAt: r.decided_at,
        actions: manages ? boarClaimActionsFrom(status) : [],
      } : null,
      problemId: r.problem_id, version: r.version, createdAt: r.created_at,
    };
  }

  async list(viewer: Viewer, query: PageRequest & { unit?: string | undefined; claimStatus?: BoarClaimStatus | undefined; year?: number | undefined }): Promise<ServiceResult<PageOf<BoarDamageRecord>>> {
    if (query.unit && !isInScope(query.unit, viewer.scopeCode)) return notFound();
    const { rows, total } = await new WildlifeRepository(this.store.db).boarDamages({
      scopePrefix: viewer.scopePrefix, ...(query.unit ? { unitPrefix: scopePrefix(query.unit) } : {}), ...(query.claimStatus ? { claimStatus: query.claimStatus } : {}),
      ...(query.year ? { from: `${query.year}-01-01`, to: `${query.year}-12-31` } : {}),
    }, query);
    return success({ items: rows.map((r) => BoarDamageService.record(viewer, r)), total });
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<BoarDamageRecord>> {
    const r = await new WildlifeRepository(this.store.db).boarDamage(id);
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    return success(BoarDamageService.record(viewer, r));
  }

  /** Reports a damage (any user, at a place in their scope): the record, its problem and, when an amount is given, the claim. */
  async report(viewer: Viewer, input: BoarDamageInput): Promise<ServiceResult<{ damage: BoarDamageRecord; created: boolean }>> {
    const at = this.now().toISOString();
    if (input.occurredOn > shanghaiDate(at)) return invalid('/body/occurredOn', '发生日期不能晚于今天');
    if (!input.household.trim()) return invalid('/body/household', '请填写受损农户');
    if (!input.crop.trim()) return invalid('/body/crop', '请填写受损作物');
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<boolean>> => {
      const repo = new WildlifeRepository(trx);
      const existing = await repo.boarDamage(input.id);
      if (existing) return existing.reporter_user_id === viewer.userId ? success(false) : failure({ kind: 'conflict', field: '/body/id', message: '报告编号已被占用' });
      let stationName: string | null = null;
      if (input.stationId) {
        const s = await WildlifeStationService.visible(repo, viewer, input.stationId);
        if (!s) return invalid('/body/stationId', '监测站点不存在或不在您的管辖范围内');
        stationName = s.row.name;
      }
      const unit = await unitAtPoint(trx, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
      if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/lon', '位置不在您管辖的区划范围内，请核对经纬度');
      const claimed = input.claimedFen ?? null;
      const problemId = randomUUID();
      await this.problems.insertProblem(trx, {
        id: problemId, category: 'boar_damage', severity: 'general', source: 'staff', title: `野猪致害：${input.household.trim()} ${input.crop.trim()} ${input.areaMu} 亩`,
        description: `${input.occurredOn} 野猪损毁${input.household.trim()}的${input.crop.trim()}约 ${input.areaMu} 亩。${input.description.trim()}${claimed === null ? '' : `（申请补偿 ${fenToYuan(claimed)} 元）`}${stationName ? `（${stationName}）` : ''}`,
        lon: input.lon, lat: input.lat, geometry: null, unitCode: unit.code, reportedAt: at,
        reporterUserId: viewer.userId, reporterPersonId: viewer.personId, reporterName: null, reporterPhone: null,
        patrolId: null, parcelRef: null, fireRef: null, pestRef: null, externalRef: `wildlife:${input.id}`, needsFieldCheck: true, importBatch: null,
      }, [], viewer.userId, at);
      await repo.insertBoarDamage({
        id: input.id, unit_code: unit.code, station_id: input.stationId ?? null, occurred_on: input.occurredOn, lon: input.lon, lat: input.lat,
        household: input.household.trim(), household_phone: input.householdPhone?.trim() || null, crop: input.crop.trim(), area_mu: input.areaMu, description: input.description.trim(),
        claim_status: claimed === null ? null : 'claimed', claimed_fen: claimed, assessed_fen: null, claim_note: null, assessed_at: null, assessed_by: null, decided_at: null, decided_by: null,
        problem_id: problemId, reporter_user_id: viewer.userId, version: 1, created_at: at, updated_at: at,
      });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'wildlife_boar_damage', entityId: input.id, after: { unitCode: unit.code, claimedFen: claimed, problemId } }, at);
      return success(true);
    });
    if (!r.ok) return r;
    const damage = await this.get(viewer, input.id);
    return damage.ok ? success({ damage: damage.value, created: r.value }) : damage;
  }

  /** The claim's next step (核定 / 兑付 / 不予补偿), by the bureau, with the version read (optimistic lock). */
  async claimStep(viewer: Viewer, id: string, input: { version: number; action: BoarClaimAction; assessedFen?: number | undefined; reason?: string | undefined; note?: string | undefined }): Promise<ServiceResult<BoarDamageRecord>> {
    if (!canManageStations(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以核定、兑付野猪致害补偿' });
    const at = this.now().toISOString();
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new WildlifeRepository(trx);
      const row = await repo.boarDamage(id);
      if (!row || !isInScope(row.unit_code, viewer.scopeCode)) return notFound();
      if (!row.claim_status) return failure({ kind: 'conflict', message: '该报告没有补偿申请' });
      if (row.version !== input.version) return failure({ kind: 'conflict', field: '/body/version', message: '该报告已被他人更新，请刷新后再操作' });
      const decision = decideBoarClaimStep({ status: row.claim_status as BoarClaimStatus, claimedFen: row.claimed_fen!, assessedFen: row.assessed_fen }, input);
      if (!decision.ok) {
        const f = decision.error[0]!;
        return f.code === 'step_not_allowed' ? failure({ kind: 'conflict', field: '/body/action', message: f.message }) : invalid(`/body${f.field}`, f.message);
      }
      const next = decision.value;
      const changes = input.action === 'assess'
        ? { claim_status: next.status, assessed_fen: next.assessedFen, claim_note: input.note?.trim() || null, assessed_at: at, assessed_by: viewer.userId, updated_at: at }
        : { claim_status: next.status, claim_note: (input.action === 'refuse' ? input.reason?.trim() : input.note?.trim()) || row.claim_note, decided_at: at, decided_by: viewer.userId, updated_at: at };
      if (!(await repo.updateBoarIfVersion(id, row.version, changes))) return failure({ kind: 'conflict', field: '/body/version', message: '该报告已被他人更新，请刷新后再操作' });
      await recordAudit(trx, {
        userId: viewer.userId, action: 'update', entity: 'wildlife_boar_damage', entityId: id,
        before: { claim_status: row.claim_status, assessed_fen: row.assessed_fen, version: row.version }, after: { ...changes, version: row.version + 1, statusName: boarClaimStatusNames[next.status] },
      }, at);
      return success(null);
    });
    return r.ok ? this.get(viewer, id) : r;
  }
}

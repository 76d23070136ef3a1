import { randomUUID } from 'node:crypto';
import { isInScope, scopePrefix } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { WildlifeRepository, type StationRow } from './repository.ts';

export const wildlifeStationLevels = ['national', 'provincial', 'county'] as const;
export type WildlifeStationLevel = (typeof wildlifeStationLevels)[number];

/** Keeping the station register is for the bureau (staff) and administrators, in their scope. */
export const canManageStations = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');

export interface WildlifeStationRecord {
  id: string;
  unitCode: string;
  unitName: string;
  name: string;
  level: WildlifeStationLevel;
  lon: number;
  lat: number;
  supervisor: { id: string; name: string } | null;
  reporters: { id: string; name: string; username: string }[];
  activeFrom: string;
  activeTo: string | null;
  note: string | null;
  version: number;
  canReport: boolean; // may the viewer submit this station's daily report
  canEdit: boolean;
}

export interface StationInput {
  name: string;
  unitCode: string;
  level: WildlifeStationLevel;
  lon: number;
  lat: number;
  supervisorUserId?: string | null | undefined;
  reporterUserIds?: string[] | undefined;
  activeFrom: string;
  activeTo?: string | null | undefined;
  note?: string | null | undefined;
}

/** May the viewer see the station: it is in their scope, or they report for it or supervise it. */
export const canSeeStation = (viewer: Viewer, s: StationRow, reporterIds: readonly string[]): boolean =>
  isInScope(s.unit_code, viewer.scopeCode) || s.supervisor_user_id === viewer.userId || reporterIds.includes(viewer.userId);

/** Submitting a station's daily report: its reporters, and staff or administrators whose scope holds it. */
export const canReportFor = (viewer: Viewer, s: StationRow, reporterIds: readonly string[]): boolean =>
  reporterIds.includes(viewer.userId) || (canManageStations(viewer) && isInScope(s.unit_code, viewer.scopeCode));

/**
 * The monitoring stations (疫源疫病监测站, DOMAIN.md §7): where each is, who reports for it daily, whose inbox hears
 * of a missed report (监管员), and from when to when it must report.
 */
export class WildlifeStationService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  static async records(repo: WildlifeRepository, viewer: Viewer, rows: StationRow[]): Promise<WildlifeStationRecord[]> {
    const reporters = await repo.reporters(rows.map((r) => r.id));
    return rows.map((s) => {
      const mine = reporters.filter((r) => r.station_id === s.id);
      const ids = mine.map((r) => r.user_id);
      return {
        id: s.id, unitCode: s.unit_code, unitName: s.unit_name, name: s.name, level: s.level as WildlifeStationLevel, lon: s.lon, lat: s.lat,
        supervisor: s.supervisor_user_id ? { id: s.supervisor_user_id, name: s.supervisor_name ?? '' } : null,
        reporters: mine.map((r) => ({ id: r.user_id, name: r.name, username: r.username })), activeFrom: s.active_from, activeTo: s.active_to, note: s.note, version: s.version,
        canReport: canReportFor(viewer, s, ids), canEdit: canManageStations(viewer) && isInScope(s.unit_code, viewer.scopeCode),
      };
    });
  }

  /** The station as the viewer may see it, or undefined (not there, or out of their reach: both read as 404). */
  static async visible(repo: WildlifeRepository, viewer: Viewer, id: string): Promise<{ row: StationRow; reporterIds: string[] } | undefined> {
    const row = await repo.station(id);
    if (!row) return undefined;
    const reporterIds = (await repo.reporters([id])).map((r) => r.user_id);
    return canSeeStation(viewer, row, reporterIds) ? { row, reporterIds } : undefined;
  }

  async list(viewer: Viewer, query: { unit?: string | undefined }): Promise<ServiceResult<WildlifeStationRecord[]>> {
    if (query.unit && !isInScope(query.unit, viewer.scopeCode)) return notFound();
    const repo = new WildlifeRepository(this.store.db);
    const rows = await repo.stations({ scopePrefix: viewer.scopePrefix, userId: viewer.userId }, query.unit ? scopePrefix(query.unit) : undefined);
    return success(await WildlifeStationService.records(repo, viewer, rows));
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<WildlifeStationRecord>> {
    const repo = new WildlifeRepository(this.store.db);
    const s = await WildlifeStationService.visible(repo, viewer, id);
    if (!s) return notFound();
    return success((await WildlifeStationService.records(repo, viewer, [s.row]))[0]!);
  }

  /** Users of the viewer's scope who may be made a station's reporter or supervisor (staff and admins only). */
  async candidates(viewer: Viewer, q: string | undefined): Promise<ServiceResult<{ id: string; name: string; username: string; roles: string[] }[]>> {
    if (!canManageStations(viewer)) return forbidden();
    const rows = await new WildlifeRepository(this.store.db).usersIn(viewer.scopePrefix, q?.trim() || undefined, 30);
    return success(rows.map((u) => ({ id: u.id, name: u.name, username: u.username, roles: JSON.parse(u.roles) as string[] })));
  }

  /** Checks what the database must confirm: the unit, and that the supervisor and reporters are active users in the viewer's scope. */
  private async checkInput(repo: WildlifeRepository, viewer: Viewer, input: StationInput): Promise<ServiceResult<null>> {
    if (!input.name.trim()) return invalid('/body/name', '请填写站点名称');
    if (!isInScope(input.unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '所在区划不在您的管辖范围内');
    if (!(await repo.unit(input.unitCode))) return invalid('/body/unitCode', '区划代码不存在');
    if (input.activeTo && input.activeTo < input.activeFrom) return invalid('/body/activeTo', '停用日期不能早于启用日期');
    const ids = [...(input.supervisorUserId ? [input.supervisorUserId] : []), ...(input.reporterUserIds ?? [])];
    const users = new Map((await repo.users([...new Set(ids)])).map((u) => [u.id, u]));
    const usable = (id: string) => {
      const u = users.get(id);
      return !!u && !u.disabled && isInScope(u.scope_unit_code, viewer.scopeCode);
    };
    if (input.supervisorUserId && !usable(input.supervisorUserId)) return invalid('/body/supervisorUserId', '监管员账号不存在、已停用或不在您的管辖范围内');
    const reporters = input.reporterUserIds ?? [];
    const bad = reporters.findIndex((id) => !usable(id));
    if (bad >= 0) return invalid(`/body/reporterUserIds/${bad}`, '报告人账号不存在、已停用或不在您的管辖范围内');
    const dup = reporters.findIndex((id, i) => reporters.indexOf(id) !== i);
    if (dup >= 0) return invalid(`/body/reporterUserIds/${dup}`, '报告人重复');
    return success(null);
  }

  async create(viewer: Viewer, input: StationInput): Promise<ServiceResult<WildlifeStationRecord>> {
    if (!canManageStations(viewer)) return forbidden();
    const id = randomUUID();
    const at = this.now().toISOString();
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new WildlifeRepository(trx);
      const ok = await this.checkInput(repo, viewer, input);
      if (!ok.ok) return ok;
      const values = {
        unit_code: input.unitCode, name: input.name.trim(), level: input.level, lon: input.lon, lat: input.lat, supervisor_user_id: input.supervisorUserId ?? null,
        active_from: input.activeFrom, active_to: input.activeTo ?? null, note: input.note?.trim() || null,
      };
      await repo.insertStation({ id, ...values, version: 1, created_at: at, updated_at: at });
      await repo.setReporters(id, input.reporterUserIds ?? []);
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'wildlife_station', entityId: id, after: { ...values, reporters: input.reporterUserIds ?? [] } }, at);
      return success(null);
    });
    return r.ok ? this.get(viewer, id) : r;
  }

  async update(viewer: Viewer, id: string, input: StationInput & { version: number }): Promise<ServiceResult<WildlifeStationRecord>> {
    if (!canManageStations(viewer)) return forbidden();
    const at = this.now().toISOString();
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new WildlifeRepository(trx);
      const s = await repo.station(id);
      if (!s || !isInScope(s.unit_code, viewer.scopeCode)) return notFound();
      const ok = await this.checkInput(repo, viewer, input);
      if (!ok.ok) return ok;
      const values = {
        unit_code: input.unitCode, name: input.name.trim(), level: input.level, lon: input.lon, lat: input.lat, supervisor_user_id: input.supervisorUserId ?? null,
        active_from: input.activeFrom, active_to: input.activeTo ?? null, note: input.note?.trim() || null,
      };
      if (!(await repo.updateStationIfVersion(id, input.version, { ...values, updated_at: at }))) return failure({ kind: 'conflict', field: '/body/version', message: '该站点已被他人修改，请刷新后再保存' });
      if (input.reporterUserIds) await repo.setReporters(id, input.reporterUserIds);
      await recordAudit(trx, {
        userId: viewer.userId, action: 'update', entity: 'wildlife_station', entityId: id,
        before: { name: s.name, unit_code: s.unit_code, supervisor_user_id: s.supervisor_user_id, active_from: s.active_from, active_to: s.active_to, version: s.version },
        after: { ...values, ...(input.reporterUserIds ? { reporters: input.reporterUserIds } : {}), version: input.version + 1 },
      }, at);
      return success(null);
    });
    return r.ok ? this.get(viewer, id) : r;
  }

  /** Only a station that never reported may be deleted; one with reports is ended by its 停用日期 instead. */
  async remove(viewer: Viewer, id: string): Promise<ServiceResult<{ deleted: true }>> {
    if (!canManageStations(viewer)) return forbidden();
    const at = this.now().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const repo = new WildlifeRepository(trx);
      const s = await repo.station(id);
      if (!s || !isInScope(s.unit_code, viewer.scopeCode)) return notFound();
      if ((await repo.reportCount(id)) > 0) return failure({ kind: 'conflict', message: '该站点已有日报，不能删除；如不再监测，请填写停用日期' });
      if (await repo.hasBoarDamages(id)) return failure({ kind: 'conflict', message: '该站点已关联野猪致害报告，不能删除；请填写停用日期' });
      await repo.deleteStation(id);
      await recordAudit(trx, { userId: viewer.userId, action: 'delete', entity: 'wildlife_station', entityId: id, before: { name: s.name, unit_code: s.unit_code } }, at);
      return success({ deleted: true as const });
    });
  }
}

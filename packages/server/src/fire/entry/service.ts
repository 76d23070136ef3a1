import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { entryPurgeBefore, fireOrderKindNames, isInScope, maskPhone, overstayOf, scopePrefix, type Overstay } from '@linzhang/domain';
import type { Store } from '../../db/connect.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { unitFilterPrefix } from '../../db/register-service.ts';
import type { PageOf, PageRequest } from '../../db/paginate.ts';
import { unitAtPoint } from '../../problems/locate.ts';
import { shanghaiDate, type RuleSource } from '../../rules/service.ts';
import type { FireOrder } from '../bans/service.ts';
import { ForestEntryRepository, type EntryPointRow, type EntryRow } from './repository.ts';
import { entryPoster, posterRules } from './poster.ts';

/** Where entry finds the order in force over a unit (FireBanService.banCovering). */
export interface BanLookup {
  banCovering(unitCode: string): Promise<FireOrder | null>;
}

export interface EntryPointInput { name: string; lon: number; lat: number; active?: boolean | undefined; note?: string | undefined }
export interface RegistrationInput { name: string; phone: string; idTail?: string | undefined; purpose: string; fireSource: boolean; pledge: boolean }
export interface Visitor extends EntryRow { overstay: Overstay | null; phoneMasked: boolean }

const canKeep = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const canWatch = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief' || r === 'ranger' || r === 'supervisor');
/** Rangers see phones masked; chiefs and staff, who must call a visitor who overstays, see them whole. */
const seesFullPhone = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief');
const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: read off a poster

/** Issue 6 §5 扫码入林: entry points with QR posters, public registration and check-out, who is inside, and the purge. */
export class ForestEntryService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly rules: RuleSource,
    private readonly bans: BanLookup,
  ) {}

  private repo(db = this.store.db) {
    return new ForestEntryRepository(db);
  }

  async points(viewer: Viewer, input: { unit?: string | undefined; q?: string | undefined }): Promise<ServiceResult<EntryPointRow[]>> {
    if (!canWatch(viewer)) return failure({ kind: 'forbidden' });
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    return success(await this.repo().listPoints(scopePrefix(unit), input.q));
  }

  async createPoint(viewer: Viewer, input: EntryPointInput): Promise<ServiceResult<EntryPointRow>> {
    return this.savePoint(viewer, null, input);
  }

  async updatePoint(viewer: Viewer, id: string, input: EntryPointInput): Promise<ServiceResult<EntryPointRow>> {
    return this.savePoint(viewer, id, input);
  }

  private async savePoint(viewer: Viewer, id: string | null, input: EntryPointInput): Promise<ServiceResult<EntryPointRow>> {
    if (!canKeep(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以设置入林点' });
    const existing = id ? await this.repo().pointById(id) : null;
    if (id && (!existing || !isInScope(existing.unitCode, viewer.scopeCode))) return notFound();
    const unit = await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
    if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/lon', '位置不在您管辖的区划范围内，请核对经纬度');
    const at = this.now().toISOString();
    const pointId = id ?? randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const values = { name: input.name.trim(), unit_code: unit.code, lon: input.lon, lat: input.lat, active: input.active === false ? 0 : 1, note: input.note?.trim() || null, updated_at: at };
      if (existing) await repo.updatePoint(pointId, values);
      else {
        let code = '';
        do code = Array.from(randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
        while (await repo.codeTaken(code));
        await repo.insertPoint({ id: pointId, code, ...values, created_by: viewer.userId, created_at: at });
      }
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'forest_entry_point', entityId: pointId, before: existing ?? undefined, after: values }, at);
    });
    return success((await this.repo().pointById(pointId))!);
  }

  /** The printable A4 poster of an entry point; `baseUrl` is the address the public reaches this server at. */
  async poster(viewer: Viewer, id: string, baseUrl: string): Promise<ServiceResult<{ pdf: Buffer; filename: string }>> {
    const point = await this.repo().pointById(id);
    if (!point || !isInScope(point.unitCode, viewer.scopeCode) || !canWatch(viewer)) return notFound();
    const pdf = await entryPoster({ pointName: point.name, unitPath: await this.repo().unitChain(point.unitCode), url: `${baseUrl.replace(/\/$/, '')}/entry/${point.code}`, code: point.code, rules: posterRules });
    return success({ pdf, filename: `扫码入林-${point.name}.pdf` });
  }

  /** What the public page shows before registering: the place, the notice and the order in force over it, if any. */
  async publicPoint(code: string): Promise<ServiceResult<{ code: string; name: string; unitPath: string[]; notice: string; ban: FireOrder | null }>> {
    const point = await this.repo().pointByCode(code);
    if (!point || !point.active) return notFound();
    const rules = await this.rules.forestEntryRulesAt(shanghaiDate(this.now().getTime()));
    return success({ code: point.code, name: point.name, unitPath: await this.repo().unitChain(point.unitCode), notice: rules.notice, ban: await this.bans.banCovering(point.unitCode) });
  }

  /** A visitor registers: refused while an order covers the point's unit; else recorded, with a token to check out. */
  async register(code: string, input: RegistrationInput): Promise<ServiceResult<{ entryId: string; token: string; enteredAt: string; pointName: string }>> {
    const point = await this.repo().pointByCode(code);
    if (!point || !point.active) return notFound();
    if (!input.pledge) return invalid('/body/pledge', '请阅读防火须知并勾选承诺');
    const ban = await this.bans.banCovering(point.unitCode);
    if (ban) return failure({ kind: 'forbidden', message: `${fireOrderKindNames[ban.kind]}期间禁止入林。${ban.issuer}《${ban.title}》（${ban.docNo}）：${ban.body}` });
    const at = this.now().toISOString();
    const token = randomBytes(24).toString('base64url');
    const id = randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo(trx).insertEntry({
        id, point_id: point.id, unit_code: point.unitCode, name: input.name.trim(), phone: input.phone, id_tail: input.idTail ?? null, purpose: input.purpose.trim(),
        fire_source: input.fireSource ? 1 : 0, token_hash: hash(token), entered_at: at, exited_at: null, purged_at: null,
      });
      // The audit entry names the point, not the person: personal data lives only in the row the purge clears.
      await recordAudit(trx, { userId: null, action: 'create', entity: 'forest_entry', entityId: id, after: { pointId: point.id, fireSource: input.fireSource } }, at);
    });
    return success({ entryId: id, token, enteredAt: at, pointName: point.name });
  }

  /** The visitor checks out with the token kept on their phone; a second check-out answers the first time. */
  async checkOut(token: string): Promise<ServiceResult<{ entryId: string; enteredAt: string; exitedAt: string }>> {
    const entry = await this.repo().entryByToken(hash(token));
    if (!entry) return notFound();
    if (entry.exited_at) return success({ entryId: entry.id, enteredAt: entry.entered_at, exitedAt: entry.exited_at });
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await this.repo(trx).checkOut(entry.id, at);
      await recordAudit(trx, { userId: null, action: 'update', entity: 'forest_entry', entityId: entry.id, after: { exitedAt: at } }, at);
    });
    return success({ entryId: entry.id, enteredAt: entry.entered_at, exitedAt: at });
  }

  private async present(viewer: Viewer, rows: EntryRow[]): Promise<Visitor[]> {
    const now = this.now().toISOString();
    const rules = await this.rules.forestEntryRulesAt(shanghaiDate(now));
    const full = seesFullPhone(viewer);
    return rows.map((r) => ({ ...r, phone: r.phone && !full ? maskPhone(r.phone) : r.phone, phoneMasked: !full, overstay: r.exitedAt ? null : overstayOf(r.enteredAt, now, rules) }));
  }

  /** Registrations in the viewer's scope, newest first, with filters (unit, point, Shanghai days, inside or out, name/phone). */
  async registrations(viewer: Viewer, input: PageRequest & { unit?: string | undefined; point?: string | undefined; from?: string | undefined; to?: string | undefined; inside?: boolean | undefined; q?: string | undefined }): Promise<ServiceResult<PageOf<Visitor>>> {
    if (!canWatch(viewer)) return failure({ kind: 'forbidden' });
    const unitPrefix = unitFilterPrefix(viewer, input.unit, scopePrefix);
    if (!unitPrefix) return notFound();
    if (!unitPrefix.ok) return unitPrefix;
    const day = (d: string | undefined, plus: number) => (d ? new Date(Date.parse(`${d}T00:00:00+08:00`) + plus * 86_400_000).toISOString() : undefined);
    const page = await this.repo().listEntries({
      scopePrefix: viewer.scopePrefix, unitPrefix: unitPrefix.value, pointId: input.point, from: day(input.from, 0), to: day(input.to, 1), inside: input.inside,
      q: seesFullPhone(viewer) ? input.q : undefined,
    }, input);
    return success({ items: await this.present(viewer, page.items), total: page.total });
  }

  /** Who is inside now, by area and since when, with overstays flagged. */
  async inside(viewer: Viewer, input: { unit?: string | undefined }): Promise<ServiceResult<Visitor[]>> {
    const page = await this.registrations(viewer, { unit: input.unit, inside: true, limit: 500, offset: 0 });
    return page.ok ? success(page.value.items) : page;
  }

  /** The daily purge: personal data of entries older than the retention days goes; the counts stay. */
  async purge(asOf: string): Promise<{ purged: number; before: string }> {
    const rules = await this.rules.forestEntryRulesAt(shanghaiDate(asOf));
    const before = entryPurgeBefore(asOf, rules);
    const purged = await this.store.db.transaction().execute(async (trx) => {
      const n = await this.repo(trx).purgeBefore(before, asOf);
      if (n) await recordAudit(trx, { userId: null, action: 'update', entity: 'forest_entry_purge', entityId: before, after: { purged: n, retentionDays: rules.retentionDays } }, asOf);
      return n;
    });
    return { purged, before };
  }
}

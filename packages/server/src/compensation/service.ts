import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import {
  batchActionRefusal, batchStatusNames, compensatedCategories, compensationRate, defaultCompensationRates, defaultPostingDays, fenToYuan, forestCategories,
  isInScope, lineAmountFen, maskIdNumber, postingEnds, scopePrefix, squareMetresToMu, type BatchAction,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { shanghaiDate } from '../rules/service.ts';
import { CompensationRepository, type BatchRow, type LineRow } from './repository.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';

const canManage = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');
const forbidden = <T>() => failure<T>({ kind: 'forbidden', message: '只有林业局工作人员可以办理生态效益补偿' });

export interface PreviewLine { unitCode: string; parcelNo: string; parcelId: string; forestCategory: string; payee: string; areaM2: number; rateFen: number; amountFen: number }
export interface BatchPreview {
  unitCode: string; year: number; ledgerYear: number | null; rates: Record<string, number>;
  lines: PreviewLine[]; payees: { payee: string; parcels: number; areaM2: number; amountFen: number }[];
  totalFen: number; areaM2: number; alreadyPaid: number; withoutOwner: number;
}

export type BatchDetail = BatchRow & {
  lines: LineRow[];
  objections: Awaited<ReturnType<CompensationRepository['objections']>>;
  refusals: Record<BatchAction, string | null>;
};

/**
 * Ecological benefit compensation (issue 5 §6, DOMAIN.md §8): a batch per unit and year built from the ledger's
 * public-welfare parcels, one line per parcel and payee at the year's rate; publicly posted (default 7 days) with
 * objections taken and resolved, approved after the posting, paid with an Excel file for the bank. A parcel is
 * never paid twice in a year: the service leaves out parcels already on a line in force, and a partial unique
 * index in the database refuses one that slips through.
 */
export class CompensationService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  private today(): string {
    return shanghaiDate(this.now().getTime());
  }

  async rates(viewer: Viewer, year: number): Promise<ServiceResult<{ year: number; rates: Record<string, number>; isDefault: boolean }>> {
    void viewer;
    const rates = await new CompensationRepository(this.store.db).rates(year);
    const isDefault = Object.keys(rates).length === 0;
    return success({ year, rates: isDefault ? { ...defaultCompensationRates } : rates, isDefault });
  }

  async setRates(viewer: Viewer, year: number, rates: Record<string, number>): Promise<ServiceResult<{ year: number; rates: Record<string, number>; isDefault: boolean }>> {
    if (!canManage(viewer)) return forbidden();
    for (const [category, fen] of Object.entries(rates)) {
      if (!forestCategories[category]) return invalid(`/body/rates/${category}`, `森林类别“${category}”无效`);
      if (!Number.isInteger(fen) || fen < 0 || fen > 100_000) return invalid(`/body/rates/${category}`, '标准应为 0–1000 元/亩，以分为单位的整数');
    }
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await new CompensationRepository(trx).replaceRates(year, rates, viewer.userId, at);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'compensation_rates', entityId: String(year), after: rates }, at);
    });
    return this.rates(viewer, year);
  }

  private async previewIn(db: Kysely<Database>, unitCode: string, year: number): Promise<BatchPreview> {
    const repo = new CompensationRepository(db);
    const prefix = scopePrefix(unitCode);
    const stored = await repo.rates(year);
    const rates = Object.keys(stored).length ? stored : { ...defaultCompensationRates };
    const ledgerYear = await repo.ledgerYear(prefix, year);
    const categories = compensatedCategories.filter((c) => compensationRate(rates, c) !== null);
    const parcels = ledgerYear === null ? [] : await repo.publicWelfareParcels(prefix, ledgerYear, categories);
    const paid = await repo.alreadyPaid(prefix, year);
    const lines: PreviewLine[] = [];
    let alreadyPaid = 0;
    let withoutOwner = 0;
    for (const p of parcels) {
      if (paid.has(`${p.unit_code}|${p.parcel_no}`)) { alreadyPaid++; continue; }
      if (!p.owner?.trim()) { withoutOwner++; continue; }
      const rateFen = compensationRate(rates, p.forest_category)!;
      lines.push({ unitCode: p.unit_code, parcelNo: p.parcel_no, parcelId: p.id, forestCategory: p.forest_category!, payee: p.owner.trim(), areaM2: p.area_m2, rateFen, amountFen: lineAmountFen(p.area_m2, rateFen) });
    }
    const byPayee = new Map<string, { payee: string; parcels: number; areaM2: number; amountFen: number }>();
    for (const l of lines) {
      const e = byPayee.get(l.payee) ?? { payee: l.payee, parcels: 0, areaM2: 0, amountFen: 0 };
      e.parcels++;
      e.areaM2 += l.areaM2;
      e.amountFen += l.amountFen;
      byPayee.set(l.payee, e);
    }
    return {
      unitCode, year, ledgerYear, rates, lines, payees: [...byPayee.values()].sort((a, b) => b.amountFen - a.amountFen),
      totalFen: lines.reduce((s, l) => s + l.amountFen, 0), areaM2: lines.reduce((s, l) => s + l.areaM2, 0), alreadyPaid, withoutOwner,
    };
  }

  /** What a batch for the unit and year would hold, without writing it. */
  async preview(viewer: Viewer, input: { unitCode: string; year: number }): Promise<ServiceResult<BatchPreview>> {
    if (!isInScope(input.unitCode, viewer.scopeCode)) return notFound();
    return success(await this.previewIn(this.store.db, input.unitCode, input.year));
  }

  async createBatch(viewer: Viewer, input: { unitCode: string; year: number; title?: string | undefined }): Promise<ServiceResult<BatchDetail>> {
    if (!isInScope(input.unitCode, viewer.scopeCode)) return invalid('/body/unitCode', '区划不在您的管辖范围内');
    if (!canManage(viewer)) return forbidden();
    const unit = await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', '=', input.unitCode).executeTakeFirst();
    if (!unit) return invalid('/body/unitCode', '区划不存在');
    const at = this.now().toISOString();
    const id = randomUUID();
    try {
      const made = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
        const p = await this.previewIn(trx, input.unitCode, input.year);
        if (p.ledgerYear === null) return invalid('/body/unitCode', `${unit.short_name}在 ${input.year} 年及以前没有小班台账，无法生成补偿名册`);
        if (!p.lines.length) {
          return failure({ kind: 'conflict', field: '/body/unitCode', message: p.alreadyPaid ? `${unit.short_name}的公益林小班 ${input.year} 年度已全部列入其他补偿批次` : `${unit.short_name}没有可补偿的公益林小班（或小班缺少经营者）` });
        }
        const repo = new CompensationRepository(trx);
        await repo.insertBatch({
          id, unit_code: input.unitCode, year: input.year, ledger_year: p.ledgerYear, title: input.title?.trim() || `${unit.short_name}${input.year}年度森林生态效益补偿`,
          status: 'draft', posting_from: null, posting_to: null, created_by: viewer.userId, created_at: at, approved_by: null, approved_at: null, paid_at: null, cancelled_at: null, version: 1,
        });
        await repo.insertLines(p.lines.map((l) => ({
          id: randomUUID(), batch_id: id, year: input.year, unit_code: l.unitCode, parcel_no: l.parcelNo, parcel_id: l.parcelId, forest_category: l.forestCategory,
          payee: l.payee, id_number: null, bank_account: null, area_m2: l.areaM2, rate_fen: l.rateFen, amount_fen: l.amountFen, active: 1, note: null,
        })));
        await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'compensation_batch', entityId: id, after: { unitCode: input.unitCode, year: input.year, lines: p.lines.length, totalFen: p.totalFen } }, at);
        return success(null);
      });
      if (!made.ok) return made;
    } catch (e) {
      // Another batch took some of these parcels between our read and our write: the index refused the double payment.
      if (isUniqueViolation(e)) return failure({ kind: 'conflict', field: '/body/unitCode', message: '部分小班同时被列入另一补偿批次，请刷新后重试' });
      throw e;
    }
    return this.batch(viewer, id);
  }

  async batches(viewer: Viewer, input: { year?: number | undefined }): Promise<ServiceResult<BatchRow[]>> {
    return success(await new CompensationRepository(this.store.db).batches(viewer.scopePrefix, input.year));
  }

  async batch(viewer: Viewer, id: string): Promise<ServiceResult<BatchDetail>> {
    const repo = new CompensationRepository(this.store.db);
    const b = await repo.batch(id);
    if (!b || !isInScope(b.unitCode, viewer.scopeCode)) return notFound();
    const today = this.today();
    const refusals = Object.fromEntries((['post', 'object', 'approve', 'pay', 'cancel'] as const).map((a) => [a, batchActionRefusal(b, a, today)])) as Record<BatchAction, string | null>;
    return success({ ...b, lines: await repo.lines(id), objections: await repo.objections(id), refusals });
  }

  /** Moves a batch through its states; refused (409, with the reason) when the state or the date does not allow it. */
  async act(viewer: Viewer, id: string, action: Exclude<BatchAction, 'object'>, input: { postingDays?: number | undefined } = {}): Promise<ServiceResult<BatchDetail>> {
    if (!canManage(viewer)) return forbidden();
    const today = this.today();
    const at = this.now().toISOString();
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new CompensationRepository(trx);
      const b = await repo.batch(id);
      if (!b || !isInScope(b.unitCode, viewer.scopeCode)) return notFound();
      const refusal = batchActionRefusal(b, action, today);
      if (refusal) return failure({ kind: 'conflict', message: refusal });
      const values = action === 'post' ? { status: 'posted', posting_from: today, posting_to: postingEnds(today, input.postingDays ?? defaultPostingDays) }
        : action === 'approve' ? { status: 'approved', approved_at: at, approved_by: viewer.userId }
        : action === 'pay' ? { status: 'paid', paid_at: at }
        : { status: 'cancelled', cancelled_at: at };
      if (!(await repo.setStatus(id, b.version, values))) return failure({ kind: 'conflict', message: '批次刚被他人修改，请刷新后重试' });
      // A cancelled batch frees its parcels for another batch of the same year.
      if (action === 'cancel') await repo.deactivateLines(id);
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'compensation_batch', entityId: id, before: { status: b.status }, after: values }, at);
      return success(null);
    });
    if (!r.ok) return r;
    return this.batch(viewer, id);
  }

  /** A payee's bank account and ID number, or a line's exclusion, while the batch is being prepared or posted. */
  async updateLine(viewer: Viewer, batchId: string, lineId: string, input: { bankAccount?: string | undefined; idNumber?: string | undefined }): Promise<ServiceResult<BatchDetail>> {
    if (!canManage(viewer)) return forbidden();
    const repo = new CompensationRepository(this.store.db);
    const b = await repo.batch(batchId);
    if (!b || !isInScope(b.unitCode, viewer.scopeCode)) return notFound();
    if (b.status === 'paid' || b.status === 'cancelled') return failure({ kind: 'conflict', message: `批次${batchStatusNames[b.status]}，不能修改` });
    const line = await repo.line(lineId);
    if (!line || line.batch_id !== batchId || line.active !== 1) return notFound();
    if (input.idNumber !== undefined && input.idNumber !== '' && !/^\d{17}[\dXx]$/.test(input.idNumber)) return invalid('/body/idNumber', '身份证号应为 18 位');
    if (input.bankAccount !== undefined && input.bankAccount !== '' && !/^\d{8,30}$/.test(input.bankAccount)) return invalid('/body/bankAccount', '银行账号应为 8–30 位数字');
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      // The same payee's other lines in the batch get the same account: one person, one account.
      const same = await trx.selectFrom('compensation_lines').select('id').where('batch_id', '=', batchId).where('payee', '=', line.payee).where('active', '=', 1).execute();
      for (const s of same) {
        await new CompensationRepository(trx).updateLine(s.id, {
          ...(input.bankAccount !== undefined ? { bank_account: input.bankAccount || null } : {}), ...(input.idNumber !== undefined ? { id_number: input.idNumber.toUpperCase() || null } : {}),
        });
      }
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'compensation_line', entityId: lineId, after: { payee: line.payee, bankAccount: input.bankAccount ? '***' : undefined } }, at);
    });
    return this.batch(viewer, batchId);
  }

  /** An objection raised during the posting (by a villager, recorded by staff or the village). */
  async object(viewer: Viewer, batchId: string, input: { lineId?: string | undefined; raisedBy: string; content: string }): Promise<ServiceResult<BatchDetail>> {
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief')) return forbidden();
    const repo = new CompensationRepository(this.store.db);
    const b = await repo.batch(batchId);
    if (!b || !isInScope(b.unitCode, viewer.scopeCode)) return notFound();
    const refusal = batchActionRefusal(b, 'object', this.today());
    if (refusal) return failure({ kind: 'conflict', message: refusal });
    if (input.lineId) {
      const line = await repo.line(input.lineId);
      if (!line || line.batch_id !== batchId) return invalid('/body/lineId', '名册中没有这一行');
    }
    const at = this.now().toISOString();
    const id = randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      await new CompensationRepository(trx).insertObjection({ id, batch_id: batchId, line_id: input.lineId ?? null, raised_by: input.raisedBy.trim(), content: input.content.trim(), raised_at: at, status: 'open', resolution: null, resolved_by: null, resolved_at: null });
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'compensation_objection', entityId: id, after: { batchId, ...input } }, at);
    });
    return this.batch(viewer, batchId);
  }

  /**
   * Resolves an objection. Upheld with `removeLine`, its line leaves the batch (and the parcel is free again); upheld
   * with `areaMu`, the line is recomputed at the corrected area; rejected, nothing changes but the record.
   */
  async resolve(viewer: Viewer, batchId: string, objectionId: string, input: { upheld: boolean; resolution: string; removeLine?: boolean | undefined; areaMu?: number | undefined }): Promise<ServiceResult<BatchDetail>> {
    if (!canManage(viewer)) return forbidden();
    const at = this.now().toISOString();
    const r = await this.store.db.transaction().execute(async (trx): Promise<ServiceResult<null>> => {
      const repo = new CompensationRepository(trx);
      const b = await repo.batch(batchId);
      if (!b || !isInScope(b.unitCode, viewer.scopeCode)) return notFound();
      if (b.status !== 'posted') return failure({ kind: 'conflict', message: '只能处理公示中批次的异议' });
      const o = await repo.objection(objectionId);
      if (!o || o.batch_id !== batchId) return notFound();
      if (o.status !== 'open') return failure({ kind: 'conflict', message: '该异议已处理' });
      if (input.upheld && (input.removeLine || input.areaMu !== undefined)) {
        if (!o.line_id) return invalid('/body/removeLine', '该异议没有指向名册中的某一行');
        const line = await repo.line(o.line_id);
        if (!line || line.active !== 1) return invalid('/body/removeLine', '该行已不在名册中');
        if (input.removeLine) await repo.updateLine(line.id, { active: 0, note: `异议成立，移出名册：${input.resolution.trim()}` });
        else {
          const areaM2 = (input.areaMu! * 10000) / 15;
          await repo.updateLine(line.id, { area_m2: areaM2, amount_fen: lineAmountFen(areaM2, line.rate_fen), note: `异议成立，面积由 ${squareMetresToMu(line.area_m2).toFixed(2)} 亩更正为 ${input.areaMu!.toFixed(2)} 亩` });
        }
      }
      await repo.resolveObjection(objectionId, { status: input.upheld ? 'upheld' : 'rejected', resolution: input.resolution.trim(), resolved_by: viewer.userId, resolved_at: at });
      await recordAudit(trx, { userId: viewer.userId, action: 'update', entity: 'compensation_objection', entityId: objectionId, after: input }, at);
      return success(null);
    });
    if (!r.ok) return r;
    return this.batch(viewer, batchId);
  }

  /** The bank's payment file (代发清单) or the public posting sheet (公示表, ID numbers masked, no accounts). */
  async workbook(viewer: Viewer, batchId: string, kind: 'bank' | 'posting'): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const found = await this.batch(viewer, batchId);
    if (!found.ok) return found;
    const b = found.value;
    if (kind === 'bank' && b.status !== 'approved' && b.status !== 'paid') return failure({ kind: 'conflict', message: '审定后才能导出银行代发清单' });
    // One row per payee for the bank; one row per parcel for the posting, so a villager can check each parcel.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(kind === 'bank' ? '代发清单' : '公示表');
    const title = kind === 'bank' ? `${b.title} 银行代发清单` : `${b.title} 公示表（公示期 ${b.postingFrom ?? '—'} 至 ${b.postingTo ?? '—'}）`;
    sheet.addRow([title]);
    sheet.getRow(1).font = { bold: true, size: 14 };
    if (kind === 'bank') {
      sheet.mergeCells(1, 1, 1, 8);
      sheet.addRow(['序号', '户名', '身份证号', '银行账号', '面积(亩)', '标准(元/亩)', '金额(元)', '小班']).font = { bold: true };
      const byPayee = new Map<string, LineRow[]>();
      for (const l of b.lines) byPayee.set(l.payee, [...(byPayee.get(l.payee) ?? []), l]);
      let n = 0;
      for (const [payee, lines] of byPayee) {
        const rates = [...new Set(lines.map((l) => fenToYuan(l.rateFen)))].join('/');
        sheet.addRow([++n, payee, lines[0]!.idNumber ?? '', lines[0]!.bankAccount ?? '', Number(squareMetresToMu(lines.reduce((s, l) => s + l.areaM2, 0)).toFixed(2)),
          rates, Number(fenToYuan(lines.reduce((s, l) => s + l.amountFen, 0))), lines.map((l) => `${l.unitName}${l.parcelNo}`).join('、')]);
      }
      sheet.addRow(['合计', '', '', '', Number(squareMetresToMu(b.areaM2).toFixed(2)), '', Number(fenToYuan(b.amountFen)), '']).font = { bold: true };
      sheet.columns.forEach((c, i) => { c.width = [6, 22, 22, 24, 10, 10, 12, 40][i]; });
    } else {
      sheet.mergeCells(1, 1, 1, 8);
      sheet.addRow(['序号', '户名', '身份证号', '村', '小班号', '森林类别', '面积(亩)', '金额(元)']).font = { bold: true };
      b.lines.forEach((l, i) => sheet.addRow([i + 1, l.payee, maskIdNumber(l.idNumber), l.unitName, l.parcelNo, forestCategories[l.forestCategory] ?? l.forestCategory, Number(squareMetresToMu(l.areaM2).toFixed(2)), Number(fenToYuan(l.amountFen))]));
      sheet.addRow(['合计', '', '', '', '', '', Number(squareMetresToMu(b.areaM2).toFixed(2)), Number(fenToYuan(b.amountFen))]).font = { bold: true };
      sheet.addRow([`如有异议，请于公示期内向${b.unitName}或县林业局反映。`]);
      sheet.columns.forEach((c, i) => { c.width = [6, 22, 22, 12, 10, 12, 10, 12][i]; });
    }
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: `${b.title}${kind === 'bank' ? '银行代发清单' : '公示表'}.xlsx` });
  }
}

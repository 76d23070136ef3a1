import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { isInScope, scopePrefix, treeGrade, treeGradeNames, treeHealthNames, type TreeGrade, type TreeHealth } from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { codePrefix, containsText, paginate, type PageOf, type PageRequest } from '../db/paginate.ts';
import { failure, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { unitAtPoint } from '../problems/locate.ts';
import { checkOwnPhotos } from '../files/own-photos.ts';

export interface AncientTree {
  id: string;
  registerNo: string;
  unitCode: string;
  unitName: string;
  lon: number;
  lat: number;
  species: string;
  latinName: string | null;
  estimatedAge: number | null;
  famous: boolean;
  grade: TreeGrade;
  girthCm: number | null;
  heightM: number | null;
  crownM: number | null;
  owner: string | null;
  caretakerPersonId: string | null;
  caretakerName: string | null;
  caretakerPhone: string | null;
  health: TreeHealth;
  photos: string[];
  note: string | null;
  updatedAt: string;
}

export interface TreeInput {
  registerNo: string;
  lon: number;
  lat: number;
  species: string;
  latinName?: string | undefined;
  estimatedAge?: number | undefined;
  famous?: boolean | undefined;
  girthCm?: number | undefined;
  heightM?: number | undefined;
  crownM?: number | undefined;
  owner?: string | undefined;
  caretakerPersonId?: string | undefined;
  caretakerName?: string | undefined;
  caretakerPhone?: string | undefined;
  health?: TreeHealth | undefined;
  photos?: string[] | undefined;
  note?: string | undefined;
}

const canEdit = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');

/**
 * The register of ancient and famous trees (issue 5 §5): a point each with species, estimated age and the grade it
 * gives (LY/T 2738-2016), measurements, owner, caretaker, health, photos and inspections; the village is found from
 * the point; a register number is unique within its county.
 */
export class AncientTreeService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Called after every write (the tile layer of trees is rebuilt). */
    private readonly onChange: () => void = () => {},
  ) {}

  private query() {
    return this.store.db.selectFrom('ancient_trees as t').innerJoin('units as u', 'u.code', 't.unit_code').selectAll('t').select('u.short_name');
  }

  private static toTree(r: Awaited<ReturnType<ReturnType<AncientTreeService['query']>['execute']>>[number]): AncientTree {
    return {
      id: r.id, registerNo: r.register_no, unitCode: r.unit_code, unitName: r.short_name, lon: r.lon, lat: r.lat, species: r.species, latinName: r.latin_name,
      estimatedAge: r.estimated_age, famous: r.famous === 1, grade: r.grade as TreeGrade, girthCm: r.girth_cm, heightM: r.height_m, crownM: r.crown_m, owner: r.owner,
      caretakerPersonId: r.caretaker_person_id, caretakerName: r.caretaker_name, caretakerPhone: r.caretaker_phone, health: r.health as TreeHealth,
      photos: JSON.parse(r.photos) as string[], note: r.note, updatedAt: r.updated_at,
    };
  }

  async canSeeFile(viewer: Viewer, fileId: string): Promise<boolean> {
    const hit = await this.store.db.selectFrom('ancient_trees').select('unit_code').where('photos', 'like', containsText(fileId)).where('unit_code', 'like', codePrefix(viewer.scopePrefix)).executeTakeFirst();
    if (hit) return true;
    const inspection = await this.store.db.selectFrom('ancient_tree_inspections as i').innerJoin('ancient_trees as t', 't.id', 'i.tree_id').select('t.unit_code')
      .where('i.photos', 'like', containsText(fileId)).where('t.unit_code', 'like', codePrefix(viewer.scopePrefix)).executeTakeFirst();
    return !!inspection;
  }

  async list(viewer: Viewer, input: PageRequest & { unit?: string | undefined; grade?: TreeGrade | undefined; q?: string | undefined }): Promise<ServiceResult<PageOf<AncientTree>>> {
    const unit = input.unit ?? viewer.scopeCode;
    if (!isInScope(unit, viewer.scopeCode)) return notFound();
    let q = this.query().where('t.unit_code', 'like', codePrefix(scopePrefix(unit)));
    if (input.grade) q = q.where('t.grade', '=', input.grade);
    if (input.q?.trim()) {
      const text = containsText(input.q.trim());
      q = q.where((eb) => eb.or([eb('t.register_no', 'like', text), eb('t.species', 'like', text), eb('t.latin_name', 'like', text), eb('t.caretaker_name', 'like', text)]));
    }
    const { rows, total } = await paginate(q.orderBy('t.register_no'), input);
    return success({ items: rows.map(AncientTreeService.toTree), total });
  }

  async get(viewer: Viewer, id: string): Promise<ServiceResult<AncientTree & { inspections: { id: string; inspectedOn: string; inspector: string; health: TreeHealth; finding: string; photos: string[] }[] }>> {
    const r = await this.query().where('t.id', '=', id).executeTakeFirst();
    if (!r || !isInScope(r.unit_code, viewer.scopeCode)) return notFound();
    const inspections = await this.store.db.selectFrom('ancient_tree_inspections').selectAll().where('tree_id', '=', id).orderBy('inspected_on', 'desc').execute();
    return success({
      ...AncientTreeService.toTree(r),
      inspections: inspections.map((i) => ({ id: i.id, inspectedOn: i.inspected_on, inspector: i.inspector, health: i.health as TreeHealth, finding: i.finding, photos: JSON.parse(i.photos) as string[] })),
    });
  }

  private checkPhotos(viewer: Viewer, ids: string[] | undefined, field: string): Promise<ServiceResult<string[]>> {
    return checkOwnPhotos(this.store.db, viewer, ids, field);
  }

  async create(viewer: Viewer, input: TreeInput): Promise<ServiceResult<AncientTree>> {
    return this.save(viewer, null, input);
  }

  async update(viewer: Viewer, id: string, input: TreeInput): Promise<ServiceResult<AncientTree>> {
    return this.save(viewer, id, input);
  }

  private async save(viewer: Viewer, id: string | null, input: TreeInput): Promise<ServiceResult<AncientTree>> {
    if (!canEdit(viewer)) return failure({ kind: 'forbidden', message: '只有林业局工作人员可以登记古树名木' });
    const grade = treeGrade(input.estimatedAge ?? null, input.famous ?? false);
    if (!grade) return invalid('/body/estimatedAge', input.estimatedAge === undefined ? '请填写估测树龄，或标明为名木' : '树龄不足 100 年且非名木，不列入古树名木名录');
    const unit = await unitAtPoint(this.store.db, this.store.spatial, viewer.scopePrefix, input.lon, input.lat);
    if (!unit || !isInScope(unit.code, viewer.scopeCode)) return invalid('/body/lon', '位置不在您管辖的区划范围内，请核对经纬度');
    const photos = await this.checkPhotos(viewer, input.photos, '/body/photos');
    if (!photos.ok) return photos;
    if (input.caretakerPersonId) {
      const person = await this.store.db.selectFrom('people').select(['id', 'name', 'phone']).where('id', '=', input.caretakerPersonId).executeTakeFirst();
      if (!person) return invalid('/body/caretakerPersonId', '管护人不在人员名册中');
    }
    const at = this.now().toISOString();
    const county = unit.code.slice(0, 6);
    const existing = id ? await this.store.db.selectFrom('ancient_trees').selectAll().where('id', '=', id).executeTakeFirst() : null;
    if (id && (!existing || !isInScope(existing.unit_code, viewer.scopeCode))) return notFound();
    const clash = await this.store.db.selectFrom('ancient_trees').select('id').where('county_code', '=', county).where('register_no', '=', input.registerNo.trim()).executeTakeFirst();
    if (clash && clash.id !== id) return failure({ kind: 'conflict', field: '/body/registerNo', message: `本县已有编号为 ${input.registerNo.trim()} 的古树名木` });
    const values = {
      county_code: county, register_no: input.registerNo.trim(), unit_code: unit.code, lon: input.lon, lat: input.lat, species: input.species.trim(),
      latin_name: input.latinName?.trim() || null, estimated_age: input.estimatedAge ?? null, famous: input.famous ? 1 : 0, grade,
      girth_cm: input.girthCm ?? null, height_m: input.heightM ?? null, crown_m: input.crownM ?? null, owner: input.owner?.trim() || null,
      caretaker_person_id: input.caretakerPersonId ?? null, caretaker_name: input.caretakerName?.trim() || null, caretaker_phone: input.caretakerPhone?.trim() || null,
      health: input.health ?? 'good', photos: JSON.stringify(photos.value), note: input.note?.trim() || null, updated_at: at,
    };
    const treeId = id ?? randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      if (existing) await trx.updateTable('ancient_trees').set(values).where('id', '=', treeId).execute();
      else await trx.insertInto('ancient_trees').values({ id: treeId, ...values, created_by: viewer.userId, created_at: at }).execute();
      await recordAudit(trx, { userId: viewer.userId, action: existing ? 'update' : 'create', entity: 'ancient_tree', entityId: treeId, before: existing ?? undefined, after: values }, at);
    });
    this.onChange();
    const r = await this.query().where('t.id', '=', treeId).executeTakeFirstOrThrow();
    return success(AncientTreeService.toTree(r));
  }

  /** A caretaker's or staff member's check of a tree; its health becomes the tree's current health. */
  async inspect(viewer: Viewer, treeId: string, input: { inspectedOn: string; inspector: string; health: TreeHealth; finding: string; photos?: string[] | undefined }): Promise<ServiceResult<{ id: string }>> {
    if (!viewer.roles.some((r) => r === 'admin' || r === 'staff' || r === 'chief' || r === 'ranger')) return failure({ kind: 'forbidden' });
    const tree = await this.store.db.selectFrom('ancient_trees').select(['id', 'unit_code']).where('id', '=', treeId).executeTakeFirst();
    if (!tree || !isInScope(tree.unit_code, viewer.scopeCode)) return notFound();
    const today = new Date(this.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    if (input.inspectedOn > today) return invalid('/body/inspectedOn', '巡查日期不能晚于今天');
    const photos = await this.checkPhotos(viewer, input.photos, '/body/photos');
    if (!photos.ok) return photos;
    const at = this.now().toISOString();
    const id = randomUUID();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('ancient_tree_inspections').values({ id, tree_id: treeId, inspected_on: input.inspectedOn, inspector: input.inspector.trim(), health: input.health, finding: input.finding.trim(), photos: JSON.stringify(photos.value), created_by: viewer.userId, created_at: at }).execute();
      const latest = await trx.selectFrom('ancient_tree_inspections').select('health').where('tree_id', '=', treeId).orderBy('inspected_on', 'desc').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      await trx.updateTable('ancient_trees').set({ health: latest.health, updated_at: at }).where('id', '=', treeId).execute();
      await recordAudit(trx, { userId: viewer.userId, action: 'create', entity: 'ancient_tree_inspection', entityId: id, after: { treeId, ...input } }, at);
    });
    this.onChange(); // the tree's health is on the map
    return success({ id });
  }

  async workbook(viewer: Viewer, input: { unit?: string | undefined; grade?: TreeGrade | undefined; q?: string | undefined }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const page = await this.list(viewer, { ...input, limit: 100_000, offset: 0 });
    if (!page.ok) return page;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('古树名木');
    sheet.addRow(['编号', '村', '树种', '拉丁名', '估测树龄', '等级', '胸围(cm)', '树高(m)', '冠幅(m)', '经度', '纬度', '权属', '管护人', '管护人电话', '生长状况']).font = { bold: true };
    for (const t of page.value.items) {
      sheet.addRow([t.registerNo, t.unitName, t.species, t.latinName ?? '', t.estimatedAge ?? '', treeGradeNames[t.grade], t.girthCm ?? '', t.heightM ?? '', t.crownM ?? '',
        t.lon, t.lat, t.owner ?? '', t.caretakerName ?? '', t.caretakerPhone ?? '', treeHealthNames[t.health]]);
    }
    sheet.columns.forEach((c, i) => { c.width = [16, 12, 12, 22, 10, 10, 10, 10, 10, 12, 12, 12, 10, 14, 10][i]; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: '古树名木名录.xlsx' });
  }
}

import {
  ageGroups, areaBy, authorityLevels, forestCategories, forestCoverage, landClasses, origins, responsibilityCoverage, squareMetresToMu, isInScope, landClassDeltas, parcelChanges, scopePrefix, unitLevelOf,
  type ForestCoverage, type LandClassDelta, type ParcelChange, type UnitLevel,
} from '@linzhang/domain';
import ExcelJS from 'exceljs';
import type { Store } from '../db/connect.ts';
import { invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { PageOf, PageRequest } from '../db/paginate.ts';
import { ParcelRepository, type ParcelFilter, type ParcelGroup, type ParcelSummary } from './parcel-repository.ts';

/** The most parcels one Excel export carries (a full county is ~100,000). */
export const PARCEL_EXPORT_LIMIT = 150_000;

export interface ParcelQuery {
  unit?: string;
  year: number;
  landClass?: string;
  forestCategory?: string;
  origin?: string;
  q?: string;
}
import { ancestorAt } from '../problems/notify.ts';
import { memoized } from '../http/read-memo.ts';
import { AreaRepository } from '../areas/repository.ts';
import { scatteredTreeAreas } from './scattered-trees.ts';

const childLevel: Record<UnitLevel, UnitLevel> = { province: 'county', county: 'town', town: 'village', village: 'village' };
/** The digits of a code that name its unit at each level (DOMAIN.md §3: 6 county + 3 town + 3 village). */
const childDigits: Record<UnitLevel, number> = { province: 2, county: 6, town: 9, village: 12 };

export interface LedgerStatistics {
  unitCode: string;
  unitName: string;
  year: number;
  parcels: number;
  areaM2: number;
  volumeM3: number;
  coverage: ForestCoverage;
  byLandClass: { key: string | null; areaM2: number; parcels: number }[];
  byForestCategory: { key: string | null; areaM2: number; parcels: number }[];
  byOrigin: { key: string | null; areaM2: number; parcels: number }[];
  bySpecies: { key: string | null; areaM2: number; parcels: number }[];
  children: { unitCode: string; unitName: string; parcels: number; areaM2: number; coverage: number | null }[];
}

/**
 * The ledger's statistics (issue 5 §2): areas by 地类 / 森林类别 / 起源 / species and forest coverage by the
 * DOMAIN.md §3 formula, for a unit and its next level, with the registered 四旁树 and shelterbelt crown area.
 */
export class LedgerService {
  constructor(private readonly store: Store) {}

  async statistics(viewer: Viewer, input: { unit?: string; year: number }): Promise<ServiceResult<LedgerStatistics>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const level = childLevel[unitLevelOf(unitCode)];
    const groups = await this.groups(unitCode, input.year, level);
    const byChild = new Map<string, ParcelGroup[]>();
    for (const g of groups) byChild.set(g.childCode, [...(byChild.get(g.childCode) ?? []), g]);
    const childCodes = [...byChild.keys()];
    const units = await this.store.db.selectFrom('units').select(['code', 'short_name', 'area_m2']).where('code', 'in', [unitCode, ...childCodes]).execute();
    const unit = new Map(units.map((u) => [u.code, u]));
    // A group's canopy class stands in for its closures: coverage asks only whether each is at least 0.2.
    const asCoverage = (list: ParcelGroup[]) => list.map((g) => ({ landClass: g.landClass, canopyClosure: g.canopyAtLeast02 === null ? null : g.canopyAtLeast02 ? 1 : 0, areaM2: g.areaM2 }));
    // 四旁树 and shelterbelts count where they are registered (village or town), summed up the tree.
    const scattered = await scatteredTreeAreas(this.store.db, scopePrefix(unitCode), input.year);
    const scatteredIn = (code: string) => [...scattered].filter(([c]) => isInScope(c, code)).reduce((s, [, m2]) => s + m2, 0);
    const sum = (list: ParcelGroup[], f: (g: ParcelGroup) => number) => list.reduce((s, g) => s + f(g), 0);
    const children = [...byChild].map(([code, mine]) => ({
      unitCode: code, unitName: unit.get(code)?.short_name ?? code, parcels: sum(mine, (g) => g.parcels), areaM2: sum(mine, (g) => g.areaM2),
      coverage: forestCoverage(asCoverage(mine), unit.get(code)?.area_m2 ?? 0, scatteredIn(code)).coverage,
    })).sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    const by = (key: (g: ParcelGroup) => string | null) => areaBy(groups.map((g) => ({ key: key(g), areaM2: g.areaM2, parcels: g.parcels })));
    return success({
      unitCode, unitName: unit.get(unitCode)?.short_name ?? unitCode, year: input.year, parcels: sum(groups, (g) => g.parcels),
      areaM2: sum(groups, (g) => g.areaM2), volumeM3: sum(groups, (g) => g.volumeM3),
      coverage: forestCoverage(asCoverage(groups), unit.get(unitCode)?.area_m2 ?? 0, scatteredIn(unitCode)),
      byLandClass: by((g) => g.landClass), byForestCategory: by((g) => g.forestCategory), byOrigin: by((g) => g.origin), bySpecies: by((g) => g.dominantSpecies),
      children,
    });
  }

  /** The ledger summed per next-level unit and attribute, shared by the reads of one view (the dashboard). */
  private groups(unitCode: string, year: number, level: UnitLevel): Promise<ParcelGroup[]> {
    const prefix = scopePrefix(unitCode);
    return memoized(`ledger-groups|${prefix}|${year}|${level}`, () => new ParcelRepository(this.store.db, this.store.spatial).statisticsGroups(prefix, year, childDigits[level]));
  }

  /** What changed between two yearly versions of the ledger (年度更新), per land class and per parcel. */
  async changes(viewer: Viewer, input: { unit?: string; from: number; to: number }): Promise<ServiceResult<{
    unitCode: string; from: number; to: number; landClasses: LandClassDelta[]; changes: ParcelChange[]; counts: Record<ParcelChange['kind'], number>; truncated: boolean;
  }>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    if (input.from === input.to) return invalid('/querystring/to', '请选择两个不同的年度');
    const repo = new ParcelRepository(this.store.db, this.store.spatial);
    const [a, b] = [await repo.versions(scopePrefix(unitCode), input.from), await repo.versions(scopePrefix(unitCode), input.to)];
    const all = parcelChanges(a, b);
    const counts = { added: 0, removed: 0, changed: 0 };
    for (const c of all) counts[c.kind]++;
    const limit = 2000;
    return success({ unitCode, from: input.from, to: input.to, landClasses: landClassDeltas(a, b), changes: all.slice(0, limit), counts, truncated: all.length > limit });
  }

  /**
   * The area of each land class of a ledger year in a unit and in each unit of its next level — the base of rates
   * over the forest land such as the pest disaster rate (issue 7 §5). Scoped like `statistics`.
   */
  async landClassAreas(viewer: Viewer, input: { unit?: string; year: number }): Promise<ServiceResult<{ unitCode: string; year: number; total: Map<string, number>; children: Map<string, Map<string, number>> }>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const level = childLevel[unitLevelOf(unitCode)];
    const groups = await this.groups(unitCode, input.year, level);
    const total = new Map<string, number>();
    const children = new Map<string, Map<string, number>>();
    for (const g of groups) {
      total.set(g.landClass, (total.get(g.landClass) ?? 0) + g.areaM2);
      const m = children.get(g.childCode) ?? new Map<string, number>();
      m.set(g.landClass, (m.get(g.landClass) ?? 0) + g.areaM2);
      children.set(g.childCode, m);
    }
    return success({ unitCode, year: input.year, total, children });
  }

  /** The ledger years with parcels in the viewer's scope, latest first. */
  async years(viewer: Viewer): Promise<ServiceResult<{ years: number[] }>> {
    return success({ years: await new ParcelRepository(this.store.db, this.store.spatial).years(viewer.scopePrefix) });
  }

  async parcels(viewer: Viewer, input: PageRequest & ParcelQuery): Promise<ServiceResult<PageOf<ParcelSummary>>> {
    const filter = this.parcelFilter(viewer, input);
    if (!filter) return notFound();
    return success(await new ParcelRepository(this.store.db, this.store.spatial).list(filter, input));
  }

  /** The filtered parcel list as an Excel workbook (refused, not cut short, beyond PARCEL_EXPORT_LIMIT rows). */
  async parcelWorkbook(viewer: Viewer, input: ParcelQuery): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const filter = this.parcelFilter(viewer, input);
    if (!filter) return notFound();
    const rows = await new ParcelRepository(this.store.db, this.store.spatial).all(filter, PARCEL_EXPORT_LIMIT + 1);
    if (rows.length > PARCEL_EXPORT_LIMIT) return invalid('/querystring', `筛选结果超过 ${PARCEL_EXPORT_LIMIT} 个小班，请按区划或地类缩小范围后再导出`);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(`小班 ${input.year}`);
    const header = ['小班号', '区划代码', '区划', '地类代码', '地类', '森林类别', '事权等级', '起源', '优势树种', '龄组', '郁闭度', '蓄积（立方米）', '面积（公顷）', '面积（亩）', '林地所有权', '经营者'];
    sheet.addRow(header).font = { bold: true };
    const name = (table: Record<string, string>, code: string | null) => (code ? (table[code] ?? code) : '');
    for (const r of rows) {
      sheet.addRow([
        r.parcelNo, r.unitCode, r.unitName, r.landClass, landClasses[r.landClass]?.name ?? '', name(forestCategories, r.forestCategory), name(authorityLevels, r.authorityLevel),
        name(origins, r.origin), r.dominantSpecies ?? '', name(ageGroups, r.ageGroup), r.canopyClosure ?? '', r.volumeM3 ?? '',
        Math.round(r.areaM2 / 100) / 100, Math.round(squareMetresToMu(r.areaM2) * 100) / 100, r.ownerType ?? '', r.owner ?? '',
      ]);
    }
    sheet.columns.forEach((c, i) => { c.width = [10, 14, 12, 8, 16, 12, 8, 6, 10, 8, 8, 14, 12, 12, 10, 20][i]; });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: `小班-${filter.unitPrefix ?? viewer.scopeCode}-${input.year}.xlsx` });
  }

  private parcelFilter(viewer: Viewer, input: ParcelQuery): ParcelFilter | null {
    if (input.unit && !isInScope(input.unit, viewer.scopeCode)) return null;
    return {
      scopePrefix: viewer.scopePrefix, year: input.year,
      ...(input.unit ? { unitPrefix: scopePrefix(input.unit) } : {}), ...(input.landClass ? { landClass: input.landClass } : {}),
      ...(input.forestCategory ? { forestCategory: input.forestCategory } : {}), ...(input.origin ? { origin: input.origin } : {}), ...(input.q ? { q: input.q } : {}),
    };
  }

  /**
   * Management responsibility coverage (issue 5 §2): the share of the ledger's forest land lying in rangers'
   * management grids, per next-level unit, and the parcels left outside. Clipping runs per parcel, so a very
   * large subtree is refused with a hint to choose a town or village.
   */
  async responsibility(viewer: Viewer, input: { unit?: string; year: number }): Promise<ServiceResult<ResponsibilityReport>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const forestClasses = Object.entries(landClasses).filter(([, c]) => c.forest).map(([code]) => code);
    const prefix = scopePrefix(unitCode);
    const repo = new ParcelRepository(this.store.db, this.store.spatial);
    const count = await repo.countForest(prefix, input.year, forestClasses);
    if (count > MAX_RESPONSIBILITY_PARCELS) return invalid('/querystring/unit', `该区划有 ${count} 个林地小班，超过一次可核算的 ${MAX_RESPONSIBILITY_PARCELS} 个，请选择乡镇或村`);
    const parcels = await repo.forestGeometries(prefix, input.year, forestClasses);
    const grids = await new AreaRepository(this.store.db, this.store.spatial).geometries(prefix, { kind: 'grid' });
    const r = responsibilityCoverage(parcels, grids.map((g) => g.geometry));
    const level = childLevel[unitLevelOf(unitCode)];
    const children = new Map<string, { forestM2: number; coveredM2: number }>();
    for (const [code, v] of r.byUnit) {
      const key = ancestorAt(code, level);
      const c = children.get(key) ?? { forestM2: 0, coveredM2: 0 };
      c.forestM2 += v.forestM2;
      c.coveredM2 += v.coveredM2;
      children.set(key, c);
    }
    const codes = [...new Set([unitCode, ...children.keys(), ...r.gaps.slice(0, 200).map((g) => g.unitCode)])];
    const units = await this.store.db.selectFrom('units').select(['code', 'short_name']).where('code', 'in', codes).execute();
    const name = new Map(units.map((u) => [u.code, u.short_name]));
    return success({
      unitCode, unitName: name.get(unitCode) ?? unitCode, year: input.year, grids: grids.length, parcels: parcels.length,
      forestM2: r.forestM2, coveredM2: r.coveredM2, share: r.share,
      children: [...children.entries()].map(([code, v]) => ({ unitCode: code, unitName: name.get(code) ?? code, ...v, share: v.forestM2 > 0 ? v.coveredM2 / v.forestM2 : null }))
        .sort((a, b) => a.unitCode.localeCompare(b.unitCode)),
      gaps: r.gaps.slice(0, 200).map((g) => ({ ...g, unitName: name.get(g.unitCode) ?? g.unitCode })), gapCount: r.gaps.length, unchecked: r.unchecked,
    });
  }
}

const MAX_RESPONSIBILITY_PARCELS = 30_000;

export interface ResponsibilityReport {
  unitCode: string;
  unitName: string;
  year: number;
  grids: number;
  parcels: number;
  forestM2: number;
  coveredM2: number;
  share: number | null;
  children: { unitCode: string; unitName: string; forestM2: number; coveredM2: number; share: number | null }[];
  gaps: { id: string; parcelNo: string; unitCode: string; unitName: string; areaM2: number; uncoveredM2: number }[];
  gapCount: number;
  unchecked: { id: string; parcelNo: string; reason: string }[];
}

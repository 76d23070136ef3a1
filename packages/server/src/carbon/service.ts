import {
  CO2_PER_C, annualSink, isInScope, parcelCarbon, scopePrefix, townCarbonBalance, unitLevelOf,
  type CarbonSpeciesRow, type TownCarbonBalance, type TownCarbonFigures, type UnitLevel,
} from '@linzhang/domain';
import type { Store } from '../db/connect.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { failure, forbidden, invalid, notFound, success, type ServiceResult } from '../http/problem.ts';
import type { Viewer } from '../auth/viewer.ts';
import { shanghaiDate, type RuleSource } from '../rules/service.ts';
import { ancestorAt } from '../problems/notify.ts';
import { CarbonRepository, type TownFigureRow } from './repository.ts';

const childLevel: Record<UnitLevel, UnitLevel> = { province: 'county', county: 'town', town: 'village', village: 'village' };
/** Entering a town's figures is the bureau's work. */
const canEnter = (viewer: Viewer): boolean => viewer.roles.some((r) => r === 'admin' || r === 'staff');

export interface CarbonAmount { parcels: number; volumeM3: number; carbonT: number; co2eT: number }
export interface UnitCarbon extends CarbonAmount { unitCode: string; unitName: string }
export interface SpeciesCarbon extends CarbonAmount { species: string | null; row: string; fallback: boolean }
export interface CarbonStock extends CarbonAmount {
  unitCode: string; unitName: string; year: number; asOf: string; fallbackParcels: number;
  /** Parcels without a stand volume (bamboo, shrubs, unstocked land): the volume method gives them no carbon. */
  noVolumeParcels: number;
  children: UnitCarbon[]; bySpecies: SpeciesCarbon[];
  parameters: { rows: CarbonSpeciesRow[]; fallbackSpecies: string; source: string }; // the rows the stock used
}
export interface UnitSink { unitCode: string; unitName: string; fromCarbonT: number; toCarbonT: number; sinkT: number; sinkCo2eT: number }
export interface CarbonSink extends UnitSink { from: number; to: number; years: number; asOf: string; children: UnitSink[] }
export interface ParcelCarbonView {
  id: string; parcelNo: string; year: number; unitCode: string; unitName: string; landClass: string; species: string | null; volumeM3: number | null; areaM2: number;
  carbonT: number; co2eT: number; fallback: boolean; row: CarbonSpeciesRow; asOf: string;
}
export interface TownFigures extends TownCarbonFigures { source: string; note: string | null; updatedBy: string | null; updatedAt: string }
export interface TownBalanceRow { unitCode: string; unitName: string; forestSinkT: number | null; figures: TownFigures | null; balance: TownCarbonBalance | null }
export interface TownBalances { unitCode: string; year: number; sinkFrom: number | null; sinkNote: string | null; towns: TownBalanceRow[] }
export type TownFiguresInput = TownCarbonFigures & { source: string; note?: string };

const zero = (): CarbonAmount => ({ parcels: 0, volumeM3: 0, carbonT: 0, co2eT: 0 });
const add = (a: CarbonAmount, volumeM3: number | null, carbonT: number, co2eT: number) => {
  a.parcels += 1; a.volumeM3 += volumeM3 ?? 0; a.carbonT += carbonT; a.co2eT += co2eT;
};
const figureFields = ['waterAbsorption', 'grassAbsorption', 'cropsAbsorption', 'residentsEmission', 'farmMachineryEmission', 'transportEmission'] as const;

/**
 * Forest carbon (issue 8 §4, DOMAIN.md §9): the stock of a unit from the ledger's volumes by species, the annual sink
 * between two ledger years, and each town's balance with its entered emissions and other absorption.
 */
export class CarbonService {
  constructor(private readonly store: Store, private readonly now: () => Date, private readonly rules: RuleSource) {}

  private repo() { return new CarbonRepository(this.store.db); }
  private today() { return shanghaiDate(this.now().getTime()); }

  async years(viewer: Viewer, unit?: string): Promise<ServiceResult<{ unitCode: string; years: number[] }>> {
    const unitCode = unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    return success({ unitCode, years: await this.repo().years(scopePrefix(unitCode)) });
  }

  /** The carbon of a unit and its next level in one ledger year, under the parameters in force on `asOf` (default today). */
  async stock(viewer: Viewer, input: { unit?: string; year: number; asOf?: string; childLevel?: UnitLevel }): Promise<ServiceResult<CarbonStock>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const asOf = input.asOf ?? this.today();
    const params = await this.rules.carbonParametersAt(asOf);
    const repo = this.repo();
    const rows = await repo.parcels(scopePrefix(unitCode), input.year);
    // `childLevel` lets the town balance group by town whatever the unit (a province user's children are counties).
    const level = input.childLevel ?? childLevel[unitLevelOf(unitCode)];
    const total = zero();
    const children = new Map<string, CarbonAmount>();
    const species = new Map<string, SpeciesCarbon>();
    const used = new Map<string, CarbonSpeciesRow>();
    let fallbackParcels = 0;
    let noVolumeParcels = 0;
    for (const r of rows) {
      const c = parcelCarbon(r.volume_m3, r.dominant_species, params);
      add(total, r.volume_m3, c.carbonT, c.co2eT);
      const child = ancestorAt(r.unit_code, level);
      if (!children.has(child)) children.set(child, zero());
      add(children.get(child)!, r.volume_m3, c.carbonT, c.co2eT);
      const key = r.dominant_species ?? '';
      if (!species.has(key)) species.set(key, { species: r.dominant_species, row: c.row.species, fallback: false, ...zero() });
      const bySpecies = species.get(key)!;
      add(bySpecies, r.volume_m3, c.carbonT, c.co2eT);
      // Any of its 小班 computed on the 其他 row flags the species (one without volume uses no row).
      bySpecies.fallback ||= c.fallback;
      if (r.volume_m3 !== null && r.volume_m3 > 0) used.set(c.row.species, c.row);
      else noVolumeParcels += 1;
      if (c.fallback) fallbackParcels += 1;
    }
    const names = new Map((await repo.units([unitCode, ...children.keys()])).map((u) => [u.code, u.short_name]));
    return success({
      unitCode, unitName: names.get(unitCode) ?? unitCode, year: input.year, asOf, ...total, fallbackParcels, noVolumeParcels,
      children: [...children].map(([code, a]) => ({ unitCode: code, unitName: names.get(code) ?? code, ...a })).sort((a, b) => a.unitCode.localeCompare(b.unitCode)),
      bySpecies: [...species.values()].sort((a, b) => b.carbonT - a.carbonT),
      parameters: { rows: params.rows.filter((r) => used.has(r.species)), fallbackSpecies: params.fallbackSpecies, source: params.source },
    });
  }

  /** The annual sink between two ledger years (both must exist), same parameters for both so only the volumes differ. */
  async sink(viewer: Viewer, input: { unit?: string; from: number; to: number; asOf?: string; childLevel?: UnitLevel }): Promise<ServiceResult<CarbonSink>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    if (input.to <= input.from) return invalid('/querystring/to', '结束年度应晚于起始年度');
    const years = await this.repo().years(scopePrefix(unitCode));
    for (const [field, year] of [['from', input.from], ['to', input.to]] as const) {
      if (!years.includes(year)) return invalid(`/querystring/${field}`, `${year} 年没有一本账小班数据，无法计算碳汇（已有年度：${years.join('、') || '无'}）`);
    }
    const asOf = input.asOf ?? this.today();
    const level = input.childLevel;
    const [a, b] = [await this.stock(viewer, { unit: unitCode, year: input.from, asOf, childLevel: level }), await this.stock(viewer, { unit: unitCode, year: input.to, asOf, childLevel: level })];
    if (!a.ok || !b.ok) return notFound();
    const span = input.to - input.from;
    const sinkOf = (code: string, name: string, fromT: number, toT: number): UnitSink => {
      const sinkT = annualSink(fromT, toT, span)!;
      return { unitCode: code, unitName: name, fromCarbonT: fromT, toCarbonT: toT, sinkT, sinkCo2eT: sinkT * CO2_PER_C };
    };
    const codes = [...new Set([...a.value.children, ...b.value.children].map((c) => c.unitCode))].sort();
    const find = (list: UnitCarbon[], code: string) => list.find((c) => c.unitCode === code);
    return success({
      ...sinkOf(unitCode, b.value.unitName, a.value.carbonT, b.value.carbonT), from: input.from, to: input.to, years: span, asOf,
      children: codes.map((code) => {
        const x = find(a.value.children, code), y = find(b.value.children, code);
        return sinkOf(code, y?.unitName ?? x?.unitName ?? code, x?.carbonT ?? 0, y?.carbonT ?? 0);
      }),
    });
  }

  async parcel(viewer: Viewer, id: string, asOf?: string): Promise<ServiceResult<ParcelCarbonView>> {
    const repo = this.repo();
    const p = await repo.parcel(id);
    if (!p || !isInScope(p.unit_code, viewer.scopeCode)) return notFound();
    const date = asOf ?? this.today();
    const c = parcelCarbon(p.volume_m3, p.dominant_species, await this.rules.carbonParametersAt(date));
    const [unit] = await repo.units([p.unit_code]);
    return success({
      id: p.id, parcelNo: p.parcel_no, year: Number(p.year), unitCode: p.unit_code, unitName: unit?.short_name ?? p.unit_code, landClass: p.land_class,
      species: p.dominant_species, volumeM3: p.volume_m3, areaM2: p.area_m2, carbonT: c.carbonT, co2eT: c.co2eT, fallback: c.fallback, row: c.row, asOf: date,
    });
  }

  /** Each town's balance in a year: its forest sink from the ledger (the latest earlier ledger year to this one) and its figures. */
  async townBalances(viewer: Viewer, input: { unit?: string; year: number }): Promise<ServiceResult<TownBalances>> {
    const unitCode = input.unit ?? viewer.scopeCode;
    if (!isInScope(unitCode, viewer.scopeCode)) return notFound();
    const repo = this.repo();
    const prefix = scopePrefix(unitCode);
    const towns = unitLevelOf(unitCode) === 'village' ? [] : await repo.towns(prefix);
    const years = await repo.years(prefix);
    const earlier = years.filter((y) => y < input.year).at(-1) ?? null;
    let sinkNote: string | null = null;
    const sinks = new Map<string, number>();
    if (!years.includes(input.year)) sinkNote = `${input.year} 年没有一本账小班数据，森林碳汇无法计算`;
    else if (earlier === null) sinkNote = `只有 ${input.year} 年一年的一本账，森林年碳汇需要两个年度的蓄积`;
    else {
      const s = await this.sink(viewer, { unit: unitCode, from: earlier, to: input.year, childLevel: 'town' });
      if (s.ok) for (const c of s.value.children) sinks.set(c.unitCode, c.sinkCo2eT);
    }
    const figures = new Map((await repo.townFigures(prefix, input.year)).map((r) => [r.unit_code, asFigures(r)]));
    return success({
      unitCode, year: input.year, sinkFrom: sinkNote ? null : earlier, sinkNote,
      towns: towns.map((t) => {
        const forestSinkT = sinkNote ? null : sinks.get(t.code) ?? 0;
        const f = figures.get(t.code) ?? null;
        return { unitCode: t.code, unitName: t.short_name, forestSinkT, figures: f, balance: f ? townCarbonBalance(forestSinkT, f) : null };
      }),
    });
  }

  /** Enters (or corrects) a town's figures for a year, in tCO₂e. */
  async saveTownFigures(viewer: Viewer, townCode: string, year: number, input: TownFiguresInput): Promise<ServiceResult<TownFigures>> {
    if (!isInScope(townCode, viewer.scopeCode)) return notFound();
    if (!canEnter(viewer)) return forbidden();
    if (unitLevelOf(townCode) !== 'town') return invalid('/params/code', '只能为乡镇（街道）填报碳收支数据');
    const bad = figureFields.filter((k) => !Number.isFinite(input[k]) || input[k] < 0);
    if (bad.length) return failure({ kind: 'invalid', errors: bad.map((k) => ({ field: `/body/${k}`, message: '应为不小于 0 的数（吨二氧化碳当量）' })) });
    if (!input.source.trim()) return invalid('/body/source', '请注明数据来源');
    const repo = this.repo();
    if (!(await repo.units([townCode])).length) return notFound();
    const at = this.now().toISOString();
    const row: TownFigureRow = {
      unit_code: townCode, year, residents_t: input.residentsEmission, farm_machinery_t: input.farmMachineryEmission, transport_t: input.transportEmission,
      water_t: input.waterAbsorption, grass_t: input.grassAbsorption, crops_t: input.cropsAbsorption, source: input.source.trim(), note: input.note?.trim() || null,
      updated_by: viewer.userId, updated_at: at,
    };
    await this.store.db.transaction().execute(async (trx) => {
      const r = new CarbonRepository(trx);
      const before = await r.townFigure(townCode, year);
      await r.saveTownFigure(row);
      await recordAudit(trx, { userId: viewer.userId, action: before ? 'update' : 'create', entity: 'carbon_town_figures', entityId: `${townCode}:${year}`, before, after: row }, at);
    });
    return success(asFigures(row));
  }
}

function asFigures(r: TownFigureRow): TownFigures {
  return {
    waterAbsorption: r.water_t, grassAbsorption: r.grass_t, cropsAbsorption: r.crops_t, residentsEmission: r.residents_t, farmMachineryEmission: r.farm_machinery_t,
    transportEmission: r.transport_t, source: r.source, note: r.note, updatedBy: r.updated_by, updatedAt: r.updated_at,
  };
}
